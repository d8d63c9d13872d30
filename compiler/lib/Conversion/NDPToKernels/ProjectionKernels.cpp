// The kernels of one projection. Synapses are stored grouped by post neuron
// (ragged rows: row_start, row_len, the pre index of each synapse), so the
// transmit is a gather: one scf.parallel iteration per post neuron sums its row
// with no atomics. Event-driven delivery walks the pre neurons that spiked and
// their outgoing synapses (the by-pre index). A fused kernel updates a row and
// computes the next step's contribution in the same sweep.
#include "NeuronElement.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"

#include <map>
#include <tuple>

namespace ndpc::kernels {

using namespace mlir;

namespace {

/// The element of one synapse: slot `s` in the projection, between pre neuron `j`
/// and post neuron `p`. Reads are loaded once per synapse.
class SynapseElement {
public:
  SynapseElement(KernelBuilder &kb, ModelInfo &info, ProjInfo &proj, Value s, Value j, Value p, Value step)
      : kb_(kb), info_(info), proj_(proj), s_(s), j_(j), p_(p), step_(step) {}

  /// State values to use instead of loads (the freshly updated ones, when fused).
  void overrideStates(ArrayRef<Value> states) { states_.assign(states.begin(), states.end()); }
  /// The post neuron's values are the same for the whole row: read them once,
  /// before `rowLoop`.
  void hoistPostReadsBefore(Operation *rowLoop) { rowLoop_ = rowLoop; }
  /// Read own states from the runtime's by-pre copies at entry `k` (valid for
  /// a synapse type that never updates its states).
  void readStatesInPreOrder(Value k) { byPre_ = k; }

  Value read(ndp::ReadOp r) {
    auto key = std::make_tuple(static_cast<int>(r.getRole()), static_cast<int>(r.getKind()), r.getName().str());
    if (r.getRole() == ndp::Role::Self && !states_.empty()) return states_[proj_.syn.stateIndex(r.getName())];
    auto it = cache_.find(key);
    if (it != cache_.end()) return it->second;
    Value v;
    switch (r.getRole()) {
    case ndp::Role::Self: {
      Type t = r.getType();
      v = kb_.load(kb_.array(projBinding(proj_.name(), byPre_ ? ProjField::ByPreState : ProjField::State, r.getName().str()),
                             KernelBuilder::storageType(t)),
                   byPre_ ? byPre_ : s_, t);
      break;
    }
    case ndp::Role::Pre: v = readNeuron(kb_, *proj_.pre, r.getKind(), r.getName(), r.getType(), j_, r); break;
    case ndp::Role::Post: {
      OpBuilder::InsertionGuard guard(kb_.b());
      if (rowLoop_) kb_.b().setInsertionPoint(rowLoop_);
      v = readNeuron(kb_, *proj_.post, r.getKind(), r.getName(), r.getType(), p_, r);
      break;
    }
    default: r.emitError() << "a synapse reads only its own state, pre and post"; break;
    }
    cache_[key] = v;
    return v;
  }

  Value loadedState(StringRef name) {
    auto it = cache_.find(std::make_tuple(static_cast<int>(ndp::Role::Self), static_cast<int>(ndp::ValueKind::State),
                                          name.str()));
    return it == cache_.end() ? Value() : it->second;
  }

  /// Philox key of the synapse (projection, post id, pre id, parallel slot).
  RandomKey key(Value step) {
    OpBuilder &b = kb_.b();
    Location l = kb_.loc();
    RandomKey k;
    k.step = step;
    k.group = (uint64_t(kEntitySynapse) << 32) | static_cast<uint64_t>(proj_.index);
    Value postId;
    {
      OpBuilder::InsertionGuard guard(b);
      if (rowLoop_) b.setInsertionPoint(rowLoop_);
      postId = kb_.load(kb_.array(popBinding(proj_.post->name(), PopField::Ids), b.getI64Type()), p_, b.getI64Type());
    }
    Value preId = kb_.load(kb_.array(popBinding(proj_.pre->name(), PopField::Ids), b.getI64Type()), j_, b.getI64Type());
    Value c32 = b.create<arith::ConstantIntOp>(l, 32, 64);
    k.id = b.create<arith::OrIOp>(l, b.create<arith::ShLIOp>(l, postId, c32), preId);
    Value par = kb_.load(kb_.array(projBinding(proj_.name(), ProjField::Par), b.getI32Type()), s_, b.getI32Type());
    k.par = b.create<arith::ExtUIOp>(l, b.getI64Type(), par);
    return k;
  }

  SmallVector<Value> clone(Region &region, Value step) {
    ElementCloner ec(
        kb_, info_.module, step, [this](ndp::ReadOp r) { return read(r); }, [this, step] { return key(step); });
    return ec.clone(region);
  }

private:
  KernelBuilder &kb_;
  ModelInfo &info_;
  ProjInfo &proj_;
  Value s_, j_, p_, step_, byPre_;
  Operation *rowLoop_ = nullptr;
  SmallVector<Value> states_;
  std::map<std::tuple<int, int, std::string>, Value> cache_;
};

/// Stores the states that changed; returns them (for the finite check).
SmallVector<Value> storeStates(KernelBuilder &kb, ProjInfo &proj, SynapseElement &el, ArrayRef<Value> vals,
                               Value s) {
  SmallVector<Value> changed;
  SmallVector<Type> types = varTypes(proj.syn.getStates());
  for (auto [k, a] : llvm::enumerate(proj.syn.getStates())) {
    std::string n = cast<ndp::VarAttr>(a).getName().str();
    if (vals[k] == el.loadedState(n)) continue;
    kb.store(vals[k], kb.array(projBinding(proj.name(), ProjField::State, n), KernelBuilder::storageType(types[k])), s,
             types[k]);
    changed.push_back(vals[k]);
  }
  return changed;
}

/// The post neuron's channel this projection sums into.
Value channelArray(KernelBuilder &kb, ProjInfo &proj) {
  return kb.array(popBinding(proj.post->name(), PopField::Channel, proj.syn.getChannel().str()), kb.b().getF32Type());
}

/// One synapse's work in a row sweep: its contribution to the row's sum (or
/// null) and the new state values to check for NaN/Inf (may be empty).
struct SynapseWork {
  Value contribution;
  SmallVector<Value> checked;
};

/// True when a NaN or infinite `v` always makes `c` NaN or infinite: `c` is `v`
/// or a product with `v` as a factor (an infinite factor times 0 is NaN).
bool isFactorOf(Value v, Value c) {
  if (c == v) return true;
  auto mul = c.getDefiningOp<arith::MulFOp>();
  return mul && (isFactorOf(v, mul.getLhs()) || isFactorOf(v, mul.getRhs()));
}

/// A parallel loop over the post neurons [begin, end) of ctx, the builder
/// inside it: (post neuron, first slot of its row, one past the last).
std::tuple<Value, Value, Value> openRows(KernelBuilder &kb, ProjInfo &proj) {
  OpBuilder &b = kb.b();
  Location l = kb.loc();
  Value begin = kb.ctxIndex(kCtxBegin), end = kb.ctxIndex(kCtxEnd);
  auto par = b.create<scf::ParallelOp>(l, ValueRange{begin}, ValueRange{end}, ValueRange{kb.indexConst(1)});
  b.setInsertionPoint(par.getBody()->getTerminator());
  Value p = par.getInductionVars()[0];
  Value start = toIndex(b, l, kb.load(kb.array(projBinding(proj.name(), ProjField::RowStart), b.getI64Type()), p, b.getI64Type()));
  Value len = toIndex(b, l, kb.load(kb.array(projBinding(proj.name(), ProjField::RowLen), b.getI32Type()), p, b.getI32Type()));
  return {p, start, b.create<arith::AddIOp>(l, start, len)};
}

/// scf.parallel over post rows [begin, end) and, inside, scf.for over the row's
/// synapses carrying an f32 sum (when `accumulate`) and a NaN/Inf flag, so the
/// check costs no branch per synapse. `body` gets the synapse slot, its pre and
/// post index and the row loop (to hoist row-invariant reads before it);
/// `finish` consumes the row's sum.
void forEachRow(KernelBuilder &kb, ProjInfo &proj, bool accumulate,
                const std::function<SynapseWork(Value s, Value j, Value p, Operation *rowLoop)> &body,
                const std::function<void(Value p, Value sum)> &finish) {
  OpBuilder &b = kb.b();
  Location l = kb.loc();
  auto [p, start, stop] = openRows(kb, proj);
  // The sum has the transmit's type: f32, or a vector for a vector channel.
  Type sumType = proj.syn.transmitType();
  Value zero = kb.zero(sumType);
  Value clean = b.create<arith::ConstantIntOp>(l, 0, 1);
  bool anyChecked = false, checkSum = false;
  SmallVector<Value> init{clean};
  if (accumulate) init.push_back(zero);
  auto loop = b.create<scf::ForOp>(l, start, stop, kb.indexConst(1), init);
  {
    OpBuilder::InsertionGuard g(b);
    b.setInsertionPointToStart(loop.getBody());
    Value s = loop.getInductionVar();
    Value j = toIndex(b, l, kb.load(kb.array(projBinding(proj.name(), ProjField::Pre), b.getI32Type()), s, b.getI32Type()));
    SynapseWork w = body(s, j, p, loop);
    anyChecked = !w.checked.empty();
    // When every checked value is a factor of the contribution, a NaN or Inf
    // among them makes the row's sum NaN or Inf: test the sum once per row.
    checkSum = accumulate && anyChecked && !isa<VectorType>(sumType) && llvm::all_of(w.checked, [&](Value v) {
                 return !isa<FloatType>(v.getType()) || isFactorOf(v, w.contribution);
               });
    Value bad = loop.getRegionIterArgs()[0];
    for (Value v : checkSum ? SmallVector<Value>() : w.checked) {
      if (!isa<FloatType>(v.getType())) continue;
      Value d = b.create<arith::SubFOp>(l, v, v);  // NaN exactly when v is NaN or infinite
      bad = b.create<arith::OrIOp>(l, bad, b.create<arith::CmpFOp>(l, arith::CmpFPredicate::UNO, d, d));
    }
    SmallVector<Value> next{bad};
    if (accumulate) next.push_back(b.create<arith::AddFOp>(l, loop.getRegionIterArgs()[1], w.contribution));
    b.create<scf::YieldOp>(l, next);
  }
  Value bad = loop.getResult(0);
  if (checkSum) {
    Value sum = loop.getResult(1);
    Value d = b.create<arith::SubFOp>(l, sum, sum);
    bad = b.create<arith::OrIOp>(l, bad, b.create<arith::CmpFOp>(l, arith::CmpFPredicate::UNO, d, d));
  }
  if (anyChecked) {
    auto ifBad = b.create<scf::IfOp>(l, bad, /*withElseRegion=*/false);
    OpBuilder::InsertionGuard g(b);
    b.setInsertionPointToStart(ifBad.thenBlock());
    Value one = b.create<arith::ConstantIntOp>(l, 1, 32);
    b.create<memref::AtomicRMWOp>(l, arith::AtomicRMWKind::ori, one, kb.array("status", b.getI32Type()),
                                  ValueRange{kb.indexConst(0)});
  }
  finish(p, accumulate ? loop.getResult(1) : Value());
}

void addInto(KernelBuilder &kb, Value array, Value p, Value sum) {
  // A vector channel keeps its d lanes side by side per neuron (kb.load/store).
  Type t = sum.getType();
  kb.store(kb.b().create<arith::AddFOp>(kb.loc(), kb.load(array, p, t), sum), array, p, t);
}

void emitInit(ModelInfo &info, ProjInfo &proj) {
  KernelBuilder kb(info, KernelKind::ProjInit, proj.name(), proj.op.getLoc());
  OpBuilder &b = kb.b();
  Location l = kb.loc();
  Value slots = kb.array(projBinding(proj.name(), ProjField::InitSlots), b.getI64Type());
  Value n = kb.size(slots);
  auto par = b.create<scf::ParallelOp>(l, ValueRange{kb.indexConst(0)}, ValueRange{n}, ValueRange{kb.indexConst(1)});
  b.setInsertionPoint(par.getBody()->getTerminator());
  Value k = par.getInductionVars()[0];
  Value s = toIndex(b, l, kb.load(slots, k, b.getI64Type()));
  Value p = toIndex(b, l, kb.load(kb.array(projBinding(proj.name(), ProjField::PostOf), b.getI32Type()), s, b.getI32Type()));
  Value j = toIndex(b, l, kb.load(kb.array(projBinding(proj.name(), ProjField::Pre), b.getI32Type()), s, b.getI32Type()));
  Value initStep = b.create<arith::ConstantIntOp>(l, static_cast<int64_t>(kInitStep), 64);
  SynapseElement el(kb, info, proj, s, j, p, initStep);
  SmallVector<Value> vals = el.clone(proj.syn.getInit(), initStep);
  SmallVector<Type> types = varTypes(proj.syn.getStates());
  for (auto [i, a] : llvm::enumerate(proj.syn.getStates())) {
    std::string name = cast<ndp::VarAttr>(a).getName().str();
    kb.store(vals[i], kb.array(projBinding(proj.name(), ProjField::State, name), KernelBuilder::storageType(types[i])), s,
             types[i]);
  }
  kb.finish();
}

void emitTransmit(ModelInfo &info, ProjInfo &proj) {
  KernelBuilder kb(info, KernelKind::ProjTransmit, proj.name(), proj.op.getLoc());
  Value step = kb.ctxI64(kCtxStep);
  Value chan = channelArray(kb, proj);
  forEachRow(
      kb, proj, /*accumulate=*/true,
      [&](Value s, Value j, Value p, Operation *rowLoop) {
        SynapseElement el(kb, info, proj, s, j, p, step);
        el.hoistPostReadsBefore(rowLoop);
        return SynapseWork{el.clone(proj.syn.getTransmit(), step)[0], {}};
      },
      [&](Value p, Value sum) { addInto(kb, chan, p, sum); });
  kb.finish();
}

void emitUpdate(ModelInfo &info, ProjInfo &proj) {
  KernelBuilder kb(info, KernelKind::ProjUpdate, proj.name(), proj.op.getLoc());
  Value step = kb.ctxI64(kCtxStep);
  forEachRow(
      kb, proj, /*accumulate=*/false,
      [&](Value s, Value j, Value p, Operation *rowLoop) {
        SynapseElement el(kb, info, proj, s, j, p, step);
        el.hoistPostReadsBefore(rowLoop);
        SmallVector<Value> vals = el.clone(proj.syn.getUpdate(), step);
        return SynapseWork{Value(), storeStates(kb, proj, el, vals, s)};
      },
      [](Value, Value) {});
  kb.finish();
}

void emitFused(ModelInfo &info, ProjInfo &proj) {
  KernelBuilder kb(info, KernelKind::ProjFused, proj.name(), proj.op.getLoc());
  OpBuilder &b = kb.b();
  Value step = kb.ctxI64(kCtxStep);
  // The contribution is for the next step: its clock and draws use step + 1.
  Value next = b.create<arith::AddIOp>(kb.loc(), step, b.create<arith::ConstantIntOp>(kb.loc(), 1, 64));
  Value nextArray = kb.array(projBinding(proj.name(), ProjField::Next), b.getF32Type());
  forEachRow(
      kb, proj, /*accumulate=*/true,
      [&](Value s, Value j, Value p, Operation *rowLoop) {
        // One element for both: the neurons' values do not change in phase 4,
        // so the update and the next transmit share their loads.
        SynapseElement el(kb, info, proj, s, j, p, step);
        el.hoistPostReadsBefore(rowLoop);
        SmallVector<Value> vals = el.clone(proj.syn.getUpdate(), step);
        SmallVector<Value> changed = storeStates(kb, proj, el, vals, s);
        el.overrideStates(vals);
        return SynapseWork{el.clone(proj.syn.getTransmit(), next)[0], changed};
      },
      [&](Value p, Value sum) { b.create<memref::StoreOp>(kb.loc(), sum, nextArray, ValueRange{p}); });
  kb.finish();
}

void emitEventTransmit(ModelInfo &info, ProjInfo &proj) {
  KernelBuilder kb(info, KernelKind::ProjEvent, proj.name(), proj.op.getLoc());
  OpBuilder &b = kb.b();
  Location l = kb.loc();
  Value step = kb.ctxI64(kCtxStep);
  Value chan = channelArray(kb, proj);
  // Sequential in spike order: every post neuron sums its inputs in ascending
  // pre order, the order of the gather, so both give the same bits.
  Value spikes = kb.array(popBinding(proj.pre->name(), PopField::Spikes), b.getI32Type());
  auto outer = b.create<scf::ForOp>(l, kb.indexConst(0), kb.size(spikes), kb.indexConst(1));
  b.setInsertionPointToStart(outer.getBody());
  Value j = toIndex(b, l, kb.load(spikes, outer.getInductionVar(), b.getI32Type()));
  Value start = toIndex(b, l, kb.load(kb.array(projBinding(proj.name(), ProjField::ByPreStart), b.getI64Type()), j, b.getI64Type()));
  Value len = toIndex(b, l, kb.load(kb.array(projBinding(proj.name(), ProjField::ByPreLen), b.getI32Type()), j, b.getI32Type()));
  auto inner = b.create<scf::ForOp>(l, start, b.create<arith::AddIOp>(l, start, len), kb.indexConst(1));
  b.setInsertionPointToStart(inner.getBody());
  Value k = inner.getInductionVar();
  Value s = toIndex(b, l, kb.load(kb.array(projBinding(proj.name(), ProjField::ByPre), b.getI64Type()), k, b.getI64Type()));
  Value p = toIndex(b, l, kb.load(kb.array(projBinding(proj.name(), ProjField::ByPrePost), b.getI32Type()), k, b.getI32Type()));
  SynapseElement el(kb, info, proj, s, j, p, step);
  // Weights that never change are read from copies in this loop's order, not
  // through the slot (a gather per delivered synapse less).
  if (yieldsUnchangedStates(proj.syn.getUpdate(), proj.syn.getStates())) el.readStatesInPreOrder(k);
  addInto(kb, chan, p, el.clone(proj.syn.getTransmit(), step)[0]);
  kb.finish();
}

/// The event kernel's sums, in parallel over post neurons (for the GPU, where
/// one thread walking the spikes is slow): each post neuron adds, in its
/// row's order (ascending pre, then slot), the transmit of every synapse whose
/// pre neuron is in the spike list, straight into the channel as the event
/// kernel does, so both give the same bits. The spike list the event kernel
/// walks is exactly the pre neurons whose `spiked` is set (children that
/// copied a spike included: Simulator::afterGrowth).
void emitEventGather(ModelInfo &info, ProjInfo &proj) {
  KernelBuilder kb(info, KernelKind::ProjEventGather, proj.name(), proj.op.getLoc());
  OpBuilder &b = kb.b();
  Location l = kb.loc();
  Value step = kb.ctxI64(kCtxStep);
  Value chan = channelArray(kb, proj);
  Value spiked = kb.array(popBinding(proj.pre->name(), PopField::Spiked), b.getI8Type());
  auto [p, start, stop] = openRows(kb, proj);
  Value first = b.create<memref::LoadOp>(l, chan, ValueRange{p});
  auto loop = b.create<scf::ForOp>(l, start, stop, kb.indexConst(1), ValueRange{first});
  {
    OpBuilder::InsertionGuard g(b);
    b.setInsertionPointToStart(loop.getBody());
    Value s = loop.getInductionVar(), sum = loop.getRegionIterArgs()[0];
    Value j = toIndex(b, l, kb.load(kb.array(projBinding(proj.name(), ProjField::Pre), b.getI32Type()), s, b.getI32Type()));
    Value fired = kb.load(spiked, j, b.getI1Type());
    auto ifFired = b.create<scf::IfOp>(l, TypeRange{b.getF32Type()}, fired, /*withElseRegion=*/true);
    b.setInsertionPointToStart(ifFired.thenBlock());
    SynapseElement el(kb, info, proj, s, j, p, step);
    b.create<scf::YieldOp>(l, b.create<arith::AddFOp>(l, sum, el.clone(proj.syn.getTransmit(), step)[0]).getResult());
    b.setInsertionPointToStart(ifFired.elseBlock());
    b.create<scf::YieldOp>(l, sum);
    b.setInsertionPointAfter(ifFired);
    b.create<scf::YieldOp>(l, ifFired.getResult(0));
  }
  b.create<memref::StoreOp>(l, loop.getResult(0), chan, ValueRange{p});
  kb.finish();
}

/// Counts, per synapse, the consecutive steps on which the rule held; a row
/// with a synapse at the limit is flagged for the runtime to remove it.
void emitPrune(ModelInfo &info, ProjInfo &proj, ndp::PruneOp prune, const std::string &counter) {
  KernelBuilder kb(info, KernelKind::ProjPrune, proj.name(), prune.getLoc());
  OpBuilder &b = kb.b();
  Location l = kb.loc();
  Value step = kb.ctxI64(kCtxStep);
  Value counts = kb.array(projBinding(proj.name(), ProjField::State, counter), b.getI32Type());
  Value limit = b.create<arith::ConstantIntOp>(l, prune.getSteps(), 32);
  Value one = b.create<arith::ConstantIntOp>(l, 1, 32), zero = b.create<arith::ConstantIntOp>(l, 0, 32);
  Value p = openParallel(kb, kb.ctxIndex(kCtxBegin), kb.ctxIndex(kCtxEnd));
  Value start = toIndex(b, l, kb.load(kb.array(projBinding(proj.name(), ProjField::RowStart), b.getI64Type()), p, b.getI64Type()));
  Value len = toIndex(b, l, kb.load(kb.array(projBinding(proj.name(), ProjField::RowLen), b.getI32Type()), p, b.getI32Type()));
  Value none = b.create<arith::ConstantIntOp>(l, 0, 1);
  auto loop = b.create<scf::ForOp>(l, start, b.create<arith::AddIOp>(l, start, len), kb.indexConst(1), ValueRange{none});
  {
    OpBuilder::InsertionGuard g(b);
    b.setInsertionPointToStart(loop.getBody());
    Value s = loop.getInductionVar();
    Value j = toIndex(b, l, kb.load(kb.array(projBinding(proj.name(), ProjField::Pre), b.getI32Type()), s, b.getI32Type()));
    SynapseElement el(kb, info, proj, s, j, p, step);
    el.hoistPostReadsBefore(loop);
    Value holds = el.clone(prune.getCond(), step)[0];
    Value old = kb.load(counts, s, b.getI32Type());
    Value next = b.create<arith::SelectOp>(l, holds, b.create<arith::AddIOp>(l, old, one), zero);
    kb.store(next, counts, s, b.getI32Type());
    Value dead = b.create<arith::CmpIOp>(l, arith::CmpIPredicate::sge, next, limit);
    b.create<scf::YieldOp>(l, ValueRange{b.create<arith::OrIOp>(l, loop.getRegionIterArgs()[0], dead)});
  }
  kb.store(loop.getResult(0), kb.array(projBinding(proj.name(), ProjField::DeadRows), b.getI8Type()), p, b.getI1Type());
  info.prunes.push_back({proj.name(), counter, static_cast<int64_t>(prune.getSteps()), kb.finish()});
}

} // namespace

void emitPruneKernels(ModelInfo &info, ndp::PruneOp prune) {
  for (ProjInfo &proj : info.projs) {
    if (proj.syn.getSymName() != prune.getSynapse()) continue;
    std::string counter = "prune." + std::to_string(info.prunes.size());
    proj.hiddenStates.push_back({counter, "i32", 1});
    emitPrune(info, proj, prune, counter);
  }
}

void emitProjectionKernels(ModelInfo &info, ProjInfo &proj) {
  ndp::SynapseOp syn = proj.syn;
  if (!syn.getStates().empty()) emitInit(info, proj);
  bool hasTransmit = !syn.getTransmit().empty();
  bool hasUpdate = !yieldsUnchangedStates(syn.getUpdate(), syn.getStates());
  if (hasTransmit) {
    if (proj.op.getEventDriven()) {
      emitEventTransmit(info, proj);
      if (info.eventGather) emitEventGather(info, proj);
    } else {
      emitTransmit(info, proj);  // also the fused projection's first step and fallback
    }
  }
  if (hasUpdate) {
    if (proj.op.getFused() && hasTransmit) emitFused(info, proj);
    else emitUpdate(info, proj);
  }
}

} // namespace ndpc::kernels
