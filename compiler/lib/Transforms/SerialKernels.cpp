// ndp-parallel-serial-kernels: a kernel that is sequential by design (event
// delivery in spike order) is wrapped in a one-iteration scf.parallel, so that
// every kernel maps to a GPU launch.
#include "ndpc/Transforms/Passes.h"
#include "ndpc/Dialect/NDP/IR/NDPDialect.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/SCF/IR/SCF.h"

namespace ndpc {

#define GEN_PASS_DEF_NDPPARALLELSERIALKERNELS
#include "ndpc/Transforms/Passes.h.inc"

namespace {

using namespace mlir;

struct ParallelSerialKernelsPass : impl::NDPParallelSerialKernelsBase<ParallelSerialKernelsPass> {
  void runOnOperation() override {
    getOperation().walk([&](func::FuncOp func) {
      if (!func->hasAttr(ndpc::ndp::NDPDialect::getKernelAttrName()) || func.isExternal()) return;
      bool parallel = false;
      func.walk([&](scf::ParallelOp) { parallel = true; });
      Block &body = func.getBody().front();
      if (parallel || &body.front() == body.getTerminator()) return;  // already parallel, or empty
      OpBuilder b(&body, body.begin());
      Location l = func.getLoc();
      Value zero = b.create<arith::ConstantIndexOp>(l, 0), one = b.create<arith::ConstantIndexOp>(l, 1);
      auto par = b.create<scf::ParallelOp>(l, ValueRange{zero}, ValueRange{one}, ValueRange{one});
      Block *inner = par.getBody();
      for (Operation *op = par->getNextNode(); op && op != body.getTerminator();) {
        Operation *next = op->getNextNode();
        op->moveBefore(inner->getTerminator());
        op = next;
      }
    });
  }
};

} // namespace
} // namespace ndpc
