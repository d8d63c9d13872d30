// Columns: growable per-element arrays in host or device memory (Column.h).
#include "Column.h"

#include "Error.h"

#include <algorithm>
#include <new>

namespace ndprt {

namespace {
int bytesOf(const std::string &type) {
  if (type == "f64" || type == "i64") return 8;
  if (type == "bool" || type == "u8") return 1;
  return 4;  // f32, i32
}
class HostMemory final : public ColumnMemory {
public:
  void *allocate(size_t bytes) override { return std::aligned_alloc(64, (bytes + 63) / 64 * 64); }
  void release(void *p) override { std::free(p); }
};

thread_local ColumnMemory *currentMemory = nullptr;

} // namespace

ColumnMemory &ColumnMemory::host() {
  static HostMemory m;
  return m;
}

ColumnMemory &ColumnMemory::current() { return currentMemory ? *currentMemory : host(); }

ColumnMemoryScope::ColumnMemoryScope(ColumnMemory *m) : saved_(currentMemory) { currentMemory = m; }
ColumnMemoryScope::~ColumnMemoryScope() { currentMemory = saved_; }

Column::Column(std::string name, std::string type, int width)
    : name_(std::move(name)), type_(std::move(type)), width_(width), scalarBytes_(bytesOf(type_)) {}

Column &Column::operator=(Column &&o) noexcept {
  if (this == &o) return *this;
  mem_->release(data_);
  mem_ = o.mem_;
  name_ = std::move(o.name_);
  type_ = std::move(o.type_);
  width_ = o.width_;
  scalarBytes_ = o.scalarBytes_;
  data_ = o.data_;
  size_ = o.size_;
  capacity_ = o.capacity_;
  o.data_ = nullptr;
  o.size_ = o.capacity_ = 0;
  return *this;
}

void Column::resize(int64_t elements) {
  if (elements > capacity_) {
    int64_t cap = std::max<int64_t>({elements, capacity_ * 2, 16});
    size_t bytes = static_cast<size_t>(cap) * elementBytes();
    void *p = mem_->allocate(bytes);
    if (!p) throw Fault("out of memory growing '" + name_ + "' to " + std::to_string(cap) + " elements");
    // Only what is used is written: untouched capacity costs no page.
    if (data_) std::memcpy(p, data_, static_cast<size_t>(size_) * elementBytes());
    mem_->release(data_);
    data_ = p;
    capacity_ = cap;
  }
  if (elements > size_)
    std::memset(static_cast<char *>(data_) + static_cast<size_t>(size_) * elementBytes(), 0,
                static_cast<size_t>(elements - size_) * elementBytes());
  size_ = elements;
}

ndp_view Column::view(int64_t elements) {
  return ndp_view{data_, data_, 0, elements * width_, 1};
}

double Column::get(int64_t i, int lane) const {
  int64_t k = i * width_ + lane;
  if (type_ == "f32") return as<float>()[k];
  if (type_ == "f64") return as<double>()[k];
  if (type_ == "i32") return as<int32_t>()[k];
  if (type_ == "i64") return static_cast<double>(as<int64_t>()[k]);
  return as<uint8_t>()[k];
}

void Column::set(int64_t i, int lane, double v) {
  int64_t k = i * width_ + lane;
  if (type_ == "f32") as<float>()[k] = static_cast<float>(v);
  else if (type_ == "f64") as<double>()[k] = v;
  else if (type_ == "i32") as<int32_t>()[k] = static_cast<int32_t>(v);
  else if (type_ == "i64") as<int64_t>()[k] = static_cast<int64_t>(v);
  else as<uint8_t>()[k] = v != 0.0 ? 1 : 0;
}

void Column::copyElement(int64_t from, int64_t to) {
  size_t b = elementBytes();
  std::memmove(static_cast<char *>(data_) + static_cast<size_t>(to) * b,
               static_cast<char *>(data_) + static_cast<size_t>(from) * b, b);
}

std::string Column::gatherBytes(const std::vector<int64_t> &order) const {
  const size_t b = elementBytes();
  std::string out;
  out.reserve(order.size() * b);
  for (int64_t i : order) out.append(static_cast<const char *>(data_) + static_cast<size_t>(i) * b, b);
  return out;
}

const char *Column::npyDescr() const {
  if (type_ == "f32") return "<f4";
  if (type_ == "f64") return "<f8";
  if (type_ == "i32") return "<i4";
  if (type_ == "i64") return "<i8";
  return "|b1";
}

} // namespace ndprt
