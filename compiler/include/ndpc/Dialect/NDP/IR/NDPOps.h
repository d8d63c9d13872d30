// The ndp dialect's operations (NDPOps.td).
#ifndef NDPC_DIALECT_NDP_IR_NDPOPS_H
#define NDPC_DIALECT_NDP_IR_NDPOPS_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/IR/OpImplementation.h"
#include "mlir/IR/SymbolTable.h"
#include "mlir/Interfaces/ControlFlowInterfaces.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

#include "ndpc/Dialect/NDP/IR/NDPAttrs.h"
#include "ndpc/Dialect/NDP/IR/NDPDialect.h"

#define GET_OP_CLASSES
#include "ndpc/Dialect/NDP/IR/NDPOps.h.inc"

#endif
