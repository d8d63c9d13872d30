// REQUIRES: codegen
// RUN: %ndp-opt %s --convert-ndp-to-kernels --canonicalize --cse | FileCheck %s
// RUN: %ndp-opt %s --convert-ndp-to-kernels | %python %testlib/print_descriptor.py | FileCheck %s --check-prefix=DESC
// The attention itself is the runtime's library kernel: the lowering gives the
// `over` projection a hidden per-synapse state for the edge channels, compiles
// the topk condition into a kernel over the candidates' scores, and describes
// the block for the runtime.

module attributes {ndp.model = "attend"} {
  ndp.param @th : f32 = 0.01
  ndp.neuron @Node states [#ndp.var<"e" : vector<8xf32>>] inputs [] channels [] outputs []
  init {
    %z = arith.constant dense<0.0> : vector<8xf32>
    ndp.yield %z : vector<8xf32>
  } out {
  } update {
    %e = ndp.read self state "e" : vector<8xf32>
    ndp.yield %e : vector<8xf32>
  } spike {
  } reset {
  }
  ndp.synapse @W states [#ndp.var<"w" : f32>] multiplicity 1 channel "in" linear "w"
  init {
    %z = arith.constant 0.5 : f32
    ndp.yield %z : f32
  } transmit {
  } update {
    %w = ndp.read self state "w" : f32
    ndp.yield %w : f32
  }
  ndp.population @c : @Node[4] max 4 decay 0.99
  ndp.projection @p0 @c -> @c : @W all
  ndp.attend @c embedding "e" heads 2 edge_dim 3 every 5 over @p0 topk 3 when {
    %s = ndp.score : f32
    %t = ndp.param_ref @th : f32
    %c = arith.cmpf ogt, %s, %t : f32
    ndp.yield %c : i1
  }
  ndp.run seed 1 steps 10 dt 1.0 {
  }
}

// CHECK-LABEL: func.func @ndp_k{{[0-9]+}}_c_attend_cond
// CHECK-SAME: ndp.bindings = ["ctx", "pop:c:cand_score", "scalars", "pop:c:cand_ok"]
// CHECK: scf.parallel
// CHECK: %[[S:.*]] = memref.load %arg1
// CHECK: arith.cmpf ogt, %[[S]]
// CHECK-NOT: ndp.score

// DESC: projection p0 c c W all - 1 in 0 0 w
// DESC-NEXT:   state w f32 1
// DESC-NEXT:   state attend.0.e f32 3
// DESC: kernel [[COND:[0-9]+]] attend_cond c
// DESC: attend c e 2 3 5 p0 attend.0.e 3 [[COND]]
