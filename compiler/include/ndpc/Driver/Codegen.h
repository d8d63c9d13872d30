// The driver's back half: everything after Sema.
#ifndef NDPC_DRIVER_CODEGEN_H
#define NDPC_DRIVER_CODEGEN_H

#include "ndpc/AST/Decl.h"
#include "ndpc/Driver/Options.h"

namespace ndpc {

class SourceManager;

/// Runs everything after Sema: MLIRGen, the ndp passes, lowering, object
/// emission and linking, or prints the stage `opts.emit` names. Returns the
/// process exit code. Builds without MLIR link a version that says so.
int runCodegen(const ast::Program &prog, const DriverOptions &opts, SourceManager &sm,
               const char *argv0);

} // namespace ndpc

#endif
