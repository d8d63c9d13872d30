#include "NeuronElement.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/SCF/IR/SCF.h"

namespace ndpc::kernels {

using namespace mlir;

Value openParallel(KernelBuilder &kb, Value begin, Value end) {
  OpBuilder &b = kb.b();
  auto par = b.create<scf::ParallelOp>(kb.loc(), ValueRange{begin}, ValueRange{end}, ValueRange{kb.indexConst(1)});
  b.setInsertionPoint(par.getBody()->getTerminator());
  return par.getInductionVars()[0];
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
  k.id = kb.load(kb.array(popBinding(pop.name(), "ids"), b.getI64Type()), idx, b.getI64Type());
  return k;
}

void storeNeuronStates(KernelBuilder &kb, PopInfo &pop, ArrayRef<std::string> names, ArrayRef<Value> vals,
                       Value idx) {
  for (auto [n, v] : llvm::zip(names, vals)) {
    Type t = pop.type.valueType(ndp::ValueKind::State, n);
    kb.store(v, kb.array(popBinding(pop.name(), "state", n), KernelBuilder::storageType(t)), idx, t);
  }
}

Value toIndex(OpBuilder &b, Location l, Value v) { return b.create<arith::IndexCastOp>(l, b.getIndexType(), v); }

} // namespace ndpc::kernels
