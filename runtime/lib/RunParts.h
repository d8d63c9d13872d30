// The parts of a run that snapshots, checkpoints and phases 5 and 6 read and
// write, by reference: what Simulator owns, handed to the code that needs
// more than one of them.
#ifndef NDPRT_RUNPARTS_H
#define NDPRT_RUNPARTS_H

#include "Attention.h"
#include "Descriptor.h"
#include "Graph.h"
#include "Growth.h"
#include "Kernels.h"
#include "Memory.h"
#include "Options.h"
#include "RunIO.h"

#include <memory>
#include <string>
#include <vector>

namespace ndprt {

struct RunParts {
  const ModelDesc &desc;
  const Options &opts;
  Graph &graph;
  KernelTable &kernels;
  Growth &growth;
  RunIO &io;
  std::vector<std::unique_ptr<MemoryRegion>> &memories;
  std::vector<std::unique_ptr<Attention>> &attentions;
};

/// Phase 5: each memory region's match, slot update, k-WTA and write
/// (MemoryPhase.cpp; docs/memory.md). `lazySpikes`: a GPU run's.
void memoryPhase(RunParts &run, bool lazySpikes);
/// Phase 6 after step `step`: the attend blocks whose `every` fires, and the
/// synapses their `connect topk` grows (AttendPhase.cpp).
void attendPhase(RunParts &run, int64_t step);

/// Graph snapshots: one .npz per snapshot (Snapshot.cpp, docs/design.md).
class Snapshots {
public:
  explicit Snapshots(RunParts run) : run_(run) {}
  /// The snapshot after `step` steps of a run with `seed`.
  void write(int64_t step, uint64_t seed);
  /// The same snapshot into folder `dir` (made if missing), asked for by an
  /// embedding program at any step.
  void writeTo(const std::string &dir, int64_t step, uint64_t seed);

private:
  RunParts run_;
  bool started_ = false;  // stale temporaries are cleaned before the first
};

/// Checkpoints: everything a run needs to continue bit for bit, in one file
/// written atomically, and read back as untrusted input (Checkpoint.cpp).
class Checkpoints {
public:
  /// `descriptorText`: the model's, whose hash a checkpoint carries.
  Checkpoints(RunParts run, const char *descriptorText) : run_(run), descriptorText_(descriptorText) {}
  void write(const std::string &path, int64_t step, uint64_t seed);
  /// Reads and checks a checkpoint of the model `descriptorText`; returns its
  /// payload and sets `seed`.
  static std::string read(const std::string &path, const char *descriptorText, uint64_t &seed);
  /// Restores every value from `payload` into a run of `total` steps and
  /// returns the checkpoint's step; --param must then be applied again.
  int64_t restore(const std::string &payload, const std::string &path, int64_t total);

private:
  RunParts run_;
  const char *descriptorText_;
};

} // namespace ndprt

#endif
