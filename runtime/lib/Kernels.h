// The model's compiled kernels (abi.h), each with the arrays its bindings
// name, and the views that are not graph arrays (ctx, scalars, status). A
// call hands each kernel its views as they are now (arrays move as the graph
// grows), picks one thread or all for per-neuron kernels by timing, and on a
// GPU stages what is not device memory (GpuStaging.cpp).
#ifndef NDPRT_KERNELS_H
#define NDPRT_KERNELS_H

#include "Descriptor.h"
#include "Graph.h"
#include "gpu/Device.h"

#include "ndp/abi.h"

#include <string>
#include <vector>

namespace ndprt {

/// Which kernel each phase calls for one population or projection (-1: none).
struct PopKernels { int init = -1, out = -1, update = -1; };
struct ProjKernels {
  int init = -1, transmit = -1, event = -1, eventGather = -1, update = -1, fused = -1;
  bool soleWriter = false;  // the only projection (or memory) summing into its channel
};

/// The lists a kernel over a list works on, handed to it with the call (they
/// belong to the caller: growth's edits and candidates, attention's scores):
/// a kernel's edit_parent or cand_a binding reads `first`, edit_child or cand_b
/// `second`, cand_ok is `ok` (which it writes), cand_score `score`, and a
/// projection's init_slots `slots`. A list not given is empty.
struct KernelLists {
  const std::vector<int32_t> *first = nullptr, *second = nullptr;
  std::vector<uint8_t> *ok = nullptr;
  const std::vector<float> *score = nullptr;
  const std::vector<int64_t> *slots = nullptr;
};

class KernelTable {
public:
  /// `device`: a GPU run's device (null on the CPU); `threads`: OpenMP's.
  KernelTable(const ModelDesc &desc, void *const *table, Graph &graph, gpu::Device *device, int threads, bool timed);
  ~KernelTable();
  KernelTable(const KernelTable &) = delete;
  KernelTable &operator=(const KernelTable &) = delete;

  /// Runs kernel `index` over elements [begin, end) (a kernel over a list
  /// ignores them and takes the lists' length).
  void call(int index, int64_t begin, int64_t end, const KernelLists &lists = {});

  const PopKernels &pop(const Population &p) const { return popKernels_[static_cast<size_t>(p.index())]; }
  ProjKernels &proj(const Projection &q) { return projKernels_[static_cast<size_t>(q.index())]; }

  // The views every kernel may take besides the graph's arrays.
  int64_t ctx[NDP_CTX_SIZE] = {0, 0, 0, 0};
  std::vector<double> scalars;  // t, dt, the params
  std::vector<std::vector<float>> arrays;  // the vector and matrix params, as the descriptor lists them
  int32_t status = 0;           // set by a kernel that met a NaN or infinite state

  /// "  kernel KIND TARGET: CALLS calls, S s" for every kernel called.
  std::string statsText() const;

private:
  struct Binding {
    enum Kind {
      Ctx, Scalars, Status, ParamArray, PopColumn, Spikes, RowColumn, SlotColumn, ByPreRow, ByPreSlots, InitSlots, FirstList,
      SecondList, OkList, ScoreList
    } kind;
    Population *pop = nullptr;
    Projection *proj = nullptr;
    Column *col = nullptr;
    size_t array = 0;  // ParamArray: the index in `arrays`
  };
  struct Kernel {
    ndp_kernel_fn fn = nullptr;
    std::vector<Binding> bindings;
    KernelKind kind = KernelKind::PopInit;
    std::string target;
    double seconds = 0;
    int64_t calls = 0;
    // Threads for a row-parallel kernel (a population's neurons, a
    // projection's post rows): after a warm-up call, the next calls try one
    // thread and all, alternately; the faster (by its best call) stays until
    // the rows double or halve, or kRetuneCalls calls later (the machine's
    // load changes, and one unlucky trial must not decide a whole run). The
    // results are the same either way: rows are independent.
    double tried[2] = {0, 0};
    int tries = 0, serial = -1;
    int64_t triedAt = 0, sinceTuned = 0;
    // GPU runs: page-locked copies of the bindings that are not columns.
    std::vector<std::pair<void *, size_t>> staged;
    std::vector<const void *> prefetched;  // per binding: the column data last moved to the device
  };
  static constexpr int kThreadTrials = 4;  // calls timed with each thread count
  static constexpr int64_t kRetuneCalls = 2048;
  static constexpr double kSurelyParallelSeconds = 1e-3;

  /// The array a binding names; throws a Fault for a name this runtime does
  /// not know (a model compiled by another version).
  Binding bind(const std::string &name, const KernelDesc &k);
  Binding bindProjection(const std::string &name, const ndpabi::Binding &parsed, const KernelDesc &k);
  /// GPU runs: points the views that are not columns at page-locked copies
  /// (and checks that the columns are device memory); after the kernel,
  /// copies back what kernels write.
  void stageIn(Kernel &k, ndp_view *views);
  void stageOut(Kernel &k, ndp_view *views, const KernelLists &lists);
  /// Bytes of one element of a binding that is staged; 0 for columns.
  static size_t stagedElementBytes(const Binding &b);

  Graph &graph_;
  std::vector<std::string> arrayNames_;  // of `arrays`
  gpu::Device *device_;
  int threads_;
  bool timed_;
  std::vector<Kernel> kernels_;
  std::vector<PopKernels> popKernels_;
  std::vector<ProjKernels> projKernels_;
};

} // namespace ndprt

#endif
