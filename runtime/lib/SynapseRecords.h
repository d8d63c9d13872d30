// `record S.x every K to "F.npz"` (docs/language.md, "The run block"): one
// entry per live synapse of type S and record, with its pre and post ids, kept
// in memory and written whole (atomically) with the other recordings.
#ifndef NDPRT_SYNAPSERECORDS_H
#define NDPRT_SYNAPSERECORDS_H

#include "Descriptor.h"
#include "Graph.h"

#include <cstdint>
#include <string>
#include <vector>

namespace ndprt {

class SynapseRecording {
public:
  SynapseRecording(const RecordDesc &desc, Graph &graph);

  const RecordDesc &desc() const { return desc_; }
  /// Phase 8 of step `step`, when its `every` fires: every synapse of the type now.
  void record(int64_t step);
  /// The archive (npz bytes): meta, step, count, projection, pre, post, par, values.
  std::string archive() const;
  /// Resuming at `step`: keeps the records before it from `bytes` (the file
  /// the interrupted run wrote, named `path` in errors).
  void resume(const std::string &bytes, const std::string &path, int64_t step);

private:
  RecordDesc desc_;
  std::vector<Projection *> projs_;  // of the type, in declaration order
  std::vector<Column *> cols_;       // the recorded state of each
  int width_ = 1;
  std::vector<int64_t> steps_, counts_, pre_, post_;
  std::vector<int32_t> proj_, par_;
  std::vector<float> values_;  // width_ lanes per entry
};

} // namespace ndprt

#endif
