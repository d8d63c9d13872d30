#ifndef NDPRT_SIMULATOR_H
#define NDPRT_SIMULATOR_H

#include "Attention.h"
#include "Descriptor.h"
#include "Files.h"
#include "Memory.h"
#include "Options.h"
#include "Population.h"
#include "Projection.h"
#include "Tasks.h"
#include "gpu/Device.h"

#include "ndp/abi.h"

#include <array>
#include <chrono>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace ndprt {

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

  /// Runs `steps` more steps, or to the end when negative.
  void run(int64_t steps);
  /// Writes the recordings (atomically) and returns the report text.
  std::string finish();
  std::string statsText() const;
  /// Writes a checkpoint of the current state to `path` (atomically).
  void writeCheckpoint(const std::string &path);

  int64_t step() const { return step_; }
  int64_t totalSteps() const { return total_; }
  Population *population(const std::string &name);
  Projection *projection(const std::string &name);
  /// The k-th memory region in declaration order, or null.
  MemoryRegion *memory(size_t k) { return k < memories_.size() ? memories_[k].get() : nullptr; }
  const ModelDesc &model() const { return desc_; }

private:
  struct Binding {
    enum Kind {
      Ctx, Scalars, Status, PopColumn, Spikes, RowColumn, SlotColumn, ByPreRow, ByPreSlots, InitSlots, ScratchI32,
      ScratchU8, ScratchF32
    } kind;
    Population *pop = nullptr;
    Projection *proj = nullptr;
    Column *col = nullptr;
    std::vector<int32_t> *i32 = nullptr;
    std::vector<uint8_t> *u8 = nullptr;
    std::vector<float> *f32 = nullptr;
  };
  struct Kernel {
    ndp_kernel_fn fn = nullptr;
    std::vector<Binding> bindings;
    KernelKind kind = KernelKind::PopInit;
    std::string target;
    double seconds = 0;
    int64_t calls = 0;
    // Threads for a per-neuron kernel: after a warm-up call, the next calls try
    // one thread and all, alternately; the faster (by its best call) stays
    // until the population's size doubles or halves. The results are the same
    // either way: neurons are independent.
    double tried[2] = {0, 0};
    int tries = 0, serial = -1;
    int64_t triedAt = 0;
    // GPU runs: page-locked copies of the bindings that are not columns.
    std::vector<std::pair<void *, size_t>> staged;
    std::vector<const void *> prefetched;  // per binding: the column data last moved to the device
  };
  struct PopKernels { int init = -1, out = -1, update = -1; };
  struct ProjKernels {
    int init = -1, transmit = -1, event = -1, eventGather = -1, update = -1, fused = -1;
    bool soleWriter = false;  // the only projection (or memory) summing into its channel
  };
  struct Feed {
    Population *pop;
    Column *input;
    int64_t width = 0;  // neurons the source feeds (the population's size at the start)
    const PatternsTask *task = nullptr;
    bool target = false;
    std::vector<float> rows;  // a file source: rows x neurons
    int64_t nrows = 0;
  };
  struct Recording {
    RecordDesc desc;
    Population *pop;
    Column *col;
    std::vector<float> values;     // rows of `width` lanes per stable id
    std::vector<int64_t> rowCols;  // columns (largest stable id + 1) of each row
  };
  struct Accuracy {
    ReportDesc desc;
    Column *a, *b;
    Population *pa, *pb;
    // (step, matches, neurons) of each counted step: a run resumed with more
    // steps than the one that wrote the checkpoint drops those before its window.
    std::vector<std::array<int64_t, 3>> counts;
  };
  /// The first step of the window `accuracy` averages over (the last tenth).
  int64_t accuracyFrom() const { return total_ - std::max<int64_t>(1, total_ / 10); }

  /// The array a kernel's binding names; throws a Fault for a name this
  /// runtime does not know (a model compiled by another version).
  Binding bind(const std::string &name, const KernelDesc &k);
  template <class Bad> Binding bindProjection(const ndpabi::Binding &name, const Bad &bad);
  void call(int kernel, int64_t begin, int64_t end);
  /// GPU runs: points the views that are not columns at page-locked copies
  /// (and checks that the columns are device memory); after the kernel,
  /// copies back what kernels write.
  void stageIn(Kernel &k, ndp_view *views);
  /// Bytes of one element of a binding that is staged; 0 for columns.
  static size_t stagedElementBytes(const Binding &b);
  void stageOut(Kernel &k, ndp_view *views);
  /// Sets the params from their defaults (or keeps the current values), then
  /// applies --param.
  void applyParams(bool fromDefaults = true);
  /// Creates the run's output folders, holds the out-dir for this run, and
  /// checks that every output can be written, before the first step.
  void prepareOutputs();
  void buildGraph();
  void loadState(const std::string &file, Column &col, const std::vector<int64_t> &order, const std::string &what);
  void setupRun();
  void stepOnce();
  void checkStatus(const char *phase);
  void record();
  void progress(bool done);
  void flushRecordings();

  // Phase 5: memory regions (MemoryPhase.cpp); their recall is in phase 2.
  void memoryPhase();

  // Phase 6: attention, and the long-range synapses it grows.
  void attendPhase();

  // Phase 7 (Growth.cpp).
  void prunePhase();
  void growPhase();
  void divide(Population &pop, const GrowRuleDesc &rule);
  void connect(Population &pop, const GrowRuleDesc &rule);
  /// Wires a child like its parent: copies of the parent's synapses (split) or
  /// fresh ones to and from the parent and its neighbours.
  void wireSplit(Projection &q, Population &pop, int64_t parent, int64_t child);
  void wireFresh(Projection &q, Population &pop, int64_t parent, int64_t child);
  /// Adds `multiplicity` fresh synapses (post, pre), to be initialised by initNew().
  void addFresh(Projection &q, int64_t post, int64_t pre);
  /// Calls the init kernels on the synapses made since the last call.
  void initNew();
  /// Row capacity growth may not pass: fanin K * multiplicity for `fanin` projections.
  int64_t rowLimit(const Projection &q) const;
  void afterGrowth(Population &pop, int64_t first);

  // Snapshots and checkpoints (Snapshot.cpp, Checkpoint.cpp).
  void writeSnapshot();
  /// Reads and checks a checkpoint; returns its payload and sets `seed`.
  std::string readCheckpoint(const std::string &path, uint64_t &seed);
  void restoreCheckpoint(const std::string &payload, const std::string &path);
  void loadRecordingsForResume(const std::string &ckpt);

  const char *descriptorText_;
  ModelDesc desc_;
  Options opts_;
  FolderLock outLock_;
  void *const *table_;
  // Declared before everything that holds columns: their memory may be its.
  std::unique_ptr<gpu::Device> device_;
  std::vector<Kernel> kernels_;
  std::vector<std::unique_ptr<Population>> pops_;
  std::vector<std::unique_ptr<Projection>> projs_;
  std::vector<PopKernels> popKernels_;
  std::vector<ProjKernels> projKernels_;
  std::map<std::string, std::unique_ptr<PatternsTask>> tasks_;
  std::vector<Feed> feeds_;
  std::vector<Recording> records_;
  std::vector<Accuracy> accuracy_;
  std::vector<int64_t> clipped_;                          // per population: divisions refused at max
  std::vector<std::vector<std::array<int64_t, 3>>> newSynapses_;  // per projection: (post, pre, par) to init
  std::vector<int64_t> scratchFrom_, scratchTo_;                   // wireFresh's candidates, reused
  std::vector<std::unique_ptr<Attention>> attentions_;
  std::vector<std::unique_ptr<MemoryRegion>> memories_;
  int threads_ = 1;  // OpenMP threads for kernel calls
  static constexpr int kThreadTrials = 4;  // calls timed with each thread count
  std::vector<std::vector<int>> channelWriters_;  // per population, per channel: projections and memories summing into it
  std::vector<uint8_t> memorySlots_;  // per population: the slots of a memory region (updated in phase 5)
  int64_t ctx_[NDP_CTX_SIZE] = {0, 0, 0, 0};
  std::vector<double> scalars_;
  int32_t status_ = 0;
  uint64_t seed_ = 0;
  int64_t step_ = 0, total_ = 0;
  std::chrono::steady_clock::time_point start_, lastProgress_;
  bool progressShown_ = false;
  bool snapshotsStarted_ = false;
};

} // namespace ndprt

#endif
