// An index of sorted rows that grow in place, for each neuron's outgoing synapses.
#ifndef NDPRT_RAGGEDINDEX_H
#define NDPRT_RAGGEDINDEX_H

#include <cstddef>
#include <cstdint>
#include <vector>

namespace ndprt {

/// Rows of sorted int32 values with slack, for the outgoing neighbours of each
/// pre neuron (one value per synapse: its post index). Inserting appends in
/// place while the row has room, else moves the row to the end with twice the
/// room (amortised O(1)); the room left behind is reclaimed when it passes half
/// of the array.
class RaggedIndex {
public:
  /// Adds empty rows up to `rows`.
  void resizeRows(int64_t rows);
  int64_t rows() const { return static_cast<int64_t>(rows_.size()); }
  /// Inserts `v` into row `r`, keeping it sorted.
  void insert(int64_t r, int32_t v);
  /// Removes one occurrence of `v` from row `r`; false if there is none.
  bool erase(int64_t r, int32_t v);
  const int32_t *begin(int64_t r) const { return vals_.data() + rows_[static_cast<size_t>(r)].start; }
  const int32_t *end(int64_t r) const { return begin(r) + rows_[static_cast<size_t>(r)].len; }
  int32_t size(int64_t r) const { return rows_[static_cast<size_t>(r)].len; }
  int64_t values() const { return live_; }
  /// Moves every row to the front without holes.
  void compact();
  size_t bytes() const;
  void clear();

private:
  struct Row {  // one cache line holds four: an insert touches one
    int64_t start;
    int32_t len, cap;
  };
  std::vector<Row> rows_;
  std::vector<int32_t> vals_;
  int64_t live_ = 0, holes_ = 0;  // holes: room left behind by moved rows
};

} // namespace ndprt

#endif
