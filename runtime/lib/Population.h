// The neurons of one population, as columns.
#ifndef NDPRT_POPULATION_H
#define NDPRT_POPULATION_H

#include "Column.h"
#include "Descriptor.h"

#include <vector>

namespace ndprt {

/// The neurons of one population in structure-of-arrays form. Neuron i of the
/// arrays has the stable id ids[i]; ids never change and are never reused, so
/// recordings and random draws follow a neuron through growth.
class Population {
public:
  Population(const PopDesc &desc, int index);

  const PopDesc &desc() const { return desc_; }
  const std::string &name() const { return desc_.name; }
  int index() const { return index_; }
  int64_t size() const { return n_; }

  /// Adds `count` neurons with fresh ids (zeroed values, no parent, born at
  /// `step`); returns the first index.
  int64_t grow(int64_t count, int64_t step = -1);
  /// Copies every value of neuron `from` (state, inputs, channels, outs,
  /// importance, spiked) onto neuron `to`.
  void copyValues(int64_t from, int64_t to);
  /// Keeps the neurons whose `newIndex` is not -1, moving neuron i to
  /// newIndex[i] (ascending, so order and ids stay); `kept` of them remain.
  /// The caller remaps the projections first.
  void removeNeurons(const std::vector<int64_t> &newIndex, int64_t kept);

  std::vector<Column> states, inputs, channels, outs;
  Column importance{"importance", "f32", 1};
  Column spiked{"spiked", "bool", 1};
  Column ids{"ids", "i64", 1};
  Column parent{"parent", "i64", 1};  // stable id of the neuron it divided from, or -1
  Column born{"born", "i64", 1};      // the step it was made in (-1: at the start)
  Column root{"root", "i64", 1};      // stable id of its lineage's first neuron (its own id, if none)
  std::vector<int32_t> spikes;  // indices that spiked in the last update

  Column flags{"flags", "bool", 1};  // grow_select writes whether each neuron divides

  /// Every per-neuron column, for checkpoints.
  std::vector<Column *> allColumns();
  int64_t nextId() const { return nextId_; }
  /// For checkpoints: sets the size and the next fresh id.
  void restore(int64_t size, int64_t nextId);
  /// What is wrong with the restored neurons (ids, parents, birth steps, bool
  /// values, the spike list) of a run at `step`; empty when they are consistent.
  std::string checkRestored(int64_t step) const;

  /// The column of a value by kind and name (the name is ignored for
  /// importance and spiked); null if there is none.
  Column *find(ValueKind kind, const std::string &name);
  /// Rebuilds `spikes` from `spiked` (ascending indices); with `lazily`,
  /// only marks it out of date, for spikes().
  void collectSpikes(bool lazily = false);
  /// The spike list, rebuilt first when out of date. A GPU run collects
  /// lazily: its delivery reads `spiked` on the device, and reading it on the
  /// host every step would move its pages there and back.
  std::vector<int32_t> &spikeList() {
    if (spikesStale_) collectSpikes();
    return spikes;
  }

  /// Bytes per neuron over all columns.
  size_t bytesPerNeuron() const;
  /// Bytes allocated for the neurons, spare capacity included.
  size_t bytesAllocated() const;

private:
  PopDesc desc_;
  int index_;
  int64_t n_ = 0;
  int64_t nextId_ = 0;
  bool spikesStale_ = false;
};

} // namespace ndprt

#endif
