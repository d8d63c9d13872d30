// The kernels of a grow block. The runtime owns every structural edit; these
// kernels only evaluate the rules' expressions, in parallel:
//   grow_select  (one per divide or remove rule)  flags[i] = its condition on neuron i
//   grow_child   (one per divide rule)  the child's assigned states, from its parent
//   grow_connect (one per connect rule) cand_ok[k] = the condition of pair k
// The runtime then applies the edits in neuron-id order (docs/design.md, "Growth").
#include "NeuronElement.h"

#include "mlir/Dialect/Arith/IR/Arith.h"

namespace ndpc::kernels {

using namespace mlir;

namespace {

Value u8Array(KernelBuilder &kb, const std::string &binding) { return kb.array(binding, kb.b().getI8Type()); }
Value i32Array(KernelBuilder &kb, const std::string &binding) { return kb.array(binding, kb.b().getI32Type()); }

/// Opens a parallel loop over the pairs of two i32 arrays of equal length (the
/// runtime's edit or candidate lists): the pair's number and its two neurons.
struct PairLoop {
  Value k, first, second;
};
PairLoop openPairLoop(KernelBuilder &kb, PopInfo &pop, PopField first, PopField second) {
  OpBuilder &b = kb.b();
  Value xs = i32Array(kb, popBinding(pop.name(), first)), ys = i32Array(kb, popBinding(pop.name(), second));
  Value k = openParallel(kb, kb.indexConst(0), kb.size(ys));
  return {k, toIndex(b, kb.loc(), kb.load(xs, k, b.getI32Type())),
          toIndex(b, kb.loc(), kb.load(ys, k, b.getI32Type()))};
}

/// Only the roles a grow rule has: `parent`, or `a` and `b`.
Value wrongRole(ndp::ReadOp r) {
  r.emitError() << "a grow rule reads only its candidate neurons, not '" << ndp::stringifyRole(r.getRole()) << "'";
  return Value();
}

/// Reads of a divide rule's `parent.X` (the only role its regions may name).
ElementCloner::ReadFn parentReads(NeuronReads &reads) {
  return [&reads](ndp::ReadOp r) {
    return r.getRole() == ndp::Role::Parent ? reads.get(r.getKind(), r.getName(), r.getType(), r) : wrongRole(r);
  };
}

int emitSelect(ModelInfo &info, PopInfo &pop, Region &cond, Location loc) {
  KernelBuilder kb(info, KernelKind::GrowSelect, pop.name(), loc);
  Value step = kb.ctxI64(kCtxStep);
  Value i = openParallel(kb, kb.ctxIndex(kCtxBegin), kb.ctxIndex(kCtxEnd));
  NeuronReads reads(kb, pop, i);
  ElementCloner ec(
      kb, info.module, step,
      parentReads(reads),
      [&] { return neuronKey(kb, pop, i, step); });
  Value c = ec.clone(cond)[0];
  kb.store(c, u8Array(kb, popBinding(pop.name(), PopField::Flags)), i, kb.b().getI1Type());
  return kb.finish();
}

int emitChild(ModelInfo &info, PopInfo &pop, ndp::DivideOp div) {
  if (div.getAssigns().empty()) return -1;  // the child is a plain copy
  KernelBuilder kb(info, KernelKind::GrowChild, pop.name(), div.getLoc());
  Value step = kb.ctxI64(kCtxStep);
  PairLoop pairs = openPairLoop(kb, pop, PopField::EditParent, PopField::EditChild);
  Value parent = pairs.first, child = pairs.second;
  NeuronReads reads(kb, pop, parent);
  // Draws are the child's own: keyed by its stable id.
  ElementCloner ec(
      kb, info.module, step,
      parentReads(reads),
      [&] { return neuronKey(kb, pop, child, step); });
  SmallVector<Value> vals = ec.clone(div.getChild());
  // Every value is computed before any is stored: the parent's new values
  // and the child's both read the parent as it was.
  std::vector<std::string> childNames, parentNames;
  SmallVector<Value> childVals, parentVals;
  for (auto [a, v] : llvm::zip(div.getAssigns(), vals)) {
    StringRef n = cast<StringAttr>(a).getValue();
    if (n.consume_front("parent.")) {
      parentNames.push_back(n.str());
      parentVals.push_back(v);
    } else {
      childNames.push_back(n.str());
      childVals.push_back(v);
    }
  }
  storeNeuronStates(kb, pop, childNames, childVals, child);
  if (!parentNames.empty()) storeNeuronStates(kb, pop, parentNames, parentVals, parent);
  return kb.finish();
}

int emitConnect(ModelInfo &info, PopInfo &pop, ndp::ConnectOp conn) {
  KernelBuilder kb(info, KernelKind::GrowConnect, pop.name(), conn.getLoc());
  OpBuilder &b = kb.b();
  Location l = kb.loc();
  Value step = kb.ctxI64(kCtxStep);
  PairLoop pairs = openPairLoop(kb, pop, PopField::CandA, PopField::CandB);
  Value a = pairs.first, bIdx = pairs.second, k = pairs.k;
  NeuronReads readsA(kb, pop, a), readsB(kb, pop, bIdx);
  auto key = [&] {
    RandomKey rk;
    rk.step = step;
    rk.group = (uint64_t(kEntityPair) << 32) | static_cast<uint64_t>(pop.index);
    Value ids = kb.array(popBinding(pop.name(), PopField::Ids), b.getI64Type());
    Value aId = kb.load(ids, a, b.getI64Type()), bId = kb.load(ids, bIdx, b.getI64Type());
    Value c32 = b.create<arith::ConstantIntOp>(l, 32, 64);
    rk.id = b.create<arith::OrIOp>(l, b.create<arith::ShLIOp>(l, bId, c32), aId);
    return rk;
  };
  ElementCloner ec(
      kb, info.module, step,
      [&](ndp::ReadOp r) {
        if (r.getRole() == ndp::Role::A) return readsA.get(r.getKind(), r.getName(), r.getType(), r);
        if (r.getRole() == ndp::Role::B) return readsB.get(r.getKind(), r.getName(), r.getType(), r);
        return wrongRole(r);
      },
      key);
  Value c = ec.clone(conn.getCond())[0];
  kb.store(c, u8Array(kb, popBinding(pop.name(), PopField::CandOk)), k, b.getI1Type());
  return kb.finish();
}

/// A condition over a list of candidate values (attend's scores, a memory
/// region's novelty): cand_ok[k] = the region with its input cand_score[k].
int emitConditionKernel(ModelInfo &info, PopInfo &pop, Region &cond, KernelKind kind, Location loc) {
  KernelBuilder kb(info, kind, pop.name(), loc);
  OpBuilder &b = kb.b();
  Value step = kb.ctxI64(kCtxStep);
  Value scores = kb.array(popBinding(pop.name(), PopField::CandScore), b.getF32Type());
  Value k = openParallel(kb, kb.indexConst(0), kb.size(scores));
  ElementCloner ec(kb, info.module, step, wrongRole, [&] { return neuronKey(kb, pop, kb.indexConst(0), step); });
  ec.setConditionInput(kb.load(scores, k, b.getF32Type()));
  Value c = ec.clone(cond)[0];
  kb.store(c, u8Array(kb, popBinding(pop.name(), PopField::CandOk)), k, b.getI1Type());
  return kb.finish();
}

} // namespace

void emitAttendKernels(ModelInfo &info, ndp::AttendOp attend) {
  PopInfo *pop = info.pop(attend.getPopulation());
  if (!pop) return;
  ndpabi::AttendDesc rec;
  rec.pop = pop->name();
  rec.embedding = attend.getEmbedding().str();
  rec.heads = static_cast<int64_t>(attend.getHeads());
  rec.edgeDim = static_cast<int64_t>(attend.getEdgeDim());
  rec.every = static_cast<int64_t>(attend.getEvery());
  rec.topk = static_cast<int64_t>(attend.getTopk());
  if (auto over = attend.getOverAttr()) {
    if (ProjInfo *q = info.proj(over.getValue())) {
      rec.proj = q->name();
      rec.edgeState = "attend." + std::to_string(info.attends.size()) + ".e";
      q->hiddenStates.push_back({rec.edgeState, "f32", static_cast<int>(rec.edgeDim)});
    }
  }
  if (rec.topk > 0 && !attend.getCond().empty())
    rec.cond = emitConditionKernel(info, *pop, attend.getCond(), KernelKind::AttendCond, attend.getLoc());
  info.attends.push_back(rec);
}

void emitMemoryKernels(ModelInfo &info, ndp::MemoryOp memory) {
  PopInfo *slots = info.pop(memory.getSlots());
  if (!slots) return;
  ndpabi::MemoryDesc rec;
  rec.slots = slots->name();
  rec.key = memory.getKey().str();
  rec.keyKind = contractKind(memory.getKeyKind());
  rec.keyName = memory.getKeyName().str();
  rec.value = memory.getValue().str();
  rec.sparsity = static_cast<int64_t>(memory.getSparsity());
  rec.cond = emitConditionKernel(info, *slots, memory.getCond(), KernelKind::MemoryCond, memory.getLoc());
  info.memories.push_back(rec);
}

void emitGrowKernels(ModelInfo &info, ndp::GrowOp grow) {
  PopInfo *pop = info.pop(grow.getPopulation());
  if (!pop) {
    grow.emitError() << "grows an unknown population";
    return;
  }
  ndpabi::GrowDesc rec;
  rec.pop = pop->name();
  rec.every = static_cast<int64_t>(grow.getEvery());
  for (Operation &op : grow.getBody().front()) {
    ndpabi::GrowRuleDesc rule;
    if (auto rm = dyn_cast<ndp::RemoveOp>(op)) {
      rule.kind = ndpabi::GrowRuleKind::Remove;
      rule.select = emitSelect(info, *pop, rm.getCond(), rm.getLoc());
    } else if (auto div = dyn_cast<ndp::DivideOp>(op)) {
      rule.select = emitSelect(info, *pop, div.getCond(), div.getLoc());
      rule.child = emitChild(info, *pop, div);
      rule.split = div.getSplit();
      for (Attribute a : div.getAssigns())
        rule.assignsParent |= cast<StringAttr>(a).getValue().starts_with("parent.");
    } else if (auto conn = dyn_cast<ndp::ConnectOp>(op)) {
      rule.kind = ndpabi::GrowRuleKind::Connect;
      rule.proj = conn.getProjection().str();
      rule.connect = emitConnect(info, *pop, conn);
    }
    rec.rules.push_back(rule);
  }
  info.grows.push_back(std::move(rec));
}

} // namespace ndpc::kernels
