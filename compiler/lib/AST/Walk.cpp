// The sub-expression walk (Walk.h).
#include "ndpc/AST/Walk.h"

namespace ndpc::ast {

void forEachSubExpr(Expr &e, const std::function<void(Expr &)> &f) {
  f(e);
  switch (e.kind) {
  case ExprKind::Member: forEachSubExpr(*static_cast<MemberExpr &>(e).base, f); break;
  case ExprKind::Index:
    forEachSubExpr(*static_cast<IndexExpr &>(e).base, f);
    forEachSubExpr(*static_cast<IndexExpr &>(e).index, f);
    break;
  case ExprKind::Call:
    for (CallArg &a : static_cast<CallExpr &>(e).args) forEachSubExpr(*a.value, f);
    break;
  case ExprKind::Unary: forEachSubExpr(*static_cast<UnaryExpr &>(e).operand, f); break;
  case ExprKind::Binary:
    forEachSubExpr(*static_cast<BinaryExpr &>(e).lhs, f);
    forEachSubExpr(*static_cast<BinaryExpr &>(e).rhs, f);
    break;
  case ExprKind::Cond: {
    auto &c = static_cast<CondExpr &>(e);
    forEachSubExpr(*c.cond, f);
    forEachSubExpr(*c.thenExpr, f);
    forEachSubExpr(*c.elseExpr, f);
    break;
  }
  default: break;
  }
}

} // namespace ndpc::ast
