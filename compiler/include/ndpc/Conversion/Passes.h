// The conversion pass out of the ndp dialect (Passes.td).
#ifndef NDPC_CONVERSION_PASSES_H
#define NDPC_CONVERSION_PASSES_H

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
#include "ndpc/Conversion/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "ndpc/Conversion/Passes.h.inc"

} // namespace ndpc

#endif
