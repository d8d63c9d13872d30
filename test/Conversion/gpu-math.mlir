// REQUIRES: codegen
// RUN: %ndp-opt %s --ndp-gpu-math | FileCheck %s
// No math op that the NVVM lowering would turn into a libdevice call is left:
// exp/log/powf become polynomials (math.fma, which is an instruction), the f64
// log goes through f32, abs/sqrt/floor become NVVM intrinsics.

module {
  func.func @k(%x: f32, %y: f64, %p: f32) -> (f32, f32, f64, f32, f64, f32) attributes {ndp.kernel = 0 : i64} {
    %a = math.exp %x : f32
    %b = math.absf %x : f32
    %c = math.log %y : f64
    %d = math.powf %x, %p : f32
    %e = math.sqrt %y : f64
    %f = math.floor %x : f32
    return %a, %b, %c, %d, %e, %f : f32, f32, f64, f32, f64, f32
  }
}

// CHECK-LABEL: func.func @k
// CHECK-NOT: math.exp
// CHECK-NOT: math.log
// CHECK-NOT: math.powf
// CHECK-NOT: math.absf
// CHECK-NOT: math.sqrt
// CHECK-NOT: math.floor
// CHECK-DAG: llvm.call_intrinsic "llvm.nvvm.fabs.f"(%{{.*}}) : (f32) -> f32
// CHECK-DAG: arith.truncf %{{.*}} : f64 to f32
// CHECK-DAG: arith.extf %{{.*}} : f32 to f64
// CHECK-DAG: llvm.call_intrinsic "llvm.nvvm.sqrt.rn.d"(%{{.*}}) : (f64) -> f64
// CHECK-DAG: math.fma
// CHECK: return
