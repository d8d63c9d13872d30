// REQUIRES: codegen
// RUN: %ndp-opt %s --convert-ndp-to-kernels --canonicalize --cse | FileCheck %s
// RUN: %ndp-opt %s --convert-ndp-to-kernels | FileCheck %s --check-prefix=GONE
// RUN: %ndp-opt %s --convert-ndp-to-kernels | %python %testlib/print_descriptor.py | FileCheck %s --check-prefix=DESC
// A divide rule becomes a select kernel (one flag per neuron) and a child kernel
// (assigned states, per (parent, child) pair, draws keyed by the child's id); a
// connect rule becomes a kernel over candidate pairs; a prune rule a kernel per
// projection of its type that counts steps in an i32 per-synapse state and
// flags rows; the descriptor lists the rules with their kernels.

module attributes {ndp.model = "growth"} {
  ndp.neuron @Cell states [#ndp.var<"v" : f32>] inputs [] channels [] outputs [#ndp.var<"y" : f32>]
  init {
    %z = arith.constant 0.0 : f32
    ndp.yield %z : f32
  } out {
    %v = ndp.read self state "v" : f32
    ndp.yield %v : f32
  } update {
    %in = ndp.read self channel "in" : f32
    ndp.yield %in : f32
  } spike {
  } reset {
  }
  ndp.synapse @W states [#ndp.var<"w" : f32>] multiplicity 2 channel "in" linear "w"
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
    ndp.yield %w : f32
  }
  ndp.population @c : @Cell[4] max 64 decay 0.99
  ndp.projection @p0 @c -> @c : @W fanin fanin 2
  ndp.prune @W for 7 when {
    %w = ndp.read self state "w" : f32
    %y = ndp.read post out "y" : f32
    %c = arith.cmpf olt, %w, %y : f32
    ndp.yield %c : i1
  }
  ndp.grow @c every 10 {
    ndp.divide split assigns ["v"] when {
      %i = ndp.read parent importance "" : f32
      %t = arith.constant 0.5 : f32
      %c = arith.cmpf ogt, %i, %t : f32
      ndp.yield %c : i1
    } child {
      %v = ndp.read parent state "v" : f32
      %mu = arith.constant 0.0 : f64
      %sd = arith.constant 0.1 : f64
      %r = ndp.rand normal(%mu, %sd) site 5 : f32
      %n = arith.addf %v, %r : f32
      ndp.yield %n : f32
    }
    ndp.connect @p0 when {
      %a = ndp.read a out "y" : f32
      %b = ndp.read b state "v" : f32
      %c = arith.cmpf ogt, %a, %b : f32
      ndp.yield %c : i1
    }
  }
  ndp.run seed 1 steps 10 dt 1.0 {
  }
}

// CHECK-LABEL: func.func @ndp_k{{[0-9]+}}_p0_prune
// CHECK-SAME: ndp.bindings = ["ctx", "proj:p0:state:prune.0", "proj:p0:row_start", "proj:p0:row_len", "proj:p0:pre", "proj:p0:state:w", "pop:c:out:y", "proj:p0:dead_rows"]
// CHECK: scf.parallel
// CHECK: scf.for {{.*}} iter_args(%{{.*}} = %false) -> (i1)
// CHECK: arith.select %{{.*}}, %{{.*}}, %c0_i32 : i32
// CHECK: arith.cmpi sge, %{{.*}}, %c7_i32 : i32
// CHECK: arith.extui %{{.*}} : i1 to i8

// CHECK-LABEL: func.func @ndp_k{{[0-9]+}}_c_divide_select
// CHECK-SAME: ndp.bindings = ["ctx", "pop:c:importance", "pop:c:flags"]
// CHECK: scf.parallel
// CHECK: arith.cmpf ogt

// CHECK-LABEL: func.func @ndp_k{{[0-9]+}}_c_divide_child
// CHECK-SAME: ndp.bindings = ["ctx", "pop:c:edit_parent", "pop:c:edit_child", "pop:c:state:v", "pop:c:ids"]
// The draw's counter carries the child's id: loaded at the child's index.
// CHECK: %[[P:.*]] = memref.load %arg1
// CHECK: %[[PI:.*]] = arith.index_cast %[[P]]
// CHECK: %[[C:.*]] = memref.load %arg2
// CHECK: %[[CI:.*]] = arith.index_cast %[[C]]
// CHECK: memref.load %arg3[%[[PI]]]
// CHECK: %[[ID:.*]] = memref.load %arg4[%[[CI]]]
// CHECK: call @ndp_philox4x64({{.*}}, %[[ID]], %c0_i64)
// CHECK: memref.store %{{.*}}, %arg3[%[[CI]]]

// CHECK-LABEL: func.func @ndp_k{{[0-9]+}}_c_connect
// CHECK-SAME: ndp.bindings = ["ctx", "pop:c:cand_a", "pop:c:cand_b", "pop:c:out:y", "pop:c:state:v", "pop:c:cand_ok"]

// GONE-NOT: ndp.grow
// GONE-NOT: ndp.divide
// GONE-NOT: ndp.connect
// GONE-NOT: ndp.prune
// GONE-NOT: ndp.read
// GONE: memref.global "public" constant @ndp_descriptor

// DESC: projection p0 c c W fanin 2 2 in 0 0 w
// DESC-NEXT:   state w f32 1
// DESC-NEXT:   state prune.0 i32 1
// DESC: kernel [[PRUNE:[0-9]+]] proj_prune p0
// DESC: kernel [[SELECT:[0-9]+]] grow_select c
// DESC: kernel [[CHILD:[0-9]+]] grow_child c
// DESC: kernel [[CONNECT:[0-9]+]] grow_connect c
// DESC: grow c 10
// DESC-NEXT:   divide [[SELECT]] [[CHILD]] 1
// DESC-NEXT:   connect p0 [[CONNECT]]
// DESC-NEXT: prune p0 prune.0 7 [[PRUNE]]
