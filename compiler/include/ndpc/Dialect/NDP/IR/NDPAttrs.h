// The ndp dialect's attributes and enums (NDPAttrs.td).
#ifndef NDPC_DIALECT_NDP_IR_NDPATTRS_H
#define NDPC_DIALECT_NDP_IR_NDPATTRS_H

#include "mlir/IR/Attributes.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/DialectImplementation.h"

#include "ndpc/Dialect/NDP/IR/NDPEnums.h.inc"

#define GET_ATTRDEF_CLASSES
#include "ndpc/Dialect/NDP/IR/NDPAttrs.h.inc"

#endif
