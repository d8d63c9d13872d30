// The run's feeds, recordings, accuracy counts, progress and report (RunIO.h).
#include "RunIO.h"

#include "Error.h"
#include "Format.h"
#include "Files.h"
#include "Npy.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <sstream>
#include <unistd.h>

namespace ndprt {

namespace {

int sign(double v) { return v > 0 ? 1 : v < 0 ? -1 : 0; }


} // namespace

RunIO::RunIO(const ModelDesc &desc, const Options &opts, Graph &graph, uint64_t seed, int64_t total)
    : desc_(desc), opts_(opts), graph_(graph), total_(total) {
  for (const FeedDesc &f : desc_.run.feeds) {
    Feed feed;
    feed.pop = graph_.population(f.pop);
    feed.input = feed.pop->find(ValueKind::Input, f.input);
    int64_t n = feed.pop->size();
    if (!f.file.empty()) {
      std::string path = resolvePath(opts_.inputDir(), f.file);
      NpyArray a = readNpy(path);
      if (a.shape.size() != 2 || a.shape[1] != n || a.shape[0] < 1)
        throw Fault("'" + path + "' has shape " + shapeString(a.shape) + ", but feeding " + f.pop + "." + f.input +
                    " (" + std::to_string(n) + " neurons) needs [rows, " + std::to_string(n) + "]");
      feed.nrows = a.shape[0];
      feed.rows.assign(a.data.begin(), a.data.end());
      feed.width = n;
    } else {
      std::string key = f.task;
      auto it = tasks_.find(key);
      if (it == tasks_.end())
        it = tasks_.emplace(key, std::make_unique<PatternsTask>(seed, f.n, f.size, f.hold, f.noise)).first;
      feed.task = it->second.get();
      feed.target = f.target;
      feed.width = f.size;
    }
    feeds_.push_back(std::move(feed));
  }
  for (const RecordDesc &r : desc_.run.records) {
    if (r.synapses) {
      synapseRecords_.emplace_back(r, graph_);
      continue;
    }
    Recording rec{r, graph_.population(r.pop), nullptr, {}, {}};
    rec.col = rec.pop->find(r.kind, r.name);
    if (!rec.col) throw Fault("cannot record " + r.pop + "." + r.name);
    records_.push_back(std::move(rec));
  }
  for (const ReportDesc &r : desc_.run.reports)
    if (r.compares()) {
      Accuracy a{r, graph_.population(r.pop1)->find(r.kind1, r.name1), graph_.population(r.pop2)->find(r.kind2, r.name2),
                 graph_.population(r.pop1), graph_.population(r.pop2), {}};
      accuracy.push_back(a);
    }
  start_ = lastProgress_ = std::chrono::steady_clock::now();
}

void RunIO::feed(int64_t t) {
  // The source covers the neurons the population started with (ids below
  // `width`); every neuron reads the column of its lineage's first neuron
  // (language.md, "feed"), so children read their ancestor's and removals
  // move no one's column.
  for (Feed &f : feeds_) {
    float *in = f.input->as<float>();
    const int64_t n = f.pop->size();
    const int64_t *root = f.pop->root.as<int64_t>();
    // Ids rise, so these are exactly the neurons 0..width-1: neither grown nor shrunk.
    const bool inPlace = n == f.width && (n == 0 || f.pop->ids.as<int64_t>()[n - 1] == n - 1);
    f.row.resize(static_cast<size_t>(f.width));
    float *row = inPlace ? in : f.row.data();
    if (f.task) f.task->fill(t, f.target, row);
    else std::memcpy(row, &f.rows[static_cast<size_t>((t % f.nrows) * f.width)], static_cast<size_t>(f.width) * sizeof(float));
    if (inPlace || f.width == 0) continue;
    for (int64_t i = 0; i < n; ++i) in[i] = row[root[i] < f.width ? root[i] : 0];
  }
}

void RunIO::record(int64_t step) {
  const int64_t t = step;
  for (SynapseRecording &r : synapseRecords_) r.record(t);
  for (Recording &r : records_) {
    if ((t + 1) % r.desc.every != 0) continue;
    Population &p = *r.pop;
    const int64_t *ids = p.ids.as<int64_t>();
    const int64_t cols = p.nextId();
    int w = r.col->width();
    size_t base = r.values.size();
    r.values.resize(base + static_cast<size_t>(cols * w), std::nanf(""));
    for (int64_t i = 0; i < p.size(); ++i)
      for (int l = 0; l < w; ++l)
        r.values[base + static_cast<size_t>(ids[i] * w + l)] = static_cast<float>(r.col->get(i, l));
    r.rowCols.push_back(cols);
  }
  for (Accuracy &a : accuracy) {
    if (t < windowFrom(a.desc) || t >= windowTo(a.desc)) continue;
    // Pairs are the neurons with one stable id in both populations (ids rise
    // in each): a removed neuron leaves its pair, no one moves into it.
    const int64_t *ia = a.pa->ids.as<int64_t>(), *ib = a.pb->ids.as<int64_t>();
    const int64_t na = a.pa->size(), nb = a.pb->size();
    const bool mse = a.desc.kind == ReportDesc::Kind::Mse;
    double sum = 0;
    int64_t n = 0;
    for (int64_t i = 0, j = 0; i < na && j < nb;) {
      if (ia[i] < ib[j]) { ++i; continue; }
      if (ib[j] < ia[i]) { ++j; continue; }
      const double x = a.a->get(i), y = a.b->get(j);
      sum += mse ? (x - y) * (x - y) : static_cast<double>(sign(x) == sign(y));
      ++n, ++i, ++j;
    }
    a.counts.push_back({t, sum, n});
  }
}

void RunIO::progress(int64_t step, bool done) {
  if (opts_.quiet || !::isatty(2)) return;
  auto now = std::chrono::steady_clock::now();
  if (!done && std::chrono::duration<double>(now - lastProgress_).count() < 0.1) return;
  lastProgress_ = now;
  double frac = total_ > 0 ? static_cast<double>(step) / static_cast<double>(total_) : 1.0;
  double secs = std::chrono::duration<double>(now - start_).count();
  int filled = static_cast<int>(frac * 30);
  std::string bar(static_cast<size_t>(filled), '=');
  bar.resize(30, ' ');
  std::fprintf(stderr, "\r[%s] %3d%%  step %lld/%lld  %.0f steps/s ", bar.c_str(), static_cast<int>(frac * 100),
               static_cast<long long>(step), static_cast<long long>(total_),
               secs > 0 ? static_cast<double>(step) / secs : 0.0);
  if (done) std::fputc('\n', stderr);
}

void RunIO::flushRecordings() {
  for (const SynapseRecording &r : synapseRecords_)
    writeFileAtomically(resolvePath(opts_.outDir, r.desc().path), r.archive());
  for (Recording &r : records_) {
    int64_t rows = static_cast<int64_t>(r.rowCols.size());
    int64_t cols = 0;
    for (int64_t c : r.rowCols) cols = std::max(cols, c);
    int w = r.col->width();
    std::vector<float> out(static_cast<size_t>(rows * cols * w), std::nanf(""));
    size_t at = 0;
    for (int64_t i = 0; i < rows; ++i) {
      size_t n = static_cast<size_t>(r.rowCols[static_cast<size_t>(i)] * w);
      std::copy(r.values.begin() + static_cast<std::ptrdiff_t>(at),
                r.values.begin() + static_cast<std::ptrdiff_t>(at + n),
                out.begin() + static_cast<std::ptrdiff_t>(i * cols * w));
      at += n;
    }
    std::vector<int64_t> shape{rows, cols};
    if (w > 1) shape.push_back(w);
    writeNpyF32(resolvePath(opts_.outDir, r.desc.path), shape, out.data());
  }
}

void RunIO::resumeRecordings(const std::string &ckpt, int64_t step) {
  for (SynapseRecording &r : synapseRecords_) {
    if (step < r.desc().every) continue;
    const std::string file = resolvePath(opts_.outDir, r.desc().path);
    std::string bytes;
    try {
      bytes = readFile(file, "synapse recording");
    } catch (const Fault &) {
      throw Fault("cannot resume from '" + ckpt + "': the recording '" + file + "' it continues is missing or "
                  "unreadable; resume in the --out-dir of the run that wrote the checkpoint");
    }
    try {
      r.resume(bytes, file, step);
    } catch (const Fault &f) {
      throw Fault("cannot resume from '" + ckpt + "': " + f.what());
    }
  }
  for (Recording &r : records_) {
    std::string file = resolvePath(opts_.outDir, r.desc.path);
    int64_t rows = step / r.desc.every;  // rows recorded before the checkpoint
    r.values.clear();
    r.rowCols.clear();
    if (rows == 0) continue;
    NpyArray a;
    try {
      a = readNpy(file);
    } catch (const Fault &) {
      throw Fault("cannot resume from '" + ckpt + "': the recording '" + file + "' it continues is missing or "
                  "unreadable; resume in the --out-dir of the run that wrote the checkpoint");
    }
    int w = r.col->width();
    bool shapeOk = a.shape.size() == (w > 1 ? 3u : 2u) && (w == 1 || a.shape[2] == w);
    if (!shapeOk || a.shape[0] < rows)
      throw Fault("cannot resume from '" + ckpt + "': the recording '" + file + "' has shape " +
                  shapeString(a.shape) + ", but the checkpoint continues after " + std::to_string(rows) +
                  " rows of it");
    int64_t cols = a.shape[1];
    r.values.reserve(static_cast<size_t>(rows * cols * w));
    for (int64_t i = 0; i < rows * cols * w; ++i) r.values.push_back(static_cast<float>(a.data[static_cast<size_t>(i)]));
    r.rowCols.assign(static_cast<size_t>(rows), cols);
  }
}

std::vector<ReportValue> RunIO::reportValues(const std::vector<int64_t> &clipped) const {
  std::vector<ReportValue> out;
  size_t acc = 0;
  for (const ReportDesc &r : desc_.run.reports) {
    ReportValue v{r.label, 0, true};
    if (r.compares()) {
      const Accuracy &a = accuracy[acc++];
      double sum = 0;
      int64_t total = 0;
      for (const Count &c : a.counts)
        if (c.t >= windowFrom(r) && c.t < windowTo(r)) sum += c.sum, total += c.n;
      v.isCount = false;
      v.value = total ? sum / static_cast<double>(total) : std::nan("");
    } else if (r.kind == ReportDesc::Kind::Neurons) {
      v.value = static_cast<double>(graph_.population(r.pop1)->size());
    } else {
      int64_t n = 0;
      for (auto &q : graph_.projs)
        if (q->desc().synapse == r.pop1) n += q->synapses();
      v.value = static_cast<double>(n);
    }
    out.push_back(v);
  }
  // Growth that a population's max refused (language.md section 4).
  for (auto &p : graph_.pops) {
    bool grows = false;
    for (const GrowDesc &g : desc_.grows)
      for (const GrowRuleDesc &r : g.rules) grows |= g.pop == p->name() && r.kind == GrowRuleKind::Divide;
    if (grows)
      out.push_back({"divisions clipped at max(" + p->name() + ")",
                     static_cast<double>(clipped[static_cast<size_t>(p->index())]), true});
  }
  return out;
}

std::string RunIO::report(int64_t step, uint64_t seed, const std::vector<int64_t> &clipped) const {
  std::ostringstream os;
  os << "report " << desc_.name << " (" << step << " steps, seed " << seed << ")\n";
  for (const ReportValue &v : reportValues(clipped)) {
    os << "  " << v.label << " = ";
    if (v.isCount) os << static_cast<int64_t>(v.value);
    else os << (std::isnan(v.value) ? std::string("n/a") : formatNumber(v.value));
    os << "\n";
  }
  return os.str();
}

std::string RunIO::statsHeader(int64_t step) const {
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  std::ostringstream os;
  os << "stats: " << step << " steps in " << formatNumber(secs) << " s (" << formatNumber(secs > 0 ? step / secs : 0) << " steps/s)\n";
  return os.str();
}

} // namespace ndprt
