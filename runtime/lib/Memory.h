// A memory region's stored keys and values and the operations of phase 5.
#ifndef NDPRT_MEMORY_H
#define NDPRT_MEMORY_H

#include "Descriptor.h"
#include "Population.h"

#include <cstdint>
#include <vector>

namespace ndprt {

/// A memory region at run time (docs/memory.md): the slots' stored keys and
/// bound values, one row per slot. They play the key projection (key -> slots)
/// and the value projection (slots -> value) of the language, with all-to-all
/// one-shot weights kept densely; nothing else in the model is written by it.
class MemoryRegion {
public:
  MemoryRegion(const MemoryDesc &desc, Population &slots, Population &key, Population &value);

  const MemoryDesc &desc() const { return desc_; }
  Population &slots() { return *slots_; }
  Population &value() { return *value_; }

  /// Phase 5, before the slots' `on step`: each written slot's `in` is the
  /// cosine of the current key with its key (0 for a free slot); returns the
  /// novelty, 1 - the best cosine (1 when nothing is written, 0 for an
  /// all-zero key).
  float match();
  /// After the slots' `on step`: keeps the `sparsity` largest first outs (ties
  /// to the lower slot) and zeroes every out of the others; importance is then
  /// recomputed from the kept outs (`before`: the slots' importance before the
  /// step).
  void winnersTakeAll(const std::vector<float> &before);
  /// Stores the key match() read (the key does not change within phase 5) in
  /// a free slot, or else the least important written one, bound to the value
  /// population's first out. Returns the slot.
  int64_t write();
  /// Phase 2: adds the active slots' values, weighted by their outs, to the
  /// value population's `in`.
  void recall();

  // State (saved in checkpoints, shown in snapshots).
  int64_t keyWidth = 0, valueWidth = 0;
  std::vector<float> keys, values;  // slots x keyWidth, slots x valueWidth
  std::vector<uint8_t> written;
  int64_t writes = 0;

private:
  /// Widens the stored rows after the key or value population grew (zeros for
  /// the new neurons: they were not part of what was stored).
  void fitWidths();
  void readKey();

  MemoryDesc desc_;
  Population *slots_, *key_, *value_;
  Column *keyCol_, *valueOut_;
  std::vector<float> x_;          // this step's key, read by match()
  std::vector<int64_t> order_;    // scratch for k-WTA
};

} // namespace ndprt

#endif
