// The kernel table: binding each kernel's arrays by name once, calling it with
// views of the arrays as they are at the call (Kernels.h).
#include "Kernels.h"

#include "Error.h"
#include "Format.h"

#include <chrono>
#include <cmath>
#include <sstream>

extern "C" void omp_set_num_threads(int);

namespace ndprt {

namespace {

Fault unknownBinding(const std::string &name, const KernelDesc &k) {
  return Fault("kernel " + std::to_string(k.index) + " takes '" + name + "', which this runtime does not know");
}


} // namespace

KernelTable::KernelTable(const ModelDesc &desc, void *const *table, Graph &graph, gpu::Device *device, int threads,
                         bool timed)
    : graph_(graph), device_(device), threads_(threads), timed_(timed) {
  popKernels_.resize(graph.pops.size());
  projKernels_.resize(graph.projs.size());
  for (const ArrayParamDesc &a : desc.arrayParams) {
    arrayNames_.push_back(a.name);
    arrays.emplace_back(static_cast<size_t>(a.size()), 0.0f);
  }
  for (const KernelDesc &k : desc.kernels) {
    Kernel kern;
    kern.fn = reinterpret_cast<ndp_kernel_fn>(table[k.index]);
    kern.kind = k.kind;
    kern.target = k.target;
    for (const std::string &b : k.bindings) kern.bindings.push_back(bind(b, k));
    if (static_cast<int>(kernels_.size()) != k.index) throw Fault("the model descriptor's kernels are out of order");
    kernels_.push_back(std::move(kern));
    if (Population *p = graph.population(k.target)) {
      PopKernels &pk = popKernels_[static_cast<size_t>(p->index())];
      if (k.kind == KernelKind::PopInit) pk.init = k.index;
      else if (k.kind == KernelKind::PopOut) pk.out = k.index;
      else if (k.kind == KernelKind::PopUpdate) pk.update = k.index;
    }
    if (Projection *q = graph.projection(k.target)) {
      ProjKernels &qk = projKernels_[static_cast<size_t>(q->index())];
      if (k.kind == KernelKind::ProjInit) qk.init = k.index;
      else if (k.kind == KernelKind::ProjTransmit) qk.transmit = k.index;
      else if (k.kind == KernelKind::ProjEvent) qk.event = k.index;
      else if (k.kind == KernelKind::ProjEventGather) qk.eventGather = k.index;
      else if (k.kind == KernelKind::ProjUpdate) qk.update = k.index;
      else if (k.kind == KernelKind::ProjFused) qk.fused = k.index;
    }
  }
}

KernelTable::~KernelTable() {
  if (!device_) return;
  for (Kernel &k : kernels_)
    for (auto &[p, bytes] : k.staged) device_->releaseHost(p);
}

KernelTable::Binding KernelTable::bind(const std::string &name, const KernelDesc &k) {
  auto bad = [&]() { return unknownBinding(name, k); };
  std::optional<ndpabi::Binding> parsed = ndpabi::parseBinding(name);
  if (!parsed) throw bad();
  const ndpabi::Binding &w = *parsed;
  Binding b;
  switch (w.scope) {
  case ndpabi::Binding::Scope::Ctx: b.kind = Binding::Ctx; return b;
  case ndpabi::Binding::Scope::Scalars: b.kind = Binding::Scalars; return b;
  case ndpabi::Binding::Scope::Status: b.kind = Binding::Status; return b;
  case ndpabi::Binding::Scope::Pop: break;
  case ndpabi::Binding::Scope::Proj: return bindProjection(name, w, k);
  case ndpabi::Binding::Scope::Param:
    for (size_t i = 0; i < arrayNames_.size(); ++i)
      if (arrayNames_[i] == w.target) {
        b.kind = Binding::ParamArray;
        b.array = i;
        return b;
      }
    throw bad();
  }
  b.pop = graph_.population(w.target);
  if (!b.pop) throw bad();
  Population &p = *b.pop;
  auto column = [&](Column *c) {
    if (!c) throw bad();
    b.kind = Binding::PopColumn;
    b.col = c;
    return b;
  };
  auto list = [&](Binding::Kind kind) {
    b.kind = kind;
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
  case PopField::EditParent:
  case PopField::CandA: return list(Binding::FirstList);
  case PopField::EditChild:
  case PopField::CandB: return list(Binding::SecondList);
  case PopField::CandOk: return list(Binding::OkList);
  case PopField::CandScore: return list(Binding::ScoreList);
  }
  throw bad();
}

KernelTable::Binding KernelTable::bindProjection(const std::string &name, const ndpabi::Binding &w, const KernelDesc &k) {
  auto bad = [&]() { return unknownBinding(name, k); };
  Binding b;
  b.proj = graph_.projection(w.target);
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

namespace {

template <class T> ndp_view listView(const std::vector<T> *v) {
  if (!v) return ndp_view{nullptr, nullptr, 0, 0, 1};
  T *p = const_cast<T *>(v->data());  // views are untyped; kernels write only `ok`
  return ndp_view{p, p, 0, static_cast<int64_t>(v->size()), 1};
}

} // namespace

void KernelTable::call(int index, int64_t begin, int64_t end, const KernelLists &lists) {
  Kernel &k = kernels_[static_cast<size_t>(index)];
  ctx[NDP_CTX_BEGIN] = begin;
  ctx[NDP_CTX_END] = end;
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
    case Binding::Ctx: v[i] = ndp_view{ctx, ctx, 0, NDP_CTX_SIZE, 1}; break;
    case Binding::Scalars:
      v[i] = ndp_view{scalars.data(), scalars.data(), 0, static_cast<int64_t>(scalars.size()), 1};
      break;
    case Binding::Status: v[i] = ndp_view{&status, &status, 0, 1, 1}; break;
    case Binding::ParamArray: {
      std::vector<float> &a = arrays[b.array];
      v[i] = ndp_view{a.data(), a.data(), 0, static_cast<int64_t>(a.size()), 1};
      break;
    }
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
    case Binding::InitSlots: v[i] = listView(lists.slots); break;
    case Binding::FirstList: v[i] = listView(lists.first); break;
    case Binding::SecondList: v[i] = listView(lists.second); break;
    case Binding::OkList: v[i] = listView<uint8_t>(lists.ok); break;
    case Binding::ScoreList: v[i] = listView(lists.score); break;
    }
  }
  if (device_) {
    gpu::Device::Scope current(device_);
    stageIn(k, v);
    auto t0 = std::chrono::steady_clock::now();
    k.fn(v);
    if (timed_) k.seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    ++k.calls;
    std::string failure = device_->takeFailure();
    if (!failure.empty())
      throw Fault(std::string("GPU kernel ") + kernelKindName(k.kind) + " " + k.target + " at step " + std::to_string(ctx[NDP_CTX_STEP]) + ": " + failure);
    stageOut(k, v, lists);
    return;
  }
  // A small population (or a projection's rows) updates in microseconds, less
  // than waking the other threads may cost; which is faster depends on the
  // kernel's work, so the first calls measure both (see Kernel).
  const int64_t n = end - begin;
  const bool tune = threads_ > 1 && ndpabi::isRowParallelKernel(k.kind);
  if (tune && (n > 2 * k.triedAt || 2 * n < k.triedAt || ++k.sinceTuned > kRetuneCalls)) {
    k.tried[0] = k.tried[1] = INFINITY;
    k.tries = 0;
    k.serial = -1;
    k.triedAt = n;
    k.sinceTuned = 0;
  }
  const bool trying = tune && k.serial < 0;
  const bool serial = tune && (trying ? k.tries % 2 == 1 : k.serial == 1);
  if (serial) omp_set_num_threads(1);
  if (timed_ || trying) {
    auto t0 = std::chrono::steady_clock::now();
    k.fn(v);
    const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (timed_) k.seconds += s;
    if (trying) {  // the first call warms the caches up; then the fastest of each
      if (k.tries > 0) k.tried[serial ? 0 : 1] = std::min(k.tried[serial ? 0 : 1], s);
      if (++k.tries == 2 * kThreadTrials + 1) k.serial = k.tried[0] <= k.tried[1] ? 1 : 0;
      // A call this long on all threads is far past what waking them costs:
      // trying one thread would only slow the run down.
      if (k.tries == 1 && s > kSurelyParallelSeconds) k.serial = 0;
    }
  } else {
    k.fn(v);
  }
  if (serial) omp_set_num_threads(threads_);
  ++k.calls;
}

std::string KernelTable::statsText() const {
  std::ostringstream os;
  for (const Kernel &k : kernels_)
    if (k.calls)
      os << "  kernel " << kernelKindName(k.kind) << " " << k.target << ": " << k.calls << " calls, " << formatNumber(k.seconds)
         << " s" << (k.serial == 1 ? " (1 thread)" : k.serial == 0 ? " (" + std::to_string(threads_) + " threads)" : "")
         << "\n";
  return os.str();
}

} // namespace ndprt
