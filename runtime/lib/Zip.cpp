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

} // namespace

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
