// Marks each kernel's memref arguments as not aliasing one another (the
// runtime never binds one array twice), so LLVM can vectorise the loops.
#include "ndpc/Transforms/Passes.h"
#include "ndpc/Dialect/NDP/IR/NDPDialect.h"

#include "mlir/Dialect/LLVMIR/LLVMDialect.h"

#include <map>

namespace ndpc {

#define GEN_PASS_DEF_NDPALIASSCOPES
#include "ndpc/Transforms/Passes.h.inc"

namespace {

using namespace mlir;

/// The pointer argument of `func` that `addr` is derived from (through GEPs,
/// casts and the memref descriptors built from the arguments), or null.
BlockArgument rootArgument(Value addr, LLVM::LLVMFuncOp func) {
  for (int depth = 0; depth < 64 && addr; ++depth) {
    if (auto arg = dyn_cast<BlockArgument>(addr))
      return arg.getOwner() == &func.getBody().front() ? arg : BlockArgument();
    Operation *def = addr.getDefiningOp();
    if (auto gep = dyn_cast<LLVM::GEPOp>(def)) {
      addr = gep.getBase();
    } else if (auto cast = dyn_cast<LLVM::AddrSpaceCastOp>(def)) {
      addr = cast.getArg();
    } else if (auto extract = dyn_cast<LLVM::ExtractValueOp>(def)) {
      Value container = extract.getContainer();
      addr = Value();
      while (auto insert = container.getDefiningOp<LLVM::InsertValueOp>()) {
        if (insert.getPosition() == extract.getPosition()) {
          addr = insert.getValue();
          break;
        }
        container = insert.getContainer();
      }
    } else {
      return BlockArgument();
    }
  }
  return BlockArgument();
}

struct AliasScopesPass : impl::NDPAliasScopesBase<AliasScopesPass> {
  void runOnOperation() override {
    MLIRContext *ctx = &getContext();
    getOperation().walk([&](LLVM::LLVMFuncOp func) {
      if (!func->hasAttr(ndpc::ndp::NDPDialect::getKernelAttrName()) || func.isExternal()) return;
      // One scope per pointer argument: the runtime binds every argument to
      // its own array (runtime/lib/Simulator.cpp), so they never overlap.
      auto domain = LLVM::AliasScopeDomainAttr::get(ctx, StringAttr::get(ctx, func.getName()));
      std::map<unsigned, LLVM::AliasScopeAttr> scopes;
      for (BlockArgument arg : func.getBody().front().getArguments())
        if (isa<LLVM::LLVMPointerType>(arg.getType())) scopes[arg.getArgNumber()] = LLVM::AliasScopeAttr::get(domain);
      func.walk([&](Operation *op) {
        Value addr;
        if (auto load = dyn_cast<LLVM::LoadOp>(op)) addr = load.getAddr();
        else if (auto store = dyn_cast<LLVM::StoreOp>(op)) addr = store.getAddr();
        else return;
        BlockArgument root = rootArgument(addr, func);
        if (!root || !scopes.count(root.getArgNumber())) return;
        SmallVector<Attribute> others;
        for (auto &[n, s] : scopes)
          if (n != root.getArgNumber()) others.push_back(s);
        auto iface = cast<LLVM::AliasAnalysisOpInterface>(op);
        iface.setAliasScopes(ArrayAttr::get(ctx, {scopes[root.getArgNumber()]}));
        iface.setNoAliasScopes(ArrayAttr::get(ctx, others));
      });
    });
  }
};

} // namespace
} // namespace ndpc
