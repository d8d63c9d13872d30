// The `-emit=ast` printer: the checked AST as stable text.
#ifndef NDPC_AST_ASTDUMPER_H
#define NDPC_AST_ASTDUMPER_H

#include "ndpc/AST/Decl.h"

#include <ostream>

namespace ndpc::ast {

/// Prints `ndpc FILE -emit=ast`: one node a line, children indented by two spaces,
/// each with its kind, names, resolved type and `<line:col>`. The format is stable:
/// tests and users' scripts read it.
void dumpFile(const SourceFile &file, std::ostream &os);
void dumpExpr(const Expr &e, std::ostream &os, unsigned indent = 0);

} // namespace ndpc::ast

#endif
