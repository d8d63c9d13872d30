// ndp-gpu-emulation and ndp-gpu-emulation-entries: host copies of the GPU
// kernels, so that everything of a GPU run but the device itself is tested on
// machines without one (docs/gpu.md, "Testing without a GPU").
#include "ndpc/Transforms/Passes.h"

#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/IR/IRMapping.h"

namespace ndpc {

#define GEN_PASS_DEF_NDPGPUEMULATION
#define GEN_PASS_DEF_NDPGPUEMULATIONENTRIES
#include "ndpc/Transforms/Passes.h.inc"

namespace {

using namespace mlir;

constexpr unsigned kIds = 12;  // block id, thread id, block size, grid size; x, y, z each
constexpr llvm::StringLiteral kImplPrefix = "ndp_emu_impl_";

/// The generic intrinsic with the IEEE result of each NVVM one ndp-gpu-math uses.
StringRef genericIntrinsic(StringRef nvvm) {
  if (nvvm.starts_with("llvm.nvvm.fabs.")) return "llvm.fabs";
  if (nvvm.starts_with("llvm.nvvm.sqrt.rn.")) return "llvm.sqrt";
  if (nvvm.starts_with("llvm.nvvm.floor.")) return "llvm.floor";
  return {};
}

struct GPUEmulationPass : impl::NDPGPUEmulationBase<GPUEmulationPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    SmallVector<gpu::GPUFuncOp> kernels;
    module.walk([&](gpu::GPUFuncOp f) {
      if (f.isKernel()) kernels.push_back(f);
    });
    OpBuilder b(&getContext());
    for (gpu::GPUFuncOp kernel : kernels) {
      if (kernel.getNumWorkgroupAttributions() || kernel.getNumPrivateAttributions()) {
        kernel.emitError("ndp-gpu-emulation: kernels with workgroup or private memory are not supported");
        return signalPassFailure();
      }
      SmallVector<Type> inputs(kernel.getArgumentTypes());
      inputs.append(kIds, b.getIndexType());
      b.setInsertionPointToEnd(module.getBody());
      auto host = b.create<func::FuncOp>(kernel.getLoc(), (kImplPrefix + kernel.getName()).str(),
                                         b.getFunctionType(inputs, {}));
      IRMapping map;
      kernel.getBody().cloneInto(&host.getBody(), map);
      Block &entry = host.getBody().front();
      SmallVector<Value> ids;
      for (unsigned i = 0; i < kIds; ++i) ids.push_back(entry.addArgument(b.getIndexType(), kernel.getLoc()));
      auto id = [&](unsigned group, gpu::Dimension d) { return ids[group * 3 + static_cast<unsigned>(d)]; };
      SmallVector<Operation *> dead;
      host.walk([&](Operation *op) {
        Value with;
        if (auto o = dyn_cast<gpu::BlockIdOp>(op)) with = id(0, o.getDimension());
        else if (auto o = dyn_cast<gpu::ThreadIdOp>(op)) with = id(1, o.getDimension());
        else if (auto o = dyn_cast<gpu::BlockDimOp>(op)) with = id(2, o.getDimension());
        else if (auto o = dyn_cast<gpu::GridDimOp>(op)) with = id(3, o.getDimension());
        if (with) {
          op->getResult(0).replaceAllUsesWith(with);
          dead.push_back(op);
        } else if (auto ret = dyn_cast<gpu::ReturnOp>(op)) {
          OpBuilder rb(ret);
          rb.create<func::ReturnOp>(ret.getLoc());
          dead.push_back(op);
        } else if (auto call = dyn_cast<LLVM::CallIntrinsicOp>(op)) {
          if (StringRef g = genericIntrinsic(call.getIntrin()); !g.empty()) call.setIntrin(g);
        } else if (op->getDialect() && op->getDialect()->getNamespace() == "gpu") {
          op->emitError("ndp-gpu-emulation: no host equivalent for this op");
          signalPassFailure();
        }
      });
      for (Operation *op : dead) op->erase();
    }
  }
};

struct GPUEmulationEntriesPass : impl::NDPGPUEmulationEntriesBase<GPUEmulationEntriesPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    MLIRContext *ctx = &getContext();
    OpBuilder b(ctx);
    Type ptr = LLVM::LLVMPointerType::get(ctx), i64 = b.getI64Type();
    SmallVector<LLVM::LLVMFuncOp> impls;
    for (auto f : module.getOps<LLVM::LLVMFuncOp>())
      if (f.getName().starts_with(kImplPrefix) && !f.isExternal()) impls.push_back(f);
    for (LLVM::LLVMFuncOp impl : impls) {
      ArrayRef<Type> params = impl.getFunctionType().getParams();
      if (params.size() < kIds) {
        impl.emitError("ndp-gpu-emulation-entries: the host kernel lacks its id arguments");
        return signalPassFailure();
      }
      Location l = impl.getLoc();
      b.setInsertionPointToEnd(module.getBody());
      std::string name = "ndp_emu_" + impl.getName().drop_front(kImplPrefix.size()).str();
      auto entry = b.create<LLVM::LLVMFuncOp>(
          l, name, LLVM::LLVMFunctionType::get(LLVM::LLVMVoidType::get(ctx), {ptr, ptr}));
      Block *body = entry.addEntryBlock(b);
      b.setInsertionPointToStart(body);
      SmallVector<Value> args;
      const size_t kernelArgs = params.size() - kIds;
      for (size_t i = 0; i < params.size(); ++i) {
        const bool isId = i >= kernelArgs;
        const int32_t at = static_cast<int32_t>(isId ? i - kernelArgs : i);
        Value slot = b.create<LLVM::GEPOp>(l, ptr, isId ? i64 : ptr, body->getArgument(isId ? 1 : 0),
                                           ArrayRef<LLVM::GEPArg>{at});
        Value from = isId ? slot : b.create<LLVM::LoadOp>(l, ptr, slot).getResult();
        args.push_back(b.create<LLVM::LoadOp>(l, params[i], from));
      }
      b.create<LLVM::CallOp>(l, impl, args);
      b.create<LLVM::ReturnOp>(l, ValueRange{});
    }
  }
};

} // namespace
} // namespace ndpc
