// Turns an ndp elemental region into the arithmetic of one element inside a
// kernel: reads become loads, draws become Philox calls, params become
// scalars.
#ifndef NDPC_LIB_CONVERSION_NDPTOKERNELS_ELEMENTCLONER_H
#define NDPC_LIB_CONVERSION_NDPTOKERNELS_ELEMENTCLONER_H

#include "KernelBuilder.h"

#include "ndpc/Dialect/NDP/IR/NDPOps.h"

#include <functional>

namespace ndpc::kernels {

/// Entity kinds in the Philox counter (docs/design.md, "Random numbers").
/// 3 and 4 are the runtime's (connectivity builders, tasks); 5 is a candidate
/// pair (a, b) of a grow `connect` rule.
enum EntityKind : uint64_t { kEntityNeuron = 1, kEntitySynapse = 2, kEntityPair = 5 };
/// The step word of draws made while initialising state.
constexpr uint64_t kInitStep = ~uint64_t(0);

/// What identifies the element whose region is being cloned, for random draws:
/// counter = (step, kind << 32 | group, id, par << 32 | lane), key = (seed, site).
struct RandomKey {
  mlir::Value step;  // i64
  uint64_t group = 0;
  mlir::Value id;    // i64
  mlir::Value par;   // i64, may be null (neurons)
};

/// Inlines an element region (one neuron or one synapse) at the builder's
/// insertion point inside a kernel loop, replacing ndp element ops with loads,
/// parameter reads, the clock and Philox draws.
class ElementCloner {
public:
  using ReadFn = std::function<mlir::Value(ndp::ReadOp)>;
  using KeyFn = std::function<RandomKey()>;

  /// `step` is the i64 step the region runs at (the clock and the draws use it).
  ElementCloner(KernelBuilder &kb, mlir::ModuleOp module, mlir::Value step, ReadFn read, KeyFn key)
      : kb_(kb), module_(module), step_(step), read_(std::move(read)), key_(std::move(key)) {}

  /// Clones the ops of `region` and returns the values its ndp.yield yields.
  llvm::SmallVector<mlir::Value> clone(mlir::Region &region);
  /// The value `ndp.score` (an attend condition's candidate score) or
  /// `ndp.novelty` (a memory region's write condition) reads.
  void setConditionInput(mlir::Value v) { conditionInput_ = v; }

private:
  mlir::Value param(ndp::ParamRefOp op);
  /// The view of an array param, bound at the top of the kernel.
  mlir::Value paramArray(llvm::StringRef name);
  mlir::Value matvec(ndp::MatVecOp op, mlir::Value x);
  mlir::Value paramRow(ndp::ParamRowOp op, mlir::Value row);
  mlir::Value clock(ndp::ClockOp op);
  mlir::Value rand(ndp::RandOp op);
  mlir::Value drawLane(ndp::RandOp op, const RandomKey &key, int64_t lane);

  KernelBuilder &kb_;
  mlir::ModuleOp module_;
  mlir::Value step_;
  ReadFn read_;
  KeyFn key_;
  std::optional<RandomKey> keyCache_;
  mlir::Value conditionInput_;
};

/// The index of a param in the run-time parameter table (declaration order).
int paramIndex(mlir::ModuleOp module, llvm::StringRef name);

/// Declares (once) the module's Philox4x64-10 function: (key0, key1, c0..c3) -> (x0, x1).
mlir::func::FuncOp getOrCreatePhilox(mlir::ModuleOp module);

} // namespace ndpc::kernels

#endif
