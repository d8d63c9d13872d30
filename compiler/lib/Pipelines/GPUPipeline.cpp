// --target=gpu: the same kernels, one element a GPU thread, through MLIR's gpu
// dialect and NVVM to PTX (docs/gpu.md).
#include "ndpc/Pipelines/Pipelines.h"

#include "ndpc/Conversion/Passes.h"
#include "ndpc/Transforms/Passes.h"
#include "ndpc/Dialect/NDP/IR/NDPDialect.h"

#include "mlir/Conversion/ReconcileUnrealizedCasts/ReconcileUnrealizedCasts.h"
#include "mlir/Conversion/VectorToLLVM/ConvertVectorToLLVMPass.h"
#include "mlir/Conversion/SCFToGPU/SCFToGPUPass.h"
#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/GPU/Pipelines/Passes.h"
#include "mlir/Dialect/GPU/Transforms/Passes.h"
#include "mlir/Dialect/SCF/Transforms/Passes.h"
#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "mlir/Target/LLVM/NVVM/Target.h"
#include "mlir/Target/LLVMIR/Dialect/All.h"

namespace ndpc {

using namespace mlir;

void addGPULowering(OpPassManager &pm, const std::string &chip, bool emulate) {
  pm.addPass(createNDPParallelSerialKernels());
  pm.addPass(createNDPGPUMath());
  // Blocks of kGPUBlock threads: the outer loop becomes the grid, the inner
  // one the block (a guard inside, not min bounds, keeps the block size fixed).
  pm.addNestedPass<func::FuncOp>(createParallelLoopTilingPass({kGPUBlock}, /*noMinMaxBounds=*/true));
  pm.addNestedPass<func::FuncOp>(createGpuMapParallelLoopsPass());
  pm.addPass(createParallelLoopToGpuPass());
  pm.addPass(createGpuKernelOutliningPass());
  if (emulate) pm.addPass(createNDPGPUEmulation());
  // The upstream NVVM pipeline lowers no vector ops inside kernels (a lane read
  // broadcast back to a vector, a vector channel's sums): lower them first.
  pm.addPass(createConvertVectorToLLVMPass());
  gpu::GPUToNVVMPipelineOptions nvvm;
  nvvm.cubinChip = chip;
  nvvm.cubinFeatures = "+ptx80";
  nvvm.cubinFormat = "isa";  // PTX text: LLVM alone makes it; the driver compiles it for the device
  gpu::buildLowerToNVVMPassPipeline(pm, nvvm);
}

void addGPUHostLowering(OpPassManager &pm, bool emulate) {
  pm.addPass(createReconcileUnrealizedCastsPass());
  if (emulate) pm.addPass(createNDPGPUEmulationEntries());
  NDPEmitABIOptions abi;
  abi.table = "ndp_gpu_kernels";
  pm.addPass(createNDPEmitABI(abi));
}

void loadGPUPipelineDialects(MLIRContext &ctx) {
  DialectRegistry registry;
  registerAllDialects(registry);
  registerAllExtensions(registry);
  registerAllToLLVMIRTranslations(registry);
  NVVM::registerNVVMTargetInterfaceExternalModels(registry);
  registry.insert<ndp::NDPDialect>();
  ctx.appendDialectRegistry(registry);
  ctx.loadAllAvailableDialects();
}

bool checkGPULaunchParams(ModuleOp module) {
  bool ok = true;
  module.walk([&](gpu::LaunchFuncOp launch) {
    int64_t bytes = 0;
    for (Value v : launch.getKernelOperands()) {
      Type t = v.getType();
      int64_t size = isa<LLVM::LLVMPointerType>(t) ? 8 : std::max<int64_t>(1, t.getIntOrFloatBitWidth() / 8);
      bytes = (bytes + size - 1) / size * size + size;  // each parameter at its natural alignment
    }
    if (bytes > kGPUParamBytes) {
      launch.emitError() << "the GPU kernel '" << launch.getKernelName().getValue() << "' takes " << bytes
                         << " bytes of parameters (" << launch.getNumKernelOperands()
                         << " values: 40 bytes per array it reads or writes), more than the " << kGPUParamBytes
                         << " a launch may pass; split the neuron or synapse type so that one phase touches fewer "
                            "states, or compile with --target=cpu";
      ok = false;
    }
  });
  return ok;
}

std::vector<std::pair<std::string, std::string>> collectPTX(ModuleOp module) {
  std::vector<std::pair<std::string, std::string>> out;
  module.walk([&](gpu::BinaryOp binary) {
    for (Attribute a : binary.getObjects())
      if (auto obj = dyn_cast<gpu::ObjectAttr>(a)) {
        StringRef ptx = obj.getObject().getValue();
        out.emplace_back(binary.getName().str(), ptx.rtrim('\0').str());  // the object keeps C's terminator
      }
  });
  return out;
}

} // namespace ndpc
