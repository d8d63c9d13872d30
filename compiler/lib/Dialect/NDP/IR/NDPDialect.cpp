// Registering the ndp dialect's operations and attributes.
#include "ndpc/Dialect/NDP/IR/NDPDialect.h"
#include "ndpc/Dialect/NDP/IR/NDPOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/DialectImplementation.h"

#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace ndpc::ndp;

#include "ndpc/Dialect/NDP/IR/NDPDialect.cpp.inc"
#include "ndpc/Dialect/NDP/IR/NDPEnums.cpp.inc"

#define GET_ATTRDEF_CLASSES
#include "ndpc/Dialect/NDP/IR/NDPAttrs.cpp.inc"

void NDPDialect::initialize() {
  addOperations<
#define GET_OP_LIST
#include "ndpc/Dialect/NDP/IR/NDPOps.cpp.inc"
      >();
  addAttributes<
#define GET_ATTRDEF_LIST
#include "ndpc/Dialect/NDP/IR/NDPAttrs.cpp.inc"
      >();
}
