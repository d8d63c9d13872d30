// REQUIRES: codegen
// RUN: %ndp-opt %s --ndp-mark-event-driven | FileCheck %s
// Projections whose pre population spikes deliver event-driven; the others do not.

module {
  ndp.neuron @Spiking states [#ndp.var<"v" : f32>] inputs [] channels [] outputs []
  init {
    %z = arith.constant 0.0 : f32
    ndp.yield %z : f32
  } out {
  } update {
    %v = ndp.read self state "v" : f32
    ndp.yield %v : f32
  } spike {
    %v = ndp.read self state "v" : f32
    %one = arith.constant 1.0 : f32
    %f = arith.cmpf ogt, %v, %one : f32
    ndp.yield %f : i1
  } reset {
    %v = ndp.read self state "v" : f32
    ndp.yield %v : f32
  }
  ndp.neuron @Rate states [] inputs [] channels [] outputs [#ndp.var<"y" : f32>]
  init {
    ndp.yield
  } out {
    %z = arith.constant 0.0 : f32
    ndp.yield %z : f32
  } update {
    ndp.yield
  } spike {
  } reset {
  }
  ndp.synapse @S states [] multiplicity 1 channel "in"
  init {
    ndp.yield
  } transmit {
    %c = arith.constant 1.0 : f32
    ndp.yield %c : f32
  } update {
    ndp.yield
  }
  ndp.population @spk : @Spiking[4] max 4 decay 0.9
  ndp.population @rate : @Rate[4] max 4 decay 0.9
  // CHECK: ndp.projection @from_spiking @spk -> @rate : @S all {event_driven}
  ndp.projection @from_spiking @spk -> @rate : @S all
  // CHECK: ndp.projection @from_rate @rate -> @spk : @S all{{$}}
  ndp.projection @from_rate @rate -> @spk : @S all
}
