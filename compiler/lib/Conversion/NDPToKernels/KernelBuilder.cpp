// Building one kernel function and its binding list (KernelBuilder.h).
#include "KernelBuilder.h"

#include "Model.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"

namespace ndpc::kernels {

using namespace mlir;

namespace {

/// The kernel's symbol: ndp_k<index>_<target>_<what it does>.
const char *symbolSuffix(KernelKind kind) {
  switch (kind) {
  case KernelKind::PopInit:
  case KernelKind::ProjInit: return "init";
  case KernelKind::PopOut: return "out";
  case KernelKind::PopUpdate:
  case KernelKind::ProjUpdate: return "update";
  case KernelKind::ProjTransmit: return "transmit";
  case KernelKind::ProjEvent: return "event";
  case KernelKind::ProjEventGather: return "event_gather";
  case KernelKind::ProjFused: return "fused";
  case KernelKind::ProjPrune: return "prune";
  case KernelKind::GrowSelect: return "divide_select";
  case KernelKind::GrowChild: return "divide_child";
  case KernelKind::GrowConnect: return "connect";
  case KernelKind::AttendCond: return "attend_cond";
  case KernelKind::MemoryCond: return "memory_cond";
  }
  return "kernel";
}

} // namespace

KernelBuilder::KernelBuilder(ModelInfo &info, KernelKind kind, const std::string &target, Location loc)
    : b_(info.module.getContext()), loc_(loc), info_(info), index_(static_cast<int>(info.kernels.size())) {
  // The table entry is taken now, so that a kernel's index is its position
  // even if another kernel were built before this one finishes.
  info.kernels.push_back({index_, kind, target, {}});
  b_.setInsertionPointToEnd(info.module.getBody());
  func_ = b_.create<func::FuncOp>(loc, kernelName(index_, target, symbolSuffix(kind)), b_.getFunctionType({}, {}));
  func_->setAttr(ndp::NDPDialect::getKernelAttrName(), b_.getI64IntegerAttr(index_));
  Block *entry = func_.addEntryBlock();
  b_.setInsertionPointToStart(entry);
  auto ret = b_.create<func::ReturnOp>(loc);
  b_.setInsertionPoint(ret);
}

Value KernelBuilder::array(const std::string &binding, Type elem) {
  auto it = argOf_.find(binding);
  if (it != argOf_.end()) return func_.getArgument(it->second);
  unsigned i = func_.getNumArguments();
  auto type = MemRefType::get({ShapedType::kDynamic}, elem);
  func_.insertArgument(i, type, DictionaryAttr(), loc_);
  argOf_[binding] = i;
  bindings_.push_back(binding);
  return func_.getArgument(i);
}

Value KernelBuilder::indexConst(int64_t v) { return b_.create<arith::ConstantIndexOp>(loc_, v); }

Value KernelBuilder::ctxI64(CtxSlot slot) {
  // Read at the top of the kernel, before any loop, so it is loaded once.
  OpBuilder::InsertionGuard g(b_);
  b_.setInsertionPointToStart(&func_.getBody().front());
  Value c = ctx();
  return b_.create<memref::LoadOp>(loc_, c, ValueRange{b_.create<arith::ConstantIndexOp>(loc_, static_cast<int64_t>(slot))});
}

Value KernelBuilder::ctxIndex(CtxSlot slot) {
  Value v = ctxI64(slot);
  return b_.create<arith::IndexCastOp>(loc_, b_.getIndexType(), v);
}

Value KernelBuilder::size(Value memref) { return b_.create<memref::DimOp>(loc_, memref, 0); }

Type KernelBuilder::storageType(Type t) {
  if (auto v = dyn_cast<VectorType>(t)) return v.getElementType();
  if (t.isInteger(1)) return IntegerType::get(t.getContext(), 8);
  return t;
}

Value KernelBuilder::zero(Type t) {
  return b_.create<arith::ConstantOp>(loc_, cast<TypedAttr>(b_.getZeroAttr(t)));
}

Value KernelBuilder::load(Value memref, Value idx, Type t) {
  if (auto v = dyn_cast<VectorType>(t)) {
    Value base = b_.create<arith::MulIOp>(loc_, idx, indexConst(v.getNumElements()));
    return b_.create<vector::LoadOp>(loc_, v, memref, ValueRange{base});
  }
  Value x = b_.create<memref::LoadOp>(loc_, memref, ValueRange{idx});
  if (t.isInteger(1)) return b_.create<arith::TruncIOp>(loc_, t, x);
  return x;
}

void KernelBuilder::store(Value val, Value memref, Value idx, Type t) {
  if (auto v = dyn_cast<VectorType>(t)) {
    Value base = b_.create<arith::MulIOp>(loc_, idx, indexConst(v.getNumElements()));
    b_.create<vector::StoreOp>(loc_, val, memref, ValueRange{base});
    return;
  }
  if (t.isInteger(1)) val = b_.create<arith::ExtUIOp>(loc_, b_.getI8Type(), val);
  b_.create<memref::StoreOp>(loc_, val, memref, ValueRange{idx});
}

void KernelBuilder::checkFinite(ValueRange values) {
  Value bad;
  for (Value v : values) {
    Type elem = v.getType();
    if (auto vt = dyn_cast<VectorType>(elem)) elem = vt.getElementType();
    if (!isa<FloatType>(elem)) continue;
    // x - x is NaN exactly when x is NaN or infinite.
    Value d = b_.create<arith::SubFOp>(loc_, v, v);
    Value isBad = b_.create<arith::CmpFOp>(loc_, arith::CmpFPredicate::UNO, d, d);
    if (auto vt = dyn_cast<VectorType>(isBad.getType()))
      isBad = b_.create<vector::ReductionOp>(loc_, vector::CombiningKind::OR, isBad);
    bad = bad ? Value(b_.create<arith::OrIOp>(loc_, bad, isBad)) : isBad;
  }
  if (!bad) return;
  OpBuilder::InsertionGuard g(b_);
  if (auto loop = dyn_cast_or_null<scf::ForOp>(elementLoop_)) {
    Operation *yield = loop.getBody()->getTerminator();
    yield->setOperand(0, b_.create<arith::OrIOp>(loc_, yield->getOperand(0), bad));
    bad = loop.getResult(0);
    b_.setInsertionPointAfter(loop);
    elementLoop_ = nullptr;  // the chunk's check below is made once
  }
  Value status = array("status", b_.getI32Type());
  auto ifOp = b_.create<scf::IfOp>(loc_, bad, /*withElseRegion=*/false);
  b_.setInsertionPointToStart(ifOp.thenBlock());
  Value one = b_.create<arith::ConstantIntOp>(loc_, 1, 32);
  b_.create<memref::AtomicRMWOp>(loc_, arith::AtomicRMWKind::ori, one, status, ValueRange{indexConst(0)});
}

int KernelBuilder::finish() {
  SmallVector<Attribute> names;
  for (const std::string &s : bindings_) names.push_back(b_.getStringAttr(s));
  func_->setAttr(ndp::NDPDialect::getBindingsAttrName(), b_.getArrayAttr(names));
  info_.kernels[static_cast<size_t>(index_)].bindings = bindings_;
  return index_;
}

} // namespace ndpc::kernels
