// Formatting and printing diagnostics (Diagnostics.h).
#include "ndpc/Basic/Diagnostics.h"
#include "ndpc/Basic/SourceManager.h"

#include <algorithm>
#include <sstream>
#include <vector>

namespace ndpc {

namespace {

const char *severityName(Severity s) {
  switch (s) {
  case Severity::Error: return "error";
  case Severity::Warning: return "warning";
  case Severity::Note: return "note";
  }
  return "error";
}

/// The source line as shown under a diagnostic: one display character per code
/// point (control characters and invalid bytes become '?', tabs stay so that
/// the caret lines up), cut to a window around the caret when it is very long.
struct DisplayLine {
  std::string text;
  std::string indent;  // what goes before the caret
  uint32_t firstCol;   // column of the first code point shown
  uint32_t lastCol;    // column of the last code point shown
};

DisplayLine displayLine(std::string_view line, uint32_t caretCol) {
  constexpr uint32_t kWidth = 120, kBefore = 60;
  std::vector<std::string> cps;
  for (size_t i = 0; i < line.size();) {
    unsigned char c = static_cast<unsigned char>(line[i]);
    size_t len = utf8SequenceLength(line, i);
    if (len == 0) { cps.push_back("?"); ++i; continue; }
    if (len == 1 && (c < 0x20 || c == 0x7F) && c != '\t') cps.push_back("?");
    else cps.emplace_back(line.substr(i, len));
    i += len;
  }
  DisplayLine d;
  uint32_t n = static_cast<uint32_t>(cps.size());
  d.firstCol = 1;
  if (n > kWidth && caretCol > kBefore) d.firstCol = std::min(caretCol - kBefore, n > kWidth ? n - kWidth + 1 : 1);
  d.lastCol = std::min(n, d.firstCol + kWidth - 1);
  if (d.firstCol > 1) d.text = "...";
  for (uint32_t c = d.firstCol; c <= d.lastCol; ++c) d.text += cps[c - 1];
  if (d.lastCol < n) d.text += "...";
  d.indent = d.firstCol > 1 ? "   " : "";
  for (uint32_t c = d.firstCol; c < caretCol && c <= n; ++c) d.indent += cps[c - 1] == "\t" ? '\t' : ' ';
  for (uint32_t c = std::max(caretCol > n ? n + 1 : caretCol, d.firstCol); c < caretCol; ++c) d.indent += ' ';
  return d;
}

} // namespace

std::string DiagnosticEngine::format(const Diagnostic &d) const {
  std::ostringstream os;
  if (d.range.valid()) {
    os << sm_.path(d.range.begin.file) << ':' << d.range.begin.line << ':'
       << d.range.begin.col << ": ";
  } else {
    os << "ndpc: ";
  }
  os << severityName(d.severity) << ": " << d.message << '\n';
  if (!d.range.valid()) return os.str();

  std::string_view line = sm_.lineText(d.range.begin.file, d.range.begin.line);
  DisplayLine shown = displayLine(line, d.range.begin.col);
  os << shown.text << '\n';
  os << shown.indent << '^';
  if (d.range.end.line == d.range.begin.line && d.range.end.col > d.range.begin.col + 1) {
    uint32_t last = std::min(d.range.end.col - 1, shown.lastCol);
    for (uint32_t c = d.range.begin.col + 1; c <= last; ++c) os << '~';
  }
  os << '\n';
  const std::string &indent = shown.indent;
  if (!d.fixit.empty()) os << indent << d.fixit << '\n';
  return os.str();
}

void DiagnosticEngine::report(Diagnostic d) {
  if (d.severity == Severity::Note) {
    if (suppressNotes_) return;
  } else if (limitReached()) {
    suppressNotes_ = true;
    if (!limitAnnounced_ && !collecting_) {
      *os_ << "ndpc: error: too many errors (" << errorLimit_
           << "); fix these first, then run again\n";
      limitAnnounced_ = true;
    }
    return;
  } else {
    // A synapse body checked once per projection must not repeat its errors.
    std::string key = std::to_string(static_cast<int>(d.severity)) + ':' +
                      std::to_string(d.range.begin.file) + ':' + std::to_string(d.range.begin.line) +
                      ':' + std::to_string(d.range.begin.col) + ':' + d.message;
    suppressNotes_ = !seen_.insert(key).second;
    if (suppressNotes_) return;
  }

  if (d.severity == Severity::Error) ++errors_;
  if (d.severity == Severity::Warning) ++warnings_;
  bool withContext = d.severity != Severity::Note;
  if (collecting_) {
    collected_.push_back(std::move(d));
  } else {
    *os_ << format(d);
  }
  if (withContext)
    for (auto it = contexts_.rbegin(); it != contexts_.rend(); ++it) {
      if (collecting_) collected_.push_back(*it);
      else *os_ << format(*it);
    }
  os_->flush();
}

} // namespace ndpc
