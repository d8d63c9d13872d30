// The kernels of one population: init (initial state of a range of neurons),
// out (the outs from state and inputs) and update (phase 3: on step, spike test
// and reset, outs, importance, NaN/Inf check). Each is one scf.parallel loop
// over neurons [begin, end).
#include "NeuronElement.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/SCF/IR/SCF.h"

namespace ndpc::kernels {

using namespace mlir;

namespace {

Value i64Const(OpBuilder &b, Location l, uint64_t v) {
  return b.create<arith::ConstantIntOp>(l, static_cast<int64_t>(v), 64);
}

void emitInit(ModelInfo &info, PopInfo &pop) {
  KernelBuilder kb(info, KernelKind::PopInit, pop.name(), pop.op.getLoc());
  Value i = openParallel(kb, kb.ctxIndex(kCtxBegin), kb.ctxIndex(kCtxEnd));
  Value initStep = i64Const(kb.b(), kb.loc(), kInitStep);
  ElementCloner ec(
      kb, info.module, initStep,
      [&](ndp::ReadOp r) -> Value {
        r.emitError() << "an initial value cannot read element values";
        return Value();
      },
      [&] { return neuronKey(kb, pop, i, initStep); });
  SmallVector<Value> vals = ec.clone(pop.type.getInit());
  std::vector<std::string> names;
  for (Attribute a : pop.type.getStates()) names.push_back(cast<ndp::VarAttr>(a).getName().str());
  storeNeuronStates(kb, pop, names, vals, i);
  kb.finish();
}

/// Clones the out region for one neuron with its states taken from `states`.
SmallVector<Value> computeOuts(KernelBuilder &kb, ModelInfo &info, PopInfo &pop, NeuronReads &reads,
                               ArrayRef<Value> states, Value step, const ElementCloner::KeyFn &key) {
  ElementCloner ec(
      kb, info.module, step,
      [&](ndp::ReadOp r) -> Value {
        if (r.getRole() == ndp::Role::Self && r.getKind() == ndp::ValueKind::State && !states.empty())
          return states[pop.type.stateIndex(r.getName())];
        return reads.get(r.getKind(), r.getName(), r.getType(), r);
      },
      key);
  return ec.clone(pop.type.getOut());
}

void storeOuts(KernelBuilder &kb, PopInfo &pop, ArrayRef<Value> outs, Value i) {
  SmallVector<Type> types = varTypes(pop.type.getOutputs());
  for (auto [k, a] : llvm::enumerate(pop.type.getOutputs())) {
    std::string n = cast<ndp::VarAttr>(a).getName().str();
    kb.store(outs[k], kb.array(popBinding(pop.name(), PopField::Out, n), KernelBuilder::storageType(types[k])), i,
             types[k]);
  }
}

void emitOut(ModelInfo &info, PopInfo &pop) {
  KernelBuilder kb(info, KernelKind::PopOut, pop.name(), pop.op.getLoc());
  Value step = kb.ctxI64(kCtxStep);
  Value i = openParallel(kb, kb.ctxIndex(kCtxBegin), kb.ctxIndex(kCtxEnd));
  NeuronReads reads(kb, pop, i);
  SmallVector<Value> outs = computeOuts(kb, info, pop, reads, {}, step, [&] { return neuronKey(kb, pop, i, step); });
  storeOuts(kb, pop, outs, i);
  kb.finish();
}

/// |out| (or the spike) as the f32 activity that importance averages.
Value activity(OpBuilder &b, Location l, Value v) {
  Type t = v.getType();
  if (t.isInteger(1)) return b.create<arith::UIToFPOp>(l, b.getF32Type(), v);
  if (t.isInteger(32)) v = b.create<arith::SIToFPOp>(l, b.getF32Type(), v);
  v = b.create<math::AbsFOp>(l, v);
  if (v.getType().isF64()) v = b.create<arith::TruncFOp>(l, b.getF32Type(), v);
  return v;
}

/// importance = d * importance + (1 - d) * |first out|  (or the spike)
void storeImportance(KernelBuilder &kb, PopInfo &pop, NeuronReads &reads, Value fired, ArrayRef<Value> outs,
                     Value i) {
  OpBuilder &b = kb.b();
  Location l = kb.loc();
  double d = pop.op.getDecay().convertToDouble();
  Value a = fired ? activity(b, l, fired)
            : !outs.empty() ? activity(b, l, outs[0])
                            : b.create<arith::ConstantFloatOp>(l, llvm::APFloat(0.0f), b.getF32Type()).getResult();
  Value impArray = kb.array(popBinding(pop.name(), PopField::Importance), b.getF32Type());
  Value imp = reads.get(ndp::ValueKind::Importance, "", b.getF32Type(), pop.op);
  Value dC = b.create<arith::ConstantFloatOp>(l, llvm::APFloat(static_cast<float>(d)), b.getF32Type());
  Value cC = b.create<arith::ConstantFloatOp>(l, llvm::APFloat(static_cast<float>(1.0 - d)), b.getF32Type());
  Value newImp = b.create<arith::AddFOp>(l, b.create<arith::MulFOp>(l, dC, imp), b.create<arith::MulFOp>(l, cC, a));
  kb.store(newImp, impArray, i, b.getF32Type());
}

void emitUpdate(ModelInfo &info, PopInfo &pop) {
  KernelBuilder kb(info, KernelKind::PopUpdate, pop.name(), pop.op.getLoc());
  OpBuilder &b = kb.b();
  Location l = kb.loc();
  Value step = kb.ctxI64(kCtxStep);
  Value i = openParallel(kb, kb.ctxIndex(kCtxBegin), kb.ctxIndex(kCtxEnd));
  NeuronReads reads(kb, pop, i);
  ElementCloner::KeyFn key = [&] { return neuronKey(kb, pop, i, step); };
  auto readOld = [&](ndp::ReadOp r) { return reads.get(r.getKind(), r.getName(), r.getType(), r); };

  // on step: every read sees the values from before the block.
  SmallVector<Value> updated = ElementCloner(kb, info.module, step, readOld, key).clone(pop.type.getUpdate());
  SmallVector<Value> result = updated;
  Value fired;
  if (pop.type.isSpiking()) {
    // The spike test and the reset see the updated state (and outs computed from it).
    std::optional<SmallVector<Value>> outsOfUpdated;
    auto readUpdated = [&](ndp::ReadOp r) -> Value {
      if (r.getRole() == ndp::Role::Self && r.getKind() == ndp::ValueKind::State)
        return updated[pop.type.stateIndex(r.getName())];
      if (r.getRole() == ndp::Role::Self && r.getKind() == ndp::ValueKind::Out) {
        if (!outsOfUpdated) outsOfUpdated = computeOuts(kb, info, pop, reads, updated, step, key);
        return (*outsOfUpdated)[pop.type.outputIndex(r.getName())];
      }
      return readOld(r);
    };
    fired = ElementCloner(kb, info.module, step, readUpdated, key).clone(pop.type.getSpike())[0];
    if (!pop.type.getReset().empty()) {
      SmallVector<Value> reset = ElementCloner(kb, info.module, step, readUpdated, key).clone(pop.type.getReset());
      for (size_t k = 0; k < result.size(); ++k)
        if (reset[k] != updated[k]) result[k] = b.create<arith::SelectOp>(l, fired, reset[k], updated[k]);
    }
    kb.store(fired, kb.array(popBinding(pop.name(), PopField::Spiked), b.getI8Type()), i, b.getI1Type());
  }

  SmallVector<Type> types = varTypes(pop.type.getStates());
  SmallVector<Value> changed;
  for (auto [k, a] : llvm::enumerate(pop.type.getStates())) {
    std::string n = cast<ndp::VarAttr>(a).getName().str();
    if (result[k] == reads.loadedState(n)) continue;  // unchanged: no store
    kb.store(result[k], kb.array(popBinding(pop.name(), PopField::State, n), KernelBuilder::storageType(types[k])), i,
             types[k]);
    changed.push_back(result[k]);
  }

  SmallVector<Value> outs;
  if (!pop.type.getOut().empty()) {
    outs = computeOuts(kb, info, pop, reads, result, step, key);
    storeOuts(kb, pop, outs, i);
  }

  if (info.importanceUsed) storeImportance(kb, pop, reads, fired, outs, i);
  kb.checkFinite(changed);
  kb.finish();
}

} // namespace

void emitPopulationKernels(ModelInfo &info, PopInfo &pop) {
  emitInit(info, pop);
  if (!pop.type.getOut().empty()) emitOut(info, pop);
  emitUpdate(info, pop);
}

} // namespace ndpc::kernels
