// REQUIRES: codegen
// RUN: %ndp-opt %s --ndp-inline-alloca-scopes | FileCheck %s
// Scopes without allocations disappear (even around a call); others stay.

func.func private @f()
// CHECK-LABEL: func.func @no_alloca
func.func @no_alloca() {
  // CHECK-NOT: alloca_scope
  // CHECK: call @f()
  memref.alloca_scope {
    func.call @f() : () -> ()
  }
  return
}
// CHECK-LABEL: func.func @with_alloca
func.func @with_alloca() {
  // CHECK: memref.alloca_scope
  memref.alloca_scope {
    %a = memref.alloca() : memref<4xf32>
  }
  return
}
