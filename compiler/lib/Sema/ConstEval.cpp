// Types as written, and folding the constants settings must be.
#include "SemaImpl.h"

#include "ndpc/Basic/Suggest.h"

#include <cmath>

namespace ndpc::sema {

Type Sema::resolveType(const TypeRef &t, bool matrixOk) {
  static const std::vector<std::string> names{"f32", "f64", "i32", "bool"};
  Type base;
  if (t.name == "f32") base = Type::f32();
  else if (t.name == "f64") base = Type::f64();
  else if (t.name == "i32") base = Type::i32();
  else if (t.name == "bool") base = Type::boolean();
  else {
    diags_.error(t.range, "unknown type '" + t.name + "'" +
                              (closestName(t.name, names).empty() ? "; the types are f32, f64, i32, bool and f32[N]"
                                                                  : didYouMean(t.name, names)));
    return Type::error();
  }
  if (!t.size) return base;
  if (base.kind != Type::F32) {
    diags_.error(t.range, "vectors hold f32 elements; write 'f32[N]' instead of '" + t.name + "[N]'");
    return Type::error();
  }
  ConstFault why;
  std::optional<int64_t> n = evalInt(*t.size, &why);
  if (!n) {
    if (!reportConstFault(why, "the vector size"))
      diags_.error(t.size->range, "a vector size must be a constant integer such as 16");
    return Type::error();
  }
  if (*n < 1 || *n > 65536) {
    diags_.error(t.size->range, "vector size " + std::to_string(*n) + " is out of range; use 1 to 65536");
    return Type::error();
  }
  if (!t.cols) return Type::vec(static_cast<uint32_t>(*n));
  if (!matrixOk) {
    diags_.error(t.range, "only a param can be a matrix f32[R][C]; states, inputs, outs and fn values are "
                          "scalars or vectors f32[N]");
    return Type::error();
  }
  why = ConstFault{};
  std::optional<int64_t> c = evalInt(*t.cols, &why);
  if (!c) {
    if (!reportConstFault(why, "the matrix's column count"))
      diags_.error(t.cols->range, "a matrix's column count must be a constant integer such as 16");
    return Type::error();
  }
  if (*c < 1 || *c > 65536) {
    diags_.error(t.cols->range, "matrix column count " + std::to_string(*c) + " is out of range; use 1 to 65536");
    return Type::error();
  }
  if (*n * *c > (int64_t(1) << 24)) {
    diags_.error(t.range, "a matrix param holds at most 16777216 elements; f32[" + std::to_string(*n) + "][" +
                              std::to_string(*c) + "] has " + std::to_string(*n * *c));
    return Type::error();
  }
  return Type::matrix(static_cast<uint32_t>(*n), static_cast<uint32_t>(*c));
}

std::optional<int64_t> Sema::evalInt(const Expr &e, ConstFault *why) {
  constexpr int64_t lim = int64_t(1) << 53;
  auto fault = [&](const std::string &m) -> std::optional<int64_t> {
    if (why && why->message.empty()) *why = ConstFault{e.range, m};
    return std::nullopt;
  };
  auto fits = [&](int64_t v) -> std::optional<int64_t> {
    if (v > lim || v < -lim) return fault("overflows: constants are folded within -2^53 to 2^53");
    return v;
  };
  switch (e.kind) {
  case ExprKind::IntLit: return static_cast<const IntLit &>(e).value;
  case ExprKind::Unary: {
    auto &u = static_cast<const UnaryExpr &>(e);
    if (u.op != UnaryOp::Neg) return std::nullopt;
    auto v = evalInt(*u.operand, why);
    return v ? std::optional<int64_t>(-*v) : std::nullopt;
  }
  case ExprKind::Binary: {
    auto &b = static_cast<const BinaryExpr &>(e);
    auto l = evalInt(*b.lhs, why), r = evalInt(*b.rhs, why);
    if (!l || !r) return std::nullopt;
    switch (b.op) {
    case BinaryOp::Add: return fits(*l + *r);
    case BinaryOp::Sub: return fits(*l - *r);
    case BinaryOp::Mul:
      if (*l != 0 && (std::llabs(*r) > lim / std::llabs(*l)))
        return fault("overflows: constants are folded within -2^53 to 2^53");
      return fits(*l * *r);
    case BinaryOp::Div:
    case BinaryOp::Rem:
      if (*r == 0) return fault("divides by zero");
      return b.op == BinaryOp::Div ? *l / *r : *l % *r;
    default: return std::nullopt;
    }
  }
  default: return std::nullopt;
  }
}

std::optional<double> Sema::evalFloat(const Expr &e, ConstFault *why) {
  switch (e.kind) {
  case ExprKind::IntLit: return static_cast<double>(static_cast<const IntLit &>(e).value);
  case ExprKind::FloatLit: return static_cast<const FloatLit &>(e).value;
  case ExprKind::Unary: {
    auto &u = static_cast<const UnaryExpr &>(e);
    if (u.op != UnaryOp::Neg) return std::nullopt;
    auto v = evalFloat(*u.operand, why);
    return v ? std::optional<double>(-*v) : std::nullopt;
  }
  case ExprKind::Binary: {
    auto &b = static_cast<const BinaryExpr &>(e);
    auto l = evalFloat(*b.lhs, why), r = evalFloat(*b.rhs, why);
    if (!l || !r) return std::nullopt;
    double v;
    switch (b.op) {
    case BinaryOp::Add: v = *l + *r; break;
    case BinaryOp::Sub: v = *l - *r; break;
    case BinaryOp::Mul: v = *l * *r; break;
    case BinaryOp::Div:
      if (*r == 0) {
        if (why && why->message.empty()) *why = ConstFault{e.range, "divides by zero"};
        return std::nullopt;
      }
      v = *l / *r;
      break;
    default: return std::nullopt;
    }
    if (!std::isfinite(v)) {
      if (why && why->message.empty()) *why = ConstFault{e.range, "overflows the range of an f64"};
      return std::nullopt;
    }
    return v;
  }
  default: return std::nullopt;
  }
}

bool Sema::reportConstFault(const ConstFault &why, const std::string &what) {
  if (why.message.empty()) return false;
  diags_.error(why.range, what + ": this constant expression " + why.message);
  return true;
}

namespace {

bool mentionsName(const Expr &e) {
  switch (e.kind) {
  case ExprKind::Name:
  case ExprKind::Member:
  case ExprKind::Call: return true;
  case ExprKind::Unary: return mentionsName(*static_cast<const UnaryExpr &>(e).operand);
  case ExprKind::Binary: {
    auto &b = static_cast<const BinaryExpr &>(e);
    return mentionsName(*b.lhs) || mentionsName(*b.rhs);
  }
  default: return false;
  }
}

std::string constantHint(const Expr &e) {
  return mentionsName(e) ? " (names and params are not allowed here: params can change at run time)" : "";
}

std::string num(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

} // namespace

bool Sema::foldInt(Setting &s, const char *what, int64_t lo, int64_t hi) {
  if (!s.expr) return false;
  ConstFault why;
  std::optional<int64_t> v = evalInt(*s.expr, &why);
  if (!v) {
    if (!reportConstFault(why, what))
      diags_.error(s.expr->range, std::string(what) + " must be a constant integer" + constantHint(*s.expr));
    return false;
  }
  if (*v < lo || *v > hi) {
    diags_.error(s.expr->range, std::string(what) + " is " + std::to_string(*v) + "; it must be between " +
                                    std::to_string(lo) + " and " + std::to_string(hi));
    return false;
  }
  s.intValue = *v;
  s.floatValue = static_cast<double>(*v);
  s.expr->type = Type::i32();
  return true;
}

bool Sema::foldFloat(Setting &s, const char *what, double lo, double hi, bool loOpen) {
  if (!s.expr) return false;
  ConstFault why;
  std::optional<double> v = evalFloat(*s.expr, &why);
  if (!v) {
    if (!reportConstFault(why, what))
      diags_.error(s.expr->range, std::string(what) + " must be a constant number" + constantHint(*s.expr));
    return false;
  }
  if (*v < lo || *v > hi || (loOpen && *v == lo)) {
    diags_.error(s.expr->range, std::string(what) + " is " + num(*v) + "; it must be " +
                                    (loOpen ? "above " : "at least ") + num(lo) + " and at most " + num(hi));
    return false;
  }
  s.floatValue = *v;
  s.expr->type = Type::f64();
  return true;
}

} // namespace ndpc::sema
