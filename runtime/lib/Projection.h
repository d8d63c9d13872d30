// The synapses of one projection and their storage.
#ifndef NDPRT_PROJECTION_H
#define NDPRT_PROJECTION_H

#include "Column.h"
#include "Descriptor.h"
#include "Population.h"
#include "RaggedIndex.h"

#include <deque>
#include <utility>
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
/// room it leaves behind is reclaimed by compact() once it passes half the
/// slots. Removing is two-phase: kill() marks a tombstone (parallel number -1)
/// and fold(), at a step boundary, closes the gaps of the rows that have one, so
/// kernels never see a dead slot.
///
/// Beside the rows, an outgoing index (pre -> its posts, one entry per synapse)
/// is built on first use and then kept up to date by every edit: growth needs a
/// neuron's outgoing synapses.
class Projection {
public:
  Projection(const ProjDesc &desc, int index, Population &pre, Population &post);

  const ProjDesc &desc() const { return desc_; }
  const std::string &name() const { return desc_.name; }
  int index() const { return index_; }
  Population &pre() { return *pre_; }
  Population &post() { return *post_; }
  bool selfProjection() const { return pre_ == post_; }

  /// Lays out the initial synapses from (post, pre) pairs, `multiplicity` each,
  /// in edge order (post, pre, parallel number). Returns their slots in that order.
  std::vector<int64_t> build(std::vector<std::pair<int64_t, int64_t>> pairs);
  /// Adds one synapse with zeroed state; returns its slot. Keeps the row sorted.
  /// Slots of the same row may move; slots of other rows stay.
  int64_t add(int64_t post, int64_t pre, int32_t par);
  /// Makes room for `extra` more synapses in row `post` (at most one move).
  void reserveRow(int64_t post, int64_t extra);
  /// Marks the synapse at `slot` dead; fold() removes it.
  void kill(int64_t slot);
  /// Removes every dead synapse, closing the gaps in their rows.
  void fold();
  /// Grows the per-post and per-pre arrays after a population grew.
  void resizeRows();
  /// Moves every row to the front, in post order, without holes.
  void compact();
  /// Before neurons leave the pre or post population: drops every synapse
  /// from or to a removed neuron and renumbers the rest. A map gives each old
  /// index its new one (-1: removed; ascending, so the edge order stays); null
  /// for the side whose population is not changing. Rows are compacted.
  void removeNeurons(const std::vector<int64_t> *preMap, const std::vector<int64_t> *postMap, int64_t newPostSize);
  /// compact() when the room left behind by moved rows passes half the slots.
  void maybeCompact();
  /// Rebuilds the by-pre slot index of event-driven delivery.
  void rebuildByPre();

  /// The slots [first, last) of row `post` holding synapses from `pre`.
  std::pair<int64_t, int64_t> pairSlots(int64_t post, int64_t pre) const;
  /// The lowest parallel number the pair (post, pre) does not use, or -1 when
  /// it has `multiplicity` synapses already.
  int32_t freeParallel(int64_t post, int64_t pre) const;

  /// The posts of `pre`'s outgoing synapses, ascending, one per synapse.
  const int32_t *outBegin(int64_t pre);
  const int32_t *outEnd(int64_t pre);
  bool outgoingBuilt() const { return outValid_; }

  /// Provenance (a model with the hidden state kProvenanceState): every
  /// synapse added from now on is stamped with `origin` and `step`; stamp()
  /// re-stamps a slot whose states were overwritten (a split's copies).
  void setProvenance(SynapseOrigin origin, int64_t step);
  void stamp(int64_t slot);
  bool keepsProvenance() const { return stampIndex_ >= 0; }
  /// The origin (SynapseOrigin) and birth step (-1: initial) of each of `slots`.
  void provenance(const std::vector<int64_t> &slots, std::vector<uint8_t> &origin, std::vector<int64_t> &born) const;

  /// The state bytes of one slot (all state columns, in order), to copy a synapse.
  void readStates(int64_t slot, std::vector<char> &bytes) const;
  void writeStates(int64_t slot, const std::vector<char> &bytes);

  int64_t synapses() const { return live_; }
  int64_t slotsUsed() const { return used_; }
  /// The slots of the live synapses in edge order.
  std::vector<int64_t> liveSlots() const;
  /// The stable ids of the pre and post neurons of each of `slots`.
  void stableIds(const std::vector<int64_t> &slots, std::vector<int64_t> &pre, std::vector<int64_t> &post) const;

  // Per post neuron:
  Column rowStart{"row_start", "i64", 1}, rowLen{"row_len", "i32", 1}, rowCap{"row_cap", "i32", 1};
  Column next{"next", "f32", 1};
  Column deadRows{"dead_rows", "bool", 1};  // set by prune kernels: the row has a synapse to remove
  bool nextValid = false;
  // Per slot:
  Column preIndex{"pre", "i32", 1}, postOf{"post_of", "i32", 1}, par{"par", "i32", 1};
  std::vector<Column> states;
  // By pre neuron:
  Column byPreStart{"by_pre_start", "i64", 1}, byPreLen{"by_pre_len", "i32", 1}, byPre{"by_pre", "i64", 1};
  // The post neuron of each by_pre entry: delivery reads it in order instead
  // of through the synapse's slot (one dependent load less per synapse).
  Column byPrePost{"by_pre_post", "i32", 1};
  // Copies of synapse states in by_pre order, for the event kernel of a synapse
  // type that never updates them (its transmit then reads them in order, not
  // through the slot); refreshed with the index. A deque keeps them in place
  // as kernels bind them.
  std::deque<Column> byPreStates;
  std::vector<size_t> byPreStateOf;  // index into `states` of each copy
  /// The by-pre copy of state `name`, made on first use; null if there is no such state.
  Column *byPreState(const std::string &name);
  bool byPreValid = false;

  size_t bytesPerSynapse() const;
  /// Bytes allocated for the synapses, slack and indexes included.
  size_t bytesAllocated() const;

  /// For checkpoints: the slot bookkeeping a restored projection needs.
  struct Counts { int64_t used, live, holes; };
  Counts counts() const { return {used_, live_, holes_}; }
  void restore(const Counts &c);
  /// What is wrong with restored rows and slots (overlapping or out-of-range
  /// rows, a pre index outside the pre population, a slot in the wrong row,
  /// unsorted or too many parallel synapses); empty when consistent. The row
  /// columns must hold post().size() rows and the slot columns slotsUsed().
  std::string checkRestored() const;

private:
  void ensureSlots(int64_t n);
  void moveSlot(int64_t from, int64_t to);
  /// The slot columns of `fresh` (a layout built beside this one) become this one's.
  void takeSlots(Projection &fresh);
  /// Moves row `post` to the end of the slot arrays with capacity `cap`.
  void relocateRow(int64_t post, int64_t cap);
  void buildOutgoing();

  ProjDesc desc_;
  int index_;
  Population *pre_, *post_;
  int64_t used_ = 0, live_ = 0, holes_ = 0;
  std::vector<int64_t> dirtyRows_;
  RaggedIndex out_;
  bool outValid_ = false;
  int stampIndex_ = -1;     // index into `states` of the provenance stamp
  int32_t stampValue_ = 0;  // what add() writes there
};

} // namespace ndprt

#endif
