// Cloning an elemental region into a kernel's loop body (ElementCloner.h).
#include "ElementCloner.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/IRMapping.h"

#include <cmath>

namespace ndpc::kernels {

using namespace mlir;

int paramIndex(ModuleOp module, StringRef name) {
  int i = 0;
  for (auto p : module.getOps<ndp::ParamOp>()) {
    if (isa<VectorType>(p.getType())) continue;  // array params have views of their own
    if (p.getSymName() == name) return i;
    ++i;
  }
  return -1;
}

func::FuncOp getOrCreatePhilox(ModuleOp module) {
  if (auto f = module.lookupSymbol<func::FuncOp>("ndp_philox4x64")) return f;
  OpBuilder b(module.getContext());
  b.setInsertionPointToEnd(module.getBody());
  Location loc = module.getLoc();
  Type i64 = b.getI64Type();
  auto f = b.create<func::FuncOp>(loc, "ndp_philox4x64",
                                  b.getFunctionType({i64, i64, i64, i64, i64, i64}, {i64, i64}));
  f.setPrivate();
  Block *body = f.addEntryBlock();
  b.setInsertionPointToStart(body);
  auto c = [&](uint64_t v) { return b.create<arith::ConstantIntOp>(loc, static_cast<int64_t>(v), 64); };
  // Random123's Philox4x64-10 (Salmon et al. 2011), as numpy.random.Philox.
  Value m0 = c(0xD2E7470EE14C6C93ull), m1 = c(0xCA5A826395121157ull);
  Value w0 = c(0x9E3779B97F4A7C15ull), w1 = c(0xBB67AE8584CAA73Bull);
  Value k0 = body->getArgument(0), k1 = body->getArgument(1);
  Value x0 = body->getArgument(2), x1 = body->getArgument(3), x2 = body->getArgument(4),
        x3 = body->getArgument(5);
  for (int round = 0; round < 10; ++round) {
    if (round > 0) {
      k0 = b.create<arith::AddIOp>(loc, k0, w0);
      k1 = b.create<arith::AddIOp>(loc, k1, w1);
    }
    auto p0 = b.create<arith::MulUIExtendedOp>(loc, m0, x0);
    auto p1 = b.create<arith::MulUIExtendedOp>(loc, m1, x2);
    Value n0 = b.create<arith::XOrIOp>(loc, b.create<arith::XOrIOp>(loc, p1.getHigh(), x1), k0);
    Value n2 = b.create<arith::XOrIOp>(loc, b.create<arith::XOrIOp>(loc, p0.getHigh(), x3), k1);
    x0 = n0;
    x1 = p1.getLow();
    x2 = n2;
    x3 = p0.getLow();
  }
  b.create<func::ReturnOp>(loc, ValueRange{x0, x1});
  return f;
}

SmallVector<Value> ElementCloner::clone(Region &region) {
  SmallVector<Value> out;
  if (region.empty()) return out;
  IRMapping map;
  OpBuilder &b = kb_.b();
  for (Operation &op : region.front()) {
    if (auto y = dyn_cast<ndp::YieldOp>(op)) {
      for (Value v : y.getValues()) out.push_back(map.lookupOrDefault(v));
      break;
    }
    if (auto r = dyn_cast<ndp::ReadOp>(op)) {
      map.map(r.getResult(), read_(r));
    } else if (auto p = dyn_cast<ndp::ParamRefOp>(op)) {
      map.map(p.getResult(), param(p));
    } else if (auto m = dyn_cast<ndp::MatVecOp>(op)) {
      map.map(m.getResult(), matvec(m, map.lookupOrDefault(m.getX())));
    } else if (auto r = dyn_cast<ndp::ParamRowOp>(op)) {
      map.map(r.getResult(), paramRow(r, map.lookupOrDefault(r.getRow())));
    } else if (isa<ndp::ScoreOp, ndp::NoveltyOp>(op)) {
      if (!conditionInput_) op.emitError() << "is only available in an attend or memory condition";
      map.map(op.getResult(0), conditionInput_);
    } else if (auto c = dyn_cast<ndp::ClockOp>(op)) {
      map.map(c.getResult(), clock(c));
    } else if (auto r = dyn_cast<ndp::RandOp>(op)) {
      // A copy with the arguments mapped into the kernel, read by the draw, then dropped.
      auto copy = cast<ndp::RandOp>(b.clone(op, map));
      map.map(r.getResult(), rand(copy));
      copy->erase();
    } else {
      b.clone(op, map);
    }
  }
  return out;
}

Value ElementCloner::paramArray(StringRef name) {
  OpBuilder &b = kb_.b();
  OpBuilder::InsertionGuard guard(b);
  b.setInsertionPointToStart(&kb_.func().getBody().front());
  return kb_.array(ndpabi::paramBinding(name.str()), b.getF32Type());
}

Value ElementCloner::matvec(ndp::MatVecOp op, Value x) {
  // One row at a time: a row's products summed in column order (the order
  // the reference and the docs state), rows inserted into the result.
  OpBuilder &b = kb_.b();
  Location l = op.getLoc();
  Value w = paramArray(op.getParam());
  auto xt = cast<VectorType>(x.getType());
  auto rt = cast<VectorType>(op.getResult().getType());
  int64_t cols = xt.getNumElements();
  Value zero = b.create<arith::ConstantOp>(l, rt, SplatElementsAttr::get(rt, b.getF32FloatAttr(0.0f)));
  Value acc0 = b.create<arith::ConstantFloatOp>(l, llvm::APFloat(0.0f), b.getF32Type());
  auto loop = b.create<scf::ForOp>(l, kb_.indexConst(0), kb_.indexConst(rt.getNumElements()), kb_.indexConst(1),
                                   ValueRange{zero});
  {
    OpBuilder::InsertionGuard guard(b);
    b.setInsertionPointToStart(loop.getBody());
    Value r = loop.getInductionVar();
    Value start = b.create<arith::MulIOp>(l, r, kb_.indexConst(cols));
    Value row = b.create<vector::LoadOp>(l, xt, w, ValueRange{start});
    Value prod = b.create<arith::MulFOp>(l, row, x);
    Value sum = b.create<vector::ReductionOp>(l, vector::CombiningKind::ADD, prod, acc0);
    Value next = b.create<vector::InsertOp>(l, sum, loop.getRegionIterArgs()[0], ArrayRef<OpFoldResult>{r});
    b.create<scf::YieldOp>(l, next);
  }
  return loop.getResult(0);
}

Value ElementCloner::paramRow(ndp::ParamRowOp op, Value row) {
  OpBuilder &b = kb_.b();
  Location l = op.getLoc();
  Value w = paramArray(op.getParam());
  auto vt = cast<VectorType>(op.getResult().getType());
  int64_t cols = vt.getNumElements();
  // A row outside the matrix reads row 0 (as a vector index reads lane 0).
  auto p = module_.lookupSymbol<ndp::ParamOp>(op.getParam());
  int64_t rows = p ? cast<VectorType>(p.getType()).getDimSize(0) : 1;
  Value zeroI = b.create<arith::ConstantIntOp>(l, 0, 32);
  Value nRows = b.create<arith::ConstantIntOp>(l, rows, 32);
  Value ok = b.create<arith::AndIOp>(l, b.create<arith::CmpIOp>(l, arith::CmpIPredicate::sge, row, zeroI),
                                     b.create<arith::CmpIOp>(l, arith::CmpIPredicate::slt, row, nRows));
  Value safe = b.create<arith::SelectOp>(l, ok, row, zeroI);
  Value start = b.create<arith::MulIOp>(l, b.create<arith::IndexCastOp>(l, b.getIndexType(), safe), kb_.indexConst(cols));
  return b.create<vector::LoadOp>(l, vt, w, ValueRange{start});
}

Value ElementCloner::param(ndp::ParamRefOp op) {
  // Loop-invariant: read once at the top of the kernel.
  OpBuilder &b = kb_.b();
  OpBuilder::InsertionGuard guard(b);
  b.setInsertionPointToStart(&kb_.func().getBody().front());
  Location l = op.getLoc();
  if (auto vt = dyn_cast<VectorType>(op.getResult().getType())) {
    Value w = kb_.array(ndpabi::paramBinding(op.getParam().str()), b.getF32Type());
    return b.create<vector::LoadOp>(l, vt, w, ValueRange{kb_.indexConst(0)});
  }
  int i = paramIndex(module_, op.getParam());
  Value v = b.create<memref::LoadOp>(l, kb_.scalars(), ValueRange{kb_.indexConst(static_cast<int64_t>(kScalarFirstParam) + i)});
  Type t = op.getResult().getType();
  if (t.isF64()) return v;
  if (t.isF32()) return b.create<arith::TruncFOp>(l, t, v);
  if (t.isInteger(1)) {
    Value z = b.create<arith::ConstantFloatOp>(l, llvm::APFloat(0.0), b.getF64Type());
    return b.create<arith::CmpFOp>(l, arith::CmpFPredicate::UNE, v, z);
  }
  return b.create<arith::FPToSIOp>(l, t, v);
}

Value ElementCloner::clock(ndp::ClockOp op) {
  // Loop-invariant: computed once, right where the step is known.
  OpBuilder &b = kb_.b();
  OpBuilder::InsertionGuard guard(b);
  b.setInsertionPointAfterValue(step_);
  Location l = op.getLoc();
  if (op.getWhich() == ndp::Clock::Step) return b.create<arith::TruncIOp>(l, b.getI32Type(), step_);
  // t = step * dt, computed in f64 and rounded once to f32.
  Value s = b.create<arith::SIToFPOp>(l, b.getF64Type(), step_);
  Value dt = b.create<memref::LoadOp>(l, kb_.scalars(), ValueRange{kb_.indexConst(static_cast<int64_t>(kScalarDt))});
  return b.create<arith::TruncFOp>(l, b.getF32Type(), b.create<arith::MulFOp>(l, s, dt));
}

Value ElementCloner::drawLane(ndp::RandOp op, const RandomKey &key, int64_t lane) {
  OpBuilder &b = kb_.b();
  Location l = op.getLoc();
  auto c64 = [&](uint64_t v) { return b.create<arith::ConstantIntOp>(l, static_cast<int64_t>(v), 64); };
  Value seed = kb_.ctxI64(kCtxSeed);
  Value ctr3 = c64(static_cast<uint64_t>(lane));
  if (key.par)
    ctr3 = b.create<arith::OrIOp>(l, b.create<arith::ShLIOp>(l, key.par, c64(32)), ctr3);
  func::FuncOp philox = getOrCreatePhilox(module_);
  auto call = b.create<func::CallOp>(
      l, philox, ValueRange{seed, c64(static_cast<uint64_t>(op.getSite())), key.step, c64(key.group), key.id, ctr3});
  Type f64 = b.getF64Type();
  // The top 53 bits of a word as a double in [0, 1).
  auto unit = [&](Value x) -> Value {
    Value top = b.create<arith::ShRUIOp>(l, x, c64(11));
    Value d = b.create<arith::UIToFPOp>(l, f64, top);
    return b.create<arith::MulFOp>(l, d, b.create<arith::ConstantFloatOp>(l, llvm::APFloat(std::ldexp(1.0, -53)), b.getF64Type()));
  };
  Value a0 = op.getArgs()[0];
  switch (op.getDist()) {
  case ndp::Distribution::Uniform: {
    Value u = unit(call.getResult(0));
    Value span = b.create<arith::SubFOp>(l, op.getArgs()[1], a0);
    Value v = b.create<arith::AddFOp>(l, a0, b.create<arith::MulFOp>(l, span, u));
    return b.create<arith::TruncFOp>(l, b.getF32Type(), v);
  }
  case ndp::Distribution::Normal: {
    // Box-Muller on (0, 1] x [0, 1).
    Value top = b.create<arith::ShRUIOp>(l, call.getResult(0), c64(11));
    Value one = b.create<arith::ConstantFloatOp>(l, llvm::APFloat(1.0), b.getF64Type());
    Value u1 = b.create<arith::MulFOp>(
        l, b.create<arith::AddFOp>(l, b.create<arith::UIToFPOp>(l, f64, top), one),
        b.create<arith::ConstantFloatOp>(l, llvm::APFloat(std::ldexp(1.0, -53)), b.getF64Type()));
    Value u2 = unit(call.getResult(1));
    Value minus2 = b.create<arith::ConstantFloatOp>(l, llvm::APFloat(-2.0), b.getF64Type());
    Value r = b.create<math::SqrtOp>(l, b.create<arith::MulFOp>(l, minus2, b.create<math::LogOp>(l, u1)));
    Value twoPi = b.create<arith::ConstantFloatOp>(l, llvm::APFloat(2.0 * M_PI), b.getF64Type());
    Value z = b.create<arith::MulFOp>(l, r, b.create<math::CosOp>(l, b.create<arith::MulFOp>(l, twoPi, u2)));
    Value v = b.create<arith::AddFOp>(l, a0, b.create<arith::MulFOp>(l, op.getArgs()[1], z));
    return b.create<arith::TruncFOp>(l, b.getF32Type(), v);
  }
  case ndp::Distribution::Bernoulli: {
    Value u = unit(call.getResult(0));
    return b.create<arith::CmpFOp>(l, arith::CmpFPredicate::OLT, u, a0);
  }
  }
  return Value();
}

Value ElementCloner::rand(ndp::RandOp op) {
  if (!keyCache_) keyCache_ = key_();
  auto vec = dyn_cast<VectorType>(op.getResult().getType());
  if (!vec) return drawLane(op, *keyCache_, 0);
  SmallVector<Value> lanes;
  for (int64_t i = 0; i < vec.getNumElements(); ++i) lanes.push_back(drawLane(op, *keyCache_, i));
  return kb_.b().create<vector::FromElementsOp>(op.getLoc(), vec, lanes);
}

} // namespace ndpc::kernels
