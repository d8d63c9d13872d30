#include "Simulator.h"

#include "Connectivity.h"
#include "Error.h"
#include "Files.h"
#include "Npy.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <sstream>
#include <unistd.h>

extern "C" void omp_set_num_threads(int);
extern "C" int omp_get_max_threads();

namespace ndprt {

namespace {

std::string joined(const std::vector<std::string> &v) {
  std::string s;
  for (size_t i = 0; i < v.size(); ++i) s += (i ? ", " : "") + v[i];
  return s;
}

int sign(double v) { return v > 0 ? 1 : v < 0 ? -1 : 0; }

std::string fmt(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.6g", v);
  return buf;
}

} // namespace

Population *Simulator::population(const std::string &name) {
  for (auto &p : pops_)
    if (p->name() == name) return p.get();
  return nullptr;
}

Projection *Simulator::projection(const std::string &name) {
  for (auto &q : projs_)
    if (q->name() == name) return q.get();
  return nullptr;
}

Simulator::Simulator(const char *descriptor, void *const *kernelTable, const Options &opts, void *const *gpuTable)
    : descriptorText_(descriptor), desc_(parseDescriptor(descriptor)), opts_(opts), table_(kernelTable) {
  if (opts_.device == Device::Gpu) {
    if (!gpuTable)
      throw Fault("this program was compiled for the CPU only; for '--device gpu' compile the model with "
                  "'ndpc compile --target=gpu'");
    device_ = std::make_unique<gpu::Device>();
    std::string why;
    if (!device_->open(why)) throw Fault("--device gpu: " + why);
    table_ = gpuTable;
  }
  // Every column made from here on (the graph's) is device memory in a GPU run.
  ColumnMemoryScope memory(device_.get());
  if (opts_.threads > 0) omp_set_num_threads(opts_.threads);
  threads_ = omp_get_max_threads();
  seed_ = static_cast<uint64_t>(opts_.seedSet ? opts_.seed : desc_.run.seed);
  std::string checkpoint;
  if (!opts_.resume.empty()) {
    // The run continues with the seed it started with.
    uint64_t seed = 0;
    checkpoint = readCheckpoint(opts_.resume, seed);
    if (opts_.seedSet && seed != seed_)
      throw Fault("cannot resume from '" + opts_.resume + "' with --seed " + std::to_string(seed_) +
                  ": the run it continues has seed " + std::to_string(seed) + "; leave --seed out");
    seed_ = seed;
  }
  total_ = opts_.steps >= 0 ? opts_.steps : desc_.run.steps;
  applyParams();
  prepareOutputs();

  for (size_t i = 0; i < desc_.pops.size(); ++i)
    pops_.push_back(std::make_unique<Population>(desc_.pops[i], static_cast<int>(i)));
  for (size_t i = 0; i < desc_.projs.size(); ++i) {
    const ProjDesc &q = desc_.projs[i];
    projs_.push_back(std::make_unique<Projection>(q, static_cast<int>(i), *population(q.pre), *population(q.post)));
  }
  popKernels_.resize(pops_.size());
  projKernels_.resize(projs_.size());
  for (const KernelDesc &k : desc_.kernels) {
    Kernel kern;
    kern.fn = reinterpret_cast<ndp_kernel_fn>(table_[k.index]);
    kern.kind = k.kind;
    kern.target = k.target;
    for (const std::string &b : k.bindings) kern.bindings.push_back(bind(b, k));
    if (static_cast<int>(kernels_.size()) != k.index) throw Fault("the model descriptor's kernels are out of order");
    kernels_.push_back(std::move(kern));
    for (auto &p : pops_)
      if (p->name() == k.target) {
        PopKernels &pk = popKernels_[static_cast<size_t>(p->index())];
        if (k.kind == KernelKind::PopInit) pk.init = k.index;
        else if (k.kind == KernelKind::PopOut) pk.out = k.index;
        else if (k.kind == KernelKind::PopUpdate) pk.update = k.index;
      }
    for (auto &q : projs_)
      if (q->name() == k.target) {
        ProjKernels &qk = projKernels_[static_cast<size_t>(q->index())];
        if (k.kind == KernelKind::ProjInit) qk.init = k.index;
        else if (k.kind == KernelKind::ProjTransmit) qk.transmit = k.index;
        else if (k.kind == KernelKind::ProjEvent) qk.event = k.index;
        else if (k.kind == KernelKind::ProjEventGather) qk.eventGather = k.index;
        else if (k.kind == KernelKind::ProjUpdate) qk.update = k.index;
        else if (k.kind == KernelKind::ProjFused) qk.fused = k.index;
      }
  }
  clipped_.assign(pops_.size(), 0);
  newSynapses_.resize(projs_.size());
  for (const GrowDesc &g : desc_.grows)
    if (!population(g.pop)) throw Fault("the model descriptor grows an unknown population '" + g.pop + "'");
  buildGraph();
  for (const MemoryDesc &m : desc_.memories) {
    Population *slots = population(m.slots), *key = population(m.key), *value = population(m.value);
    if (!slots || !key || !value) throw Fault("the model descriptor's memory region names an unknown population");
    memories_.push_back(std::make_unique<MemoryRegion>(m, *slots, *key, *value));
  }
  memorySlots_.assign(pops_.size(), 0);
  for (auto &m : memories_) memorySlots_[static_cast<size_t>(m->slots().index())] = 1;
  // Channels nothing sums into stay 0: phase 2 need not clear them every step.
  channelWriters_.resize(pops_.size());
  for (auto &p : pops_) channelWriters_[static_cast<size_t>(p->index())].assign(p->channels.size(), 0);
  for (auto &q : projs_) {
    Population &post = q->post();
    for (size_t c = 0; c < post.channels.size(); ++c)
      if (post.channels[c].name() == q->desc().channel) ++channelWriters_[static_cast<size_t>(post.index())][c];
  }
  for (auto &m : memories_)
    if (!m->value().channels.empty()) ++channelWriters_[static_cast<size_t>(m->value().index())][0];
  for (auto &q : projs_) {
    Population &post = q->post();
    for (size_t c = 0; c < post.channels.size(); ++c)
      if (post.channels[c].name() == q->desc().channel)
        projKernels_[static_cast<size_t>(q->index())].soleWriter =
            channelWriters_[static_cast<size_t>(post.index())][c] == 1;
  }
  for (size_t i = 0; i < desc_.attends.size(); ++i) {
    const AttendDesc &a = desc_.attends[i];
    Population *p = population(a.pop);
    Projection *over = a.proj.empty() ? nullptr : projection(a.proj);
    if (!p || (!a.proj.empty() && !over)) throw Fault("the model descriptor attends over an unknown population");
    attentions_.push_back(std::make_unique<Attention>(a, static_cast<int>(i), *p, over, seed_));
  }
  setupRun();
  if (!opts_.resume.empty()) restoreCheckpoint(checkpoint, opts_.resume);
}

Simulator::~Simulator() {
  if (!device_) return;
  for (Kernel &k : kernels_)
    for (auto &[p, bytes] : k.staged) device_->releaseHost(p);
}

void Simulator::prepareOutputs() {
  const RunDesc &run = desc_.run;
  std::vector<std::pair<std::string, std::string>> folders;  // (folder, what goes there)
  for (const RecordDesc &r : run.records)
    folders.push_back({folderOf(resolvePath(opts_.outDir, r.path)), "the recording '" + r.path + "'"});
  if (run.snapshot.every > 0)
    folders.push_back({resolvePath(opts_.outDir, run.snapshot.path), "snapshots"});
  if (run.checkpoint.every > 0)
    folders.push_back({folderOf(resolvePath(opts_.outDir, run.checkpoint.path)), "checkpoints"});
  if (!opts_.outDir.empty() && opts_.outDir != ".") makeDirectories(opts_.outDir);
  if (folders.empty()) return;
  // Found now, not after the whole run: a run whose results cannot be written
  // does not start, and a second run in the same folder does not clobber this one.
  outLock_ = FolderLock(opts_.outDir);
  for (auto &[folder, what] : folders) checkWritableFolder(folder, what);
}

void Simulator::applyParams(bool fromDefaults) {
  if (fromDefaults) {
    scalars_.assign(NDP_SCALAR_FIRST_PARAM + desc_.params.size(), 0.0);
    scalars_[NDP_SCALAR_DT] = desc_.run.dt;
    for (size_t i = 0; i < desc_.params.size(); ++i) scalars_[NDP_SCALAR_FIRST_PARAM + i] = desc_.params[i].value;
  }
  for (auto &[name, text] : opts_.params) {
    size_t i = 0;
    while (i < desc_.params.size() && desc_.params[i].name != name) ++i;
    if (i == desc_.params.size()) {
      std::vector<std::string> names;
      for (const ParamDesc &p : desc_.params) names.push_back(p.name);
      throw Fault("unknown param '" + name + "'; " +
                  (names.empty() ? std::string("this model has no params") : "the params are: " + joined(names)));
    }
    const double v = paramValue(desc_.params[i], text);
    scalars_[NDP_SCALAR_FIRST_PARAM + i] = v;
  }
}

Simulator::Binding Simulator::bind(const std::string &name, const KernelDesc &k) {
  auto bad = [&]() { return Fault("kernel " + std::to_string(k.index) + " takes '" + name + "', which this runtime does not know"); };
  std::optional<ndpabi::Binding> parsed = ndpabi::parseBinding(name);
  if (!parsed) throw bad();
  const ndpabi::Binding &w = *parsed;
  Binding b;
  switch (w.scope) {
  case ndpabi::Binding::Scope::Ctx: b.kind = Binding::Ctx; return b;
  case ndpabi::Binding::Scope::Scalars: b.kind = Binding::Scalars; return b;
  case ndpabi::Binding::Scope::Status: b.kind = Binding::Status; return b;
  case ndpabi::Binding::Scope::Pop: break;
  case ndpabi::Binding::Scope::Proj: return bindProjection(w, bad);
  }
  b.pop = population(w.target);
  if (!b.pop) throw bad();
  Population &p = *b.pop;
  auto column = [&](Column *c) {
    if (!c) throw bad();
    b.kind = Binding::PopColumn;
    b.col = c;
    return b;
  };
  auto i32 = [&](std::vector<int32_t> &v) {
    b.kind = Binding::ScratchI32;
    b.i32 = &v;
    return b;
  };
  switch (w.pop) {
  case PopField::State: return column(p.find(ValueKind::State, w.name));
  case PopField::Input: return column(p.find(ValueKind::Input, w.name));
  case PopField::Channel: return column(p.find(ValueKind::Channel, w.name));
  case PopField::Out: return column(p.find(ValueKind::Out, w.name));
  case PopField::Importance: return column(&p.importance);
  case PopField::Spiked: return column(&p.spiked);
  case PopField::Ids: return column(&p.ids);
  case PopField::Flags: return column(&p.flags);
  case PopField::Spikes: b.kind = Binding::Spikes; return b;
  case PopField::EditParent: return i32(p.editParent);
  case PopField::EditChild: return i32(p.editChild);
  case PopField::CandA: return i32(p.candA);
  case PopField::CandB: return i32(p.candB);
  case PopField::CandOk: b.kind = Binding::ScratchU8; b.u8 = &p.candOk; return b;
  case PopField::CandScore: b.kind = Binding::ScratchF32; b.f32 = &p.candScore; return b;
  }
  throw bad();
}

template <class Bad> Simulator::Binding Simulator::bindProjection(const ndpabi::Binding &w, const Bad &bad) {
  Binding b;
  b.proj = projection(w.target);
  if (!b.proj) throw bad();
  Projection &q = *b.proj;
  auto as = [&](Binding::Kind kind, Column *c) {
    if (!c) throw bad();
    b.kind = kind;
    b.col = c;
    return b;
  };
  switch (w.proj) {
  case ProjField::RowStart: return as(Binding::RowColumn, &q.rowStart);
  case ProjField::RowLen: return as(Binding::RowColumn, &q.rowLen);
  case ProjField::Next: return as(Binding::RowColumn, &q.next);
  case ProjField::DeadRows: return as(Binding::RowColumn, &q.deadRows);
  case ProjField::Pre: return as(Binding::SlotColumn, &q.preIndex);
  case ProjField::PostOf: return as(Binding::SlotColumn, &q.postOf);
  case ProjField::Par: return as(Binding::SlotColumn, &q.par);
  case ProjField::ByPreStart: return as(Binding::ByPreRow, &q.byPreStart);
  case ProjField::ByPreLen: return as(Binding::ByPreRow, &q.byPreLen);
  case ProjField::ByPre: return as(Binding::ByPreSlots, &q.byPre);
  case ProjField::ByPrePost: return as(Binding::ByPreSlots, &q.byPrePost);
  case ProjField::ByPreState: return as(Binding::ByPreSlots, q.byPreState(w.name));
  case ProjField::InitSlots: b.kind = Binding::InitSlots; return b;
  case ProjField::State: {
    Column *c = nullptr;
    for (Column &s : q.states)
      if (s.name() == w.name) c = &s;
    return as(Binding::SlotColumn, c);
  }
  }
  throw bad();
}

void Simulator::call(int index, int64_t begin, int64_t end) {
  Kernel &k = kernels_[static_cast<size_t>(index)];
  ctx_[NDP_CTX_BEGIN] = begin;
  ctx_[NDP_CTX_END] = end;
  ndp_view views[64];
  std::vector<ndp_view> many;
  ndp_view *v = views;
  if (k.bindings.size() > 64) {
    many.resize(k.bindings.size());
    v = many.data();
  }
  for (size_t i = 0; i < k.bindings.size(); ++i) {
    const Binding &b = k.bindings[i];
    switch (b.kind) {
    case Binding::Ctx: v[i] = ndp_view{ctx_, ctx_, 0, NDP_CTX_SIZE, 1}; break;
    case Binding::Scalars:
      v[i] = ndp_view{scalars_.data(), scalars_.data(), 0, static_cast<int64_t>(scalars_.size()), 1};
      break;
    case Binding::Status: v[i] = ndp_view{&status_, &status_, 0, 1, 1}; break;
    case Binding::PopColumn: v[i] = b.col->view(b.pop->size()); break;
    case Binding::Spikes: {
      std::vector<int32_t> &list = b.pop->spikeList();
      v[i] = ndp_view{list.data(), list.data(), 0, static_cast<int64_t>(list.size()), 1};
      break;
    }
    case Binding::RowColumn: v[i] = b.col->view(b.proj->post().size()); break;
    case Binding::SlotColumn: v[i] = b.col->view(b.proj->slotsUsed()); break;
    case Binding::ByPreRow: v[i] = b.col->view(b.proj->pre().size()); break;
    case Binding::ByPreSlots: v[i] = b.col->view(b.proj->synapses()); break;
    case Binding::InitSlots:
      v[i] = ndp_view{b.proj->initSlots.data(), b.proj->initSlots.data(), 0,
                      static_cast<int64_t>(b.proj->initSlots.size()), 1};
      break;
    case Binding::ScratchI32: v[i] = ndp_view{b.i32->data(), b.i32->data(), 0, static_cast<int64_t>(b.i32->size()), 1}; break;
    case Binding::ScratchU8: v[i] = ndp_view{b.u8->data(), b.u8->data(), 0, static_cast<int64_t>(b.u8->size()), 1}; break;
    case Binding::ScratchF32:
      v[i] = ndp_view{b.f32->data(), b.f32->data(), 0, static_cast<int64_t>(b.f32->size()), 1};
      break;
    }
  }
  if (device_) {
    gpu::Device::Scope current(device_.get());
    stageIn(k, v);
    auto t0 = std::chrono::steady_clock::now();
    k.fn(v);
    if (opts_.stats) k.seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    ++k.calls;
    std::string failure = device_->takeFailure();
    if (!failure.empty())
      throw Fault(std::string("GPU kernel ") + kernelKindName(k.kind) + " " + k.target + " at step " + std::to_string(step_) + ": " + failure);
    stageOut(k, v);
    return;
  }
  // A small population updates in microseconds, less than waking the other
  // threads may cost; which is faster depends on the update's work, so the
  // first calls measure both (see Kernel).
  const int64_t n = end - begin;
  const bool tune = threads_ > 1 && ndpabi::isPopulationKernel(k.kind);
  if (tune && (n > 2 * k.triedAt || 2 * n < k.triedAt)) {
    k.tried[0] = k.tried[1] = INFINITY;
    k.tries = 0;
    k.serial = -1;
    k.triedAt = n;
  }
  const bool trying = tune && k.serial < 0;
  const bool serial = tune && (trying ? k.tries % 2 == 1 : k.serial == 1);
  if (serial) omp_set_num_threads(1);
  if (opts_.stats || trying) {
    auto t0 = std::chrono::steady_clock::now();
    k.fn(v);
    const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (opts_.stats) k.seconds += s;
    if (trying) {  // the first call warms the caches up; then the fastest of each
      if (k.tries > 0) k.tried[serial ? 0 : 1] = std::min(k.tried[serial ? 0 : 1], s);
      if (++k.tries == 2 * kThreadTrials + 1) k.serial = k.tried[0] <= k.tried[1] ? 1 : 0;
    }
  } else {
    k.fn(v);
  }
  if (serial) omp_set_num_threads(threads_);
  ++k.calls;
}

void Simulator::loadState(const std::string &file, Column &col, const std::vector<int64_t> &order,
                          const std::string &what) {
  std::string path = resolvePath(opts_.outDir, file);
  NpyArray a = readNpy(path);
  int64_t n = static_cast<int64_t>(order.size());
  bool ok = (a.shape.size() == 1 && a.shape[0] == n && col.width() == 1) ||
            (a.shape.size() == 2 && a.shape[0] == n && a.shape[1] == col.width());
  if (!ok) {
    std::string want = col.width() == 1 ? "[" + std::to_string(n) + "]"
                                        : "[" + std::to_string(n) + ", " + std::to_string(col.width()) + "]";
    throw Fault("'" + path + "' has shape " + shapeString(a.shape) + ", but " + what + " needs " + want);
  }
  for (int64_t e = 0; e < n; ++e)
    for (int l = 0; l < col.width(); ++l)
      col.set(order[static_cast<size_t>(e)], l, a.data[static_cast<size_t>(e * col.width() + l)]);
}

void Simulator::buildGraph() {
  ctx_[NDP_CTX_SEED] = static_cast<int64_t>(seed_);
  ctx_[NDP_CTX_STEP] = 0;
  for (auto &p : pops_) {
    p->grow(p->desc().size);
    PopKernels &pk = popKernels_[static_cast<size_t>(p->index())];
    if (pk.init >= 0) call(pk.init, 0, p->size());
    std::vector<int64_t> order(static_cast<size_t>(p->size()));
    for (int64_t i = 0; i < p->size(); ++i) order[static_cast<size_t>(i)] = i;
    for (auto &[state, file] : p->desc().loads)
      loadState(file, *p->find(ValueKind::State, state), order, "state '" + state + "' of population '" + p->name() + "'");
  }
  for (auto &q : projs_) {
    bool self = &q->pre() == &q->post();
    std::vector<std::pair<int64_t, int64_t>> pairs =
        choosePairs(q->desc(), q->index(), q->pre().size(), q->post().size(), self, seed_, opts_.outDir);
    std::vector<int64_t> order = q->build(std::move(pairs));
    ProjKernels &qk = projKernels_[static_cast<size_t>(q->index())];
    if (qk.init >= 0 && !order.empty()) {
      q->initSlots = order;
      call(qk.init, 0, 0);
      q->initSlots.clear();
    }
    for (auto &[state, file] : q->desc().loads) {
      Column *c = nullptr;
      for (Column &s : q->states)
        if (s.name() == state) c = &s;
      loadState(file, *c, order, "state '" + state + "' of projection " + q->desc().pre + " -> " + q->desc().post +
                                     " (" + std::to_string(order.size()) + " synapses in edge order)");
    }
    if (qk.event >= 0) q->rebuildByPre();
  }
  // Outs are valid before the first step (from the initial state and zero inputs).
  for (auto &p : pops_) {
    PopKernels &pk = popKernels_[static_cast<size_t>(p->index())];
    if (pk.out >= 0) call(pk.out, 0, p->size());
  }
}

void Simulator::setupRun() {
  for (const FeedDesc &f : desc_.run.feeds) {
    Feed feed;
    feed.pop = population(f.pop);
    feed.input = feed.pop->find(ValueKind::Input, f.input);
    int64_t n = feed.pop->size();
    if (!f.file.empty()) {
      std::string path = resolvePath(opts_.outDir, f.file);
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
        it = tasks_.emplace(key, std::make_unique<PatternsTask>(seed_, f.n, f.size, f.hold, f.noise)).first;
      feed.task = it->second.get();
      feed.target = f.target;
      feed.width = f.size;
    }
    feeds_.push_back(std::move(feed));
  }
  for (const RecordDesc &r : desc_.run.records) {
    Recording rec{r, population(r.pop), nullptr, {}, {}};
    rec.col = rec.pop->find(r.kind, r.name);
    if (!rec.col) throw Fault("cannot record " + r.pop + "." + r.name);
    records_.push_back(std::move(rec));
  }
  for (const ReportDesc &r : desc_.run.reports)
    if (r.kind == ReportDesc::Kind::Accuracy) {
      Accuracy a{r, population(r.pop1)->find(r.kind1, r.name1), population(r.pop2)->find(r.kind2, r.name2),
                 population(r.pop1), population(r.pop2), {}};
      accuracy_.push_back(a);
    }
  start_ = lastProgress_ = std::chrono::steady_clock::now();
}

void Simulator::checkStatus(const char *phase) {
  if (status_ == 0) return;
  for (auto &p : pops_)
    for (Column &c : p->states) {
      if (!c.isFloat()) continue;
      for (int64_t i = 0; i < p->size(); ++i)
        for (int l = 0; l < c.width(); ++l)
          if (!std::isfinite(c.get(i, l)))
            throw Fault(std::string(std::isnan(c.get(i, l)) ? "NaN" : "an infinite value") + " in state '" +
                        c.name() + "' of population '" + p->name() + "', neuron " +
                        std::to_string(p->ids.as<int64_t>()[i]) + ", at step " + std::to_string(step_) + " (" +
                        phase + ")");
    }
  for (auto &q : projs_)
    for (Column &c : q->states) {
      if (!c.isFloat()) continue;
      for (int64_t s : q->liveSlots())
        if (!std::isfinite(c.get(s))) {
          int64_t pre = q->preIndex.as<int32_t>()[s], post = q->postOf.as<int32_t>()[s];
          throw Fault(std::string(std::isnan(c.get(s)) ? "NaN" : "an infinite value") + " in state '" + c.name() +
                      "' of synapse type '" + q->desc().synapse + "' (projection " + q->desc().pre + " -> " +
                      q->desc().post + "), the synapse from neuron " +
                      std::to_string(q->pre().ids.as<int64_t>()[pre]) + " to neuron " +
                      std::to_string(q->post().ids.as<int64_t>()[post]) + ", at step " + std::to_string(step_) +
                      " (" + phase + ")");
        }
    }
  // A fused kernel tests its rows' sums, not every weight, when each weight is a
  // factor of the sum (a non-finite weight was located above). A sum that
  // overflowed from finite values is an input, not a state: it reaches the
  // neuron next step, whose update check names it.
  for (auto &q : projs_) {
    const float *nx = q->next.as<float>();
    for (int64_t p = 0; nx && p < q->next.size(); ++p)
      if (!std::isfinite(nx[p])) {
        status_ = 0;
        return;
      }
  }
  throw Fault("a kernel reported a NaN or infinite state at step " + std::to_string(step_) +
              " that the runtime could not locate");
}

void Simulator::stepOnce() {
  const int64_t t = step_;
  ctx_[NDP_CTX_STEP] = t;
  scalars_[NDP_SCALAR_TIME] = static_cast<double>(t) * desc_.run.dt;

  // 1. Feed inputs: the neurons the source covers; children born later keep
  // the input they copied from their parent.
  for (Feed &f : feeds_) {
    float *in = f.input->as<float>();
    if (f.task) f.task->fill(t, f.target, in);
    else std::memcpy(in, &f.rows[static_cast<size_t>((t % f.nrows) * f.width)],
                     static_cast<size_t>(f.width) * sizeof(float));
  }
  // 2. Transmit: outs that read inputs first, then every projection in order.
  for (auto &p : pops_) {
    const std::vector<int> &written = channelWriters_[static_cast<size_t>(p->index())];
    for (size_t c = 0; c < p->channels.size(); ++c) {
      if (!written[c]) continue;
      const size_t bytes = static_cast<size_t>(p->size()) * sizeof(float);
      if (device_) device_->zero(p->channels[c].data(), bytes);  // where the data is
      else std::memset(p->channels[c].data(), 0, bytes);
    }
    PopKernels &pk = popKernels_[static_cast<size_t>(p->index())];
    if (p->desc().outsReadInputs && pk.out >= 0) call(pk.out, 0, p->size());
  }
  for (auto &q : projs_) {
    ProjKernels &qk = projKernels_[static_cast<size_t>(q->index())];
    if (device_ && qk.eventGather >= 0) {
      // One GPU thread walking the spikes would be slow: every post neuron
      // gathers in parallel, with the event kernel's bits.
      call(qk.eventGather, 0, q->post().size());
    } else if (qk.event >= 0) {
      if (!q->byPreValid) q->rebuildByPre();
      call(qk.event, 0, 0);
    } else if (qk.fused >= 0 && q->nextValid && (!device_ || qk.soleWriter)) {
      // The fused kernel of the last step already summed this step's transmit.
      Column *chan = q->post().find(ValueKind::Channel, q->desc().channel);
      float *c = chan->as<float>();
      const float *nx = q->next.as<float>();
      const int64_t n = q->post().size();
      // On a GPU, into a channel it alone writes (cleared: 0 + x is x, and a
      // row sum is never -0): a copy on the device, where both arrays are.
      // Elsewhere the transmit kernel sums anew rather than the host adding.
      if (device_) device_->copy(c, nx, static_cast<size_t>(n) * sizeof(float));
      else for (int64_t p = 0; p < n; ++p) c[p] += nx[p];
    } else if (qk.transmit >= 0) {
      call(qk.transmit, 0, q->post().size());
    }
  }
  for (auto &m : memories_) m->recall();
  // 3. Neuron updates, spikes, importance (memory slots update in phase 5).
  for (auto &p : pops_) {
    if (memorySlots_[static_cast<size_t>(p->index())]) continue;
    call(popKernels_[static_cast<size_t>(p->index())].update, 0, p->size());
    if (p->desc().spiking) p->collectSpikes(device_ != nullptr);
  }
  checkStatus("neuron update");
  // 4. Synapse updates (fused ones also sum the next step's transmit).
  for (auto &q : projs_) {
    ProjKernels &qk = projKernels_[static_cast<size_t>(q->index())];
    if (qk.fused >= 0) {
      call(qk.fused, 0, q->post().size());
      q->nextValid = true;
    } else if (qk.update >= 0) {
      call(qk.update, 0, q->post().size());
    }
  }
  checkStatus("synapse update");
  // 5. Memory regions. 6. Attention.
  memoryPhase();
  attendPhase();
  // 7. Pruning, then growth.
  prunePhase();
  growPhase();
  // 8. Record, snapshot, checkpoint.
  record();
  ++step_;
  const RunDesc &run = desc_.run;
  if (run.snapshot.every > 0 && step_ % run.snapshot.every == 0) writeSnapshot();
  if (run.checkpoint.every > 0 && step_ % run.checkpoint.every == 0)
    writeCheckpoint(resolvePath(opts_.outDir, run.checkpoint.path));
}

void Simulator::record() {
  const int64_t t = step_;
  for (Recording &r : records_) {
    if ((t + 1) % r.desc.every != 0) continue;
    Population &p = *r.pop;
    const int64_t *ids = p.ids.as<int64_t>();
    int64_t cols = p.size() == 0 ? 0 : ids[p.size() - 1] + 1;
    int w = r.col->width();
    size_t base = r.values.size();
    r.values.resize(base + static_cast<size_t>(cols * w), std::nanf(""));
    for (int64_t i = 0; i < p.size(); ++i)
      for (int l = 0; l < w; ++l)
        r.values[base + static_cast<size_t>(ids[i] * w + l)] = static_cast<float>(r.col->get(i, l));
    r.rowCols.push_back(cols);
  }
  if (t >= accuracyFrom())
    for (Accuracy &a : accuracy_) {
      int64_t n = std::min(a.pa->size(), a.pb->size()), match = 0;
      for (int64_t i = 0; i < n; ++i) match += sign(a.a->get(i)) == sign(a.b->get(i));
      a.counts.push_back({t, match, n});
    }
}

void Simulator::progress(bool done) {
  if (opts_.quiet || !::isatty(2)) return;
  auto now = std::chrono::steady_clock::now();
  if (!done && std::chrono::duration<double>(now - lastProgress_).count() < 0.1) return;
  lastProgress_ = now;
  double frac = total_ > 0 ? static_cast<double>(step_) / static_cast<double>(total_) : 1.0;
  double secs = std::chrono::duration<double>(now - start_).count();
  int filled = static_cast<int>(frac * 30);
  std::string bar(static_cast<size_t>(filled), '=');
  bar.resize(30, ' ');
  std::fprintf(stderr, "\r[%s] %3d%%  step %lld/%lld  %.0f steps/s ", bar.c_str(), static_cast<int>(frac * 100),
               static_cast<long long>(step_), static_cast<long long>(total_),
               secs > 0 ? static_cast<double>(step_) / secs : 0.0);
  progressShown_ = true;
  if (done) std::fputc('\n', stderr);
}

void Simulator::run(int64_t steps) {
  int64_t until = steps < 0 ? total_ : std::min(total_, step_ + steps);
  while (step_ < until) {
    stepOnce();
    progress(false);
  }
  if (step_ == total_) progress(true);
}

void Simulator::flushRecordings() {
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

std::string Simulator::finish() {
  flushRecordings();
  std::ostringstream os;
  os << "report " << desc_.name << " (" << step_ << " steps, seed " << seed_ << ")\n";
  size_t acc = 0;
  for (const ReportDesc &r : desc_.run.reports) {
    os << "  " << r.label << " = ";
    if (r.kind == ReportDesc::Kind::Accuracy) {
      Accuracy &a = accuracy_[acc++];
      int64_t match = 0, total = 0;
      for (auto &[t, m, n] : a.counts)
        if (t >= accuracyFrom()) match += m, total += n;
      os << (total ? fmt(static_cast<double>(match) / static_cast<double>(total)) : std::string("n/a"));
    } else if (r.kind == ReportDesc::Kind::Neurons) {
      os << population(r.pop1)->size();
    } else {
      int64_t n = 0;
      for (auto &q : projs_)
        if (q->desc().synapse == r.pop1) n += q->synapses();
      os << n;
    }
    os << "\n";
  }
  // Growth that a population's max refused (language.md section 4).
  for (auto &p : pops_) {
    bool grows = false;
    for (const GrowDesc &g : desc_.grows)
      for (const GrowRuleDesc &r : g.rules) grows |= g.pop == p->name() && r.divide;
    if (grows)
      os << "  divisions clipped at max(" << p->name() << ") = " << clipped_[static_cast<size_t>(p->index())] << "\n";
  }
  return os.str();
}

std::string Simulator::statsText() const {
  std::ostringstream os;
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  os << "stats: " << step_ << " steps in " << fmt(secs) << " s (" << fmt(secs > 0 ? step_ / secs : 0)
     << " steps/s)\n";
  // Bytes per element: what one element stores, then what is allocated per
  // element (spare capacity, row slack and indexes included).
  auto per = [](size_t bytes, int64_t n) { return n > 0 ? fmt(static_cast<double>(bytes) / static_cast<double>(n)) : std::string("-"); };
  for (auto &p : pops_)
    os << "  population " << p->name() << ": " << p->size() << " neurons, " << p->bytesPerNeuron()
       << " bytes per neuron (" << per(p->bytesAllocated(), p->size()) << " allocated)\n";
  for (auto &q : projs_)
    os << "  projection " << q->desc().pre << " -> " << q->desc().post << " (" << q->desc().synapse
       << "): " << q->synapses() << " synapses, " << q->bytesPerSynapse() << " bytes per synapse ("
       << per(q->bytesAllocated(), q->synapses()) << " allocated), " << q->slotsUsed() << " slots"
       << (q->desc().fused ? ", fused" : "") << (q->desc().eventDriven ? ", event-driven" : "") << "\n";
  for (const auto &m : memories_)
    os << "  memory " << m->desc().slots << ": " << m->writes << " writes\n";
  for (const auto &a : attentions_)
    if (a->calls)
      os << "  attend " << a->desc().pop << ": " << a->calls << " layers, " << fmt(a->seconds) << " s ("
         << fmt(a->seconds / static_cast<double>(a->calls)) << " s per layer)\n";
  if (device_)
    os << "  device: GPU " << device_->name() << ", " << device_->launches() << " kernel launches\n";
  for (const Kernel &k : kernels_)
    if (k.calls)
      os << "  kernel " << kernelKindName(k.kind) << " " << k.target << ": " << k.calls << " calls, " << fmt(k.seconds) << " s"
         << (k.serial == 1 ? " (1 thread)" : k.serial == 0 ? " (" + std::to_string(threads_) + " threads)" : "") << "\n";
  return os.str();
}

} // namespace ndprt
