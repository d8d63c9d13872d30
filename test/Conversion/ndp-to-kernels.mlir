// REQUIRES: codegen
// RUN: %ndp-opt %s --convert-ndp-to-kernels --canonicalize --cse | FileCheck %s
// RUN: %ndp-opt %s --convert-ndp-to-kernels | FileCheck %s --check-prefix=GONE
// RUN: %ndp-opt %s --convert-ndp-to-kernels=event-gather=1 --canonicalize --cse | FileCheck %s --check-prefix=GATHER
// Each population gets init/out/update kernels, each projection init, a gather
// or an event-driven transmit, and an update or a fused kernel; the model
// becomes the descriptor global and no ndp op is left.

module attributes {ndp.model = "kernels"} {
  ndp.param @gain : f32 = 2.0
  ndp.neuron @Rate states [#ndp.var<"v" : f32>] inputs [] channels [] outputs [#ndp.var<"y" : f32>]
  init {
    %lo = arith.constant -1.0 : f64
    %hi = arith.constant 1.0 : f64
    %r = ndp.rand uniform(%lo, %hi) site 11 : f32
    ndp.yield %r : f32
  } out {
    %v = ndp.read self state "v" : f32
    %y = math.tanh %v : f32
    ndp.yield %y : f32
  } update {
    %in = ndp.read self channel "in" : f32
    %g = ndp.param_ref @gain : f32
    %n = arith.mulf %g, %in : f32
    ndp.yield %n : f32
  } spike {
  } reset {
  }
  ndp.neuron @Spiker states [#ndp.var<"v" : f32>] inputs [] channels [] outputs []
  init {
    %z = arith.constant 0.0 : f32
    ndp.yield %z : f32
  } out {
  } update {
    %v = ndp.read self state "v" : f32
    %in = ndp.read self channel "in" : f32
    %n = arith.addf %v, %in : f32
    ndp.yield %n : f32
  } spike {
    %v = ndp.read self state "v" : f32
    %one = arith.constant 1.0 : f32
    %f = arith.cmpf ogt, %v, %one : f32
    ndp.yield %f : i1
  } reset {
    %z = arith.constant 0.0 : f32
    ndp.yield %z : f32
  }
  ndp.synapse @W states [#ndp.var<"w" : f32>] multiplicity 1 channel "in"
  init {
    %z = arith.constant 0.5 : f32
    ndp.yield %z : f32
  } transmit {
    %w = ndp.read self state "w" : f32
    %y = ndp.read pre out "y" : f32
    %t = arith.mulf %w, %y : f32
    ndp.yield %t : f32
  } update {
    %w = ndp.read self state "w" : f32
    %i = ndp.read post importance "" : f32
    %n = arith.addf %w, %i : f32
    ndp.yield %n : f32
  }
  ndp.synapse @E states [#ndp.var<"w" : f32>] multiplicity 1 channel "in"
  init {
    %z = arith.constant 0.25 : f32
    ndp.yield %z : f32
  } transmit {
    %w = ndp.read self state "w" : f32
    ndp.yield %w : f32
  } update {
    %w = ndp.read self state "w" : f32
    ndp.yield %w : f32
  }
  ndp.population @r : @Rate[8] max 8 decay 9.0e-01
  ndp.population @s : @Spiker[4] max 4 decay 9.0e-01
  ndp.projection @p0 @r -> @r : @W all {fused}
  ndp.projection @p1 @s -> @r : @E all {event_driven}
  ndp.projection @p2 @r -> @s : @W all
  ndp.run seed 1 steps 2 dt 1.0 {
  }
}

// CHECK-LABEL: func.func @ndp_k0_r_init
// CHECK-SAME: ndp.bindings = ["ctx", "pop:r:ids", "pop:r:state:v"]
// CHECK: scf.parallel
// CHECK: call @ndp_philox4x64
// CHECK: func.func private @ndp_philox4x64
// CHECK-COUNT-10: arith.mului_extended
// CHECK-LABEL: func.func @ndp_k1_r_out
// CHECK: math.tanh
// The update reads the param from the run-time table (scalars[2]), stores the
// state and the out, the importance average (decay 0.9) and checks for NaN.
// CHECK-LABEL: func.func @ndp_k2_r_update
// CHECK-SAME: ndp.bindings = ["ctx", "pop:r:channel:in", "scalars", "pop:r:state:v", "pop:r:out:y", "pop:r:importance", "status"]
// CHECK-DAG: arith.constant 1.000000e-01 : f32
// CHECK-DAG: arith.constant 0.899999976 : f32
// The param is read once, before the loop. Chunks of 256 neurons run in
// parallel, each a sequential loop carrying the NaN/Inf flag, checked once
// after it (the loop LLVM vectorizes).
// CHECK: memref.load %{{.*}}[%c2] : memref<?xf64>
// CHECK: arith.truncf
// CHECK: scf.parallel (%[[C:.*]]) =
// CHECK: %[[LO:.*]] = arith.addi %{{.*}}, %{{.*}} : index
// CHECK: %[[HI:.*]] = arith.minui
// CHECK: %[[BAD:.*]] = scf.for %{{.*}} = %[[LO]] to %[[HI]] step %{{.*}} iter_args(%[[F:.*]] = %false) -> (i1)
// CHECK: memref.store
// CHECK: math.tanh
// CHECK: memref.store
// CHECK: math.absf
// CHECK: arith.cmpf uno
// CHECK: %[[OR:.*]] = arith.ori %[[F]]
// CHECK: scf.yield %[[OR]] : i1
// CHECK: scf.if %[[BAD]] {
// CHECK-NEXT: memref.atomic_rmw ori
// The spiking population tests the updated state, resets, and stores its spikes.
// CHECK-LABEL: func.func @ndp_k4_s_update
// CHECK-SAME: "pop:s:spiked"
// CHECK: %[[FIRE:.*]] = arith.cmpf ogt
// CHECK: arith.select %[[FIRE]]
// CHECK: memref.store {{.*}} : memref<?xi8>
// The fused projection: a gather for the first step, then update and next transmit in one sweep.
// CHECK-LABEL: func.func @ndp_k6_p0_transmit
// CHECK: scf.parallel
// CHECK: scf.for {{.*}} iter_args
// CHECK: arith.addf
// The post neuron's importance is read once per row, before the row loop. The
// weight is a factor of the transmitted value, so a NaN or Inf weight makes the
// row's sum non-finite: the sum is tested once per row, not each weight.
// CHECK-LABEL: func.func @ndp_k7_p0_fused
// CHECK-SAME: "proj:p0:next"
// CHECK: scf.parallel
// CHECK: memref.load {{.*}} : memref<?xf32>
// CHECK: %[[SUM:.*]] = scf.for {{.*}} iter_args(%{{.*}} = %cst) -> (f32)
// CHECK: memref.store
// CHECK: arith.mulf
// CHECK-NOT: arith.cmpf
// CHECK: scf.yield
// CHECK: %[[D:.*]] = arith.subf %[[SUM]], %[[SUM]]
// CHECK: arith.cmpf uno, %[[D]], %[[D]]
// CHECK: scf.if
// CHECK: memref.atomic_rmw ori
// Event-driven: loops over the spikes and their outgoing synapses, no parallel loop.
// CHECK-LABEL: func.func @ndp_k9_p1_event
// CHECK-SAME: "pop:s:spikes"
// CHECK-SAME: "proj:p1:by_pre_start", "proj:p1:by_pre_len", "proj:p1:by_pre", "proj:p1:by_pre_post"
// CHECK-NOT: scf.parallel
// CHECK: scf.for
// CHECK: scf.for
// E's update changes nothing: no update kernel for p1.
// CHECK-NOT: p1_update
// CHECK-LABEL: func.func @ndp_k12_p2_update
// CHECK: memref.global "public" constant @ndp_descriptor : memref<{{[0-9]+}}xi8>

// GONE-NOT: ndp.neuron
// GONE-NOT: ndp.synapse
// GONE-NOT: ndp.population
// GONE-NOT: ndp.projection
// GONE-NOT: ndp.run
// GONE-NOT: ndp.read
// GONE-NOT: ndp.rand

// With event-gather (both lowerings of a --target=gpu program) an event-driven
// projection also gets a gather: a parallel loop over post neurons, each
// adding, in row order, the transmit of the synapses whose pre neuron spiked
// to its channel value (the event kernel's order, so its bits).
// GATHER: func.func @ndp_k{{[0-9]+}}_p1_event(
// GATHER-LABEL: func.func @ndp_k{{[0-9]+}}_p1_event_gather(
// GATHER-SAME: ndp.bindings = ["ctx", "pop:r:channel:in", "pop:s:spiked", "proj:p1:row_start", "proj:p1:row_len", "proj:p1:pre", "proj:p1:state:w"]
// GATHER: scf.parallel (%[[P:.*]]) =
// GATHER: %[[OLD:.*]] = memref.load %{{.*}}[%[[P]]] : memref<?xf32>
// GATHER: %[[SUM:.*]] = scf.for %[[S:.*]] = %{{.*}} to %{{.*}} step %{{.*}} iter_args(%[[ACC:.*]] = %[[OLD]]) -> (f32)
// GATHER: %[[FIRED:.*]] = memref.load %{{.*}} : memref<?xi8>
// GATHER: scf.if %{{.*}} -> (f32)
// GATHER: memref.load %{{.*}}[%[[S]]] : memref<?xf32>
// GATHER: arith.addf %[[ACC]]
// GATHER: } else {
// GATHER-NEXT: scf.yield %[[ACC]] : f32
// GATHER: memref.store %[[SUM]], %{{.*}}[%[[P]]] : memref<?xf32>
// GATHER-NOT: event_gather
