#ifndef NDPC_LIB_CONVERSION_NDPTOKERNELS_MODEL_H
#define NDPC_LIB_CONVERSION_NDPTOKERNELS_MODEL_H

#include "KernelBuilder.h"

#include "ndpc/Dialect/NDP/IR/NDPOps.h"

#include <string>
#include <vector>

namespace ndpc::kernels {

struct PopInfo {
  ndp::PopulationOp op;
  ndp::NeuronOp type;
  int index;
  bool outsReadInputs;  // the out kernel must run again after feeding
  std::string name() { return op.getSymName().str(); }
};

struct ProjInfo {
  ndp::ProjectionOp op;
  ndp::SynapseOp syn;
  PopInfo *pre, *post;
  int index;
  /// Per-synapse states the runtime owns (prune counters, attention edge
  /// channels): name and type words ("i32 1", "f32 8").
  std::vector<std::pair<std::string, std::string>> hiddenStates;
  std::string name() { return op.getSymName().str(); }
};

/// One rule of a grow block, in order: a divide (select and child kernels) or a
/// connect (its projection and kernel).
struct GrowRule {
  bool divide = true;
  int select = -1, child = -1;
  bool split = false;
  std::string proj;
  int connect = -1;
};

struct GrowRecord {
  std::string pop;
  int64_t every = 1;
  std::vector<GrowRule> rules;
};

struct AttendRecord {
  std::string pop, embedding, proj, edgeState;  // proj, edgeState empty without `over`
  int64_t heads = 1, edgeDim = 1, every = 1, topk = 0;
  int cond = -1;
};

struct MemoryRecord {
  std::string slots, key, keyKind, keyName, value;
  int64_t sparsity = 1;
  int cond = -1;
};

struct PruneRecord {
  std::string proj, counter;
  int64_t steps = 1;
  int kernel = -1;
};

struct KernelRecord {
  int index;
  std::string kind, target;
  std::vector<std::string> bindings;
};

/// The instances of a module with their types resolved, in declaration order
/// (the order of every phase of the step loop).
struct ModelInfo {
  mlir::ModuleOp module;
  std::vector<PopInfo> pops;
  std::vector<ProjInfo> projs;
  std::vector<KernelRecord> kernels;
  std::vector<GrowRecord> grows;
  std::vector<PruneRecord> prunes;
  std::vector<AttendRecord> attends;
  std::vector<MemoryRecord> memories;
  /// Whether anything reads a neuron's importance (a rule, a condition, a
  /// record, snapshots, growth, memory): if nothing does, updates skip it.
  bool importanceUsed = true;
  /// Event-driven projections also get a parallel gather (convert-ndp-to-kernels{event-gather}).
  bool eventGather = false;

  /// Fills the tables; reports and returns false when a reference does not resolve.
  bool build(mlir::ModuleOp m);
  PopInfo *pop(llvm::StringRef name);
  ProjInfo *proj(llvm::StringRef name);

  /// The model descriptor the runtime reads (docs/design.md, "Model descriptor").
  std::string descriptor();
};

// Binding names (runtime/include/ndp/abi.h lists them).
std::string popBinding(const std::string &pop, const std::string &what, const std::string &name = "");
std::string projBinding(const std::string &proj, const std::string &what, const std::string &name = "");

/// The value of neuron `pop` named (kind, name) at element `idx`; reports on
/// `at` and returns null when the type has no such value.
mlir::Value readNeuron(KernelBuilder &kb, PopInfo &pop, ndp::ValueKind kind, llvm::StringRef name,
                       mlir::Type type, mlir::Value idx, mlir::Operation *at);

/// "ndp_k<index>_<target>_<kind>"
std::string kernelName(int index, const std::string &target, const char *kind);
/// The types of a list of #ndp.var.
llvm::SmallVector<mlir::Type> varTypes(mlir::ArrayAttr vars);

/// True when every value `region` yields is the unchanged read of the state in
/// that position (an update that changes nothing needs no kernel).
bool yieldsUnchangedStates(mlir::Region &region, mlir::ArrayAttr states);

void emitPopulationKernels(ModelInfo &info, PopInfo &pop);
void emitProjectionKernels(ModelInfo &info, ProjInfo &proj);
/// The select and child kernels of divide rules and the kernels of connect rules.
void emitGrowKernels(ModelInfo &info, ndp::GrowOp grow);
/// One counting kernel per projection of the rule's synapse type.
void emitPruneKernels(ModelInfo &info, ndp::PruneOp prune);
/// The kernel of a `connect topk ... when` condition; the attention itself is
/// the runtime's library kernel (docs/attention.md).
void emitAttendKernels(ModelInfo &info, ndp::AttendOp attend);
/// The kernel of a memory region's `write when` condition.
void emitMemoryKernels(ModelInfo &info, ndp::MemoryOp memory);

} // namespace ndpc::kernels

#endif
