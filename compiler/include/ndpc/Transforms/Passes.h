// The passes on kernels after the ndp dialect is gone (Passes.td).
#ifndef NDPC_TRANSFORMS_PASSES_H
#define NDPC_TRANSFORMS_PASSES_H

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/Pass/Pass.h"

namespace ndpc {

#define GEN_PASS_DECL
#include "ndpc/Transforms/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "ndpc/Transforms/Passes.h.inc"

} // namespace ndpc

#endif
