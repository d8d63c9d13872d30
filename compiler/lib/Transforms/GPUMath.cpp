// GPU kernels' math as NVVM intrinsics, so that PTX needs no libdevice.
#include "ndpc/Transforms/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/Math/Transforms/Approximation.h"
#include "mlir/Dialect/Math/Transforms/Passes.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace ndpc {

#define GEN_PASS_DEF_NDPGPUMATH
#include "ndpc/Transforms/Passes.h.inc"

namespace {

using namespace mlir;

/// math.X on f32/f64 -> the NVVM intrinsic the NVPTX back end makes one
/// instruction of (the NVVM lowering would call libdevice for it, and marks
/// the generic LLVM intrinsics illegal for the same reason).
template <class From> struct ToNVVMIntrinsic : OpRewritePattern<From> {
  ToNVVMIntrinsic(MLIRContext *ctx, const char *f32, const char *f64)
      : OpRewritePattern<From>(ctx), f32_(f32), f64_(f64) {}
  LogicalResult matchAndRewrite(From op, PatternRewriter &rewriter) const override {
    Type t = op.getType();
    if (!t.isF32() && !t.isF64()) return failure();
    rewriter.replaceOpWithNewOp<LLVM::CallIntrinsicOp>(op, t, t.isF32() ? f32_ : f64_, ValueRange{op.getOperand()});
    return success();
  }
  const char *f32_, *f64_;
};

/// An f64 transcendental (the random draws' log and cos) computed in f32:
/// MLIR's polynomial approximations are f32 only. The draw is rounded to f32
/// afterwards anyway; it can differ from the CPU's in the last bit.
template <class Op> struct ViaF32 : OpRewritePattern<Op> {
  using OpRewritePattern<Op>::OpRewritePattern;
  LogicalResult matchAndRewrite(Op op, PatternRewriter &rewriter) const override {
    if (!op.getType().isF64()) return failure();
    Location l = op.getLoc();
    Value x = rewriter.create<arith::TruncFOp>(l, rewriter.getF32Type(), op.getOperand());
    Value y = rewriter.create<Op>(l, x);
    rewriter.replaceOpWithNewOp<arith::ExtFOp>(op, op.getType(), y);
    return success();
  }
};

struct GPUMathPass : impl::NDPGPUMathBase<GPUMathPass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    populateExpandPowFPattern(patterns);
    populateMathPolynomialApproximationPatterns(patterns);
    MLIRContext *ctx = &getContext();
    patterns.add<ViaF32<math::LogOp>, ViaF32<math::ExpOp>, ViaF32<math::CosOp>, ViaF32<math::SinOp>,
                 ViaF32<math::TanhOp>>(ctx);
    patterns.add<ToNVVMIntrinsic<math::AbsFOp>>(ctx, "llvm.nvvm.fabs.f", "llvm.nvvm.fabs.d");
    patterns.add<ToNVVMIntrinsic<math::SqrtOp>>(ctx, "llvm.nvvm.sqrt.rn.f", "llvm.nvvm.sqrt.rn.d");
    patterns.add<ToNVVMIntrinsic<math::FloorOp>>(ctx, "llvm.nvvm.floor.f", "llvm.nvvm.floor.d");
    if (failed(applyPatternsAndFoldGreedily(getOperation(), std::move(patterns)))) signalPassFailure();
  }
};

} // namespace
} // namespace ndpc
