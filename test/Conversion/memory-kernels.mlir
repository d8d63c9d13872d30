// REQUIRES: codegen
// RUN: %ndp-opt %s --convert-ndp-to-kernels --canonicalize --cse | FileCheck %s
// RUN: %ndp-opt %s --convert-ndp-to-kernels | %python %testlib/print_descriptor.py | FileCheck %s --check-prefix=DESC
// The match, k-winner-take-all, write and recall are the runtime's (they touch
// every slot's stored rows); the lowering compiles the write condition into a
// kernel over the novelty and describes the region for the runtime.

module attributes {ndp.model = "memory"} {
  ndp.param @th : f32 = 0.3
  ndp.neuron @Cell states [#ndp.var<"v" : f32>] inputs [] channels [] outputs [#ndp.var<"y" : f32>]
  init {
    %z = arith.constant 0.0 : f32
    ndp.yield %z : f32
  } out {
    %v = ndp.read self state "v" : f32
    ndp.yield %v : f32
  } update {
    %v = ndp.read self channel "in" : f32
    ndp.yield %v : f32
  } spike {
  } reset {
  }
  ndp.population @c : @Cell[4] max 4 decay 0.99
  ndp.population @m : @Cell[6] max 6 decay 0.9
  ndp.memory @m key @c out "y" value @c sparsity 2 when {
    %n = ndp.novelty : f32
    %t = ndp.param_ref @th : f32
    %c = arith.cmpf ogt, %n, %t : f32
    ndp.yield %c : i1
  }
  ndp.run seed 1 steps 10 dt 1.0 {
  }
}

// CHECK-LABEL: func.func @ndp_k{{[0-9]+}}_m_memory_cond
// CHECK-SAME: ndp.bindings = ["ctx", "pop:m:cand_score", "scalars", "pop:m:cand_ok"]
// CHECK: %[[N:.*]] = memref.load %arg1
// CHECK: arith.cmpf ogt, %[[N]]
// CHECK-NOT: ndp.novelty

// DESC: population m Cell 6 6 0.9
// DESC: kernel [[COND:[0-9]+]] memory_cond m
// DESC: memory m c out y c 2 [[COND]]
