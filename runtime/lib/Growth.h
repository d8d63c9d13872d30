// Phase 7 of a step (language.md sections 4 and 5): pruning, then growth.
// The kernels evaluate the rules' conditions in parallel; the edits are
// applied here, one at a time, in neuron-id order, so that a run is the same
// with any number of threads (docs/design.md, "Growth"). Growth owns the
// bookkeeping of the synapses it makes until their init kernels have run.
#ifndef NDPRT_GROWTH_H
#define NDPRT_GROWTH_H

#include "Descriptor.h"
#include "Graph.h"
#include "Kernels.h"

#include <array>
#include <cstdint>
#include <vector>

namespace ndprt {

class Growth {
public:
  /// `lazySpikes`: a GPU run collects spike lists only when asked.
  Growth(const ModelDesc &desc, Graph &graph, KernelTable &kernels, uint64_t seed, bool lazySpikes);

  /// The prune rules: counts, then removes the synapses at their limit.
  void prune();
  /// The grow blocks whose `every` fires after step `step`.
  void grow(int64_t step);
  /// A synapse made elsewhere (attention's `connect topk`), to be initialised
  /// by the next initNew().
  void added(Projection &q, int64_t post, int64_t pre, int32_t par);
  /// Calls the init kernels on the synapses made since the last call.
  void initNew();

  /// Per population: divisions refused at its max (reported, checkpointed).
  std::vector<int64_t> clipped;
  /// Per population: neurons removed in this run (for --stats; not checkpointed).
  std::vector<int64_t> removed;

private:
  void remove(Population &pop, const GrowRuleDesc &rule);
  void divide(Population &pop, const GrowRuleDesc &rule);
  void connect(Population &pop, const GrowRuleDesc &rule);
  /// Wires a child like its parent: copies of the parent's synapses (split) or
  /// fresh ones to and from the parent and its neighbours.
  void wireSplit(Projection &q, Population &pop, int64_t parent, int64_t child);
  void wireFresh(Projection &q, Population &pop, int64_t parent, int64_t child);
  /// Adds `multiplicity` fresh synapses (post, pre), to be initialised by initNew().
  void addFresh(Projection &q, int64_t post, int64_t pre);
  /// Row capacity growth may not pass: fanin K * multiplicity for `fanin` projections.
  int64_t rowLimit(const Projection &q) const;
  void afterGrowth(Population &pop, int64_t first);

  const ModelDesc &desc_;
  Graph &graph_;
  KernelTable &kernels_;
  uint64_t seed_;
  bool lazySpikes_;
  int64_t step_ = 0;  // the step being grown after
  std::vector<std::vector<std::array<int64_t, 3>>> newSynapses_;  // per projection: (post, pre, par) to init
  std::vector<int64_t> scratchFrom_, scratchTo_;                   // wireFresh's candidates, reused
  // The lists growth's kernels take (KernelLists), reused: a divide's
  // (parent, child) pairs or a connect's candidate pairs (a, b) and their
  // condition; the slots of the synapses to initialise.
  std::vector<int32_t> listA_, listB_;
  std::vector<uint8_t> ok_;
  std::vector<int64_t> slots_;
};

} // namespace ndprt

#endif
