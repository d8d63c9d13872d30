// NumPy .npy files: the format of feeds, `load` files, edge lists and
// recordings.
#ifndef NDPRT_NPY_H
#define NDPRT_NPY_H

#include <cstdint>
#include <string>
#include <vector>

namespace ndprt {

/// A NumPy array read from a `.npy` file, converted to double (or int64 for
/// integer arrays read with readNpyInt).
struct NpyArray {
  std::vector<int64_t> shape;
  std::vector<double> data;
  int64_t elements() const;
};

/// Reads a .npy file of float32/float64/int32/int64/bool (C order). Throws a
/// Fault naming the file on any problem.
NpyArray readNpy(const std::string &path);
/// The same, from the bytes of a .npy file (an .npz entry); `name` names it in errors.
NpyArray parseNpy(const std::string &bytes, const std::string &name);
/// The same, for integer data (edge lists); float data is refused.
std::vector<int64_t> readNpyInts(const std::string &path, std::vector<int64_t> &shape);

/// The bytes of a .npy file: `descr` is NumPy's type string ("<f4", "<i8", "|b1").
std::string npyBytes(const std::string &descr, const std::vector<int64_t> &shape, const void *data,
                     size_t scalarBytes);

/// Writes a float32 .npy atomically (temporary file and rename).
void writeNpyF32(const std::string &path, const std::vector<int64_t> &shape, const float *data);

/// "[3, 4]"
std::string shapeString(const std::vector<int64_t> &shape);

} // namespace ndprt

#endif
