#ifndef NDPRT_SIMULATOR_H
#define NDPRT_SIMULATOR_H

#include "Descriptor.h"
#include "Population.h"
#include "Projection.h"
#include "Tasks.h"

#include "ndp/abi.h"

#include <chrono>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace ndprt {

/// What the compiled program's command line sets (language.md section 9).
struct Options {
  int64_t steps = -1;  // -1: the run block's
  bool seedSet = false;
  int64_t seed = 0;
  std::vector<std::pair<std::string, std::string>> params;
  std::string outDir = ".";
  int threads = 0;  // 0: OpenMP's default
  bool quiet = false, stats = false;
  std::string device = "cpu", resume;
};

/// Runs a compiled model: owns the graph, calls the kernels in the step order
/// of language.md section 5, feeds, records and reports.
class Simulator {
public:
  Simulator(const char *descriptor, void *const *kernelTable, const Options &opts);

  /// Runs `steps` more steps, or to the end when negative.
  void run(int64_t steps);
  /// Writes the recordings (atomically) and returns the report text.
  std::string finish();
  std::string statsText() const;

  int64_t step() const { return step_; }
  int64_t totalSteps() const { return total_; }
  Population *population(const std::string &name);
  const ModelDesc &model() const { return desc_; }

private:
  struct Binding {
    enum Kind { Ctx, Scalars, Status, PopColumn, Spikes, RowColumn, SlotColumn, ByPreRow, ByPreSlots, InitSlots } kind;
    Population *pop = nullptr;
    Projection *proj = nullptr;
    Column *col = nullptr;
  };
  struct Kernel {
    ndp_kernel_fn fn = nullptr;
    std::vector<Binding> bindings;
    std::string kind, target;
    double seconds = 0;
    int64_t calls = 0;
  };
  struct PopKernels { int init = -1, out = -1, update = -1; };
  struct ProjKernels { int init = -1, transmit = -1, event = -1, update = -1, fused = -1; };
  struct Feed {
    Population *pop;
    Column *input;
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
    Population *pa;
    int64_t match = 0, total = 0;
  };

  Binding bind(const std::string &name, const KernelDesc &k);
  void call(int kernel, int64_t begin, int64_t end);
  void applyParams();
  void buildGraph();
  void loadState(const std::string &file, Column &col, const std::vector<int64_t> &order, const std::string &what);
  void setupRun();
  void stepOnce();
  void checkStatus(const char *phase);
  void record();
  void progress(bool done);

  ModelDesc desc_;
  Options opts_;
  void *const *table_;
  std::vector<Kernel> kernels_;
  std::vector<std::unique_ptr<Population>> pops_;
  std::vector<std::unique_ptr<Projection>> projs_;
  std::vector<PopKernels> popKernels_;
  std::vector<ProjKernels> projKernels_;
  std::map<std::string, std::unique_ptr<PatternsTask>> tasks_;
  std::vector<Feed> feeds_;
  std::vector<Recording> records_;
  std::vector<Accuracy> accuracy_;
  int64_t ctx_[NDP_CTX_SIZE] = {0, 0, 0, 0};
  std::vector<double> scalars_;
  int32_t status_ = 0;
  uint64_t seed_ = 0;
  int64_t step_ = 0, total_ = 0;
  std::chrono::steady_clock::time_point start_, lastProgress_;
  bool progressShown_ = false;
};

} // namespace ndprt

#endif
