// The checksum of checkpoints and of zip entries (snapshots), written once.
#ifndef NDPRT_CRC32_H
#define NDPRT_CRC32_H

#include <array>
#include <cstddef>
#include <cstdint>

namespace ndprt {

/// CRC-32 (IEEE 802.3, the zip and PNG checksum), continuable: pass the last
/// result as `crc` to checksum data in pieces.
inline uint32_t crc32(const void *data, size_t n, uint32_t crc = 0) {
  static const std::array<uint32_t, 256> table = [] {
    std::array<uint32_t, 256> t{};
    for (uint32_t i = 0; i < 256; ++i) {
      uint32_t c = i;
      for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
      t[i] = c;
    }
    return t;
  }();
  const auto *p = static_cast<const unsigned char *>(data);
  crc = ~crc;
  for (size_t i = 0; i < n; ++i) crc = table[(crc ^ p[i]) & 0xFF] ^ (crc >> 8);
  return ~crc;
}

} // namespace ndprt

#endif
