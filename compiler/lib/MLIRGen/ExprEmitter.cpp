// Emitting expressions (ExprEmitter.h).
#include "ExprEmitter.h"

#include "ndpc/Basic/Paths.h"
#include "ndpc/Basic/SourceManager.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"

#include <climits>

namespace ndpc {

using namespace mlir;
using ast::Builtin;
using ast::ExprKind;
using ast::RefKind;

Location ExprEmitter::loc(SourceRange r) const {
  if (!r.valid()) return b_.getUnknownLoc();
  return FileLineColLoc::get(b_.getContext(), sm_.path(r.begin.file), r.begin.line, r.begin.col);
}

Type ExprEmitter::mlirType(ast::Type t) const {
  switch (t.kind) {
  case ast::Type::Bool: return b_.getI1Type();
  case ast::Type::I32: return b_.getI32Type();
  case ast::Type::F64: return b_.getF64Type();
  case ast::Type::Vector: return VectorType::get({static_cast<int64_t>(t.width)}, b_.getF32Type());
  case ast::Type::Matrix:
    return VectorType::get({static_cast<int64_t>(t.rows), static_cast<int64_t>(t.width)}, b_.getF32Type());
  default: return b_.getF32Type();
  }
}

Type ExprEmitter::laneType(ast::Type t) const {
  Type s = mlirType(t);
  if (lanes_ && t.isScalar()) return VectorType::get({static_cast<int64_t>(lanes_)}, s);
  return s;
}

namespace {

TypedAttr scalarAttr(OpBuilder &b, Type elem, double v) {
  if (elem.isInteger(1)) return b.getIntegerAttr(elem, v != 0.0 ? 1 : 0);
  if (elem.isInteger(32)) return b.getIntegerAttr(elem, static_cast<int64_t>(v));
  return b.getFloatAttr(elem, v);
}

TypedAttr constantAttr(OpBuilder &b, Type t, double v) {
  if (auto vec = dyn_cast<VectorType>(t))
    return SplatElementsAttr::get(vec, scalarAttr(b, vec.getElementType(), v));
  return scalarAttr(b, t, v);
}

Type elementOf(Type t) {
  if (auto v = dyn_cast<VectorType>(t)) return v.getElementType();
  return t;
}

/// `to` with the shape of `like` (vector lanes stay lanes).
Type sameShape(Type like, Type elem) {
  if (auto v = dyn_cast<VectorType>(like)) return VectorType::get(v.getShape(), elem);
  return elem;
}

} // namespace

Value ExprEmitter::constant(ast::Type t, double value, Location l) {
  Type ty = laneType(t);
  return b_.create<arith::ConstantOp>(l, ty, constantAttr(b_, ty, value));
}

Value ExprEmitter::zero(Type t, Location l) {
  return b_.create<arith::ConstantOp>(l, t, constantAttr(b_, t, 0.0));
}

uint64_t ExprEmitter::randomSite(const ast::CallExpr &draw) {
  // FNV-1a over the site name and the draw's ordinal (first-emission order of
  // its path of inlined calls): independent of source positions, so that a
  // comment or an edit elsewhere in the model leaves every draw as it was.
  std::vector<const ast::CallExpr *> path = callPath_;
  path.push_back(&draw);
  auto found = siteOrdinals_.find(path);
  unsigned ordinal = found != siteOrdinals_.end() ? found->second
                                                  : siteOrdinals_.emplace(path, siteOrdinals_.size()).first->second;
  uint64_t h = 1469598103934665603ull;
  for (unsigned char c : siteName_ + "#" + std::to_string(ordinal)) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h >> 1;  // keep it positive as an i64 attribute
}

Value ExprEmitter::convert(Value v, ast::Type from, ast::Type to, Location l) {
  if (from == to || from.isError() || to.isError()) return v;
  if (to.isVector() && !from.isVector()) {
    Value s = convert(v, from, ast::Type::f32(), l);
    return b_.create<vector::BroadcastOp>(l, mlirType(to), s);
  }
  Type target = sameShape(v.getType(), mlirType(to));
  Type srcElem = elementOf(v.getType());
  Type dstElem = elementOf(target);
  if (srcElem == dstElem) return v;
  if (dstElem.isInteger(1)) {  // bool(x): x != 0
    Value z = zero(v.getType(), l);
    if (isa<FloatType>(srcElem))
      return b_.create<arith::CmpFOp>(l, arith::CmpFPredicate::UNE, v, z);
    return b_.create<arith::CmpIOp>(l, arith::CmpIPredicate::ne, v, z);
  }
  if (srcElem.isInteger(1)) {
    if (isa<FloatType>(dstElem)) return b_.create<arith::UIToFPOp>(l, target, v);
    return b_.create<arith::ExtUIOp>(l, target, v);
  }
  if (isa<IntegerType>(srcElem)) return b_.create<arith::SIToFPOp>(l, target, v);
  if (isa<IntegerType>(dstElem)) return b_.create<arith::FPToSIOp>(l, target, v);
  if (dstElem.getIntOrFloatBitWidth() > srcElem.getIntOrFloatBitWidth())
    return b_.create<arith::ExtFOp>(l, target, v);
  return b_.create<arith::TruncFOp>(l, target, v);
}

Value ExprEmitter::emit(const ast::Expr &e, ast::Type target) {
  Location l = loc(e.range);
  if (target.isVector() && e.type.isScalar() && e.hasRandom) {
    // One draw per lane (language.md section 3: the lane is part of the key).
    unsigned saved = lanes_;
    lanes_ = target.width;
    Value v = emitRaw(e);
    v = convert(v, e.type, ast::Type::f32(), l);
    lanes_ = saved;
    return v;
  }
  return convert(emitRaw(e), e.type, target, l);
}

Value ExprEmitter::emitRaw(const ast::Expr &e) {
  Location l = loc(e.range);
  if (e.type.isVector() && lanes_) {
    unsigned saved = lanes_;
    lanes_ = 0;
    Value v = emitRaw(e);
    lanes_ = saved;
    return v;
  }
  if (lanes_ && !e.hasRandom) {
    // No draw below: compute once and give every lane the same value.
    unsigned saved = lanes_;
    lanes_ = 0;
    Value v = emitRaw(e);
    lanes_ = saved;
    return b_.create<vector::BroadcastOp>(l, laneType(e.type), v);
  }

  switch (e.kind) {
  case ExprKind::IntLit:
    return constant(e.type, static_cast<double>(static_cast<const ast::IntLit &>(e).value), l);
  case ExprKind::FloatLit: return constant(e.type, static_cast<const ast::FloatLit &>(e).value, l);
  case ExprKind::BoolLit: return constant(e.type, static_cast<const ast::BoolLit &>(e).value ? 1 : 0, l);
  case ExprKind::StringLit: return zero(b_.getF32Type(), l);  // only where Sema allows files
  case ExprKind::Name:
  case ExprKind::Member: {
    const ast::Ref &ref = e.kind == ExprKind::Name ? static_cast<const ast::NameExpr &>(e).ref
                                                   : static_cast<const ast::MemberExpr &>(e).ref;
    const std::string &name = e.kind == ExprKind::Name ? static_cast<const ast::NameExpr &>(e).name
                                                       : static_cast<const ast::MemberExpr &>(e).member;
    switch (ref.kind) {
    case RefKind::FnParam: return fnArgs_.back()[ref.index];
    case RefKind::Param:
      return b_.create<ndp::ParamRefOp>(l, mlirType(e.type),
                                        SymbolRefAttr::get(b_.getContext(), ref.decl->name));
    case RefKind::Step: return b_.create<ndp::ClockOp>(l, b_.getI32Type(), ndp::Clock::Step);
    case RefKind::Time: return b_.create<ndp::ClockOp>(l, b_.getF32Type(), ndp::Clock::Time);
    default: return read_(ref, name, mlirType(e.type), l);
    }
  }
  case ExprKind::Index: {
    auto &ix = static_cast<const ast::IndexExpr &>(e);
    if (ix.base->type.isMatrix()) {
      Value row = emit(*ix.index, ast::Type::i32());
      return b_.create<ndp::ParamRowOp>(l, mlirType(e.type), paramSymbol(*ix.base), row);
    }
    Value base = emit(*ix.base, ix.base->type);
    if (ix.constIndex >= 0) return b_.create<vector::ExtractOp>(l, base, ArrayRef<int64_t>{ix.constIndex});
    Value i = emit(*ix.index, ast::Type::i32());
    // An index outside the vector reads lane 0 rather than memory it does not own.
    int64_t width = cast<VectorType>(base.getType()).getNumElements();
    Value zeroI = b_.create<arith::ConstantIntOp>(l, 0, 32);
    Value widthI = b_.create<arith::ConstantIntOp>(l, width, 32);
    Value inRange = b_.create<arith::AndIOp>(
        l, b_.create<arith::CmpIOp>(l, arith::CmpIPredicate::sge, i, zeroI),
        b_.create<arith::CmpIOp>(l, arith::CmpIPredicate::slt, i, widthI));
    i = b_.create<arith::SelectOp>(l, inRange, i, zeroI);
    Value idx = b_.create<arith::IndexCastOp>(l, b_.getIndexType(), i);
    return b_.create<vector::ExtractOp>(l, base, ArrayRef<OpFoldResult>{idx});
  }
  case ExprKind::Call: return emitCall(static_cast<const ast::CallExpr &>(e));
  case ExprKind::Unary: {
    auto &u = static_cast<const ast::UnaryExpr &>(e);
    Value v = emit(*u.operand, e.type);
    if (u.op == ast::UnaryOp::Not) return b_.create<arith::XOrIOp>(l, v, constant(e.type, 1, l));
    if (isa<FloatType>(elementOf(v.getType()))) return b_.create<arith::NegFOp>(l, v);
    return b_.create<arith::SubIOp>(l, constant(e.type, 0, l), v);
  }
  case ExprKind::Binary: return emitBinary(static_cast<const ast::BinaryExpr &>(e));
  case ExprKind::Cond: {
    auto &c = static_cast<const ast::CondExpr &>(e);
    Value cond = emit(*c.cond, ast::Type::boolean());
    Value t = emit(*c.thenExpr, e.type);
    Value f = emit(*c.elseExpr, e.type);
    return b_.create<arith::SelectOp>(l, cond, t, f);
  }
  }
  return zero(laneType(e.type), l);
}

FlatSymbolRefAttr ExprEmitter::paramSymbol(const ast::Expr &e) const {
  // Sema lets only a matrix param's name stand where a matrix is read.
  auto *n = ast::dyn<ast::NameExpr>(&e);
  return FlatSymbolRefAttr::get(b_.getContext(), n && n->ref.decl ? n->ref.decl->name : "");
}

Value ExprEmitter::emitBinary(const ast::BinaryExpr &e) {
  Location l = loc(e.opRange);
  ast::Type ot = e.operandType;
  if (e.op == ast::BinaryOp::MatVec)
    return b_.create<ndp::MatVecOp>(l, mlirType(e.type), paramSymbol(*e.lhs), emit(*e.rhs, ot));
  Value a = emit(*e.lhs, ot), c = emit(*e.rhs, ot);
  bool isFloat = isa<FloatType>(elementOf(a.getType()));
  using P = arith::CmpFPredicate;
  using I = arith::CmpIPredicate;
  auto cmp = [&](P fp, I ip) -> Value {
    if (isFloat) return b_.create<arith::CmpFOp>(l, fp, a, c);
    return b_.create<arith::CmpIOp>(l, ip, a, c);
  };
  switch (e.op) {
  case ast::BinaryOp::Add:
    return isFloat ? Value(b_.create<arith::AddFOp>(l, a, c)) : Value(b_.create<arith::AddIOp>(l, a, c));
  case ast::BinaryOp::Sub:
    return isFloat ? Value(b_.create<arith::SubFOp>(l, a, c)) : Value(b_.create<arith::SubIOp>(l, a, c));
  case ast::BinaryOp::Mul:
    return isFloat ? Value(b_.create<arith::MulFOp>(l, a, c)) : Value(b_.create<arith::MulIOp>(l, a, c));
  case ast::BinaryOp::Div:
  case ast::BinaryOp::Rem: {
    bool div = e.op == ast::BinaryOp::Div;
    if (isFloat) return div ? Value(b_.create<arith::DivFOp>(l, a, c)) : Value(b_.create<arith::RemFOp>(l, a, c));
    // i32: x / 0 and x % 0 are 0, and INT_MIN / -1 wraps (docs/language.md):
    // the divisor is made safe first so no lane can trap.
    Value zeroI = constant(ot, 0, l), one = constant(ot, 1, l), minusOne = constant(ot, -1, l);
    Value minI = constant(ot, static_cast<double>(INT_MIN), l);
    Value byZero = b_.create<arith::CmpIOp>(l, I::eq, c, zeroI);
    Value overflow = b_.create<arith::AndIOp>(l, b_.create<arith::CmpIOp>(l, I::eq, a, minI),
                                              b_.create<arith::CmpIOp>(l, I::eq, c, minusOne));
    Value unsafe = b_.create<arith::OrIOp>(l, byZero, overflow);
    Value safe = b_.create<arith::SelectOp>(l, unsafe, one, c);
    Value q = div ? Value(b_.create<arith::DivSIOp>(l, a, safe)) : Value(b_.create<arith::RemSIOp>(l, a, safe));
    Value special = div ? b_.create<arith::SelectOp>(l, byZero, zeroI, minI).getResult() : zeroI;
    return b_.create<arith::SelectOp>(l, unsafe, special, q);
  }
  case ast::BinaryOp::Lt: return cmp(P::OLT, I::slt);
  case ast::BinaryOp::Le: return cmp(P::OLE, I::sle);
  case ast::BinaryOp::Gt: return cmp(P::OGT, I::sgt);
  case ast::BinaryOp::Ge: return cmp(P::OGE, I::sge);
  case ast::BinaryOp::Eq: return cmp(P::OEQ, I::eq);
  case ast::BinaryOp::Ne: return cmp(P::UNE, I::ne);
  case ast::BinaryOp::And: return b_.create<arith::AndIOp>(l, a, c);
  case ast::BinaryOp::Or: return b_.create<arith::OrIOp>(l, a, c);
  }
  return a;
}

Value ExprEmitter::emitCall(const ast::CallExpr &c) {
  if (!c.fn) return emitBuiltin(c);
  const ast::FnDecl &fn = *c.fn;
  std::vector<Value> args;
  for (size_t i = 0; i < c.args.size(); ++i) args.push_back(emit(*c.args[i].value, fn.params[i].type));
  fnArgs_.push_back(std::move(args));
  callPath_.push_back(&c);
  Value v = emit(*fn.body, fn.retType);
  callPath_.pop_back();
  fnArgs_.pop_back();
  return v;
}

Value ExprEmitter::emitBuiltin(const ast::CallExpr &c) {
  Location l = loc(c.range);
  ast::Type at = c.argType;
  auto arg = [&](size_t i) { return emit(*c.args[i].value, at); };
  auto isFloatTy = [&](Value v) { return isa<FloatType>(elementOf(v.getType())); };
  auto maxOf = [&](Value a, Value b) -> Value {
    if (isFloatTy(a)) return b_.create<arith::MaximumFOp>(l, a, b);
    return b_.create<arith::MaxSIOp>(l, a, b);
  };
  auto minOf = [&](Value a, Value b) -> Value {
    if (isFloatTy(a)) return b_.create<arith::MinimumFOp>(l, a, b);
    return b_.create<arith::MinSIOp>(l, a, b);
  };
  switch (c.builtin) {
  case Builtin::Exp: return b_.create<math::ExpOp>(l, arg(0));
  case Builtin::Log: return b_.create<math::LogOp>(l, arg(0));
  case Builtin::Sqrt: return b_.create<math::SqrtOp>(l, arg(0));
  case Builtin::Tanh: return b_.create<math::TanhOp>(l, arg(0));
  case Builtin::Floor: return b_.create<math::FloorOp>(l, arg(0));
  case Builtin::Pow: return b_.create<math::PowFOp>(l, arg(0), arg(1));
  case Builtin::Sigmoid: {  // 1 / (1 + exp(-x))
    Value x = arg(0);
    Value one = constant(at, 1.0, l);
    Value e = b_.create<math::ExpOp>(l, b_.create<arith::NegFOp>(l, x));
    return b_.create<arith::DivFOp>(l, one, b_.create<arith::AddFOp>(l, one, e));
  }
  case Builtin::Softplus: {  // max(x, 0) + log1p(exp(-|x|)): no overflow for large x
    Value x = arg(0);
    Value e = b_.create<math::ExpOp>(l, b_.create<arith::NegFOp>(l, b_.create<math::AbsFOp>(l, x)));
    return b_.create<arith::AddFOp>(l, maxOf(x, constant(at, 0.0, l)), b_.create<math::Log1pOp>(l, e));
  }
  case Builtin::Abs: {
    Value x = arg(0);
    if (isFloatTy(x)) return b_.create<math::AbsFOp>(l, x);
    return b_.create<math::AbsIOp>(l, x);
  }
  case Builtin::Relu: return maxOf(arg(0), constant(at, 0.0, l));
  case Builtin::Sign: {
    Value x = arg(0), z = constant(at, 0.0, l);
    Value pos, neg;
    if (isFloatTy(x)) {
      pos = b_.create<arith::CmpFOp>(l, arith::CmpFPredicate::OGT, x, z);
      neg = b_.create<arith::CmpFOp>(l, arith::CmpFPredicate::OLT, x, z);
    } else {
      pos = b_.create<arith::CmpIOp>(l, arith::CmpIPredicate::sgt, x, z);
      neg = b_.create<arith::CmpIOp>(l, arith::CmpIPredicate::slt, x, z);
    }
    Value inner = b_.create<arith::SelectOp>(l, neg, constant(at, -1.0, l), z);
    return b_.create<arith::SelectOp>(l, pos, constant(at, 1.0, l), inner);
  }
  case Builtin::Min: return minOf(arg(0), arg(1));
  case Builtin::Max: return maxOf(arg(0), arg(1));
  case Builtin::Clamp: {
    Value x = arg(0), lo = arg(1), hi = arg(2);
    if (!isFloatTy(x)) return minOf(maxOf(x, lo), hi);
    // x < lo ? lo : (x > hi ? hi : x): a NaN x stays NaN, and the compares
    // map onto the target's plain min/max instructions, where maximumf and
    // minimumf need a longer sequence for their signed-zero ordering.
    Value below = b_.create<arith::CmpFOp>(l, arith::CmpFPredicate::OLT, x, lo);
    Value above = b_.create<arith::CmpFOp>(l, arith::CmpFPredicate::OGT, x, hi);
    return b_.create<arith::SelectOp>(l, below, lo, b_.create<arith::SelectOp>(l, above, hi, x));
  }
  case Builtin::Dot:
  case Builtin::Norm:
  case Builtin::Sum: {
    Value a = arg(0);
    Value v = c.builtin == Builtin::Dot ? Value(b_.create<arith::MulFOp>(l, a, arg(1)))
              : c.builtin == Builtin::Norm ? Value(b_.create<arith::MulFOp>(l, a, a))
                                           : a;
    Value s = b_.create<vector::ReductionOp>(l, vector::CombiningKind::ADD, v);
    return c.builtin == Builtin::Norm ? Value(b_.create<math::SqrtOp>(l, s)) : s;
  }
  case Builtin::Uniform:
  case Builtin::Normal:
  case Builtin::Bernoulli: {
    // Arguments are computed once (not per lane) in f64.
    unsigned saved = lanes_;
    lanes_ = 0;
    SmallVector<Value> args;
    for (const ast::CallArg &a : c.args) args.push_back(emit(*a.value, ast::Type::f64()));
    lanes_ = saved;
    ndp::Distribution d = c.builtin == Builtin::Uniform  ? ndp::Distribution::Uniform
                          : c.builtin == Builtin::Normal ? ndp::Distribution::Normal
                                                         : ndp::Distribution::Bernoulli;
    Type ty = laneType(c.type);
    return b_.create<ndp::RandOp>(l, ty, d, args, static_cast<int64_t>(randomSite(c)));
  }
  case Builtin::ToF32:
  case Builtin::ToF64:
  case Builtin::ToI32:
  case Builtin::ToBool: return emit(*c.args[0].value, c.type);
  default: break;
  }
  return zero(laneType(c.type), l);
}

} // namespace ndpc
