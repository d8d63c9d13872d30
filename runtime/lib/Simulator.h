// Simulator: one run of a compiled model, owning the components that do the
// work (Graph, KernelTable, Growth, RunIO, memory regions, attention) and
// stepping them in the order of language.md section 5.
#ifndef NDPRT_SIMULATOR_H
#define NDPRT_SIMULATOR_H

#include "Attention.h"
#include "Descriptor.h"
#include "Files.h"
#include "Graph.h"
#include "Growth.h"
#include "Kernels.h"
#include "Memory.h"
#include "Npy.h"
#include "Options.h"
#include "RunIO.h"
#include "RunParts.h"
#include "gpu/Device.h"

#include "ndp/abi.h"

#include <csignal>
#include <memory>
#include <string>
#include <vector>

namespace ndprt {

/// A param that is an array (a vector or matrix param, an attend block's
/// weights), row-major, as the C API and --param-file see it.
struct ParamArray {
  std::string name;
  std::vector<int64_t> shape;
  float *data = nullptr;
  size_t size = 0;
};

/// Runs a compiled model: owns the graph, calls the kernels in the step order
/// of language.md section 5, feeds, records and reports.
class Simulator {
public:
  /// `gpuTable`: the GPU kernels of a program compiled with --target=gpu
  /// (null otherwise); `--device gpu` runs them.
  Simulator(const char *descriptor, void *const *kernelTable, const Options &opts, void *const *gpuTable = nullptr);
  ~Simulator();
  Simulator(const Simulator &) = delete;
  Simulator &operator=(const Simulator &) = delete;

  /// Runs `steps` more steps, or to the end when negative; stops early, after
  /// a whole step, once `*stop` (setStop) is non-zero.
  void run(int64_t steps);
  /// A flag a signal handler sets to stop run() between two steps.
  void setStop(const volatile std::sig_atomic_t *stop) { stop_ = stop; }
  /// The run block's checkpoint file (resolved against --out-dir), or empty.
  std::string checkpointPath() const;
  /// Whether the run block's last checkpoint was written after the current step.
  bool checkpointedNow() const;
  /// Writes the recordings (atomically) and returns the report text.
  std::string finish();
  std::string statsText() const;
  /// Writes a checkpoint of the current state to `path` (atomically).
  void writeCheckpoint(const std::string &path);

  /// Writes the snapshot of the current step into folder `dir`.
  void snapshotTo(const std::string &dir) { snapshots_->writeTo(dir, step_, seed_); }
  /// The report's values now.
  std::vector<ReportValue> reportValues() const { return io_->reportValues(growth_->clipped); }
  /// Whether the run block feeds input column `input`.
  bool fed(const Column *input) const { return io_->feeds(input); }
  /// The current value of param `name`; a Fault listing the params if unknown.
  double param(const std::string &name) const;
  /// Sets param `name` from the next step on; a Fault if unknown or out of its type's range.
  void setParam(const std::string &name, double value);

  /// Every array param: the model's vector and matrix params, then attend<k>/NAME.
  std::vector<ParamArray> paramArrays();
  /// Array param `name`; a NameFault listing every param if unknown.
  ParamArray paramArray(const std::string &name);
  /// Sets array param `name` from the next step on; a ValueFault unless
  /// `count` is its size and every value is finite.
  void setParamArray(const std::string &name, const float *values, int64_t count);

  int64_t step() const { return step_; }
  uint64_t seed() const { return seed_; }
  int64_t totalSteps() const { return total_; }
  Population *population(const std::string &name) { return graph_.population(name); }
  Projection *projection(const std::string &name) { return graph_.projection(name); }
  /// The k-th memory region in declaration order, or null.
  MemoryRegion *memory(size_t k) { return k < memories_.size() ? memories_[k].get() : nullptr; }
  const ModelDesc &model() const { return desc_; }

private:
  /// Creates the run's output folders, holds the out-dir for this run, and
  /// checks that every output can be written, before the first step.
  void prepareOutputs();
  /// Sets the params from their defaults (or keeps the current values), then
  /// applies --param.
  void applyParams(bool fromDefaults = true);
  /// The index of param `name` in the descriptor; a Fault listing the params if unknown.
  size_t paramIndex(const std::string &name) const;
  /// The vector and matrix params' first values (ParamArrays.cpp).
  void initArrayParams();
  /// Reads every --param-file; applyParamFiles sets what they give: the
  /// model's params, or (`attention`) the attend blocks' weights.
  void readParamFiles();
  void applyParamFiles(bool attention);
  void buildGraph();
  void loadState(const std::string &file, Column &col, const std::vector<int64_t> &order, const std::string &what);
  /// Counts which projections and memories sum into each channel.
  void findChannelWriters();
  void stepOnce();
  void transmitPhase();
  void checkStatus(const char *phase);
  /// The parts snapshots, checkpoints and phases 5 and 6 work on.
  RunParts parts() {
    return RunParts{desc_, opts_, graph_, *kernels_, *growth_, *io_, memories_, attentions_};
  }

  const char *descriptorText_;
  ModelDesc desc_;
  Options opts_;
  FolderLock outLock_;
  // Declared before everything that holds columns: their memory may be its.
  std::unique_ptr<gpu::Device> device_;
  Graph graph_;
  std::unique_ptr<KernelTable> kernels_;
  std::unique_ptr<Growth> growth_;
  std::unique_ptr<RunIO> io_;
  std::vector<std::unique_ptr<Attention>> attentions_;
  std::vector<std::unique_ptr<MemoryRegion>> memories_;
  std::vector<std::vector<int>> channelWriters_;  // per population, per channel: projections and memories summing into it
  std::vector<uint8_t> memorySlots_;  // per population: the slots of a memory region (updated in phase 5)
  std::unique_ptr<Snapshots> snapshots_;
  std::unique_ptr<Checkpoints> checkpoints_;
  struct ParamFileEntry {
    std::string name, file;
    NpyArray value;
  };
  std::vector<ParamFileEntry> paramFile_;  // every entry of every --param-file, in order
  uint64_t seed_ = 0;
  int threads_ = 1;  // OpenMP threads of this run's kernels (set before each run: simulators may share a thread)
  int64_t step_ = 0, total_ = 0;
  const volatile std::sig_atomic_t *stop_ = nullptr;
};

} // namespace ndprt

#endif
