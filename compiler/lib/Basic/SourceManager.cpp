// Source buffers, line tables and code-point columns (SourceManager.h).
#include "ndpc/Basic/SourceManager.h"

#include <algorithm>
#include <stdexcept>

namespace ndpc {

uint32_t SourceManager::addBuffer(std::string path, std::string text) {
  File f;
  f.path = std::move(path);
  f.text = std::move(text);
  f.lineStarts.push_back(0);
  for (size_t i = 0; i < f.text.size(); ++i)
    if (f.text[i] == '\n') f.lineStarts.push_back(i + 1);
  files_.push_back(std::move(f));
  return static_cast<uint32_t>(files_.size());
}

const SourceManager::File &SourceManager::get(uint32_t file) const {
  static const File none;
  if (file == 0 || file > files_.size()) return none;
  return files_[file - 1];
}

const std::string &SourceManager::path(uint32_t file) const { return get(file).path; }
const std::string &SourceManager::text(uint32_t file) const { return get(file).text; }

uint32_t SourceManager::numLines(uint32_t file) const {
  return static_cast<uint32_t>(get(file).lineStarts.size());
}

std::string_view SourceManager::lineText(uint32_t file, uint32_t line) const {
  const File &f = get(file);
  if (line == 0 || line > f.lineStarts.size()) return {};
  size_t begin = f.lineStarts[line - 1];
  size_t end = line < f.lineStarts.size() ? f.lineStarts[line] - 1 : f.text.size();
  std::string_view s(f.text.data() + begin, end - begin);
  if (!s.empty() && s.back() == '\r') s.remove_suffix(1);
  return s;
}

SourceLoc SourceManager::locForOffset(uint32_t file, size_t offset) const {
  const File &f = get(file);
  offset = std::min(offset, f.text.size());
  auto it = std::upper_bound(f.lineStarts.begin(), f.lineStarts.end(), offset);
  size_t line = static_cast<size_t>(it - f.lineStarts.begin());
  size_t begin = f.lineStarts[line - 1];
  std::string_view prefix(f.text.data() + begin, offset - begin);
  return SourceLoc{file, static_cast<uint32_t>(line),
                   static_cast<uint32_t>(codePointCount(prefix) + 1)};
}

size_t codePointCount(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}

size_t utf8SequenceLength(std::string_view s, size_t i) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) return 1;
  size_t len;
  uint32_t cp;
  if ((c & 0xE0) == 0xC0) { len = 2; cp = c & 0x1F; }
  else if ((c & 0xF0) == 0xE0) { len = 3; cp = c & 0x0F; }
  else if ((c & 0xF8) == 0xF0) { len = 4; cp = c & 0x07; }
  else return 0;
  if (i + len > s.size()) return 0;
  for (size_t k = 1; k < len; ++k) {
    unsigned char cc = static_cast<unsigned char>(s[i + k]);
    if ((cc & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (cc & 0x3F);
  }
  static const uint32_t minCp[5] = {0, 0, 0x80, 0x800, 0x10000};
  if (cp < minCp[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return len;
}

} // namespace ndpc
