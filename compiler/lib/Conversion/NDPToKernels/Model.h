// What the kernel emitters share: the populations and projections with their
// types resolved, and the descriptor's parts they fill (the contract's
// structs, ndp/Descriptor.h).
#ifndef NDPC_LIB_CONVERSION_NDPTOKERNELS_MODEL_H
#define NDPC_LIB_CONVERSION_NDPTOKERNELS_MODEL_H

#include "KernelBuilder.h"

#include "ndp/Descriptor.h"

#include "ndpc/Dialect/NDP/IR/NDPOps.h"

#include <string>
#include <vector>

namespace ndpc::kernels {

using ndpabi::KernelKind;
using ndpabi::PopField;
using ndpabi::ProjField;
using ndpabi::popBinding;
using ndpabi::projBinding;

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
  /// channels), after the synapse type's own.
  std::vector<ndpabi::VarDesc> hiddenStates;
  std::string name() { return op.getSymName().str(); }
};

/// The instances of a module with their types resolved, in declaration order
/// (the order of every phase of the step loop), and the descriptor's parts the
/// kernel emitters fill (the contract's structs, ndp/Descriptor.h).
struct ModelInfo {
  mlir::ModuleOp module;
  std::vector<PopInfo> pops;
  std::vector<ProjInfo> projs;
  std::vector<ndpabi::KernelDesc> kernels;  // KernelBuilder adds each kernel it makes
  std::vector<ndpabi::GrowDesc> grows;
  std::vector<ndpabi::PruneDesc> prunes;
  std::vector<ndpabi::AttendDesc> attends;
  std::vector<ndpabi::MemoryDesc> memories;
  /// Whether anything reads a neuron's importance (a rule, a condition, a
  /// record, snapshots, growth, memory): if nothing does, updates skip it.
  bool importanceUsed = true;
  /// Whether snapshots show where each synapse came from: a model with a
  /// snapshot whose graph changes (grow rules, attention's topk) keeps a hidden
  /// synapse state `provenance.stamp` (docs/design.md, "Synapse provenance").
  bool keepsProvenance = false;
  /// Event-driven projections also get a parallel gather (convert-ndp-to-kernels{event-gather}).
  bool eventGather = false;

  /// Fills the tables; reports and returns false when a reference does not resolve.
  bool build(mlir::ModuleOp m);
  PopInfo *pop(llvm::StringRef name);
  ProjInfo *proj(llvm::StringRef name);

  /// The model descriptor the runtime reads (docs/design.md, "Model descriptor").
  ndpabi::ModelDesc model();
};

/// The contract's word for a dialect value kind (the two enums list the same kinds).
ndpabi::ValueKind contractKind(ndp::ValueKind kind);

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
