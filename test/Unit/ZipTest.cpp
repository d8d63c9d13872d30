#include "Crc32.h"
#include "Zip.h"

#include <gtest/gtest.h>

#include <cstring>

using namespace ndprt;

namespace {
uint32_t u32(const std::string &s, size_t at) {
  uint32_t v;
  std::memcpy(&v, s.data() + at, 4);
  return v;
}
} // namespace

TEST(Crc32, MatchesTheStandardCheckValue) {
  EXPECT_EQ(crc32("123456789", 9), 0xCBF43926u);
  // Continuable: in pieces, the same value.
  EXPECT_EQ(crc32("6789", 4, crc32("12345", 5)), 0xCBF43926u);
  EXPECT_EQ(crc32("", 0), 0u);
}

TEST(Zip, StoredArchiveHasHeadersDirectoryAndEnd) {
  ZipWriter z;
  z.add("a/x.npy", "hello");
  z.add("b.npy", "");
  std::string zip = z.finish();
  EXPECT_EQ(u32(zip, 0), 0x04034b50u);        // first local header
  EXPECT_EQ(u32(zip, 14), crc32("hello", 5));  // its CRC
  EXPECT_EQ(u32(zip, 18), 5u);                 // compressed size (stored)
  EXPECT_EQ(zip.substr(30, 7), "a/x.npy");
  EXPECT_EQ(zip.substr(37, 5), "hello");
  size_t end = zip.size() - 22;
  EXPECT_EQ(u32(zip, end), 0x06054b50u);  // end of central directory
  EXPECT_EQ(zip[end + 10], 2);            // two entries
  uint32_t dirSize = u32(zip, end + 12), dirStart = u32(zip, end + 16);
  EXPECT_EQ(dirStart + dirSize, end);
  EXPECT_EQ(u32(zip, dirStart), 0x02014b50u);
}
