// REQUIRES: codegen
// RUN: %ndp-opt %s --ndp-parallel-serial-kernels | FileCheck %s
// A kernel without a parallel loop becomes a one-iteration scf.parallel (a GPU
// launch of one thread); kernels with one, empty kernels and functions that
// are not kernels stay as they are.

module {
  func.func @serial(%a: memref<?xf32>) attributes {ndp.kernel = 0 : i64} {
    %c0 = arith.constant 0 : index
    %v = arith.constant 1.0 : f32
    memref.store %v, %a[%c0] : memref<?xf32>
    return
  }
  func.func @empty(%a: memref<?xf32>) attributes {ndp.kernel = 1 : i64} {
    return
  }
  func.func @par(%a: memref<?xf32>, %n: index) attributes {ndp.kernel = 2 : i64} {
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    %v = arith.constant 1.0 : f32
    scf.parallel (%i) = (%c0) to (%n) step (%c1) {
      memref.store %v, %a[%i] : memref<?xf32>
    }
    return
  }
  func.func @helper(%a: memref<?xf32>) {
    %c0 = arith.constant 0 : index
    %v = arith.constant 1.0 : f32
    memref.store %v, %a[%c0] : memref<?xf32>
    return
  }
}

// CHECK-LABEL: func.func @serial
// CHECK: %[[ZERO:.*]] = arith.constant 0 : index
// CHECK: %[[ONE:.*]] = arith.constant 1 : index
// CHECK: scf.parallel (%{{.*}}) = (%[[ZERO]]) to (%[[ONE]]) step (%[[ONE]])
// CHECK: memref.store
// CHECK: scf.reduce
// CHECK-LABEL: func.func @empty
// CHECK-NEXT: return
// CHECK-LABEL: func.func @par
// CHECK: scf.parallel
// CHECK-NOT: scf.parallel
// CHECK-LABEL: func.func @helper
// CHECK-NOT: scf.parallel
// CHECK: memref.store
