// REQUIRES: codegen
// RUN: %ndp-opt %s --convert-ndp-to-kernels --canonicalize --cse | FileCheck %s
// A matrix param is an f32 view ("param:NAME") of its rows; `W @ x` loops over
// the rows (a row times x, summed in order); `W[i]` loads one row, row 0 when i
// is outside; a vector param is loaded whole.

module attributes {ndp.model = "matrix"} {
  ndp.param @gain : f32 = 2.0
  ndp.param @W : vector<3x4xf32> = 0.0 {dist = #ndp<distribution normal>, spread = 0.5 : f64}
  ndp.param @b : vector<3xf32> = 0.25
  ndp.param @U : vector<2x4xf32> = 0.0 {file = "u.npy"}
  ndp.neuron @Cell states [#ndp.var<"x" : vector<4xf32>>, #ndp.var<"h" : vector<3xf32>>] inputs [] channels []
      outputs [#ndp.var<"y" : f32>]
  init {
    %z4 = arith.constant dense<0.0> : vector<4xf32>
    %z3 = arith.constant dense<0.0> : vector<3xf32>
    ndp.yield %z4, %z3 : vector<4xf32>, vector<3xf32>
  } out {
    %h = ndp.read self state "h" : vector<3xf32>
    %g = ndp.param_ref @gain : f32
    %s = vector.reduction <add>, %h : vector<3xf32> into f32
    %y = arith.mulf %g, %s : f32
    ndp.yield %y : f32
  } update {
    %x = ndp.read self state "x" : vector<4xf32>
    %wx = ndp.matvec @W(%x) : vector<4xf32> -> vector<3xf32>
    %b = ndp.param_ref @b : vector<3xf32>
    %h = arith.addf %wx, %b : vector<3xf32>
    %i = arith.constant 1 : i32
    %r = ndp.param_row @U[%i] : vector<4xf32>
    %x2 = arith.addf %x, %r : vector<4xf32>
    ndp.yield %x2, %h : vector<4xf32>, vector<3xf32>
  } spike {
  } reset {
  }
  ndp.population @cells : @Cell[2] max 2 decay 0.99
  ndp.run seed 0 steps 1 dt 1.0 {
  }
}

// CHECK: func.func @ndp_k{{[0-9]+}}_cells_update(
// CHECK-SAME: ndp.bindings = [{{.*}}"param:W"{{.*}}"param:b"{{.*}}"param:U"
// The rows of W @ x: a loop of three, each row loaded at r * 4, multiplied by x, reduced in order.
// CHECK: scf.for %[[R:.*]] = %{{.*}} to %{{.*}} step %{{.*}} iter_args(%[[ACC:.*]] = %{{.*}}) -> (vector<3xf32>)
// CHECK: %[[AT:.*]] = arith.muli %[[R]], %{{.*}} : index
// CHECK: %[[ROW:.*]] = vector.load %{{.*}}[%[[AT]]] : memref<?xf32>, vector<4xf32>
// CHECK: %[[P:.*]] = arith.mulf %[[ROW]], %{{.*}} : vector<4xf32>
// CHECK: %[[S:.*]] = vector.reduction <add>, %[[P]], %{{.*}} : vector<4xf32> into f32
// CHECK: vector.insert %[[S]], %[[ACC]] [%[[R]]] : f32 into vector<3xf32>
// CHECK: memref.global "public" constant @ndp_descriptor
