// REQUIRES: codegen
// RUN: %ndp-opt %s --verify-roundtrip | FileCheck %s
// Every op of the dialect prints and parses back to the same IR.

module attributes {ndp.model = "roundtrip"} {
  // CHECK: ndp.param @eta : f32 = 1.000000e-02
  ndp.param @eta : f32 = 1.000000e-02
  // CHECK: ndp.param @on : i1 = 1.000000e+00
  ndp.param @on : i1 = 1.000000e+00
  // CHECK: ndp.neuron @LIF states [#ndp.var<"v" : f32>, #ndp.var<"e" : vector<4xf32>>] inputs ["x"] channels [#ndp.var<"ge" : f32>] outputs [#ndp.var<"y" : f32>] loads {v = "v.npy"}
  ndp.neuron @LIF states [#ndp.var<"v" : f32>, #ndp.var<"e" : vector<4xf32>>] inputs ["x"] channels [#ndp.var<"ge" : f32>]
      outputs [#ndp.var<"y" : f32>] loads {v = "v.npy"}
  init {
    %z = arith.constant 0.0 : f32
    %lo = arith.constant 0.0 : f64
    %hi = arith.constant 1.0 : f64
    // CHECK: ndp.rand uniform(%{{.*}}, %{{.*}}) site 7 : vector<4xf32>
    %e = ndp.rand uniform(%lo, %hi) site 7 : vector<4xf32>
    ndp.yield %z, %e : f32, vector<4xf32>
  } out {
    // CHECK: ndp.read self state "v" : f32
    %v = ndp.read self state "v" : f32
    ndp.yield %v : f32
  } update {
    %v = ndp.read self state "v" : f32
    %e = ndp.read self state "e" : vector<4xf32>
    // CHECK: ndp.read self channel "ge" : f32
    %g = ndp.read self channel "ge" : f32
    // CHECK: ndp.read self importance "" : f32
    %i = ndp.read self importance "" : f32
    // CHECK: ndp.read self spiked "" : i1
    %s = ndp.read self spiked "" : i1
    // CHECK: ndp.clock step : i32
    %t = ndp.clock step : i32
    // CHECK: ndp.clock time : f32
    %tt = ndp.clock time : f32
    // CHECK: ndp.param_ref @eta : f32
    %eta = ndp.param_ref @eta : f32
    %a = arith.addf %v, %g : f32
    %b = arith.addf %a, %i : f32
    %c = arith.addf %b, %tt : f32
    %d = arith.addf %c, %eta : f32
    ndp.yield %d, %e : f32, vector<4xf32>
  } spike {
    %v = ndp.read self state "v" : f32
    %one = arith.constant 1.0 : f32
    %f = arith.cmpf ogt, %v, %one : f32
    ndp.yield %f : i1
  } reset {
    %z = arith.constant 0.0 : f32
    %e = ndp.read self state "e" : vector<4xf32>
    ndp.yield %z, %e : f32, vector<4xf32>
  }
  // CHECK: ndp.synapse @Syn states [#ndp.var<"w" : f32>] multiplicity 2 channel "ge"
  ndp.synapse @Syn states [#ndp.var<"w" : f32>] multiplicity 2 channel "ge"
  init {
    %z = arith.constant 0.5 : f32
    ndp.yield %z : f32
  } transmit {
    %w = ndp.read self state "w" : f32
    // CHECK: ndp.read pre out "y" : f32
    %y = ndp.read pre out "y" : f32
    %t = arith.mulf %w, %y : f32
    ndp.yield %t : f32
  } update {
    %w = ndp.read self state "w" : f32
    %p = arith.constant 0.5 : f64
    // CHECK: ndp.rand bernoulli(%{{.*}}) site 3 : i1
    %b = ndp.rand bernoulli(%p) site 3 : i1
    %z = arith.constant 0.0 : f32
    %n = arith.select %b, %z, %w : f32
    ndp.yield %n : f32
  }
  // CHECK: ndp.population @a : @LIF[8] max 16 decay
  ndp.population @a : @LIF[8] max 16 decay 0.5
  // CHECK: ndp.projection @p0 @a -> @a : @Syn fanin fanin 3 {event_driven}
  ndp.projection @p0 @a -> @a : @Syn fanin fanin 3 {event_driven}
  // CHECK: ndp.projection @p1 @a -> @a : @Syn p p 2.500000e-01
  ndp.projection @p1 @a -> @a : @Syn p p 0.25
  // CHECK: ndp.projection @p2 @a -> @a : @Syn from file "e.npy"
  ndp.projection @p2 @a -> @a : @Syn from file "e.npy"
  // CHECK: ndp.projection @p3 @a -> @a : @Syn none
  ndp.projection @p3 @a -> @a : @Syn none
  // CHECK: ndp.prune @Syn for 4 when {
  ndp.prune @Syn for 4 when {
    %w = ndp.read self state "w" : f32
    %z = arith.constant 0.0 : f32
    %c = arith.cmpf olt, %w, %z : f32
    ndp.yield %c : i1
  }
  // CHECK: ndp.grow @a every 3 {
  ndp.grow @a every 3 {
    // CHECK: ndp.remove when {
    ndp.remove when {
      // CHECK: ndp.read parent state "v" : f32
      %v = ndp.read parent state "v" : f32
      %z = arith.constant 0.0 : f32
      %c = arith.cmpf olt, %v, %z : f32
      ndp.yield %c : i1
    }
    // CHECK: ndp.divide split assigns ["v"] when {
    ndp.divide split assigns ["v"] when {
      // CHECK: ndp.read parent importance "" : f32
      %i = ndp.read parent importance "" : f32
      %t = arith.constant 0.5 : f32
      %c = arith.cmpf ogt, %i, %t : f32
      ndp.yield %c : i1
    // CHECK: } child {
    } child {
      %v = ndp.read parent state "v" : f32
      ndp.yield %v : f32
    }
    // CHECK: ndp.divide assigns [] when {
    ndp.divide assigns [] when {
      %t = arith.constant true
      ndp.yield %t : i1
    } child {
      ndp.yield
    }
    // CHECK: ndp.connect @p3 when {
    ndp.connect @p3 when {
      // CHECK: ndp.read a state "v" : f32
      %a = ndp.read a state "v" : f32
      %b = ndp.read b state "v" : f32
      %c = arith.cmpf ogt, %a, %b : f32
      ndp.yield %c : i1
    }
  }
  // CHECK: ndp.attend @a embedding "e" heads 2 edge_dim 3 every 4 over @p3 topk 2 when {
  ndp.attend @a embedding "e" heads 2 edge_dim 3 every 4 over @p3 topk 2 when {
    // CHECK: ndp.score : f32
    %s = ndp.score : f32
    %t = arith.constant 0.1 : f32
    %c = arith.cmpf ogt, %s, %t : f32
    ndp.yield %c : i1
  }
  // CHECK: ndp.attend @a embedding "e" heads 1 edge_dim 4 every 1 topk 0{{$}}
  ndp.attend @a embedding "e" heads 1 edge_dim 4 every 1 topk 0
  ndp.population @m : @LIF[4] max 4 decay 0.9
  // CHECK: ndp.memory @m key @a out "y" value @a sparsity 2 when {
  ndp.memory @m key @a out "y" value @a sparsity 2 when {
    // CHECK: ndp.novelty : f32
    %n = ndp.novelty : f32
    %t = arith.constant 0.3 : f32
    %c = arith.cmpf ogt, %n, %t : f32
    ndp.yield %c : i1
  }
  // CHECK: ndp.memory @m key @a state "v" value @a sparsity 1 when {
  ndp.memory @m key @a state "v" value @a sparsity 1 when {
    %c = arith.constant true
    ndp.yield %c : i1
  }
  // CHECK: ndp.run seed 1 steps 10 dt 5.000000e-01 {
  ndp.run seed 1 steps 10 dt 0.5 {
    // CHECK: ndp.feed @a "x" file "x.npy"
    ndp.feed @a "x" file "x.npy"
    // CHECK: ndp.record @a state "v" every 2 to "v.npy"
    ndp.record @a state "v" every 2 to "v.npy"
    // CHECK: ndp.record_synapses @Syn "w" every 5 to "w.npz"
    ndp.record_synapses @Syn "w" every 5 to "w.npz"
    // CHECK: ndp.snapshot every 5 to "snap"
    ndp.snapshot every 5 to "snap"
    // CHECK: ndp.checkpoint every 5 to "c.ckpt"
    ndp.checkpoint every 5 to "c.ckpt"
    // CHECK: ndp.report_accuracy @a state "v" @a input "x" label "acc"
    ndp.report_accuracy @a state "v" @a input "x" label "acc"
    // CHECK: ndp.report_count "synapses" @Syn label "n"
    ndp.report_count "synapses" @Syn label "n"
  }
}
