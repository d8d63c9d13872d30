// The passes on the kernels once the ndp dialect is gone: the C ABI entry and
// kernel table, alias scopes and alloca scopes for LLVM, and the GPU steps
// (math without libdevice, one-thread launches, host emulation for tests).
#ifndef NDPC_TRANSFORMS_PASSES_TD
#define NDPC_TRANSFORMS_PASSES_TD

include "mlir/Pass/PassBase.td"

def NDPInlineAllocaScopes : Pass<"ndp-inline-alloca-scopes", "mlir::ModuleOp"> {
  let summary = "Inlines memref.alloca_scope regions that allocate nothing";
  let description = [{
    `convert-scf-to-openmp` wraps every parallel loop body in a
    `memref.alloca_scope` so that stack allocations in the body are freed each
    iteration. Kernels never allocate, but the upstream canonicalization keeps
    a scope whose body calls a function (the Philox helper), and a scope may not
    hold the multi-block body that `convert-scf-to-cf` makes of it. This pass
    inlines every scope with no `memref.alloca` inside, before the CFG lowering.
  }];
  let dependentDialects = ["mlir::memref::MemRefDialect"];
}

def NDPParallelSerialKernels : Pass<"ndp-parallel-serial-kernels", "mlir::ModuleOp"> {
  let summary = "Wraps a kernel with no parallel loop into a one-iteration scf.parallel";
  let description = [{
    For the GPU: a kernel that is sequential by design (event-driven
    delivery, which adds each spike's contributions in order so that the sums
    are the gather's bits) has no `scf.parallel` to map onto the GPU. This
    pass wraps its body into `scf.parallel (%i) = (0) to (1)`, so it becomes a
    launch of one thread: correct and deterministic, not fast. Empty kernels
    stay as they are (nothing to launch).
  }];
  let dependentDialects = ["mlir::scf::SCFDialect", "mlir::arith::ArithDialect"];
}

def NDPGPUMath : Pass<"ndp-gpu-math", "mlir::ModuleOp"> {
  let summary = "Math for the GPU without libdevice";
  let description = [{
    The NVVM lowering turns `math` ops into calls to CUDA's libdevice, which
    only a CUDA toolkit has; PTX calling it cannot be loaded where the toolkit
    is missing. This pass expands them first: `powf` into exp and log,
    exp/log/tanh/erf/... into MLIR's float32 polynomial approximations, and
    abs, sqrt and floor into the NVVM intrinsics the NVPTX back end makes one
    instruction of. The PTX is then the same on every build machine; results
    agree with the CPU's libm to a few ulp, not bit for bit (docs/gpu.md).
  }];
  let dependentDialects = ["mlir::LLVM::LLVMDialect", "mlir::arith::ArithDialect", "mlir::math::MathDialect",
                           "mlir::vector::VectorDialect"];
}

def NDPAliasScopes : Pass<"ndp-alias-scopes", "mlir::ModuleOp"> {
  let summary = "Tells LLVM that a kernel's arrays do not overlap";
  let description = [{
    Runs on the LLVM dialect. Every kernel argument is bound by the runtime to
    an array of its own, so memory reached from different arguments never
    overlaps; LLVM cannot know that. This pass gives each pointer argument of a
    function with `ndp.kernel` an alias scope and marks every load and store
    derived from it (through GEPs and the memref descriptors) as in its scope
    and not aliasing the others. With it LLVM vectorizes the per-neuron loops
    without run-time overlap checks and keeps loop-invariant loads (params) out
    of them.
  }];
  let dependentDialects = ["mlir::LLVM::LLVMDialect"];
}

def NDPEmitABI : Pass<"ndp-emit-abi", "mlir::ModuleOp"> {
  let summary = "Adds the C ABI entry of every kernel and the kernel table";
  let description = [{
    Runs on the LLVM dialect. For every function with `ndp.kernel = i`, adds
    `ndp_kernel_i(ptr views)` which reads one memref descriptor per argument
    from `views` (runtime/include/ndp/abi.h, `ndp_view`) and calls the kernel,
    and the global `ndp_kernels`, an array of pointers to these entries, so
    that the runtime can call any kernel through one signature.
  }];
  let options = [
    Option<"table", "table", "std::string", "\"ndp_kernels\"", "The name of the kernel table">
  ];
  let dependentDialects = ["mlir::LLVM::LLVMDialect"];
}

def NDPGPUEmulation : Pass<"ndp-gpu-emulation", "mlir::ModuleOp"> {
  let summary = "Host copies of the outlined GPU kernels, for testing without a GPU";
  let description = [{
    After kernel outlining: for every `gpu.func` kernel, adds a host function
    `ndp_emu_impl_NAME` with the kernel's arguments followed by twelve index
    arguments (block id, thread id, block size and grid size, x/y/z each) that
    replace the `gpu` id ops, and with the NVVM intrinsics of ndp-gpu-math
    replaced by their generic LLVM equivalents (the same IEEE results). The
    device code is unchanged. A test driver (test/GPU/FakeCuda.cpp) runs these
    where the real driver would run the PTX, so the host side, the runtime's
    device memory and the GPU arithmetic are tested on any machine.
  }];
  let dependentDialects = ["mlir::func::FuncDialect", "mlir::LLVM::LLVMDialect"];
}

def NDPGPUEmulationEntries : Pass<"ndp-gpu-emulation-entries", "mlir::ModuleOp"> {
  let summary = "The launch entries of the host kernel copies";
  let description = [{
    Runs on the LLVM dialect after ndp-gpu-emulation: for every
    `ndp_emu_impl_NAME` adds `ndp_emu_NAME(ptr params, ptr ids)`, which takes
    the kernel's arguments as a launch passes them (an array of pointers to
    each value, the CUDA driver's convention) and the twelve ids (i64 each).
  }];
  let dependentDialects = ["mlir::LLVM::LLVMDialect"];
}

#endif
