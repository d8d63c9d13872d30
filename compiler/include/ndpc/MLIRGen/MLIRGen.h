// From the checked AST to the ndp dialect.
#ifndef NDPC_MLIRGEN_MLIRGEN_H
#define NDPC_MLIRGEN_MLIRGEN_H

#include "ndpc/AST/Decl.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/OwningOpRef.h"

namespace ndpc {

class SourceManager;
class DiagnosticEngine;

/// Builds the `ndp` module of a checked program: params, the neuron and synapse
/// types its populations and projections use (fns inlined), the instances and
/// the run block. Every op carries the FileLineColLoc of its source. Constructs
/// the code generator does not handle yet are reported with their location and
/// give a null module.
mlir::OwningOpRef<mlir::ModuleOp> buildModule(mlir::MLIRContext &ctx, const ast::Program &prog,
                                              const SourceManager &sm, DiagnosticEngine &diags);

} // namespace ndpc

#endif
