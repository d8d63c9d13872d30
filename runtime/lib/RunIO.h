// What a run reads and writes besides the graph (language.md section 4, "run"):
// the feeds of phase 1, the recordings and accuracy counts of phase 8, the
// progress bar, the report at the end. Recordings are kept in memory and
// written whole (atomically) at checkpoints and at the end, so a failed run
// leaves no partial file.
#ifndef NDPRT_RUNIO_H
#define NDPRT_RUNIO_H

#include "Descriptor.h"
#include "Graph.h"
#include "Options.h"
#include "SynapseRecords.h"
#include "Tasks.h"

#include <array>
#include <chrono>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace ndprt {

/// One line of the report: a value with its label (as the report prints it).
struct ReportValue {
  std::string label;
  double value;   // NaN: not measured (an accuracy window with no recorded step yet)
  bool isCount;   // a count (printed as an integer) or a fraction
};

class RunIO {
public:
  /// Reads the feed files and makes the tasks; `total`: the run's steps.
  RunIO(const ModelDesc &desc, const Options &opts, Graph &graph, uint64_t seed, int64_t total);

  /// Phase 1 of step `step`: every fed input.
  void feed(int64_t step);
  /// Phase 8 of step `step`: the recordings whose `every` fires, the accuracy counts.
  void record(int64_t step);
  /// The progress bar on a terminal, after `step` steps.
  void progress(int64_t step, bool done);
  /// Whether phase 1 writes input column `input` (a value set from outside would be overwritten).
  bool feeds(const Column *input) const {
    for (const Feed &f : feeds_)
      if (f.input == input) return true;
    return false;
  }
  /// Writes every recording (atomically).
  void flushRecordings();
  /// Resuming at `step`: the rows the recordings had then, from --out-dir.
  void resumeRecordings(const std::string &checkpoint, int64_t step);
  /// The report's values now (`clipped`: divisions refused per population).
  std::vector<ReportValue> reportValues(const std::vector<int64_t> &clipped) const;
  /// The report after `step` steps, as the program prints it.
  std::string report(int64_t step, uint64_t seed, const std::vector<int64_t> &clipped) const;
  /// "stats: N steps in S s (R steps/s)"
  std::string statsHeader(int64_t step) const;

  /// One counted step of an accuracy or mse report: the matches (or the sum of
  /// squared differences) over n neuron pairs.
  struct Count {
    int64_t t;
    double sum;
    int64_t n;
  };
  /// An accuracy or mse report's counts, kept per step so that a run resumed
  /// with more steps than the one that wrote the checkpoint drops those before
  /// its own window.
  struct Accuracy {
    ReportDesc desc;
    Column *a, *b;
    Population *pa, *pb;
    std::vector<Count> counts;
  };
  std::vector<Accuracy> accuracy;
  /// The window [from, to) of steps a report averages over: `from=`/`to=` of
  /// the report item, by default the last tenth of the run (at least a step).
  int64_t windowFrom(const ReportDesc &r) const {
    return r.from >= 0 ? r.from : total_ - std::max<int64_t>(1, total_ / 10);
  }
  int64_t windowTo(const ReportDesc &r) const { return r.to >= 0 ? std::min(r.to, total_) : total_; }

private:
  struct Feed {
    Population *pop;
    Column *input;
    int64_t width = 0;  // neurons the source feeds (the population's size at the start)
    const PatternsTask *task = nullptr;
    bool target = false;
    std::vector<float> rows;  // a file source: rows x neurons
    int64_t nrows = 0;
    std::vector<float> row;  // this step's source row, when it is not written in place
  };
  struct Recording {
    RecordDesc desc;
    Population *pop;
    Column *col;
    std::vector<float> values;     // rows of `width` lanes per stable id
    std::vector<int64_t> rowCols;  // columns (largest stable id + 1) of each row
  };

  const ModelDesc &desc_;
  const Options &opts_;
  Graph &graph_;
  int64_t total_;
  std::map<std::string, std::unique_ptr<PatternsTask>> tasks_;
  std::vector<Feed> feeds_;
  std::vector<Recording> records_;
  std::vector<SynapseRecording> synapseRecords_;
  std::chrono::steady_clock::time_point start_, lastProgress_;
};

} // namespace ndprt

#endif
