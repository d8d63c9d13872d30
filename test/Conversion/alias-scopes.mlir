// REQUIRES: codegen
// RUN: %ndp-opt %s --ndp-alias-scopes | FileCheck %s
// Every access derived from a kernel's pointer argument (through the memref
// descriptor and GEPs) is in that argument's scope and not in the others';
// functions that are not kernels are left alone.

// CHECK-DAG: #[[DOM:.*]] = #llvm.alias_scope_domain<id = {{.*}}, description = "k">
// CHECK-DAG: #[[A:.*]] = #llvm.alias_scope<id = {{.*}}, domain = #[[DOM]]>
// CHECK-DAG: #[[B:.*]] = #llvm.alias_scope<id = {{.*}}, domain = #[[DOM]]>
// CHECK-LABEL: llvm.func @k
// CHECK: llvm.load %{{.*}} {alias_scopes = [#[[A]]], noalias_scopes = [#[[B]]]}
// CHECK: llvm.store %{{.*}} {alias_scopes = [#[[B]]], noalias_scopes = [#[[A]]]}
// CHECK-LABEL: llvm.func @not_a_kernel
// CHECK-NOT: alias_scopes
llvm.func @k(%a: !llvm.ptr, %b: !llvm.ptr, %i: i64) attributes {ndp.kernel = 0 : i64} {
  %u = llvm.mlir.undef : !llvm.struct<(ptr, ptr)>
  %d0 = llvm.insertvalue %a, %u[0] : !llvm.struct<(ptr, ptr)>
  %d1 = llvm.insertvalue %a, %d0[1] : !llvm.struct<(ptr, ptr)>
  %p = llvm.extractvalue %d1[1] : !llvm.struct<(ptr, ptr)>
  %pa = llvm.getelementptr %p[%i] : (!llvm.ptr, i64) -> !llvm.ptr, f32
  %x = llvm.load %pa : !llvm.ptr -> f32
  %pb = llvm.getelementptr %b[%i] : (!llvm.ptr, i64) -> !llvm.ptr, f32
  llvm.store %x, %pb : f32, !llvm.ptr
  llvm.return
}
llvm.func @not_a_kernel(%a: !llvm.ptr) {
  %x = llvm.load %a : !llvm.ptr -> f32
  llvm.store %x, %a : f32, !llvm.ptr
  llvm.return
}
