// Expressions to arith/math/vector and ndp element ops.
#ifndef NDPC_LIB_MLIRGEN_EXPREMITTER_H
#define NDPC_LIB_MLIRGEN_EXPREMITTER_H

#include "ndpc/AST/Decl.h"
#include "ndpc/Dialect/NDP/IR/NDPOps.h"

#include "mlir/IR/Builders.h"

#include <functional>
#include <map>
#include <string>
#include <vector>

namespace ndpc {

class SourceManager;

/// Emits AST expressions as arith/math/vector and ndp element ops at the
/// builder's insertion point. Conversions follow Sema's types (widening,
/// literal adaptation, scalar broadcast); fns are inlined; a random draw used
/// where a vector is expected draws one value per lane.
class ExprEmitter {
public:
  /// Produces the value a name or member reference reads in the current region.
  using ReadFn = std::function<mlir::Value(const ast::Ref &ref, const std::string &name,
                                           mlir::Type type, mlir::Location loc)>;

  ExprEmitter(mlir::OpBuilder &b, const SourceManager &sm, ReadFn read)
      : b_(b), sm_(sm), read_(std::move(read)) {}

  /// The value of `e` converted to `target`.
  mlir::Value emit(const ast::Expr &e, ast::Type target);
  /// Names what the next emitted expressions compute (e.g. "neuron Cell/init/emb")
  /// for their random draws: a draw's stream is keyed by this name and the draw's
  /// order within it, so that comments and edits elsewhere leave results alone.
  void setSite(std::string name) {
    siteName_ = std::move(name);
    siteOrdinals_.clear();
  }

  mlir::Location loc(SourceRange r) const;
  mlir::Type mlirType(ast::Type t) const;
  /// A zero of type `t` (false, 0, 0.0, or a zero vector).
  mlir::Value zero(mlir::Type t, mlir::Location l);

private:
  mlir::Value emitRaw(const ast::Expr &e);
  mlir::Value emitCall(const ast::CallExpr &c);
  mlir::Value emitBuiltin(const ast::CallExpr &c);
  mlir::Value emitBinary(const ast::BinaryExpr &e);
  /// The symbol of the matrix param `e` names.
  mlir::FlatSymbolRefAttr paramSymbol(const ast::Expr &e) const;
  mlir::Value convert(mlir::Value v, ast::Type from, ast::Type to, mlir::Location l);
  mlir::Value constant(ast::Type t, double value, mlir::Location l);
  uint64_t randomSite(const ast::CallExpr &draw);
  /// Type of a node as emitted in the current mode (vector lanes in vector mode).
  mlir::Type laneType(ast::Type t) const;

  mlir::OpBuilder &b_;
  const SourceManager &sm_;
  ReadFn read_;
  std::vector<std::vector<mlir::Value>> fnArgs_;  // arguments of the inlined fns
  std::vector<const ast::CallExpr *> callPath_;    // inlined fn calls leading here
  std::string siteName_;                          // see setSite
  std::map<std::vector<const ast::CallExpr *>, unsigned> siteOrdinals_;
  unsigned lanes_ = 0;  // >0: emit scalar expressions with random draws per lane
};

} // namespace ndpc

#endif
