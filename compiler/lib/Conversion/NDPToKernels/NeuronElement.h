// Helpers for kernels over neurons: the parallel element loop, a neuron's
// values, random keys and state stores.
#ifndef NDPC_LIB_CONVERSION_NDPTOKERNELS_NEURONELEMENT_H
#define NDPC_LIB_CONVERSION_NDPTOKERNELS_NEURONELEMENT_H

#include "ElementCloner.h"
#include "Model.h"

#include <map>
#include <tuple>

namespace ndpc::kernels {

/// The module attribute giving openParallel's chunk (the pass's element-chunk
/// option; 256 on CPUs: enough for vector loops and few atomics, small enough
/// to split a population of a few thousand over the threads).
inline llvm::StringRef elementChunkAttr() { return ndp::NDPDialect::getElementChunkAttrName(); }
/// Opens a loop over the elements begin .. end: `scf.parallel` over chunks,
/// each an `scf.for` over its elements; the builder is left in the inner body
/// and the element index is returned.
mlir::Value openParallel(KernelBuilder &kb, mlir::Value begin, mlir::Value end);

/// Loads of one neuron's values, each made once per element.
class NeuronReads {
public:
  NeuronReads(KernelBuilder &kb, PopInfo &pop, mlir::Value idx) : kb_(kb), pop_(pop), idx_(idx) {}
  mlir::Value get(ndp::ValueKind kind, llvm::StringRef name, mlir::Type type, mlir::Operation *at);
  /// The value loaded for state `name`, if it was loaded.
  mlir::Value loadedState(llvm::StringRef name);

private:
  KernelBuilder &kb_;
  PopInfo &pop_;
  mlir::Value idx_;
  std::map<std::tuple<int, std::string>, mlir::Value> cache_;
};

/// Philox key of neuron `idx` of `pop` (population, stable id).
RandomKey neuronKey(KernelBuilder &kb, PopInfo &pop, mlir::Value idx, mlir::Value step);

/// Stores `vals` into the state columns named by `names` at element `idx`.
void storeNeuronStates(KernelBuilder &kb, PopInfo &pop, llvm::ArrayRef<std::string> names,
                       llvm::ArrayRef<mlir::Value> vals, mlir::Value idx);

mlir::Value toIndex(mlir::OpBuilder &b, mlir::Location l, mlir::Value v);

} // namespace ndpc::kernels

#endif
