// The ndp dialect: a model's declarations and elemental regions (docs/dialect.md).
#ifndef NDPC_DIALECT_NDP_IR_NDPDIALECT_TD
#define NDPC_DIALECT_NDP_IR_NDPDIALECT_TD

include "mlir/IR/OpBase.td"

def NDP_Dialect : Dialect {
  let name = "ndp";
  let cppNamespace = "::ndpc::ndp";
  let summary = "Growing neural networks: neuron and synapse types, populations, projections";
  let description = [{
    The `ndp` dialect describes a model of the NDP language. Structural ops say
    what exists: neuron and synapse *types* (`ndp.neuron`, `ndp.synapse`),
    their instances (`ndp.population`, `ndp.projection`), params and the run
    configuration (`ndp.run`). The per-neuron and per-synapse computations are
    *elemental*: the regions of a type describe what happens to one element,
    reading its values with `ndp.read` and upstream `arith`/`math`/`vector` ops,
    and yielding the new values with `ndp.yield`. Every decision about loops —
    the gather over incoming synapses, event-driven delivery from spiking
    neurons, fusing a synapse update with the next step's transmit, threads —
    is made by the lowering passes, so the same regions serve CPU and GPU.

    ```mlir
    ndp.neuron @Unit states [#ndp.var<"v" : f32>] inputs ["cue"] channels []
        outputs [#ndp.var<"y" : f32>]
    init {
      %0 = arith.constant 0.0 : f32
      ndp.yield %0 : f32
    } out {
      %v = ndp.read self state "v" : f32
      %y = math.tanh %v : f32
      ndp.yield %y : f32
    } update {
      %v = ndp.read self state "v" : f32
      %in = ndp.read self channel "in" : f32
      %0 = arith.addf %v, %in : f32
      ndp.yield %0 : f32
    } spike {
    } reset {
    }
    ndp.population @cortex : @Unit[64] max 64 decay 9.900000e-01
    ```
  }];
  let useDefaultAttributePrinterParser = 1;
  let extraClassDeclaration = [{
    // Discardable attributes the dialect owns, by name in one place.
    /// On the module: the model's name (from `model NAME;`).
    static ::llvm::StringRef getModelAttrName() { return "ndp.model"; }
    /// On a kernel function: its index in the model's kernel table.
    static ::llvm::StringRef getKernelAttrName() { return "ndp.kernel"; }
    /// On a kernel function: the names of the arrays its arguments bind.
    static ::llvm::StringRef getBindingsAttrName() { return "ndp.bindings"; }
    /// On the module while kernels are built: elements per parallel iteration.
    static ::llvm::StringRef getElementChunkAttrName() { return "ndp.element_chunk"; }
  }];
}

class NDP_Op<string mnemonic, list<Trait> traits = []> : Op<NDP_Dialect, mnemonic, traits>;

#endif
