// Reading and writing NumPy .npy files: every size a header claims is
// bounded and checked against the file before anything is allocated.
#include "Npy.h"

#include "Error.h"
#include "Files.h"

#include <algorithm>
#include <cstring>

namespace ndprt {

int64_t NpyArray::elements() const {
  int64_t n = 1;
  for (int64_t d : shape) n *= d;  // readNpy checked that the product fits
  return n;
}

std::string shapeString(const std::vector<int64_t> &shape) {
  std::string s = "[";
  for (size_t i = 0; i < shape.size(); ++i) s += (i ? ", " : "") + std::to_string(shape[i]);
  return s + "]";
}

namespace {

// A .npy header is a Python dict literal; NumPy writes a few hundred bytes.
constexpr uint64_t kMaxHeaderBytes = 1 << 20;

struct Header {
  std::string descr;
  bool fortran = false;
  std::vector<int64_t> shape;
  uint64_t dataOffset = 0;
  uint64_t elements = 1;  // the product of the shape
};

std::string field(const std::string &dict, const std::string &key) {
  size_t k = dict.find("'" + key + "'");
  if (k == std::string::npos) return {};
  size_t colon = dict.find(':', k);
  if (colon == std::string::npos) return {};
  size_t start = dict.find_first_not_of(' ', colon + 1);
  if (start == std::string::npos) return {};
  if (dict[start] == '\'') {
    size_t end = dict.find('\'', start + 1);
    if (end == std::string::npos) return {};
    return dict.substr(start + 1, end - start - 1);
  }
  if (dict[start] == '(') {
    size_t end = dict.find(')', start);
    if (end == std::string::npos) return {};
    return dict.substr(start, end - start + 1);
  }
  size_t end = dict.find_first_of(",}", start);
  return dict.substr(start, end == std::string::npos ? std::string::npos : end - start);
}

/// Reads and checks the header: every size in it is bounded, so that what it
/// implies (elements x width) is computed without overflow.
template <class Source>
Header parseHeader(Source &f, const std::string &path) {
  std::string pre = f.read(0, std::min<uint64_t>(f.size(), 12));
  if (pre.size() < 10 || std::memcmp(pre.data(), "\x93NUMPY", 6) != 0)
    throw Fault("'" + path + "' is not a NumPy .npy file (no \\x93NUMPY magic)");
  int major = static_cast<unsigned char>(pre[6]);
  uint64_t len, start;
  if (major == 1) {
    len = static_cast<unsigned char>(pre[8]) | (static_cast<uint64_t>(static_cast<unsigned char>(pre[9])) << 8);
    start = 10;
  } else {
    if (pre.size() < 12) throw Fault("'" + path + "' has a truncated .npy header");
    len = 0;
    for (int i = 0; i < 4; ++i) len |= static_cast<uint64_t>(static_cast<unsigned char>(pre[8 + i])) << (8 * i);
    start = 12;
  }
  if (len > kMaxHeaderBytes || start + len > f.size()) throw Fault("'" + path + "' has a truncated .npy header");
  std::string dict = f.read(start, len);
  Header h;
  h.descr = field(dict, "descr");
  h.fortran = field(dict, "fortran_order").find("True") != std::string::npos;
  std::string shape = field(dict, "shape");
  for (size_t i = 0; i < shape.size();) {
    if (!isdigit(static_cast<unsigned char>(shape[i]))) {
      ++i;
      continue;
    }
    uint64_t d = 0;
    for (; i < shape.size() && isdigit(static_cast<unsigned char>(shape[i])); ++i) {
      d = d * 10 + static_cast<uint64_t>(shape[i] - '0');
      if (d > (uint64_t(1) << 48))
        throw Fault("'" + path + "' has a .npy header with an impossible dimension (over 2^48); the file is damaged");
    }
    h.shape.push_back(static_cast<int64_t>(d));
    if (d != 0 && h.elements > (uint64_t(1) << 48) / d)
      throw Fault("'" + path + "' has a .npy header whose shape holds over 2^48 elements; the file is damaged");
    h.elements *= d;
  }
  h.dataOffset = start + len;
  return h;
}

/// The data bytes of a header: refused before reading when the file is shorter.
template <class Source>
std::string dataOf(Source &f, const std::string &path, const Header &h, uint64_t width) {
  const uint64_t bytes = h.elements * width;  // both bounded by 2^48 and 8
  if (h.dataOffset + bytes > f.size())
    throw Fault("'" + path + "' is truncated: its header says " + shapeString(h.shape) + " of '" + h.descr +
                "' (" + std::to_string(bytes) + " bytes), but the file has " +
                std::to_string(f.size() - h.dataOffset) + " after its header");
  return f.read(h.dataOffset, bytes);
}

template <class T>
void convert(const std::string &bytes, uint64_t n, std::vector<double> &out) {
  out.resize(static_cast<size_t>(n));
  for (uint64_t i = 0; i < n; ++i) {
    T v;
    std::memcpy(&v, bytes.data() + i * sizeof(T), sizeof(T));
    out[static_cast<size_t>(i)] = static_cast<double>(v);
  }
}

/// Column-major (Fortran order: np.save of a transposed array) to row-major.
std::vector<double> toRowMajor(const std::vector<double> &in, const std::vector<int64_t> &shape) {
  std::vector<double> out(in.size());
  std::vector<int64_t> index(shape.size(), 0);
  for (size_t k = 0; k < in.size(); ++k) {
    // `index` is element k's position in column-major order: the first axis moves fastest.
    size_t row = 0;
    for (size_t d = 0; d < shape.size(); ++d) row = row * static_cast<size_t>(shape[d]) + static_cast<size_t>(index[d]);
    out[row] = in[k];
    for (size_t d = 0; d < shape.size() && ++index[d] == shape[d]; ++d) index[d] = 0;
  }
  return out;
}

/// A .npy file already in memory (an entry of an .npz archive).
struct BytesSource {
  const std::string &bytes;
  uint64_t size() const { return bytes.size(); }
  std::string read(uint64_t offset, uint64_t n) const { return bytes.substr(offset, n); }
};

template <class Source>
NpyArray readFrom(Source &f, const std::string &path) {
  Header h = parseHeader(f, path);
  NpyArray a;
  a.shape = h.shape;
  size_t width = h.descr == "<f4" || h.descr == "<i4" ? 4 : h.descr == "<f8" || h.descr == "<i8" ? 8
                 : h.descr == "|b1" || h.descr == "|u1" || h.descr == "|i1" ? 1 : 0;
  if (width == 0)
    throw Fault("'" + path + "' holds '" + h.descr + "' data; use float32, float64, int32, int64 or bool");
  const std::string bytes = dataOf(f, path, h, width);
  if (h.descr == "<f4") convert<float>(bytes, h.elements, a.data);
  else if (h.descr == "<f8") convert<double>(bytes, h.elements, a.data);
  else if (h.descr == "<i4") convert<int32_t>(bytes, h.elements, a.data);
  else if (h.descr == "<i8") convert<int64_t>(bytes, h.elements, a.data);
  else if (h.descr == "|i1") convert<int8_t>(bytes, h.elements, a.data);
  else convert<uint8_t>(bytes, h.elements, a.data);
  if (h.fortran && a.shape.size() > 1) a.data = toRowMajor(a.data, a.shape);
  return a;
}

} // namespace

NpyArray readNpy(const std::string &path) {
  InputFile f(path, "input file");
  return readFrom(f, path);
}

NpyArray parseNpy(const std::string &bytes, const std::string &name) {
  BytesSource f{bytes};
  return readFrom(f, name);
}

std::vector<int64_t> readNpyInts(const std::string &path, std::vector<int64_t> &shape) {
  InputFile f(path, "input file");
  Header h = parseHeader(f, path);
  shape = h.shape;
  if (h.fortran && h.shape.size() > 1)
    throw Fault("'" + path + "' is stored in Fortran order; save it with np.ascontiguousarray");
  if (h.descr != "<i4" && h.descr != "<i8")
    throw Fault("'" + path + "' holds '" + h.descr + "' data; an edge list is int32 or int64");
  const size_t width = h.descr == "<i4" ? 4 : 8;
  const std::string bytes = dataOf(f, path, h, width);
  std::vector<int64_t> out(static_cast<size_t>(h.elements));
  for (uint64_t i = 0; i < h.elements; ++i) {
    if (width == 4) {
      int32_t v;
      std::memcpy(&v, bytes.data() + i * 4, 4);
      out[static_cast<size_t>(i)] = v;
    } else {
      std::memcpy(&out[static_cast<size_t>(i)], bytes.data() + i * 8, 8);
    }
  }
  return out;
}

std::string npyBytes(const std::string &descr, const std::vector<int64_t> &shape, const void *data,
                     size_t scalarBytes) {
  std::string dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': (";
  int64_t n = 1;
  for (size_t i = 0; i < shape.size(); ++i) {
    dict += std::to_string(shape[i]) + (shape.size() == 1 ? "," : i + 1 < shape.size() ? ", " : "");
    n *= shape[i];
  }
  dict += "), }";
  // The header (magic, version, length, dict, padding, '\n') is a multiple of 64 bytes.
  size_t total = 10 + dict.size() + 1;
  size_t pad = (64 - total % 64) % 64;
  dict.append(pad, ' ');
  dict.push_back('\n');
  std::string out("\x93NUMPY\x01\x00", 8);
  out.push_back(static_cast<char>(dict.size() & 0xFF));
  out.push_back(static_cast<char>((dict.size() >> 8) & 0xFF));
  out += dict;
  out.append(static_cast<const char *>(data), static_cast<size_t>(n) * scalarBytes);
  return out;
}

void writeNpyF32(const std::string &path, const std::vector<int64_t> &shape, const float *data) {
  writeFileAtomically(path, npyBytes("<f4", shape, data, sizeof(float)));
}

} // namespace ndprt
