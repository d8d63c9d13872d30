// ndp-fuse-update-transmit: a projection whose synapse update can also sum
// next step's transmit is marked fused (one pass over the synapses instead of two).
#include "ndpc/Dialect/NDP/IR/NDPOps.h"
#include "ndpc/Dialect/NDP/Transforms/Passes.h"

namespace ndpc::ndp {

#define GEN_PASS_DEF_NDPFUSEUPDATETRANSMIT
#include "ndpc/Dialect/NDP/Transforms/Passes.h.inc"

namespace {

/// Can a value read in phase 4 of step t differ when read in phase 2 of step
/// t+1? Inputs are fed in between, channels are rebuilt, and outs that read an
/// input are recomputed after feeding.
bool changesBeforeTransmit(ReadOp r, NeuronOp neuron) {
  switch (r.getKind()) {
  case ValueKind::Input:
  case ValueKind::Channel: return true;
  case ValueKind::Out: {
    bool readsInput = false;
    neuron.getOut().walk([&](ReadOp o) { readsInput |= o.getKind() == ValueKind::Input; });
    return readsInput;
  }
  default: return false;
  }
}

struct FuseUpdateTransmit : impl::NDPFuseUpdateTransmitBase<FuseUpdateTransmit> {
  using NDPFuseUpdateTransmitBase::NDPFuseUpdateTransmitBase;

  void runOnOperation() override {
    if (!enabled) return;
    mlir::ModuleOp module = getOperation();
    mlir::SymbolTable symbols(module);
    for (auto proj : module.getOps<ProjectionOp>()) {
      if (proj.getEventDriven()) continue;
      auto syn = symbols.lookup<SynapseOp>(proj.getSynapse());
      if (!syn || syn.getTransmit().empty() || syn.getUpdate().empty()) continue;
      // The runtime keeps one f32 per post neuron for the fused sum.
      if (llvm::isa<mlir::VectorType>(syn.transmitType())) continue;
      auto pre = symbols.lookup<NeuronOp>(symbols.lookup<PopulationOp>(proj.getPre()).getType());
      auto post = symbols.lookup<NeuronOp>(symbols.lookup<PopulationOp>(proj.getPost()).getType());
      bool legal = true;
      syn.getTransmit().walk([&](ReadOp r) {
        if (r.getRole() == Role::Pre) legal &= !changesBeforeTransmit(r, pre);
        if (r.getRole() == Role::Post) legal &= !changesBeforeTransmit(r, post);
      });
      if (legal) proj.setFused(true);
    }
  }
};

} // namespace
} // namespace ndpc::ndp
