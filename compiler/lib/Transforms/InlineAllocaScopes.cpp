// ndp-inline-alloca-scopes: inlines the memref.alloca_scope regions that the
// OpenMP lowering wraps loop bodies in and that allocate nothing, since a
// scope may not hold the multi-block body the CFG lowering makes of it.
#include "ndpc/Transforms/Passes.h"

#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/IR/PatternMatch.h"

namespace ndpc {

#define GEN_PASS_DEF_NDPINLINEALLOCASCOPES
#include "ndpc/Transforms/Passes.h.inc"

namespace {

using namespace mlir;

struct InlineAllocaScopesPass : impl::NDPInlineAllocaScopesBase<InlineAllocaScopesPass> {
  void runOnOperation() override {
    SmallVector<memref::AllocaScopeOp> scopes;
    getOperation().walk([&](memref::AllocaScopeOp s) {
      bool allocates = false;
      s.walk([&](memref::AllocaOp) { allocates = true; });
      if (!allocates && s.getNumResults() == 0) scopes.push_back(s);
    });
    IRRewriter rewriter(&getContext());
    for (memref::AllocaScopeOp s : scopes) {
      Block *body = &s.getBodyRegion().front();
      Operation *ret = body->getTerminator();
      rewriter.eraseOp(ret);
      rewriter.inlineBlockBefore(body, s);
      rewriter.eraseOp(s);
    }
  }
};

} // namespace
} // namespace ndpc
