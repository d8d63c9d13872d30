// The ndp dialect's operations: what exists (neuron and synapse types,
// populations, projections, memories, grow/prune/attend rules, the run block)
// and the elemental regions that say what happens to one element.
#ifndef NDPC_DIALECT_NDP_IR_NDPOPS_TD
#define NDPC_DIALECT_NDP_IR_NDPOPS_TD

include "ndpc/Dialect/NDP/IR/NDPAttrs.td"
include "mlir/IR/SymbolInterfaces.td"
include "mlir/Interfaces/ControlFlowInterfaces.td"
include "mlir/Interfaces/SideEffectInterfaces.td"

//===----------------------------------------------------------------------===//
// Declarations
//===----------------------------------------------------------------------===//

def NDP_ParamOp : NDP_Op<"param", [Symbol]> {
  let summary = "a model parameter, overridable at run time";
  let description = [{
    A named scalar with a default value. The compiled program reads its current
    value (the default, or `--param NAME=VALUE`) from the run-time parameter
    table, so kernels never fold it. The value is stored as f64 and converted to
    `type` where it is read.

    A vector or matrix param (`vector<R x f32>`, `vector<R x C x f32>`) is an
    array the runtime owns, filled with `value`, drawn from the run seed
    (`dist` normal: mean `value`, deviation `spread`; uniform: `value` to
    `spread`), or read from `file`; `--param-file` and the C API replace it.

    ```mlir
    ndp.param @eta : f32 = 1.000000e-02
    ndp.param @W : vector<4x8xf32> = 0.000000e+00 {dist = #ndp<distribution normal>, spread = 1.000000e-01 : f64}
    ndp.param @U : vector<8x8xf32> = 0.000000e+00 {file = "u.npy"}
    ```
  }];
  let arguments = (ins SymbolNameAttr:$sym_name, TypeAttr:$type, F64Attr:$value,
                       OptionalAttr<NDP_DistributionAttr>:$dist, OptionalAttr<F64Attr>:$spread,
                       OptionalAttr<StrAttr>:$file);
  let assemblyFormat = "$sym_name `:` $type `=` $value attr-dict";
  let hasVerifier = 1;
}

def NDP_NeuronOp : NDP_Op<"neuron", [Symbol, IsolatedFromAbove]> {
  let summary = "a neuron type: its variables and elemental regions";
  let description = [{
    A neuron type declares its `states`, `outputs` and input `channels` (as
    `#ndp.var`; a channel is `f32` or a vector of f32, the default channel `in`
    is an implicit `f32`), its `inputs`, and five regions, each describing one
    neuron:

    - `init` yields the initial value of every state (random draws are keyed by
      the neuron's stable id and the "init" step);
    - `out` yields every out from the current state and inputs;
    - `update` is `on step`: it yields the new value of every state;
    - `spike` (empty for a rate neuron) yields an `i1`: does the neuron fire
      after the update? `ndp.read self ...` of a state there reads the updated value;
    - `reset` yields the states after a spike (from the updated values).

    States listed in `loads` start from a NumPy file instead of `init`.

    ```mlir
    ndp.neuron @Rate states [#ndp.var<"v" : f32>] inputs [] channels []
        outputs [#ndp.var<"y" : f32>]
    init {
      %c = arith.constant 0.0 : f32
      ndp.yield %c : f32
    } out {
      %v = ndp.read self state "v" : f32
      %y = math.tanh %v : f32
      ndp.yield %y : f32
    } update {
      %in = ndp.read self channel "in" : f32
      ndp.yield %in : f32
    } spike {
    } reset {
    }
    ```
  }];
  let arguments = (ins SymbolNameAttr:$sym_name, NDP_VarArrayAttr:$states,
                       StrArrayAttr:$inputs, NDP_VarArrayAttr:$channels,
                       NDP_VarArrayAttr:$outputs, OptionalAttr<DictionaryAttr>:$loads);
  let regions = (region MaxSizedRegion<1>:$init, MaxSizedRegion<1>:$out,
                        MaxSizedRegion<1>:$update, MaxSizedRegion<1>:$spike,
                        MaxSizedRegion<1>:$reset);
  let assemblyFormat = [{
    $sym_name `states` $states `inputs` $inputs `channels` $channels `outputs` $outputs
    (`loads` $loads^)? attr-dict-with-keyword
    `init` $init `out` $out `update` $update `spike` $spike `reset` $reset
  }];
  let hasRegionVerifier = 1;
  let extraClassDeclaration = [{
    bool isSpiking() { return !getSpike().empty(); }
    /// Index of a state/out by name, or -1.
    int stateIndex(llvm::StringRef name);
    int outputIndex(llvm::StringRef name);
    int inputIndex(llvm::StringRef name);
    /// Channel index: 0 is the default `in`, then the declared channels; -1 if unknown.
    int channelIndex(llvm::StringRef name);
    /// The type a read of (kind, name) yields, or null if the type has no such value.
    mlir::Type valueType(ValueKind kind, llvm::StringRef name);
  }];
}

def NDP_SynapseOp : NDP_Op<"synapse", [Symbol, IsolatedFromAbove]> {
  let summary = "a synapse type: its states, transmit and update";
  let description = [{
    A synapse type declares its `states`, how many parallel synapses a pair may
    have (`multiplicity`), the post-synaptic `channel` its transmit sums into, and
    three regions describing one synapse:

    - `init` yields every state's initial value (random draws keyed by the
      synapse id: projection, post, pre, parallel slot);
    - `transmit` (empty: the synapse sends nothing) yields its contribution
      (f32, or a vector of f32 for a vector channel: the post neuron's channel
      has that type)
      to the post neuron's channel; for a spiking pre-synaptic neuron it counts
      only on steps after the pre neuron fired;
    - `update` is `on step`: it yields the new value of every state.

    `ndp.read pre ...` and `ndp.read post ...` read the two neurons' values.
    `linear` names the one state the transmit is linear in, when there is
    exactly one: a function-preserving `split` halves it.

    ```mlir
    ndp.synapse @Hebb states [#ndp.var<"w" : f32>] multiplicity 1 channel "in"
    init {
      %c = arith.constant 0.0 : f32
      ndp.yield %c : f32
    } transmit {
      %w = ndp.read self state "w" : f32
      %y = ndp.read pre out "y" : f32
      %t = arith.mulf %w, %y : f32
      ndp.yield %t : f32
    } update {
      %w = ndp.read self state "w" : f32
      ndp.yield %w : f32
    }
    ```
  }];
  let arguments = (ins SymbolNameAttr:$sym_name, NDP_VarArrayAttr:$states,
                       I64Attr:$multiplicity, StrAttr:$channel,
                       OptionalAttr<DictionaryAttr>:$loads, OptionalAttr<StrAttr>:$linear_state);
  let regions = (region MaxSizedRegion<1>:$init, MaxSizedRegion<1>:$transmit,
                        MaxSizedRegion<1>:$update);
  let assemblyFormat = [{
    $sym_name `states` $states `multiplicity` $multiplicity `channel` $channel
    (`loads` $loads^)? (`linear` $linear_state^)? attr-dict-with-keyword
    `init` $init `transmit` $transmit `update` $update
  }];
  let hasRegionVerifier = 1;
  let extraClassDeclaration = [{
    int stateIndex(llvm::StringRef name);
    /// What `transmit` yields (f32, or a vector for a vector channel); f32 when empty.
    mlir::Type transmitType();
  }];
}

def NDP_PopulationOp : NDP_Op<"population", [Symbol, DeclareOpInterfaceMethods<SymbolUserOpInterface>]> {
  let summary = "a population of neurons of one type";
  let description = [{
    `size` neurons of neuron type `type` at the start, growing to at most `max`,
    with the given importance decay (the weight of the old value in the moving
    average of activity).

    ```mlir
    ndp.population @cortex : @Unit[64] max 4096 decay 9.900000e-01
    ```
  }];
  let arguments = (ins SymbolNameAttr:$sym_name, FlatSymbolRefAttr:$type, I64Attr:$size,
                       I64Attr:$max, F64Attr:$decay);
  let assemblyFormat = "$sym_name `:` $type `[` $size `]` `max` $max `decay` $decay attr-dict";
  let hasVerifier = 1;
}

def NDP_ProjectionOp : NDP_Op<"projection", [Symbol, DeclareOpInterfaceMethods<SymbolUserOpInterface>]> {
  let summary = "synapses of one type from one population to another";
  let description = [{
    Connects `pre` to `post` with synapses of type `synapse`, chosen by `conn`:
    `all`, `one_to_one`, `fanin` (K distinct random pre neurons per post), `p`
    (Bernoulli per pair) or `from` (a NumPy file of (pre, post) rows). The
    runtime stores the synapses grouped by post neuron.

    Two unit attributes are set by passes and decide the kernels:
    `event_driven` (the pre neurons spike: deliver only their spikes) and
    `fused` (the synapse update of step t also computes the transmit of step
    t+1, in one sweep).

    ```mlir
    ndp.projection @p0 @sensors -> @cortex : @Hebb fanin 8
    ```
  }];
  let arguments = (ins SymbolNameAttr:$sym_name, FlatSymbolRefAttr:$pre, FlatSymbolRefAttr:$post,
                       FlatSymbolRefAttr:$synapse, NDP_ConnectivityAttr:$conn,
                       OptionalAttr<I64Attr>:$fanin, OptionalAttr<F64Attr>:$prob,
                       OptionalAttr<StrAttr>:$file,
                       UnitAttr:$event_driven, UnitAttr:$fused);
  let assemblyFormat = [{
    $sym_name $pre `->` $post `:` $synapse `` $conn (`fanin` $fanin^)? (`p` $prob^)? (`file` $file^)?
    attr-dict
  }];
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Structural change
//===----------------------------------------------------------------------===//

def NDP_GrowOp : NDP_Op<"grow", [DeclareOpInterfaceMethods<SymbolUserOpInterface>, NoTerminator, SingleBlock,
                                  NoRegionArguments]> {
  let summary = "neurogenesis: remove, divide and connect rules of a population, every `every` steps";
  let description = [{
    After steps `every - 1`, `2 * every - 1`, ... (phase 7, after pruning) the
    rules of the body run in order on `population`: `ndp.remove` rules take
    neurons out with their synapses, `ndp.divide` rules make
    children of the neurons whose condition holds, `ndp.connect` rules add
    synapses between candidate pairs. The runtime applies the edits in neuron-id
    order; the population never exceeds its max.

    ```mlir
    ndp.grow @cortex every 100 {
      ndp.divide split assigns [] when {
        %i = ndp.read parent importance "" : f32
        %t = arith.constant 0.8 : f32
        %c = arith.cmpf ogt, %i, %t : f32
        ndp.yield %c : i1
      } child {
        ndp.yield
      }
    }
    ```
  }];
  let arguments = (ins FlatSymbolRefAttr:$population, I64Attr:$every);
  let regions = (region SizedRegion<1>:$body);
  let assemblyFormat = "$population `every` $every attr-dict-with-keyword $body";
  let hasVerifier = 1;
}

def NDP_DivideOp : NDP_Op<"divide", [HasParent<"GrowOp">, IsolatedFromAbove]> {
  let summary = "makes a child of every neuron whose condition holds";
  let description = [{
    `when` yields an `i1` from the candidate parent's values (`ndp.read parent`).
    Each selected neuron makes one child that starts as a copy of its state;
    `child` then yields the new values of the states named in `assigns`,
    computed from the parent's values: a name `X` is the child's state, a name
    `parent.X` the parent's (a parent changes when it divides, as in NDP). With `split` the child copies every
    incoming and outgoing synapse of the parent and the linear state of the
    parent's outgoing synapses and of their copies is halved (Net2Net); without
    it the child is wired to its parent and to the parent's neighbours, in both
    directions, with fresh synapses.

    ```mlir
    ndp.divide assigns ["v"] when {
      %i = ndp.read parent importance "" : f32
      %t = arith.constant 0.5 : f32
      %c = arith.cmpf ogt, %i, %t : f32
      ndp.yield %c : i1
    } child {
      %z = arith.constant 0.0 : f32
      ndp.yield %z : f32
    }
    ```
  }];
  let arguments = (ins UnitAttr:$split, StrArrayAttr:$assigns);
  let regions = (region SizedRegion<1>:$cond, SizedRegion<1>:$child);
  let assemblyFormat = "(`split` $split^)? `assigns` $assigns attr-dict-with-keyword `when` $cond `child` $child";
  let hasRegionVerifier = 1;
}

def NDP_RemoveOp : NDP_Op<"remove", [HasParent<"GrowOp">, IsolatedFromAbove]> {
  let summary = "removes every neuron whose condition holds, with its synapses";
  let description = [{
    `when` yields an `i1` from the candidate neuron's values (`ndp.read parent`,
    as a divide condition reads them). The runtime removes the selected neurons
    and every synapse from or to them in every projection; the other neurons
    keep their stable ids (ids are never reused) and their order.

    ```mlir
    ndp.remove when {
      %i = ndp.read parent importance "" : f32
      %t = arith.constant 0.01 : f32
      %c = arith.cmpf olt, %i, %t : f32
      ndp.yield %c : i1
    }
    ```
  }];
  let regions = (region SizedRegion<1>:$cond);
  let assemblyFormat = "attr-dict-with-keyword `when` $cond";
  let hasRegionVerifier = 1;
}

def NDP_ConnectOp : NDP_Op<"connect", [HasParent<"GrowOp">, IsolatedFromAbove,
                                       DeclareOpInterfaceMethods<SymbolUserOpInterface>]> {
  let summary = "adds synapses a -> b to `projection` where the pair condition holds";
  let description = [{
    For every neuron b of the population, the candidates a are b's
    neighbours' neighbours (at most 16, in id order) and 16 neurons drawn from
    the population, so the cost is O(N). `when` yields an `i1` from
    `ndp.read a ...` and `ndp.read b ...`; a pair never gets more synapses
    than the synapse type's multiplicity.

    ```mlir
    ndp.connect @p0 when {
      %a = ndp.read a out "y" : f32
      %b = ndp.read b out "y" : f32
      %p = arith.mulf %a, %b : f32
      %t = arith.constant 0.25 : f32
      %c = arith.cmpf ogt, %p, %t : f32
      ndp.yield %c : i1
    }
    ```
  }];
  let arguments = (ins FlatSymbolRefAttr:$projection);
  let regions = (region SizedRegion<1>:$cond);
  let assemblyFormat = "$projection attr-dict-with-keyword `when` $cond";
}

def NDP_PruneOp : NDP_Op<"prune", [IsolatedFromAbove, DeclareOpInterfaceMethods<SymbolUserOpInterface>]> {
  let summary = "removes a synapse after its condition held for `steps` consecutive steps";
  let description = [{
    Every step (phase 7, before growth), for every synapse of type `synapse`:
    a counter counts the consecutive steps on which `when` (reading the
    synapse's state, `pre` and `post`) held; at `steps` the synapse is removed.

    ```mlir
    ndp.prune @Plastic for 200 when {
      %w = ndp.read self state "w" : f32
      %a = math.absf %w : f32
      %t = arith.constant 1.0e-3 : f32
      %c = arith.cmpf olt, %a, %t : f32
      ndp.yield %c : i1
    }
    ```
  }];
  let arguments = (ins FlatSymbolRefAttr:$synapse, I64Attr:$steps);
  let regions = (region SizedRegion<1>:$cond);
  let assemblyFormat = "$synapse `for` $steps attr-dict-with-keyword `when` $cond";
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Memory regions
//===----------------------------------------------------------------------===//

def NDP_MemoryOp : NDP_Op<"memory", [DeclareOpInterfaceMethods<SymbolUserOpInterface>, IsolatedFromAbove]> {
  let summary = "makes a population of slots a memory region: one-shot store and sparse recall";
  let description = [{
    Every step (phase 5) the slots of `slots` receive, as their `in`, the
    cosine of the key (the value `key_kind` `key_name` of every neuron of
    `key`) with the key each slot stored; their `on step` runs; at most
    `sparsity` slots stay active (k-winner-take-all); `novelty` is one minus
    the best cosine; when the `when` region (reading `ndp.novelty`) yields
    true, the key is stored in a free slot, or else in the least important
    one, and bound to the first out of `value`. Next step, the active slots
    push their bound values, weighted by their outs, into `value`'s `in`
    (docs/memory.md).

    ```mlir
    ndp.memory @hippocampus key @cortex out "y" value @cortex sparsity 4 when {
      %n = ndp.novelty : f32
      %t = arith.constant 3.000000e-01 : f32
      %c = arith.cmpf ogt, %n, %t : f32
      ndp.yield %c : i1
    }
    ```
  }];
  let arguments = (ins FlatSymbolRefAttr:$slots, FlatSymbolRefAttr:$key, NDP_ValueKindAttr:$key_kind,
                       StrAttr:$key_name, FlatSymbolRefAttr:$value, I64Attr:$sparsity);
  let regions = (region SizedRegion<1>:$cond);
  let assemblyFormat = [{
    $slots `key` $key `` $key_kind $key_name `value` $value `sparsity` $sparsity attr-dict-with-keyword `when` $cond
  }];
  let hasRegionVerifier = 1;
}

def NDP_NoveltyOp : NDP_Op<"novelty", [Pure, HasParent<"MemoryOp">]> {
  let summary = "how new the current key is, in a memory op's `when` region";
  let description = [{
    One minus the best cosine of the current key with a stored key (1 when
    nothing is stored yet, 0 when the key is all zeros: it carries no pattern).

    ```mlir
    %n = ndp.novelty : f32
    ```
  }];
  let results = (outs F32:$result);
  let assemblyFormat = "attr-dict `:` type($result)";
}

//===----------------------------------------------------------------------===//
// Long-range attention
//===----------------------------------------------------------------------===//

def NDP_AttendOp : NDP_Op<"attend", [DeclareOpInterfaceMethods<SymbolUserOpInterface>, IsolatedFromAbove]> {
  let summary = "edge-augmented attention over a whole population, every `every` steps";
  let description = [{
    After steps `every - 1`, `2 * every - 1`, ... (phase 6) one layer of
    edge-augmented attention (docs/attention.md) updates the `embedding`
    state (an f32[d] vector) of every neuron of `population` from all of its
    neurons, with `heads` heads; the synapses of `over` (a projection of the
    population onto itself), if given, carry `edge_dim` edge channels that
    bias and gate the attention and are updated from its logits. With
    `topk` K, each neuron's K most attended non-neighbours whose `when`
    region (reading `ndp.score`) yields true get a synapse in `over`.

    ```mlir
    ndp.attend @cortex embedding "emb" heads 4 edge_dim 8 every 10 over @p0 topk 4 when {
      %s = ndp.score : f32
      %t = arith.constant 2.000000e-01 : f32
      %c = arith.cmpf ogt, %s, %t : f32
      ndp.yield %c : i1
    }
    ```
  }];
  let arguments = (ins FlatSymbolRefAttr:$population, StrAttr:$embedding, I64Attr:$heads, I64Attr:$edge_dim,
                       I64Attr:$every, OptionalAttr<FlatSymbolRefAttr>:$over, I64Attr:$topk);
  let regions = (region MaxSizedRegion<1>:$cond);
  let assemblyFormat = [{
    $population `embedding` $embedding `heads` $heads `edge_dim` $edge_dim `every` $every
    (`over` $over^)? `topk` $topk attr-dict-with-keyword (`when` $cond^)?
  }];
  let hasRegionVerifier = 1;
}

def NDP_ScoreOp : NDP_Op<"score", [Pure, HasParent<"AttendOp">]> {
  let summary = "a candidate's attention score in an attend op's `when` region";
  let description = [{
    The head-averaged attention weight of the candidate non-neighbour (in
    [0, 1]).

    ```mlir
    %s = ndp.score : f32
    ```
  }];
  let results = (outs F32:$result);
  let assemblyFormat = "attr-dict `:` type($result)";
}

//===----------------------------------------------------------------------===//
// The run block
//===----------------------------------------------------------------------===//

def NDP_RunOp : NDP_Op<"run", [NoTerminator, SingleBlock, NoRegionArguments]> {
  let summary = "what the compiled program does: seed, steps, feeds, records, report";
  let description = [{
    Holds the run configuration. Its body lists `ndp.feed`, `ndp.record`,
    `ndp.snapshot`, `ndp.checkpoint` and `ndp.report` ops in source order. The
    compiled program's command line overrides `seed` and `steps`.

    ```mlir
    ndp.run seed 7 steps 3000 dt 1.000000e+00 {
      ndp.feed @cortex "cue" task "patterns" n 5 size 64 hold 20 noise 2.000000e-01
      ndp.record @cortex out "y" every 10 to "recall.npy"
      ndp.report_count "neurons" @cortex label "neurons(cortex)"
    }
    ```
  }];
  let arguments = (ins I64Attr:$seed, I64Attr:$steps, F64Attr:$dt);
  let regions = (region SizedRegion<1>:$body);
  let assemblyFormat = "`seed` $seed `steps` $steps `dt` $dt attr-dict-with-keyword $body";
}

def NDP_FeedOp : NDP_Op<"feed", [HasParent<"RunOp">, DeclareOpInterfaceMethods<SymbolUserOpInterface>]> {
  let summary = "sets an input of a population every step";
  let description = [{
    From a NumPy file (`file`, rows of the population's size; row `step % rows`
    feeds step `step`) or from a built-in task (`task` with `n`, `size`, `hold`,
    `noise`; `target` selects the noise-free patterns).

    ```mlir
    ndp.feed @cortex "cue" task "patterns" n 5 size 64 hold 20 noise 2.000000e-01
    ndp.feed @cortex "target" task "patterns" n 5 size 64 hold 20 noise 2.000000e-01 target
    ndp.feed @sensors "x" file "inputs.npy"
    ```
  }];
  let arguments = (ins FlatSymbolRefAttr:$population, StrAttr:$input,
                       OptionalAttr<StrAttr>:$file, OptionalAttr<StrAttr>:$task,
                       OptionalAttr<I64Attr>:$n, OptionalAttr<I64Attr>:$size,
                       OptionalAttr<I64Attr>:$hold, OptionalAttr<F64Attr>:$noise,
                       UnitAttr:$target);
  let assemblyFormat = [{
    $population $input (`file` $file^)? (`task` $task^)? (`n` $n^)? (`size` $size^)?
    (`hold` $hold^)? (`noise` $noise^)? (`target` $target^)? attr-dict
  }];
  let hasVerifier = 1;
}

def NDP_RecordOp : NDP_Op<"record", [HasParent<"RunOp">, DeclareOpInterfaceMethods<SymbolUserOpInterface>]> {
  let summary = "records a value of every neuron of a population into a NumPy file";
  let description = [{
    After steps `every - 1`, `2 * every - 1`, ... appends one row (one column
    per stable neuron id) to `path`, a float32 `.npy` file.

    ```mlir
    ndp.record @cortex out "y" every 10 to "recall.npy"
    ```
  }];
  let arguments = (ins FlatSymbolRefAttr:$population, NDP_ValueKindAttr:$kind, StrAttr:$name,
                       I64Attr:$every, StrAttr:$path);
  let assemblyFormat = "$population `` $kind $name `every` $every `to` $path attr-dict";
}

def NDP_RecordSynapsesOp : NDP_Op<"record_synapses", [HasParent<"RunOp">,
                                                       DeclareOpInterfaceMethods<SymbolUserOpInterface>]> {
  let summary = "records a state of every synapse of a type into a NumPy .npz archive";
  let description = [{
    After steps `every - 1`, `2 * every - 1`, ... appends one entry per live
    synapse of type `synapse` (every projection of that type, in declaration
    order, each in edge order) with its pre and post neuron ids, parallel
    number and the value of `state`, to the archive `path`.

    ```mlir
    ndp.record_synapses @Hebb "w" every 100 to "w.npz"
    ```
  }];
  let arguments = (ins FlatSymbolRefAttr:$synapse, StrAttr:$state, I64Attr:$every, StrAttr:$path);
  let assemblyFormat = "$synapse $state `every` $every `to` $path attr-dict";
}

def NDP_SnapshotOp : NDP_Op<"snapshot", [HasParent<"RunOp">]> {
  let summary = "writes graph snapshots every `every` steps into a folder";
  let description = [{
    After steps `every - 1`, `2 * every - 1`, ... writes the graph (neurons,
    synapses and their values) into the folder `path`, one file set per
    snapshot, for plots and growth animations.

    ```mlir
    ndp.snapshot every 500 to "growth"
    ```
  }];
  let arguments = (ins I64Attr:$every, StrAttr:$path);
  let assemblyFormat = "`every` $every `to` $path attr-dict";
}

def NDP_CheckpointOp : NDP_Op<"checkpoint", [HasParent<"RunOp">]> {
  let summary = "writes a resumable checkpoint every `every` steps";
  let description = [{
    After steps `every - 1`, `2 * every - 1`, ... writes everything a run needs
    to continue (the graph, its values, the step) to `path`, atomically; the
    compiled program's `--resume` continues from it.

    ```mlir
    ndp.checkpoint every 1000 to "model.ckpt"
    ```
  }];
  let arguments = (ins I64Attr:$every, StrAttr:$path);
  let assemblyFormat = "`every` $every `to` $path attr-dict";
}

/// A report item comparing two values neuron by neuron over a window of steps
/// [from, to) (default: the last tenth of the run; language.md, the run block).
class NDP_ReportCompareOp<string mnemonic> : NDP_Op<mnemonic, [HasParent<"RunOp">]> {
  let arguments = (ins FlatSymbolRefAttr:$first, NDP_ValueKindAttr:$first_kind, StrAttr:$first_name,
                       FlatSymbolRefAttr:$second, NDP_ValueKindAttr:$second_kind, StrAttr:$second_name,
                       StrAttr:$label, OptionalAttr<I64Attr>:$from, OptionalAttr<I64Attr>:$to);
  let assemblyFormat = [{
    $first `` $first_kind $first_name $second `` $second_kind $second_name `label` $label
    (`from` $from^)? (`to` $to^)? attr-dict
  }];
}

def NDP_ReportAccuracyOp : NDP_ReportCompareOp<"report_accuracy"> {
  let summary = "reports how often two values agree in sign";
  let description = [{
    Over every step of the window, the fraction of neurons whose sign of
    `first.first_name` equals the sign of `second.second_name` (language.md,
    `accuracy`). `label` is the item as written.

    ```mlir
    ndp.report_accuracy @cortex out "y" @cortex input "target" label "accuracy(cortex.y, cortex.target)"
    ndp.report_accuracy @r out "y" @r input "t" label "accuracy(r.y, r.t, from=0, to=100)" from 0 to 100
    ```
  }];
}

def NDP_ReportMseOp : NDP_ReportCompareOp<"report_mse"> {
  let summary = "reports the mean squared difference of two values";
  let description = [{
    Over every step of the window and every neuron, the mean of
    (`first.first_name` - `second.second_name`)^2 (language.md, `mse`).

    ```mlir
    ndp.report_mse @readout out "y" @readout input "target" label "mse(readout.y, readout.target)"
    ```
  }];
}

def NDP_ReportCountOp : NDP_Op<"report_count", [HasParent<"RunOp">]> {
  let summary = "reports how many neurons a population, or synapses a type, has at the end";
  let description = [{
    `what` is "neurons" (of the population `target`) or "synapses" (of every
    projection of the synapse type `target`).

    ```mlir
    ndp.report_count "neurons" @cortex label "neurons(cortex)"
    ndp.report_count "synapses" @Hebb label "synapses(Hebb)"
    ```
  }];
  let arguments = (ins StrAttr:$what, FlatSymbolRefAttr:$target, StrAttr:$label);
  let assemblyFormat = "$what $target `label` $label attr-dict";
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Element ops: the bodies of the type regions
//===----------------------------------------------------------------------===//

def NDP_ReadOp : NDP_Op<"read", [Pure]> {
  let summary = "reads a value of the element or of a neuron related to it";
  let description = [{
    `role` says whose value: `self` (the element being computed), `pre` and
    `post` (the neurons a synapse connects), `parent` (a dividing neuron), `a`
    and `b` (a candidate pair of a grow `connect` rule). `kind` says which:
    a state, an input, a channel (`"in"` is the summed synaptic input), an out,
    the built-in `importance`, or `spiked` (an `i1`). Reads see the values from
    before the region: a region's own writes are its yields.

    ```mlir
    %v = ndp.read self state "v" : f32
    %y = ndp.read pre out "y" : f32
    %i = ndp.read post importance "" : f32
    ```
  }];
  let arguments = (ins NDP_RoleAttr:$role, NDP_ValueKindAttr:$kind, StrAttr:$name);
  let results = (outs AnyType:$result);
  let assemblyFormat = "`` $role `` $kind $name attr-dict `:` type($result)";
  let hasVerifier = 1;
}

def NDP_ParamRefOp : NDP_Op<"param_ref", [Pure, DeclareOpInterfaceMethods<SymbolUserOpInterface>]> {
  let summary = "reads the current value of a param";
  let description = [{
    The value comes from the run-time parameter table (the default or
    `--param`), converted from f64 to the param's type.

    ```mlir
    %eta = ndp.param_ref @eta : f32
    ```
  }];
  let arguments = (ins FlatSymbolRefAttr:$param);
  let results = (outs AnyTypeOf<[F32, F64, I32, I1, VectorOfRankAndType<[1], [F32]>]>:$result);
  let assemblyFormat = "$param attr-dict `:` type($result)";
}

def NDP_MatVecOp : NDP_Op<"matvec", [Pure, DeclareOpInterfaceMethods<SymbolUserOpInterface>]> {
  let summary = "a matrix param times a vector (`W @ x`)";
  let description = [{
    `W` is an `ndp.param` of type `vector<R x C x f32>`; `x` has C lanes and
    the result R: lane r is the sum over c of W[r][c] * x[c], added in order of c.

    ```mlir
    %y = ndp.matvec @W(%x) : vector<8xf32> -> vector<4xf32>
    ```
  }];
  let arguments = (ins FlatSymbolRefAttr:$param, VectorOfRankAndType<[1], [F32]>:$x);
  let results = (outs VectorOfRankAndType<[1], [F32]>:$result);
  let assemblyFormat = "$param `(` $x `)` attr-dict `:` type($x) `->` type($result)";
}

def NDP_ParamRowOp : NDP_Op<"param_row", [Pure, DeclareOpInterfaceMethods<SymbolUserOpInterface>]> {
  let summary = "one row of a matrix param (`W[i]`)";
  let description = [{
    A row index outside the matrix reads row 0, as a vector index outside the
    vector reads lane 0.

    ```mlir
    %r = ndp.param_row @W[%i] : vector<8xf32>
    ```
  }];
  let arguments = (ins FlatSymbolRefAttr:$param, I32:$row);
  let results = (outs VectorOfRankAndType<[1], [F32]>:$result);
  let assemblyFormat = "$param `[` $row `]` attr-dict `:` type($result)";
}

def NDP_ClockOp : NDP_Op<"clock", [Pure]> {
  let summary = "the current step (i32) or time (f32, step * dt)";
  let description = [{
    In a fused kernel's transmit part the clock is one step ahead, because that
    part computes the next step's contribution.

    ```mlir
    %s = ndp.clock step : i32
    %t = ndp.clock time : f32
    ```
  }];
  let arguments = (ins NDP_ClockAttr:$which);
  let results = (outs AnyTypeOf<[I32, F32]>:$result);
  let assemblyFormat = "`` $which attr-dict `:` type($result)";
  let hasVerifier = 1;
}

def NDP_RandOp : NDP_Op<"rand", [Pure]> {
  let summary = "a counter-based random draw";
  let description = [{
    Draws from `uniform(lo, hi)`, `normal(mean, stddev)` or `bernoulli(p)`
    (arguments in f64). The value depends only on the run seed, the step (or
    "init" in an `init` region), the element's identity, the vector lane and
    `site` — never on thread count or evaluation order. A vector result draws
    one value per lane.

    ```mlir
    %r = ndp.rand normal(%mu, %sd) site 12 : f32
    %e = ndp.rand uniform(%lo, %hi) site 13 : vector<16xf32>
    %b = ndp.rand bernoulli(%p) site 14 : i1
    ```
  }];
  let arguments = (ins NDP_DistributionAttr:$dist, Variadic<F64>:$args, I64Attr:$site);
  let results = (outs AnyTypeOf<[F32, I1, VectorOfRankAndType<[1], [F32, I1]>]>:$result);
  let assemblyFormat = "`` $dist `(` $args `)` `site` $site attr-dict `:` type($result)";
  let hasVerifier = 1;
}

def NDP_YieldOp : NDP_Op<"yield", [Pure, Terminator, ReturnLike]> {
  let summary = "ends an element region with its values";
  let description = [{
    The values the enclosing region produces, in the order of its type's
    variables (states, outs), or the spike test's `i1`, or the transmit's f32.

    ```mlir
    ndp.yield %v, %rate : f32, f32
    ```
  }];
  let arguments = (ins Variadic<AnyType>:$values);
  let assemblyFormat = "($values^ `:` type($values))? attr-dict";
  let builders = [OpBuilder<(ins), [{ build($_builder, $_state, mlir::ValueRange()); }]>];
}

#endif
