// One kernel under construction, entered in the model's kernel table.
#ifndef NDPC_LIB_CONVERSION_NDPTOKERNELS_KERNELBUILDER_H
#define NDPC_LIB_CONVERSION_NDPTOKERNELS_KERNELBUILDER_H

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinOps.h"

#include "ndp/Descriptor.h"

#include <map>
#include <string>
#include <vector>

namespace ndpc::kernels {

// Indices into the two standard views every kernel receives (the contract's,
// ndp/abi.h and ndp/Descriptor.h).
using CtxSlot = ndpabi::CtxSlot;
using ScalarSlot = ndpabi::ScalarSlot;
constexpr CtxSlot kCtxStep = CtxSlot::Step, kCtxSeed = CtxSlot::Seed, kCtxBegin = CtxSlot::Begin,
                  kCtxEnd = CtxSlot::End;
constexpr ScalarSlot kScalarTime = ScalarSlot::Time, kScalarDt = ScalarSlot::Dt,
                     kScalarFirstParam = ScalarSlot::FirstParam;

struct ModelInfo;

/// One kernel under construction: a func.func whose arguments are 1-D memrefs,
/// each bound by name to a runtime array. Arguments are added on first use, so
/// a kernel receives exactly the arrays its body reads or writes. The kernel
/// takes the next index of the model's kernel table, its symbol is derived
/// from (index, target, kind), and finish() enters it in the table.
class KernelBuilder {
public:
  KernelBuilder(ModelInfo &info, ndpabi::KernelKind kind, const std::string &target, mlir::Location loc);

  mlir::OpBuilder &b() { return b_; }
  mlir::Location loc() const { return loc_; }
  mlir::func::FuncOp func() { return func_; }

  /// The memref bound to `binding`, with storage element type `elem`.
  mlir::Value array(const std::string &binding, mlir::Type elem);
  mlir::Value ctx() { return array("ctx", b_.getI64Type()); }
  mlir::Value scalars() { return array("scalars", b_.getF64Type()); }

  mlir::Value indexConst(int64_t v);
  /// 0 of a float or float-vector type.
  mlir::Value zero(mlir::Type t);
  /// ctx[slot] as an i64 and as an index.
  mlir::Value ctxI64(CtxSlot slot);
  mlir::Value ctxIndex(CtxSlot slot);
  /// Number of elements of a view (the size field of its descriptor).
  mlir::Value size(mlir::Value memref);

  /// Loads/stores one element of logical type `t` (f32, f64, i32, i1 stored as
  /// i8, vector<N x f32> stored as N consecutive f32) at element index `idx`.
  mlir::Value load(mlir::Value memref, mlir::Value idx, mlir::Type t);
  void store(mlir::Value v, mlir::Value memref, mlir::Value idx, mlir::Type t);
  /// The element type a logical type is stored as.
  static mlir::Type storageType(mlir::Type t);

  /// Sets status[0] |= 1 when any float value in `values` is NaN or infinite.
  /// Inside an element loop (openParallel) the test is or-ed into the loop's
  /// flag, which is checked once per chunk, so the loop stays vectorizable.
  void checkFinite(mlir::ValueRange values);
  /// The sequential loop over the elements of one chunk, whose single
  /// iteration argument is the "some value was not finite" flag.
  void setElementLoop(mlir::Operation *loop) { elementLoop_ = loop; }

  /// Records the binding list on the function and in the model's kernel
  /// table; returns the kernel's index.
  int finish();

  int index() const { return index_; }

private:
  mlir::OpBuilder b_;
  mlir::Location loc_;
  mlir::func::FuncOp func_;
  ModelInfo &info_;
  int index_;
  std::vector<std::string> bindings_;
  std::map<std::string, unsigned> argOf_;
  mlir::Operation *elementLoop_ = nullptr;
};

} // namespace ndpc::kernels

#endif
