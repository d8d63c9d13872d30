// Per-neuron loops and reads (NeuronElement.h).
#include "NeuronElement.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/SCF/IR/SCF.h"

namespace ndpc::kernels {

using namespace mlir;

Value openParallel(KernelBuilder &kb, Value begin, Value end) {
  OpBuilder &b = kb.b();
  Location l = kb.loc();
  // Chunks in parallel, each a sequential loop over its elements: the loop
  // LLVM vectorizes, with the NaN/Inf flag carried through it (checkFinite: one
  // atomic per chunk, not a branch per element).
  auto attr = kb.func()->getParentOfType<ModuleOp>()->getAttrOfType<IntegerAttr>(elementChunkAttr());
  const int64_t size = attr ? attr.getInt() : 256;
  Value chunk = kb.indexConst(size);
  Value n = b.create<arith::SubIOp>(l, end, begin);
  Value chunks = b.create<arith::DivUIOp>(l, b.create<arith::AddIOp>(l, n, kb.indexConst(size - 1)), chunk);
  auto par = b.create<scf::ParallelOp>(l, ValueRange{kb.indexConst(0)}, ValueRange{chunks}, ValueRange{kb.indexConst(1)});
  b.setInsertionPoint(par.getBody()->getTerminator());
  Value lo = b.create<arith::AddIOp>(l, begin, b.create<arith::MulIOp>(l, par.getInductionVars()[0], chunk));
  Value hi = b.create<arith::MinUIOp>(l, b.create<arith::AddIOp>(l, lo, chunk), end);
  Value clean = b.create<arith::ConstantIntOp>(l, 0, 1);
  auto loop = b.create<scf::ForOp>(l, lo, hi, kb.indexConst(1), ValueRange{clean});
  b.setInsertionPointToEnd(loop.getBody());
  b.create<scf::YieldOp>(l, loop.getRegionIterArgs()[0]);
  b.setInsertionPoint(loop.getBody()->getTerminator());
  kb.setElementLoop(loop);
  return loop.getInductionVar();
}

Value NeuronReads::get(ndp::ValueKind kind, StringRef name, Type type, Operation *at) {
  auto key = std::make_tuple(static_cast<int>(kind), name.str());
  auto it = cache_.find(key);
  if (it != cache_.end()) return it->second;
  Value v = readNeuron(kb_, pop_, kind, name, type, idx_, at);
  cache_[key] = v;
  return v;
}

Value NeuronReads::loadedState(StringRef name) {
  auto it = cache_.find(std::make_tuple(static_cast<int>(ndp::ValueKind::State), name.str()));
  return it == cache_.end() ? Value() : it->second;
}

RandomKey neuronKey(KernelBuilder &kb, PopInfo &pop, Value idx, Value step) {
  OpBuilder &b = kb.b();
  RandomKey k;
  k.step = step;
  k.group = (uint64_t(kEntityNeuron) << 32) | static_cast<uint64_t>(pop.index);
  k.id = kb.load(kb.array(popBinding(pop.name(), PopField::Ids), b.getI64Type()), idx, b.getI64Type());
  return k;
}

void storeNeuronStates(KernelBuilder &kb, PopInfo &pop, ArrayRef<std::string> names, ArrayRef<Value> vals,
                       Value idx) {
  for (auto [n, v] : llvm::zip(names, vals)) {
    Type t = pop.type.valueType(ndp::ValueKind::State, n);
    kb.store(v, kb.array(popBinding(pop.name(), PopField::State, n), KernelBuilder::storageType(t)), idx, t);
  }
}

Value toIndex(OpBuilder &b, Location l, Value v) { return b.create<arith::IndexCastOp>(l, b.getIndexType(), v); }

} // namespace ndpc::kernels
