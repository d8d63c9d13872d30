// REQUIRES: codegen
// RUN: %ndp-opt %s --ndp-emit-abi | FileCheck %s
// Every kernel gets a one-argument C entry that unpacks memref descriptors from
// an array of ndp_view, and the table of entries.

module {
  llvm.func @k(%a0: !llvm.ptr, %a1: !llvm.ptr, %a2: i64, %a3: i64, %a4: i64,
               %b0: !llvm.ptr, %b1: !llvm.ptr, %b2: i64, %b3: i64, %b4: i64) attributes {ndp.kernel = 0 : i64} {
    llvm.return
  }
  llvm.func @other() {
    llvm.return
  }
}

// CHECK-LABEL: llvm.func @ndp_kernel_0(%{{.*}}: !llvm.ptr)
// CHECK: llvm.getelementptr %{{.*}}[0] : (!llvm.ptr) -> !llvm.ptr, !llvm.struct<(ptr, ptr, i64, i64, i64)>
// CHECK: llvm.load
// CHECK-COUNT-5: llvm.extractvalue
// CHECK: llvm.getelementptr %{{.*}}[1]
// CHECK: llvm.load
// CHECK-COUNT-5: llvm.extractvalue
// CHECK: llvm.call @k(
// CHECK: llvm.mlir.global external constant @ndp_kernels() {{.*}} : !llvm.array<1 x ptr>
// CHECK: llvm.mlir.addressof @ndp_kernel_0
// CHECK-NOT: ndp_kernel_1
