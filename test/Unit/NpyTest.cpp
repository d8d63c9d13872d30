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

namespace {

/// A .npy file with the header `dict` and `dataBytes` zero bytes after it.
std::string writeRawNpy(const char *name, const std::string &dict, size_t dataBytes) {
  std::string path = tempPath(name);
  std::string header = dict;
  header.append((64 - (10 + header.size() + 1) % 64) % 64, ' ');
  header.push_back('\n');
  std::string bytes("\x93NUMPY\x01\x00", 8);
  bytes.push_back(static_cast<char>(header.size() & 0xFF));
  bytes.push_back(static_cast<char>(header.size() >> 8));
  bytes += header;
  bytes.append(dataBytes, '\0');
  std::ofstream(path, std::ios::binary) << bytes;
  return path;
}

std::string faultOf(const std::string &path) {
  try {
    readNpy(path);
  } catch (const Fault &f) {
    return f.what();
  }
  return "no error";
}

} // namespace

// A shape whose element count overflows 64 bits once multiplied by the element
// size used to pass the truncation check and read out of bounds.
TEST(Npy, HugeShapesAreRefusedNotOverflowed) {
  std::string p = writeRawNpy("huge.npy", "{'descr': '<f4', 'fortran_order': False, 'shape': (4611686018427387904, 4), }", 64);
  EXPECT_NE(faultOf(p).find("impossible dimension"), std::string::npos) << faultOf(p);
  std::remove(p.c_str());
  // Each dimension fits, their product does not.
  p = writeRawNpy("product.npy", "{'descr': '<f8', 'fortran_order': False, 'shape': (16777216, 16777216, 16777216), }", 64);
  EXPECT_NE(faultOf(p).find("over 2^48 elements"), std::string::npos) << faultOf(p);
  std::remove(p.c_str());
  // A digit string longer than any integer (std::stoll threw out_of_range).
  p = writeRawNpy("digits.npy", "{'descr': '<f4', 'fortran_order': False, 'shape': (99999999999999999999999999,), }", 8);
  EXPECT_NE(faultOf(p).find("impossible dimension"), std::string::npos) << faultOf(p);
  std::remove(p.c_str());
  // A plausible shape with too little data says how much is there.
  p = writeRawNpy("short.npy", "{'descr': '<f4', 'fortran_order': False, 'shape': (1000, 4), }", 64);
  EXPECT_NE(faultOf(p).find("is truncated: its header says [1000, 4] of '<f4' (16000 bytes), but the file has 64"),
            std::string::npos)
      << faultOf(p);
  std::vector<int64_t> shape;
  EXPECT_THROW(readNpyInts(p, shape), Fault);
  std::remove(p.c_str());
}

// A header length past the end, an unterminated dict and a device are errors
// that name the file, read nothing beyond it and never hang.
TEST(Npy, MalformedHeadersAndDevicesAreRefused) {
  std::string p = tempPath("len.npy");
  std::ofstream(p, std::ios::binary) << std::string("\x93NUMPY\x01\x00\xff\xff{'descr'", 18);
  EXPECT_NE(faultOf(p).find("truncated .npy header"), std::string::npos) << faultOf(p);
  std::remove(p.c_str());
  p = writeRawNpy("open.npy", "{'descr': '<f4, 'shape': (2", 8);
  EXPECT_NE(faultOf(p).find(p), std::string::npos);
  std::remove(p.c_str());
  EXPECT_NE(faultOf("/dev/zero").find("not a regular file"), std::string::npos) << faultOf("/dev/zero");
}

TEST(Npy, FortranOrderIsReadAsRowMajor) {
  // np.save of a transposed [2, 3] array: the bytes are column-major.
  const float cols[6] = {1, 4, 2, 5, 3, 6};  // [[1, 2, 3], [4, 5, 6]] by columns
  std::string bytes = npyBytes("<f4", {2, 3}, cols, 4);
  const size_t at = bytes.find("'fortran_order': False");
  ASSERT_NE(at, std::string::npos);
  bytes.replace(at, 22, "'fortran_order': True ");
  NpyArray a = parseNpy(bytes, "t.npy");
  EXPECT_EQ(a.shape, (std::vector<int64_t>{2, 3}));
  EXPECT_EQ(a.data, (std::vector<double>{1, 2, 3, 4, 5, 6}));
}
