// Stored (uncompressed) zip archives for .npz snapshots (Zip.h).
#include "Zip.h"

#include "Crc32.h"
#include "Error.h"

namespace ndprt {

namespace {

void put16(std::string &s, uint32_t v) {
  s.push_back(static_cast<char>(v & 0xFF));
  s.push_back(static_cast<char>((v >> 8) & 0xFF));
}

void put32(std::string &s, uint32_t v) {
  put16(s, v & 0xFFFF);
  put16(s, v >> 16);
}

void checkSize(size_t n) {
  if (n >= 0xFFFFFFFFu)
    throw Fault("a snapshot would be 4 GiB or more, past what this writer's zip format holds; snapshot less "
                "often or a smaller graph");
}

uint32_t get16(const std::string &s, size_t at) {
  return static_cast<uint32_t>(static_cast<unsigned char>(s[at])) |
         (static_cast<uint32_t>(static_cast<unsigned char>(s[at + 1])) << 8);
}

uint32_t get32(const std::string &s, size_t at) { return get16(s, at) | (get16(s, at + 2) << 16); }

} // namespace

std::vector<ZipEntry> readZip(const std::string &bytes, const std::string &path) {
  auto damaged = [&](const std::string &why) {
    return Fault("'" + path + "' is not a readable .npz archive (" + why + "); write it with numpy.savez");
  };
  // The end-of-central-directory record: the last 22 bytes plus a comment of up to 64 KiB.
  if (bytes.size() < 22) throw damaged("too short");
  size_t end = std::string::npos;
  const size_t lowest = bytes.size() > 22 + 65535 ? bytes.size() - 22 - 65535 : 0;
  for (size_t at = bytes.size() - 22 + 1; at-- > lowest;)
    if (get32(bytes, at) == 0x06054b50) {
      end = at;
      break;
    }
  if (end == std::string::npos) throw damaged("no end of central directory");
  const uint32_t count = get16(bytes, end + 10), dirSize = get32(bytes, end + 12), dirStart = get32(bytes, end + 16);
  if (dirStart == 0xFFFFFFFFu || count == 0xFFFFu) throw damaged("a ZIP64 archive of 4 GiB or more");
  if (static_cast<uint64_t>(dirStart) + dirSize > end) throw damaged("its directory lies outside the file");
  std::vector<ZipEntry> out;
  size_t at = dirStart;
  for (uint32_t i = 0; i < count; ++i) {
    if (at + 46 > end || get32(bytes, at) != 0x02014b50) throw damaged("a damaged directory entry");
    const uint32_t method = get16(bytes, at + 10), packed = get32(bytes, at + 20), size = get32(bytes, at + 24);
    const uint32_t nameLen = get16(bytes, at + 28), extraLen = get16(bytes, at + 30), commentLen = get16(bytes, at + 32);
    const uint32_t local = get32(bytes, at + 42), crc = get32(bytes, at + 16);
    if (at + 46 + nameLen > end) throw damaged("a damaged directory entry");
    ZipEntry e;
    e.name = bytes.substr(at + 46, nameLen);
    at += 46 + static_cast<size_t>(nameLen) + extraLen + commentLen;
    if (method != 0)
      throw Fault("'" + path + "' entry '" + e.name + "' is compressed; write the file with numpy.savez, not "
                  "numpy.savez_compressed");
    if (packed != size || size == 0xFFFFFFFFu) throw damaged("entry '" + e.name + "' has inconsistent sizes");
    if (static_cast<uint64_t>(local) + 30 > bytes.size() || get32(bytes, local) != 0x04034b50)
      throw damaged("entry '" + e.name + "' has no local header");
    const uint64_t data = static_cast<uint64_t>(local) + 30 + get16(bytes, local + 26) + get16(bytes, local + 28);
    if (data + size > bytes.size()) throw damaged("entry '" + e.name + "' is truncated");
    e.data = bytes.substr(static_cast<size_t>(data), size);
    if (crc32(e.data.data(), e.data.size()) != crc)
      throw damaged("entry '" + e.name + "' fails its CRC check");
    out.push_back(std::move(e));
  }
  return out;
}

void ZipWriter::add(const std::string &name, const std::string &data) {
  checkSize(out_.size() + data.size() + name.size() + 30);
  Entry e{name, crc32(data.data(), data.size()), static_cast<uint32_t>(data.size()),
          static_cast<uint32_t>(out_.size())};
  // Local file header: version 2.0, no flags, stored, no time stamp.
  put32(out_, 0x04034b50);
  put16(out_, 20);
  put16(out_, 0);
  put16(out_, 0);
  put16(out_, 0);
  put16(out_, 0x21);  // 1980-01-01
  put32(out_, e.crc);
  put32(out_, e.size);
  put32(out_, e.size);
  put16(out_, static_cast<uint32_t>(name.size()));
  put16(out_, 0);
  out_ += name;
  out_ += data;
  entries_.push_back(e);
}

std::string ZipWriter::finish() {
  uint32_t dirStart = static_cast<uint32_t>(out_.size());
  for (const Entry &e : entries_) {
    put32(out_, 0x02014b50);
    put16(out_, 20);
    put16(out_, 20);
    put16(out_, 0);
    put16(out_, 0);
    put16(out_, 0);
    put16(out_, 0x21);
    put32(out_, e.crc);
    put32(out_, e.size);
    put32(out_, e.size);
    put16(out_, static_cast<uint32_t>(e.name.size()));
    put16(out_, 0);
    put16(out_, 0);
    put16(out_, 0);
    put16(out_, 0);
    put32(out_, 0);
    put32(out_, e.offset);
    out_ += e.name;
  }
  checkSize(out_.size() + 22);
  uint32_t dirSize = static_cast<uint32_t>(out_.size()) - dirStart;
  put32(out_, 0x06054b50);
  put16(out_, 0);
  put16(out_, 0);
  put16(out_, static_cast<uint32_t>(entries_.size()));
  put16(out_, static_cast<uint32_t>(entries_.size()));
  put32(out_, dirSize);
  put32(out_, dirStart);
  put16(out_, 0);
  return std::move(out_);
}

} // namespace ndprt
