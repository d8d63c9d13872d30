// REQUIRES: codegen
// RUN: %ndp-opt %s --ndp-fuse-update-transmit | FileCheck %s
// RUN: %ndp-opt %s --ndp-fuse-update-transmit=enabled=false | FileCheck %s --check-prefix=OFF
// A projection is fused when its transmit reads nothing that changes between
// the synapse update and the next step's transmit.

module {
  // @Fed's out reads an input: it changes when the input is fed.
  ndp.neuron @Fed states [] inputs ["x"] channels [] outputs [#ndp.var<"y" : f32>]
  init {
    ndp.yield
  } out {
    %x = ndp.read self input "x" : f32
    ndp.yield %x : f32
  } update {
    ndp.yield
  } spike {
  } reset {
  }
  ndp.neuron @Cell states [#ndp.var<"v" : f32>] inputs ["x"] channels [] outputs [#ndp.var<"y" : f32>]
  init {
    %z = arith.constant 0.0 : f32
    ndp.yield %z : f32
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
  ndp.synapse @ReadsOut states [#ndp.var<"w" : f32>] multiplicity 1 channel "in"
  init {
    %z = arith.constant 0.0 : f32
    ndp.yield %z : f32
  } transmit {
    %w = ndp.read self state "w" : f32
    %y = ndp.read pre out "y" : f32
    %t = arith.mulf %w, %y : f32
    ndp.yield %t : f32
  } update {
    %w = ndp.read self state "w" : f32
    %one = arith.constant 1.0 : f32
    %n = arith.addf %w, %one : f32
    ndp.yield %n : f32
  }
  ndp.synapse @ReadsInput states [#ndp.var<"w" : f32>] multiplicity 1 channel "in"
  init {
    %z = arith.constant 0.0 : f32
    ndp.yield %z : f32
  } transmit {
    %x = ndp.read pre input "x" : f32
    ndp.yield %x : f32
  } update {
    %w = ndp.read self state "w" : f32
    %one = arith.constant 1.0 : f32
    %n = arith.addf %w, %one : f32
    ndp.yield %n : f32
  }
  ndp.synapse @NoUpdate states [#ndp.var<"w" : f32>] multiplicity 1 channel "in"
  init {
    %z = arith.constant 0.0 : f32
    ndp.yield %z : f32
  } transmit {
    %w = ndp.read self state "w" : f32
    ndp.yield %w : f32
  } update {
    %w = ndp.read self state "w" : f32
    ndp.yield %w : f32
  }
  ndp.population @cells : @Cell[4] max 4 decay 0.9
  ndp.population @fed : @Fed[4] max 4 decay 0.9
  // CHECK: ndp.projection @state_out @cells -> @cells : @ReadsOut all {fused}
  // OFF: ndp.projection @state_out @cells -> @cells : @ReadsOut all{{$}}
  ndp.projection @state_out @cells -> @cells : @ReadsOut all
  // An out that reads an input is recomputed after feeding: not fused.
  // CHECK: ndp.projection @fed_out @fed -> @cells : @ReadsOut all{{$}}
  ndp.projection @fed_out @fed -> @cells : @ReadsOut all
  // CHECK: ndp.projection @input @cells -> @cells : @ReadsInput all{{$}}
  ndp.projection @input @cells -> @cells : @ReadsInput all
  // The update region is there, so the pass fuses; the lowering skips a trivial update.
  // CHECK: ndp.projection @trivial @cells -> @cells : @NoUpdate all {fused}
  ndp.projection @trivial @cells -> @cells : @NoUpdate all
}
