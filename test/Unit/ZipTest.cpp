#include "Crc32.h"
#include "Error.h"
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

TEST(Zip, ReadsBackWhatItWrote) {
  ZipWriter z;
  z.add("W.npy", "matrix bytes");
  z.add("attend0/Wq.npy", std::string(1000, 'q'));
  z.add("empty.npy", "");
  std::vector<ZipEntry> e = readZip(z.finish(), "p.npz");
  ASSERT_EQ(e.size(), 3u);
  EXPECT_EQ(e[0].name, "W.npy");
  EXPECT_EQ(e[0].data, "matrix bytes");
  EXPECT_EQ(e[1].name, "attend0/Wq.npy");
  EXPECT_EQ(e[1].data, std::string(1000, 'q'));
  EXPECT_EQ(e[2].data, "");
}

TEST(Zip, RefusesDamagedAndCompressedArchives) {
  ZipWriter z;
  z.add("a.npy", "hello");
  const std::string good = z.finish();
  auto message = [](const std::string &bytes) {
    try {
      readZip(bytes, "p.npz");
    } catch (const Fault &f) {
      return std::string(f.what());
    }
    return std::string("accepted");
  };
  std::string flipped = good;
  flipped[30 + 5] = 'j';  // the data, under its CRC
  EXPECT_NE(message(flipped).find("fails its CRC check"), std::string::npos) << message(flipped);
  std::string deflated = good;
  size_t dir = u32(good, good.size() - 22 + 16);
  deflated[dir + 10] = 8;  // method: deflate, as numpy.savez_compressed writes
  EXPECT_NE(message(deflated).find("is compressed; write the file with numpy.savez"), std::string::npos);
  EXPECT_NE(message(good.substr(0, good.size() - 3)).find("no end of central directory"), std::string::npos);
  EXPECT_NE(message("PK").find("too short"), std::string::npos);
  std::string outside = good;
  outside[good.size() - 22 + 16] = 0x7f;  // the directory's offset past the file
  EXPECT_NE(message(outside).find("outside the file"), std::string::npos) << message(outside);
}
