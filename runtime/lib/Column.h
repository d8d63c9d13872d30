// A column: one per-element array of the graph (a state, an input, a row
// index), growing geometrically, in the memory its run gives it (host, or
// managed memory for a GPU run). Kernels see columns as memref views.
#ifndef NDPRT_COLUMN_H
#define NDPRT_COLUMN_H

#include "ndp/abi.h"

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

namespace ndprt {

/// Where columns keep their values: host memory by default; a GPU run gives
/// its columns memory the device reaches too (gpu/Device.h).
class ColumnMemory {
public:
  virtual ~ColumnMemory() = default;
  /// 64-byte aligned; null when out of memory.
  virtual void *allocate(size_t bytes) = 0;
  virtual void release(void *p) = 0;
  /// Host memory (aligned_alloc).
  static ColumnMemory &host();
  /// What columns constructed now use (host() unless a scope says otherwise).
  static ColumnMemory &current();
};

/// Columns constructed while it lives use `m`.
class ColumnMemoryScope {
public:
  explicit ColumnMemoryScope(ColumnMemory *m);
  ~ColumnMemoryScope();
  ColumnMemoryScope(const ColumnMemoryScope &) = delete;
  ColumnMemoryScope &operator=(const ColumnMemoryScope &) = delete;

private:
  ColumnMemory *saved_;
};

/// One structure-of-arrays column: `width` values of one scalar type per
/// element, 64-byte aligned, with capacity that doubles so that growing by one
/// element is amortised O(1).
class Column {
public:
  Column() = default;
  Column(std::string name, std::string type, int width);
  Column(const Column &) = delete;
  Column &operator=(const Column &) = delete;
  Column(Column &&o) noexcept { *this = std::move(o); }
  Column &operator=(Column &&o) noexcept;
  ~Column() { mem_->release(data_); }

  /// Makes room for `elements` elements (keeping the contents; new ones zeroed).
  void resize(int64_t elements);
  int64_t size() const { return size_; }
  int64_t capacity() const { return capacity_; }
  void *data() { return data_; }
  const void *data() const { return data_; }
  template <class T> T *as() { return static_cast<T *>(data_); }
  template <class T> const T *as() const { return static_cast<const T *>(data_); }

  /// The view a kernel receives: `elements * width` values.
  ndp_view view(int64_t elements);

  /// Element i, lane l, as a double (for records, checks, reports) and back.
  double get(int64_t i, int lane = 0) const;
  void set(int64_t i, int lane, double v);
  /// Copies element `from` over element `to`.
  void copyElement(int64_t from, int64_t to);
  /// The bytes of elements `order`, in that order (snapshots, the C API's arrays).
  std::string gatherBytes(const std::vector<int64_t> &order) const;
  /// NumPy's name of the scalar type ("<f4", "<f8", "<i4", "<i8", "|b1").
  const char *npyDescr() const;
  /// Bytes of one element (all lanes).
  size_t elementBytes() const { return static_cast<size_t>(scalarBytes_) * static_cast<size_t>(width_); }

  const std::string &name() const { return name_; }
  const std::string &type() const { return type_; }
  int width() const { return width_; }
  bool isFloat() const { return type_ == "f32" || type_ == "f64"; }
  const ColumnMemory &memory() const { return *mem_; }

private:
  std::string name_, type_;
  int width_ = 1, scalarBytes_ = 4;
  ColumnMemory *mem_ = &ColumnMemory::current();
  void *data_ = nullptr;
  int64_t size_ = 0, capacity_ = 0;
};

} // namespace ndprt

#endif
