// ndp-mark-event-driven: projections from spiking populations deliver only on
// spikes (language.md section 4).
#include "ndpc/Dialect/NDP/IR/NDPOps.h"
#include "ndpc/Dialect/NDP/Transforms/Passes.h"

namespace ndpc::ndp {

#define GEN_PASS_DEF_NDPMARKEVENTDRIVEN
#include "ndpc/Dialect/NDP/Transforms/Passes.h.inc"

namespace {

struct MarkEventDriven : impl::NDPMarkEventDrivenBase<MarkEventDriven> {
  void runOnOperation() override {
    mlir::ModuleOp module = getOperation();
    mlir::SymbolTable symbols(module);
    for (auto proj : module.getOps<ProjectionOp>()) {
      auto pre = symbols.lookup<PopulationOp>(proj.getPre());
      auto type = pre ? symbols.lookup<NeuronOp>(pre.getType()) : NeuronOp();
      if (type && type.isSpiking()) proj.setEventDriven(true);
    }
  }
};

} // namespace
} // namespace ndpc::ndp
