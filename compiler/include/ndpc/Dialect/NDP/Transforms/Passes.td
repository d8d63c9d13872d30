// The passes that choose kernel strategies on the ndp dialect (event-driven
// delivery, fused update and transmit).
#ifndef NDPC_DIALECT_NDP_TRANSFORMS_PASSES_TD
#define NDPC_DIALECT_NDP_TRANSFORMS_PASSES_TD

include "mlir/Pass/PassBase.td"

def NDPMarkEventDriven : Pass<"ndp-mark-event-driven", "mlir::ModuleOp"> {
  let summary = "Marks projections from spiking populations for event-driven delivery";
  let description = [{
    A synapse whose pre-synaptic neuron spikes transmits only on the steps
    after a spike (language.md section 4). This pass sets `event_driven` on
    every projection whose pre population's neuron type has a `spike` region;
    the lowering then emits a kernel that walks the previous step's spikes and
    their outgoing synapses, so its work is proportional to spikes, not synapses.

    ```mlir
    ndp.projection @p0 @exc -> @inh : @Syn p 2.0e-02
    // becomes
    ndp.projection @p0 @exc -> @inh : @Syn p 2.0e-02 {event_driven}
    ```
  }];
}

def NDPFuseUpdateTransmit : Pass<"ndp-fuse-update-transmit", "mlir::ModuleOp"> {
  let summary = "Fuses a projection's synapse update with the next step's transmit";
  let description = [{
    Phase 4 of step t updates every synapse; phase 2 of step t+1 sums every
    synapse's transmit. When nothing between the two can change what the
    transmit reads, one sweep over the synapses can do both: update the state,
    then compute the next step's contribution from it, saving a second pass
    over the synapse arrays (12 instead of 20 bytes per synapse for an ABCD
    rule). This pass sets `fused` on such projections. It refuses when the
    transmit reads an input (fed between the phases), an out whose expression
    reads an input, a channel (rebuilt in phase 2), or when the projection is
    event-driven. Structural edits between the phases make the runtime fall
    back to an unfused transmit for that step.

    ```mlir
    ndp.projection @p0 @a -> @a : @Hebb fanin 100
    // becomes
    ndp.projection @p0 @a -> @a : @Hebb fanin 100 {fused}
    ```
  }];
  let options = [
    Option<"enabled", "enabled", "bool", /*default=*/"true", "Fuse where legal">
  ];
}

#endif
