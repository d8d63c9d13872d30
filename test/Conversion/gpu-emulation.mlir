// REQUIRES: codegen
// RUN: %ndp-opt %s --ndp-gpu-emulation --split-input-file --verify-diagnostics | FileCheck %s
// Each outlined kernel gets a host copy: the block and thread ids, block size
// and grid size become twelve trailing index arguments (x, y, z each), the NVVM
// intrinsics of ndp-gpu-math their generic equivalents; the device code stays.

module attributes {gpu.container_module} {
  gpu.module @k_kernel {
    gpu.func @k_kernel(%n: index, %x: f32, %a: memref<?xf32>) kernel {
      %b = gpu.block_id x
      %t = gpu.thread_id x
      %d = gpu.block_dim x
      %g = gpu.grid_dim y
      %i0 = arith.muli %b, %d : index
      %i1 = arith.addi %i0, %t : index
      %i = arith.addi %i1, %g : index
      %in = arith.cmpi slt, %i, %n : index
      scf.if %in {
        %y = llvm.call_intrinsic "llvm.nvvm.fabs.f"(%x) : (f32) -> f32
        %z = llvm.call_intrinsic "llvm.nvvm.sqrt.rn.f"(%y) : (f32) -> f32
        memref.store %z, %a[%i] : memref<?xf32>
      }
      gpu.return
    }
  }
}

// CHECK: gpu.func @k_kernel
// CHECK: gpu.block_id x
// CHECK: llvm.call_intrinsic "llvm.nvvm.fabs.f"
// CHECK: gpu.return
// CHECK-LABEL: func.func @ndp_emu_impl_k_kernel(
// CHECK-SAME: %[[N:[a-z0-9]+]]: index, %[[X:[a-z0-9]+]]: f32, %[[A:[a-z0-9]+]]: memref<?xf32>,
// CHECK-SAME: %[[BX:[a-z0-9]+]]: index, %{{[a-z0-9]+}}: index, %{{[a-z0-9]+}}: index,
// CHECK-SAME: %[[TX:[a-z0-9]+]]: index, %{{[a-z0-9]+}}: index, %{{[a-z0-9]+}}: index,
// CHECK-SAME: %[[DX:[a-z0-9]+]]: index, %{{[a-z0-9]+}}: index, %{{[a-z0-9]+}}: index,
// CHECK-SAME: %{{[a-z0-9]+}}: index, %[[GY:[a-z0-9]+]]: index, %{{[a-z0-9]+}}: index)
// CHECK-NOT: gpu.
// CHECK: arith.muli %[[BX]], %[[DX]]
// CHECK: arith.addi %{{.*}}, %[[TX]]
// CHECK: arith.addi %{{.*}}, %[[GY]]
// CHECK: llvm.call_intrinsic "llvm.fabs"(%[[X]])
// CHECK: llvm.call_intrinsic "llvm.sqrt"
// CHECK: return

// -----

module attributes {gpu.container_module} {
  gpu.module @w_kernel {
    // expected-error@+1 {{ndp-gpu-emulation: kernels with workgroup or private memory are not supported}}
    gpu.func @w_kernel(%a: memref<?xf32>) workgroup(%s: memref<32xf32, #gpu.address_space<workgroup>>) kernel {
      gpu.return
    }
  }
}
