#ifndef NDPRT_PROJECTION_H
#define NDPRT_PROJECTION_H

#include "Column.h"
#include "Descriptor.h"
#include "Population.h"

#include <vector>

namespace ndprt {

/// The synapses of one projection, grouped by post neuron (incoming) as ragged
/// rows with slack (GeNN's ragged matrix, with room to grow):
///
///   row p occupies slots [row_start[p], row_start[p] + row_cap[p]); its first
///   row_len[p] slots are live, sorted by (pre, parallel number).
///
/// Summing `in` is a gather over each row with no atomics. Adding a synapse to a
/// row with slack writes one slot; a full row moves to the end of the slot
/// arrays with twice the capacity (amortised O(1), never copying the graph); the
/// holes it leaves are reclaimed by compact() when they pass half the slots.
/// Removing marks nothing here: remove() closes the gap in its row at once, so
/// kernels never see a dead slot.
class Projection {
public:
  Projection(const ProjDesc &desc, int index, Population &pre, Population &post);

  const ProjDesc &desc() const { return desc_; }
  const std::string &name() const { return desc_.name; }
  int index() const { return index_; }
  Population &pre() { return *pre_; }
  Population &post() { return *post_; }

  /// Lays out the initial synapses from (post, pre) pairs, `multiplicity` each,
  /// in edge order (post, pre, parallel number). Returns their slots in that order.
  std::vector<int64_t> build(std::vector<std::pair<int64_t, int64_t>> pairs);
  /// Adds one synapse; returns its slot. Keeps the row sorted.
  int64_t add(int64_t post, int64_t pre, int32_t par);
  /// Removes the synapse at `slot`.
  void remove(int64_t slot);
  /// Grows the row arrays when the post population grew.
  void resizeRows();
  /// Moves every row to the front, in post order, without holes.
  void compact();
  /// Rebuilds the by-pre index (outgoing slots of every pre neuron, by post).
  void rebuildByPre();

  int64_t synapses() const { return live_; }
  int64_t slotsUsed() const { return used_; }
  /// The slots of the live synapses in edge order.
  std::vector<int64_t> liveSlots() const;

  // Per post neuron:
  Column rowStart{"row_start", "i64", 1}, rowLen{"row_len", "i32", 1}, rowCap{"row_cap", "i32", 1};
  Column next{"next", "f32", 1};
  bool nextValid = false;
  // Per slot:
  Column preIndex{"pre", "i32", 1}, postOf{"post_of", "i32", 1}, par{"par", "i32", 1};
  std::vector<Column> states;
  // By pre neuron:
  Column byPreStart{"by_pre_start", "i64", 1}, byPreLen{"by_pre_len", "i32", 1}, byPre{"by_pre", "i64", 1};
  bool byPreValid = false;
  std::vector<int64_t> initSlots;  // the slots the next init kernel call initialises

  size_t bytesPerSynapse() const;

private:
  void ensureSlots(int64_t n);
  void moveSlot(int64_t from, int64_t to);

  ProjDesc desc_;
  int index_;
  Population *pre_, *post_;
  int64_t used_ = 0, live_ = 0;
};

} // namespace ndprt

#endif
