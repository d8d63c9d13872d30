// convert-ndp-to-kernels: ndp -> func/scf/arith/math/memref/vector + the model
// descriptor. See Passes.td for what each kernel does.
#include "Model.h"
#include "NeuronElement.h"

#include "ndpc/Conversion/Passes.h"

#include "mlir/Dialect/MemRef/IR/MemRef.h"

namespace ndpc {

#define GEN_PASS_DEF_CONVERTNDPTOKERNELS
#include "ndpc/Conversion/Passes.h.inc"

namespace {

using namespace mlir;

struct ConvertNDPToKernelsPass : impl::ConvertNDPToKernelsBase<ConvertNDPToKernelsPass> {
  using Base::Base;
  void runOnOperation() override {
    ModuleOp module = getOperation();
    if (elementChunk < 1) {
      module.emitError() << "element-chunk must be at least 1";
      return signalPassFailure();
    }
    // Read by openParallel while the kernels are made.
    module->setAttr(kernels::elementChunkAttr(), IntegerAttr::get(IntegerType::get(&getContext(), 64), elementChunk));
    kernels::ModelInfo info;
    info.eventGather = eventGather;
    if (!info.build(module)) return signalPassFailure();

    bool failedRead = false;
    ScopedDiagnosticHandler watch(&getContext(), [&](Diagnostic &d) {
      failedRead |= d.getSeverity() == DiagnosticSeverity::Error;
      return failure();  // let it through to the caller's handler too
    });
    for (kernels::PopInfo &p : info.pops) kernels::emitPopulationKernels(info, p);
    for (kernels::ProjInfo &q : info.projs) kernels::emitProjectionKernels(info, q);
    for (auto memory : module.getOps<ndp::MemoryOp>()) kernels::emitMemoryKernels(info, memory);
    for (auto attend : module.getOps<ndp::AttendOp>()) kernels::emitAttendKernels(info, attend);
    for (auto prune : module.getOps<ndp::PruneOp>()) kernels::emitPruneKernels(info, prune);
    for (auto grow : module.getOps<ndp::GrowOp>()) kernels::emitGrowKernels(info, grow);
    module->removeAttr(kernels::elementChunkAttr());
    if (failedRead) return signalPassFailure();

    // The descriptor, NUL-terminated, as a constant the runtime reads by name.
    std::string text = ndpabi::printDescriptor(info.model());
    text.push_back('\0');
    OpBuilder b(&getContext());
    b.setInsertionPointToEnd(module.getBody());
    auto type = MemRefType::get({static_cast<int64_t>(text.size())}, b.getI8Type());
    auto data = DenseElementsAttr::get(RankedTensorType::get(type.getShape(), b.getI8Type()),
                                       ArrayRef<char>(text.data(), text.size()));
    b.create<memref::GlobalOp>(module.getLoc(), "ndp_descriptor", b.getStringAttr("public"), type, data,
                               /*constant=*/true, /*alignment=*/IntegerAttr());

    // Everything the kernels and the descriptor now say, the ndp ops said.
    SmallVector<Operation *> dead;
    for (Operation &op : *module.getBody())
      if (isa<ndp::NDPDialect>(op.getDialect())) dead.push_back(&op);
    for (Operation *op : dead) op->erase();
  }
};

} // namespace
} // namespace ndpc
