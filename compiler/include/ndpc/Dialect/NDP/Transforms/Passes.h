// The ndp-to-ndp passes (Passes.td).
#ifndef NDPC_DIALECT_NDP_TRANSFORMS_PASSES_H
#define NDPC_DIALECT_NDP_TRANSFORMS_PASSES_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/Pass.h"

namespace ndpc::ndp {

#define GEN_PASS_DECL
#include "ndpc/Dialect/NDP/Transforms/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "ndpc/Dialect/NDP/Transforms/Passes.h.inc"

} // namespace ndpc::ndp

#endif
