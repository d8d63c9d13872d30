// ndp-emit-abi: one C entry per kernel, `void ndp_kernel_i(const ndp_view *views)`,
// and the table `ndp_kernels` of their addresses. An ndp_view is laid out as
// MLIR's 1-D memref descriptor (runtime/include/ndp/abi.h), so the entry only
// unpacks each view into the five arguments a lowered memref takes.
#include "ndpc/Transforms/Passes.h"
#include "ndpc/Dialect/NDP/IR/NDPDialect.h"

#include "mlir/Dialect/LLVMIR/LLVMDialect.h"

namespace ndpc {

#define GEN_PASS_DEF_NDPEMITABI
#include "ndpc/Transforms/Passes.h.inc"

namespace {

using namespace mlir;

struct EmitABIPass : impl::NDPEmitABIBase<EmitABIPass> {
  using NDPEmitABIBase::NDPEmitABIBase;
  void runOnOperation() override {
    ModuleOp module = getOperation();
    MLIRContext *ctx = &getContext();
    OpBuilder b(ctx);
    Type ptr = LLVM::LLVMPointerType::get(ctx);
    Type i64 = b.getI64Type();
    auto view = LLVM::LLVMStructType::getLiteral(ctx, {ptr, ptr, i64, i64, i64});

    SmallVector<std::pair<int64_t, LLVM::LLVMFuncOp>> kernels;
    for (auto f : module.getOps<LLVM::LLVMFuncOp>())
      if (auto idx = f->getAttrOfType<IntegerAttr>(ndpc::ndp::NDPDialect::getKernelAttrName())) kernels.push_back({idx.getInt(), f});
    llvm::sort(kernels, [](auto &a, auto &c) { return a.first < c.first; });

    SmallVector<std::string> entries;
    for (auto [i, kernel] : kernels) {
      if (i != static_cast<int64_t>(entries.size())) {
        kernel.emitError() << "kernel indices must be 0.." << kernels.size() - 1 << " without gaps";
        return signalPassFailure();
      }
      unsigned nargs = kernel.getNumArguments();
      if (nargs % 5 != 0) {
        kernel.emitError() << "a kernel takes only 1-D memrefs (5 words each), not " << nargs << " arguments";
        return signalPassFailure();
      }
      Location loc = kernel.getLoc();
      std::string name = "ndp_kernel_" + std::to_string(i);
      b.setInsertionPointToEnd(module.getBody());
      auto entry = b.create<LLVM::LLVMFuncOp>(loc, name, LLVM::LLVMFunctionType::get(LLVM::LLVMVoidType::get(ctx), {ptr}));
      Block *body = entry.addEntryBlock(b);
      b.setInsertionPointToStart(body);
      SmallVector<Value> args;
      for (unsigned m = 0; m < nargs / 5; ++m) {
        Value at = b.create<LLVM::GEPOp>(loc, ptr, view, body->getArgument(0),
                                         ArrayRef<LLVM::GEPArg>{static_cast<int32_t>(m)});
        Value d = b.create<LLVM::LoadOp>(loc, view, at);
        for (int64_t f = 0; f < 5; ++f) args.push_back(b.create<LLVM::ExtractValueOp>(loc, d, ArrayRef<int64_t>{f}));
      }
      b.create<LLVM::CallOp>(loc, kernel, args);
      b.create<LLVM::ReturnOp>(loc, ValueRange{});
      entries.push_back(name);
    }

    // The table the runtime indexes by kernel number.
    b.setInsertionPointToEnd(module.getBody());
    auto tableType = LLVM::LLVMArrayType::get(ptr, entries.size());
    auto global = b.create<LLVM::GlobalOp>(module.getLoc(), tableType, /*isConstant=*/true,
                                           LLVM::Linkage::External, table.getValue(), Attribute());
    Block *init = b.createBlock(&global.getInitializerRegion());
    b.setInsertionPointToStart(init);
    Value arr = b.create<LLVM::UndefOp>(module.getLoc(), tableType);
    for (auto [k, name] : llvm::enumerate(entries)) {
      Value addr = b.create<LLVM::AddressOfOp>(module.getLoc(), ptr, name);
      arr = b.create<LLVM::InsertValueOp>(module.getLoc(), arr, addr, ArrayRef<int64_t>{static_cast<int64_t>(k)});
    }
    b.create<LLVM::ReturnOp>(module.getLoc(), arr);
  }
};

} // namespace
} // namespace ndpc
