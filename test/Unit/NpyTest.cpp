#include "Error.h"
#include "Npy.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <unistd.h>

using namespace ndprt;

namespace {
std::string tempPath(const char *name) { return "/tmp/ndprt-npytest-" + std::to_string(::getpid()) + "-" + name; }
} // namespace

TEST(Npy, WriteThenReadRoundTrips) {
  std::string path = tempPath("a.npy");
  std::vector<float> data{1.5f, -2.0f, 0.0f, 3.25f, 4.0f, 5.0f};
  writeNpyF32(path, {2, 3}, data.data());
  NpyArray a = readNpy(path);
  EXPECT_EQ(a.shape, (std::vector<int64_t>{2, 3}));
  ASSERT_EQ(a.data.size(), 6u);
  for (size_t i = 0; i < 6; ++i) EXPECT_EQ(a.data[i], data[i]);
  std::ifstream in(path, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), {});
  EXPECT_EQ((bytes.size() - 6 * 4) % 64, 0u);  // header padded to 64 bytes
  std::remove(path.c_str());
}

TEST(Npy, ErrorsNameTheFile) {
  std::string path = tempPath("bad.npy");
  std::ofstream(path) << "not numpy";
  try {
    readNpy(path);
    FAIL() << "no error";
  } catch (const Fault &f) {
    EXPECT_NE(std::string(f.what()).find(path), std::string::npos);
  }
  std::remove(path.c_str());
  EXPECT_THROW(readNpy(tempPath("missing.npy")), Fault);
}
