// REQUIRES: codegen
// RUN: %ndp-opt %s --ndp-gpu-emulation-entries | FileCheck %s
// The entry the test driver calls: the kernel's arguments come as an array of
// pointers to each value (a launch's parameter array), the twelve ids as i64s.

module {
  llvm.func @ndp_emu_impl_k(%n: i64, %x: f32, %p: !llvm.ptr,
                            %i0: i64, %i1: i64, %i2: i64, %i3: i64, %i4: i64, %i5: i64,
                            %i6: i64, %i7: i64, %i8: i64, %i9: i64, %i10: i64, %i11: i64) {
    llvm.return
  }
  llvm.func @unrelated(%n: i64) {
    llvm.return
  }
}

// CHECK-LABEL: llvm.func @ndp_emu_k(
// CHECK-SAME: %[[P:[a-z0-9]+]]: !llvm.ptr, %[[IDS:[a-z0-9]+]]: !llvm.ptr)
// CHECK: %[[S0:.*]] = llvm.getelementptr %[[P]][0] : (!llvm.ptr) -> !llvm.ptr, !llvm.ptr
// CHECK: %[[A0:.*]] = llvm.load %[[S0]] : !llvm.ptr -> !llvm.ptr
// CHECK: llvm.load %[[A0]] : !llvm.ptr -> i64
// CHECK: %[[S1:.*]] = llvm.getelementptr %[[P]][1]
// CHECK: %[[A1:.*]] = llvm.load %[[S1]] : !llvm.ptr -> !llvm.ptr
// CHECK: llvm.load %[[A1]] : !llvm.ptr -> f32
// CHECK: llvm.getelementptr %[[P]][2]
// CHECK-COUNT-2: llvm.load
// CHECK: llvm.getelementptr %[[IDS]][0] : (!llvm.ptr) -> !llvm.ptr, i64
// CHECK-NEXT: llvm.load %{{.*}} : !llvm.ptr -> i64
// CHECK: llvm.getelementptr %[[IDS]][11]
// CHECK: llvm.call @ndp_emu_impl_k(
// CHECK-NOT: @ndp_emu_unrelated
