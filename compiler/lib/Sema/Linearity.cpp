// Which synapse state transmit is linear in (Linearity.h).
#include "ndpc/Sema/Linearity.h"

namespace ndpc {

using namespace ast;

namespace {

bool isState(const Expr &e, int index) {
  auto *n = dyn<NameExpr>(&e);
  return n && n->ref.kind == RefKind::State && n->ref.role == Role::Self && n->ref.index == index;
}

bool linearIn(const Expr &e, int index) {
  if (isState(e, index)) return true;
  switch (e.kind) {
  case ExprKind::Unary: {
    auto &u = static_cast<const UnaryExpr &>(e);
    return u.op == UnaryOp::Neg && linearIn(*u.operand, index);
  }
  case ExprKind::Binary: {
    auto &b = static_cast<const BinaryExpr &>(e);
    switch (b.op) {
    case BinaryOp::Add:
    case BinaryOp::Sub: return linearIn(*b.lhs, index) && linearIn(*b.rhs, index);
    case BinaryOp::Mul:
      return (linearIn(*b.lhs, index) && independentOfState(*b.rhs, index)) ||
             (independentOfState(*b.lhs, index) && linearIn(*b.rhs, index));
    case BinaryOp::Div: return linearIn(*b.lhs, index) && independentOfState(*b.rhs, index);
    default: return false;
    }
  }
  case ExprKind::Cond: {
    auto &c = static_cast<const CondExpr &>(e);
    return independentOfState(*c.cond, index) && linearIn(*c.thenExpr, index) &&
           linearIn(*c.elseExpr, index);
  }
  case ExprKind::Call: {
    auto &c = static_cast<const CallExpr &>(e);
    return (c.builtin == Builtin::ToF32 || c.builtin == Builtin::ToF64) && c.args.size() == 1 &&
           linearIn(*c.args[0].value, index);
  }
  default: return false;
  }
}

} // namespace

bool independentOfState(const Expr &e, int index) {
  if (isState(e, index)) return false;
  switch (e.kind) {
  case ExprKind::Member: return independentOfState(*static_cast<const MemberExpr &>(e).base, index);
  case ExprKind::Index: {
    auto &i = static_cast<const IndexExpr &>(e);
    return independentOfState(*i.base, index) && independentOfState(*i.index, index);
  }
  case ExprKind::Call:
    for (const CallArg &a : static_cast<const CallExpr &>(e).args)
      if (!independentOfState(*a.value, index)) return false;
    return true;
  case ExprKind::Unary: return independentOfState(*static_cast<const UnaryExpr &>(e).operand, index);
  case ExprKind::Binary: {
    auto &b = static_cast<const BinaryExpr &>(e);
    return independentOfState(*b.lhs, index) && independentOfState(*b.rhs, index);
  }
  case ExprKind::Cond: {
    auto &c = static_cast<const CondExpr &>(e);
    return independentOfState(*c.cond, index) && independentOfState(*c.thenExpr, index) &&
           independentOfState(*c.elseExpr, index);
  }
  default: return true;
  }
}

std::vector<int> linearStates(const SynapseDecl &s) {
  std::vector<int> out;
  if (!s.transmit || !s.transmit->expr) return out;
  for (size_t i = 0; i < s.states.size(); ++i)
    if (linearIn(*s.transmit->expr, static_cast<int>(i))) out.push_back(static_cast<int>(i));
  return out;
}

} // namespace ndpc
