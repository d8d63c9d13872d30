// The conversion out of the ndp dialect: per-phase kernels and the model
// descriptor. The passes that work on the kernels afterwards are in
// ndpc/Transforms/Passes.td.
#ifndef NDPC_CONVERSION_PASSES_TD
#define NDPC_CONVERSION_PASSES_TD

include "mlir/Pass/PassBase.td"

def ConvertNDPToKernels : Pass<"convert-ndp-to-kernels", "mlir::ModuleOp"> {
  let summary = "Lowers the ndp dialect to per-phase kernels in func/scf/arith/math/memref/vector";
  let description = [{
    For every population: an `init` kernel (initial state of a range of
    neurons), an `out` kernel and an `update` kernel (state update, spike test
    and reset, outs, importance, NaN/Inf check). For every projection: an
    `init` kernel (a list of synapses), a `transmit` kernel (a gather over the
    synapses grouped by post neuron, one `scf.parallel` iteration per post
    neuron, no atomics) or an event-driven one (the spikes of the pre neurons
    and their outgoing synapses), and an `update` kernel, or one `fused`
    kernel doing the update and the next step's transmit.

    Each kernel is a `func.func` whose arguments are 1-D memrefs bound by name
    (`ndp.bindings`) to runtime arrays, with `ndp.kernel = index`. The
    structural ops and the run block become the model descriptor, a
    `memref.global` named `ndp_descriptor` the runtime reads at start. Random
    draws become Philox4x64-10 calls keyed by (seed, step, entity, lane, site).
    After this pass no `ndp` op is left.

    Per-element loops are `scf.parallel` over chunks of `element-chunk`
    elements, each an `scf.for`: 256 suits CPU threads and vector loops; the
    GPU pipeline asks for 1 (one element a GPU thread).
  }];
  let options = [
    Option<"elementChunk", "element-chunk", "int64_t", "256", "Elements per parallel iteration of a per-element loop">,
    Option<"eventGather", "event-gather", "bool", "false",
           "Also a parallel gather (proj_event_gather) for each event-driven projection, for the GPU">
  ];
  let dependentDialects = [
    "mlir::func::FuncDialect", "mlir::scf::SCFDialect", "mlir::arith::ArithDialect",
    "mlir::math::MathDialect", "mlir::memref::MemRefDialect", "mlir::vector::VectorDialect"
  ];
}

#endif
