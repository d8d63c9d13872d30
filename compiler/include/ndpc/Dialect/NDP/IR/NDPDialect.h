// The ndp dialect (NDPDialect.td).
#ifndef NDPC_DIALECT_NDP_IR_NDPDIALECT_H
#define NDPC_DIALECT_NDP_IR_NDPDIALECT_H

#include "mlir/IR/Dialect.h"

#include "ndpc/Dialect/NDP/IR/NDPDialect.h.inc"

#endif
