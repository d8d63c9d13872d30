// The outgoing-neighbour index of projections (RaggedIndex.h).
#include "RaggedIndex.h"

#include <algorithm>

namespace ndprt {

void RaggedIndex::resizeRows(int64_t rows) {
  size_t n = static_cast<size_t>(rows);
  if (n > rows_.size()) rows_.resize(n, Row{static_cast<int64_t>(vals_.size()), 0, 0});
}

void RaggedIndex::insert(int64_t r, int32_t v) {
  Row *row = &rows_[static_cast<size_t>(r)];
  if (row->len == row->cap) {
    int32_t cap = std::max<int32_t>(4, 2 * row->cap);
    size_t dest = vals_.size();
    vals_.resize(dest + static_cast<size_t>(cap));
    std::copy_n(vals_.begin() + row->start, row->len, vals_.begin() + static_cast<std::ptrdiff_t>(dest));
    holes_ += row->cap;
    row->start = static_cast<int64_t>(dest);
    row->cap = cap;
    if (holes_ > 1024 && 2 * static_cast<size_t>(holes_) > vals_.size()) compact();
  }
  int32_t *first = vals_.data() + row->start, *last = first + row->len;
  int32_t *at = last;
  if (last != first && last[-1] > v) at = std::upper_bound(first, last, v);  // appends are the common case
  std::copy_backward(at, last, last + 1);
  *at = v;
  ++row->len;
  ++live_;
}

bool RaggedIndex::erase(int64_t r, int32_t v) {
  Row &row = rows_[static_cast<size_t>(r)];
  int32_t *first = vals_.data() + row.start, *last = first + row.len;
  int32_t *at = std::lower_bound(first, last, v);
  if (at == last || *at != v) return false;
  std::copy(at + 1, last, at);
  --row.len;
  --live_;
  return true;
}

void RaggedIndex::compact() {
  std::vector<int32_t> fresh;
  size_t total = 0;
  for (const Row &row : rows_) total += static_cast<size_t>(row.cap);
  fresh.resize(total);
  size_t at = 0;
  for (Row &row : rows_) {
    std::copy_n(vals_.begin() + row.start, row.len, fresh.begin() + static_cast<std::ptrdiff_t>(at));
    row.start = static_cast<int64_t>(at);
    at += static_cast<size_t>(row.cap);
  }
  vals_.swap(fresh);
  holes_ = 0;
}

size_t RaggedIndex::bytes() const { return vals_.capacity() * sizeof(int32_t) + rows_.capacity() * sizeof(Row); }

void RaggedIndex::clear() {
  rows_.clear();
  vals_.clear();
  live_ = holes_ = 0;
}

} // namespace ndprt
