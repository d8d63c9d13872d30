// The CPU pipeline and the LLVM steps after it (Pipelines.h).
#include "ndpc/Pipelines/Pipelines.h"

#include "ndpc/Conversion/Passes.h"
#include "ndpc/Transforms/Passes.h"
#include "ndpc/Dialect/NDP/IR/NDPDialect.h"
#include "ndpc/Dialect/NDP/Transforms/Passes.h"

#include "mlir/Conversion/Passes.h"
#include "mlir/Dialect/OpenMP/OpenMPDialect.h"
#include "mlir/ExecutionEngine/OptUtils.h"
#include "mlir/Pass/PassRegistry.h"
#include "mlir/Target/LLVMIR/Dialect/Builtin/BuiltinToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Dialect/LLVMIR/LLVMToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Dialect/OpenMP/OpenMPToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Export.h"
#include "mlir/Transforms/Passes.h"

#include "llvm/IR/LegacyPassManager.h"
#include "llvm/Linker/Linker.h"
#include "llvm/MC/TargetRegistry.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/TargetParser/Host.h"

namespace ndpc {

using namespace mlir;

void addNDPPasses(OpPassManager &pm, const PipelineOptions &opts) {
  pm.addPass(ndp::createNDPMarkEventDriven());
  ndp::NDPFuseUpdateTransmitOptions fuse;
  fuse.enabled = opts.optLevel > 0;
  pm.addPass(ndp::createNDPFuseUpdateTransmit(fuse));
}

void addKernelLowering(OpPassManager &pm, int64_t elementChunk, bool eventGather) {
  ConvertNDPToKernelsOptions opts;
  opts.elementChunk = elementChunk;
  opts.eventGather = eventGather;
  pm.addPass(createConvertNDPToKernels(opts));
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createCSEPass());
}

void addLLVMLowering(OpPassManager &pm) {
  pm.addPass(createConvertSCFToOpenMPPass());
  pm.addPass(createNDPInlineAllocaScopes());
  pm.addPass(createConvertSCFToCFPass());
  pm.addPass(createConvertVectorToLLVMPass());
  pm.addPass(createConvertMathToLLVMPass());
  pm.addPass(createConvertMathToLibmPass());
  // Libm calls on vectors are made lane by lane, with vector ops of their own.
  pm.addPass(createConvertVectorToLLVMPass());
  pm.addPass(createArithToLLVMConversionPass());
  pm.addPass(createFinalizeMemRefToLLVMConversionPass());
  pm.addPass(createConvertOpenMPToLLVMPass());
  pm.addPass(createConvertFuncToLLVMPass());
  pm.addPass(createConvertControlFlowToLLVMPass());
  pm.addPass(createReconcileUnrealizedCastsPass());
  pm.addPass(createNDPAliasScopes());
  pm.addPass(createNDPEmitABI());
}

void registerNDPPipelines() {
  PassPipelineRegistration<>("ndp-to-llvm", "The whole ndp lowering: strategy passes, kernels, LLVM dialect",
                             [](OpPassManager &pm) {
                               addNDPPasses(pm, PipelineOptions{});
                               addKernelLowering(pm);
                               addLLVMLowering(pm);
                             });
}

void loadPipelineDialects(MLIRContext &ctx) {
  DialectRegistry registry;
  registry.insert<ndp::NDPDialect, func::FuncDialect, arith::ArithDialect, scf::SCFDialect, math::MathDialect,
                  memref::MemRefDialect, vector::VectorDialect, LLVM::LLVMDialect, omp::OpenMPDialect>();
  registerBuiltinDialectTranslation(registry);
  registerLLVMDialectTranslation(registry);
  registerOpenMPDialectTranslation(registry);
  ctx.appendDialectRegistry(registry);
  ctx.loadAllAvailableDialects();
}

std::unique_ptr<llvm::TargetMachine> createHostTargetMachine(int optLevel, std::string &error) {
  llvm::InitializeNativeTarget();
  llvm::InitializeNativeTargetAsmPrinter();
  std::string triple = llvm::sys::getDefaultTargetTriple();
  const llvm::Target *target = llvm::TargetRegistry::lookupTarget(triple, error);
  if (!target) return nullptr;
  std::string features;
  for (auto &f : llvm::sys::getHostCPUFeatures()) features += (f.second ? "+" : "-") + f.first().str() + ",";
  llvm::TargetOptions to;
  to.AllowFPOpFusion = llvm::FPOpFusion::Strict;  // no FMA contraction: bit-for-bit with float32 references
  llvm::CodeGenOptLevel level = optLevel == 0   ? llvm::CodeGenOptLevel::None
                                : optLevel == 1 ? llvm::CodeGenOptLevel::Less
                                : optLevel == 2 ? llvm::CodeGenOptLevel::Default
                                                : llvm::CodeGenOptLevel::Aggressive;
  std::unique_ptr<llvm::TargetMachine> tm(target->createTargetMachine(
      triple, llvm::sys::getHostCPUName(), features, to, llvm::Reloc::PIC_, std::nullopt, level));
  if (!tm) error = "cannot create a target machine for " + triple;
  return tm;
}

std::unique_ptr<llvm::Module> translateForHost(ModuleOp module, llvm::LLVMContext &llvmCtx,
                                               llvm::TargetMachine &tm) {
  // An op the lowering left behind inside an OpenMP region makes the
  // translation crash instead of failing: refuse it here, with its location.
  bool lowered = true;
  module.walk([&](Operation *op) {
    StringRef ns = op->getDialect() ? op->getDialect()->getNamespace() : StringRef();
    if (ns == "llvm" || ns == "omp" || ns == "gpu" || ns == "builtin" || isa<ModuleOp>(op)) return WalkResult::advance();
    op->emitError() << "internal error: '" << op->getName() << "' was not lowered to the LLVM dialect";
    lowered = false;
    return WalkResult::interrupt();
  });
  if (!lowered) return nullptr;
  std::unique_ptr<llvm::Module> llvmModule = translateModuleToLLVMIR(module, llvmCtx);
  if (!llvmModule) return nullptr;
  llvmModule->setDataLayout(tm.createDataLayout());
  llvmModule->setTargetTriple(tm.getTargetTriple().getTriple());
  return llvmModule;
}

bool linkGPUModule(llvm::Module &cpu, std::unique_ptr<llvm::Module> gpu, std::string &error) {
  llvm::GlobalVariable *a = cpu.getNamedGlobal("ndp_descriptor"), *b = gpu->getNamedGlobal("ndp_descriptor");
  if (!a || !b || !a->hasInitializer() || !b->hasInitializer() || a->getInitializer() != b->getInitializer()) {
    error = "internal error: the CPU and GPU lowerings of the model describe it differently";
    return false;
  }
  b->eraseFromParent();
  // The emulation entries stay visible: a test driver finds them by name.
  auto keep = [](llvm::StringRef n) {
    return n == "ndp_gpu_kernels" || (n.starts_with("ndp_emu_") && !n.starts_with("ndp_emu_impl_"));
  };
  for (llvm::GlobalValue &g : gpu->global_values())
    if (!g.isDeclaration() && !keep(g.getName())) g.setLinkage(llvm::GlobalValue::InternalLinkage);
  if (llvm::Linker::linkModules(cpu, std::move(gpu))) {
    error = "internal error: cannot link the GPU kernels' module into the program";
    return false;
  }
  return true;
}

bool optimizeModule(llvm::Module &module, llvm::TargetMachine &tm, int optLevel) {
  auto transformer = makeOptimizingTransformer(static_cast<unsigned>(optLevel), 0, &tm);
  if (llvm::Error err = transformer(&module)) {
    llvm::consumeError(std::move(err));
    return false;
  }
  return true;
}

bool emitMachineCode(llvm::Module &module, llvm::TargetMachine &tm, bool assembly, std::string &out,
                     std::string &error) {
  llvm::SmallVector<char, 0> buffer;
  llvm::raw_svector_ostream os(buffer);
  llvm::legacy::PassManager pm;
  if (tm.addPassesToEmitFile(pm, os, nullptr,
                             assembly ? llvm::CodeGenFileType::AssemblyFile : llvm::CodeGenFileType::ObjectFile)) {
    error = "the target cannot emit this file type";
    return false;
  }
  pm.run(module);
  out.assign(buffer.begin(), buffer.end());
  return true;
}

} // namespace ndpc
