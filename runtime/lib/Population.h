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

  /// Adds `count` neurons with fresh ids (zeroed values); returns the first index.
  int64_t grow(int64_t count);

  std::vector<Column> states, inputs, channels, outs;
  Column importance{"importance", "f32", 1};
  Column spiked{"spiked", "bool", 1};
  Column ids{"ids", "i64", 1};
  std::vector<int32_t> spikes;  // indices that spiked in the last update

  /// The column of a value by kind ("state", "input", "channel", "out",
  /// "importance", "spiked") and name; null if there is none.
  Column *find(const std::string &kind, const std::string &name);
  /// Rebuilds `spikes` from `spiked` (ascending indices).
  void collectSpikes();

  /// Bytes per neuron over all columns.
  size_t bytesPerNeuron() const;

private:
  PopDesc desc_;
  int index_;
  int64_t n_ = 0;
  int64_t nextId_ = 0;
};

} // namespace ndprt

#endif
