// A walk over sub-expressions, for checks that look at every node.
#ifndef NDPC_AST_WALK_H
#define NDPC_AST_WALK_H

#include "ndpc/AST/Expr.h"

#include <functional>

namespace ndpc::ast {

/// Calls `f` on `e` and on every sub-expression below it, parents first.
void forEachSubExpr(Expr &e, const std::function<void(Expr &)> &f);

} // namespace ndpc::ast

#endif
