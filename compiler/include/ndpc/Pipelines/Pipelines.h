// The pass pipelines from ndp to LLVM (CPU) and to PTX (GPU), and the LLVM
// steps after them, as the driver and ndp-opt run them.
#ifndef NDPC_PIPELINES_PIPELINES_H
#define NDPC_PIPELINES_PIPELINES_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/PassManager.h"

#include "llvm/IR/Module.h"
#include "llvm/Target/TargetMachine.h"

#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace ndpc {

struct PipelineOptions {
  int optLevel = 3;      // -O0..-O3: LLVM's level; fusion is on from -O1
};

/// ndp -> ndp: choose the kernel strategy per projection (event-driven, fused).
void addNDPPasses(mlir::OpPassManager &pm, const PipelineOptions &opts);
/// ndp -> func/scf/arith/math/memref/vector kernels and the descriptor;
/// per-element loops run `elementChunk` elements per parallel iteration (256
/// for CPU threads and vector loops, 1 for the GPU: one element a thread).
/// `eventGather`: event-driven projections also get a parallel gather (the
/// GPU's delivery; both lowerings of a --target=gpu program have it, so that
/// their descriptors match).
constexpr int64_t kCPUElementChunk = 256;
void addKernelLowering(mlir::OpPassManager &pm, int64_t elementChunk = kCPUElementChunk, bool eventGather = false);
/// kernels -> LLVM dialect (scf.parallel through OpenMP) and the C ABI entries.
void addLLVMLowering(mlir::OpPassManager &pm);
/// --target=gpu (GPUPipeline.cpp), after addKernelLowering(pm, 1): GPU
/// launches of kGPUBlock threads, outlined, lowered to NVVM and serialized to
/// PTX for `chip` (gpu.binary ops).
constexpr int64_t kGPUBlock = 128;
/// With `emulate`, host copies of the kernels too (ndp-gpu-emulation).
void addGPULowering(mlir::OpPassManager &pm, const std::string &chip, bool emulate = false);
/// After addGPULowering: the host side of each kernel (launch bounds, the
/// launch through the runtime's mgpu* functions) gets the C ABI entry of a CPU
/// kernel, so the runtime calls both the same way.
/// The table is `ndp_gpu_kernels` (abi.h).
void addGPUHostLowering(mlir::OpPassManager &pm, bool emulate = false);
/// Every dialect, extension and translation the GPU lowering may need.
void loadGPUPipelineDialects(mlir::MLIRContext &ctx);
/// After addGPULowering: every launch passes at most kGPUParamBytes of
/// parameters (the limit of PTX ISA 8.0, the version emitted); reports the
/// ones that do not at their kernel's source location.
constexpr int64_t kGPUParamBytes = 4096;
bool checkGPULaunchParams(mlir::ModuleOp module);
/// (kernel module name, PTX text) of every gpu.binary in `module`.
std::vector<std::pair<std::string, std::string>> collectPTX(mlir::ModuleOp module);

/// Registers `ndp-to-llvm` (all three) for ndp-opt.
void registerNDPPipelines();

/// Registers every dialect and translation the pipeline uses on `ctx`.
void loadPipelineDialects(mlir::MLIRContext &ctx);

/// The host TargetMachine (PIC, no FP contraction so results match a NumPy
/// float32 reference); null with `error` set when the host is not supported.
std::unique_ptr<llvm::TargetMachine> createHostTargetMachine(int optLevel, std::string &error);

/// LLVM dialect module -> LLVM IR for `tm`; null on failure.
std::unique_ptr<llvm::Module> translateForHost(mlir::ModuleOp module, llvm::LLVMContext &llvmCtx,
                                               llvm::TargetMachine &tm);
/// Links the GPU program's module (`ndp_gpu_kernels` and its launches) into the
/// CPU one: both come from one model, so their descriptors must be the same;
/// the GPU side's other symbols become internal. False with `error` otherwise.
bool linkGPUModule(llvm::Module &cpu, std::unique_ptr<llvm::Module> gpu, std::string &error);
/// Runs LLVM's optimization pipeline at `optLevel`; false on failure.
bool optimizeModule(llvm::Module &module, llvm::TargetMachine &tm, int optLevel);

/// Writes assembly or an object file for `module`; false with `error` set on failure.
bool emitMachineCode(llvm::Module &module, llvm::TargetMachine &tm, bool assembly, std::string &out,
                     std::string &error);

} // namespace ndpc

#endif
