// The contract between the compiler and the runtime, in one place: the model
// descriptor a compiled model carries (its structs, its text format, printed
// by the compiler and parsed by the runtime), the kinds of kernels, the names
// of the arrays a kernel binds, and the slots of the ctx and scalars views.
//
// Shared by the compiler's lowering (which fills these structs and prints
// them) and the runtime (which parses them), like MLIR's SparseTensor/IR/
// Enums.h: this header and its library (libndpcontract) must not depend on
// MLIR or on the runtime's internals. The text format is in docs/design.md,
// "Model descriptor"; the C ABI of kernels and of the shared library is in
// abi.h.
#ifndef NDP_DESCRIPTOR_H
#define NDP_DESCRIPTOR_H

#include "ndp/abi.h"

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ndpabi {

/// The slots of the ctx (i64) and scalars (f64) views every kernel may take.
enum class CtxSlot : int { Step = NDP_CTX_STEP, Seed = NDP_CTX_SEED, Begin = NDP_CTX_BEGIN, End = NDP_CTX_END };
enum class ScalarSlot : int { Time = NDP_SCALAR_TIME, Dt = NDP_SCALAR_DT, FirstParam = NDP_SCALAR_FIRST_PARAM };

/// What a model's kernel computes, and so when the runtime calls it.
enum class KernelKind {
  PopInit, PopOut, PopUpdate,
  ProjInit, ProjTransmit, ProjEvent, ProjEventGather, ProjUpdate, ProjFused, ProjPrune,
  GrowSelect, GrowChild, GrowConnect,
  AttendCond, MemoryCond,
};
/// "pop_init", "proj_transmit", ...: the kernel's word in the descriptor.
const char *kernelKindName(KernelKind kind);
std::optional<KernelKind> parseKernelKind(std::string_view word);
/// A kernel over one population's neurons (its target is a population).
bool isPopulationKernel(KernelKind kind);
/// A kernel whose [begin, end) are neurons (a population's, or a projection's
/// post neurons, one row each) and whose result does not depend on how they
/// are split across threads: the runtime may run it on one thread or all.
bool isRowParallelKernel(KernelKind kind);

/// A per-neuron value a record, a report or a memory key names.
enum class ValueKind { State, Input, Channel, Out, Importance, Spiked };
const char *valueKindName(ValueKind kind);
std::optional<ValueKind> parseValueKind(std::string_view word);

/// How a projection chooses its pairs; None: made for a `connect` rule only.
enum class Connectivity { All, OneToOne, Fanin, Prob, File, None };
const char *connectivityName(Connectivity c);  // "all" "one_to_one" "fanin" "p" "from" "none"
std::optional<Connectivity> parseConnectivity(std::string_view word);

/// The descriptor is malformed: a compiler and runtime that disagree.
struct DescriptorError : std::runtime_error {
  explicit DescriptorError(const std::string &m) : std::runtime_error(m) {}
};

/// A per-element variable: its scalar type ("f32", "f64", "i32", "bool") and
/// width (d for an f32[d] state, else 1).
struct VarDesc {
  std::string name, type;
  int width = 1;
  bool operator==(const VarDesc &o) const { return name == o.name && type == o.type && width == o.width; }
};

struct ParamDesc {
  std::string name, type;
  double value = 0;
  bool operator==(const ParamDesc &o) const { return name == o.name && type == o.type && value == o.value; }
};

/// A vector (`f32[R]`, cols 0) or matrix (`f32[R][C]`) param: an f32 array
/// the runtime owns and kernels bind as "param:NAME", row-major. Its first
/// value: every element `a` (Fill), drawn from the run seed (Normal: mean a,
/// deviation b; Uniform: a to b), or the .npy `file`.
struct ArrayParamDesc {
  enum class Init { Fill, Normal, Uniform, File };
  std::string name;
  int64_t rows = 1, cols = 0;
  Init init = Init::Fill;
  double a = 0, b = 0;
  std::string file;
  int64_t size() const { return rows * (cols > 0 ? cols : 1); }
  bool operator==(const ArrayParamDesc &o) const {
    return name == o.name && rows == o.rows && cols == o.cols && init == o.init && a == o.a && b == o.b &&
           file == o.file;
  }
};

/// A `load("FILE")` initial value of a state.
struct LoadDesc {
  std::string state, file;
  bool operator==(const LoadDesc &o) const { return state == o.state && file == o.file; }
};

struct PopDesc {
  std::string name, typeName;
  int64_t size = 0, max = 0;
  double decay = 0.99;
  bool spiking = false, outsReadInputs = false;
  std::vector<VarDesc> states, outs;
  std::vector<std::string> inputs;
  std::vector<VarDesc> channels;  // channels[0] is "in" (f32); others f32, width > 1 for a vector channel
  std::vector<LoadDesc> loads;
  bool operator==(const PopDesc &o) const;
};

struct ProjDesc {
  std::string name, pre, post, synapse;
  Connectivity conn = Connectivity::All;
  int64_t fanin = 0;    // Fanin
  double prob = 0;      // Prob
  std::string file;     // File: the edge list
  int64_t multiplicity = 1;
  std::string channel = "in";
  bool eventDriven = false, fused = false;
  std::string linear;  // the state `split` halves; empty when there is not exactly one
  std::vector<VarDesc> states;
  std::vector<LoadDesc> loads;
  bool operator==(const ProjDesc &o) const;
};

struct KernelDesc {
  int index = 0;
  KernelKind kind = KernelKind::PopInit;
  std::string target;  // the population or projection it works on
  std::vector<std::string> bindings;
  bool operator==(const KernelDesc &o) const {
    return index == o.index && kind == o.kind && target == o.target && bindings == o.bindings;
  }
};

/// The hidden synapse state in which a model that snapshots a changing graph
/// keeps where each synapse came from: (birth step + 1) * 4 + origin, so that
/// a zeroed slot reads "initial, before step 0".
inline constexpr const char *kProvenanceState = "provenance.stamp";

/// What a snapshot writes under P/<name> beside a population's states and
/// outs ("stable ids" for "id", ...); null for a name it leaves to them.
inline const char *snapshotNeuronArray(std::string_view name) {
  return name == "id" ? "stable ids" : name == "parent" ? "parents" : name == "born" ? "birth steps" : nullptr;
}
enum class SynapseOrigin : int32_t { Initial = 0, Divide = 1, Connect = 2, Attend = 3 };

enum class GrowRuleKind { Remove, Divide, Connect };

/// One rule of a grow block: a remove (the kernel of its condition), a divide
/// (kernels of its condition and of the child's assignments, -1 when it
/// assigns nothing) or a connect.
struct GrowRuleDesc {
  GrowRuleKind kind = GrowRuleKind::Divide;
  int select = -1, child = -1;
  bool split = false;
  bool assignsParent = false;  // divide: the child kernel changes the parent's state (its outs are then stale)
  std::string proj;            // connect: the projection it adds to
  int connect = -1;
  bool operator==(const GrowRuleDesc &o) const {
    return kind == o.kind && select == o.select && child == o.child && split == o.split &&
           assignsParent == o.assignsParent && proj == o.proj && connect == o.connect;
  }
};

struct GrowDesc {
  std::string pop;
  int64_t every = 1;
  std::vector<GrowRuleDesc> rules;
  bool operator==(const GrowDesc &o) const { return pop == o.pop && every == o.every && rules == o.rules; }
};

struct PruneDesc {
  std::string proj, counter;
  int64_t steps = 1;
  int kernel = -1;
  bool operator==(const PruneDesc &o) const {
    return proj == o.proj && counter == o.counter && steps == o.steps && kernel == o.kernel;
  }
};

/// An attend block: the embedding state, the projection whose synapses carry
/// its edge channels (and the hidden state holding them), and the kernel of
/// its `connect topk ... when` condition (-1: none).
struct AttendDesc {
  std::string pop, embedding, proj, edgeState;  // proj, edgeState empty without `over`
  int64_t heads = 1, edgeDim = 1, every = 1, topk = 0;
  int cond = -1;
  bool operator==(const AttendDesc &o) const {
    return pop == o.pop && embedding == o.embedding && proj == o.proj && edgeState == o.edgeState &&
           heads == o.heads && edgeDim == o.edgeDim && every == o.every && topk == o.topk && cond == o.cond;
  }
};

/// A memory region: its slot population, the key (a value of every neuron of
/// `key`), the population recall goes to, k-WTA's k, the write condition kernel.
struct MemoryDesc {
  std::string slots, key;
  ValueKind keyKind = ValueKind::Out;
  std::string keyName, value;
  int64_t sparsity = 1;
  int cond = -1;
  bool operator==(const MemoryDesc &o) const {
    return slots == o.slots && key == o.key && keyKind == o.keyKind && keyName == o.keyName && value == o.value &&
           sparsity == o.sparsity && cond == o.cond;
  }
};

struct PeriodicDesc {
  int64_t every = 0;  // 0: not written
  std::string path;
  bool operator==(const PeriodicDesc &o) const { return every == o.every && path == o.path; }
};

struct FeedDesc {
  std::string pop, input;
  std::string file;  // empty for a task
  std::string task;
  int64_t n = 0, size = 0, hold = 1;
  double noise = 0;
  bool target = false;
  bool operator==(const FeedDesc &o) const {
    return pop == o.pop && input == o.input && file == o.file && task == o.task && n == o.n && size == o.size &&
           hold == o.hold && noise == o.noise && target == o.target;
  }
};

struct RecordDesc {
  std::string pop;  // with `synapses`: the synapse type
  ValueKind kind = ValueKind::State;
  std::string name, path;  // name empty for importance and spiked
  int64_t every = 1;
  bool synapses = false;  // a synapse state, one entry per synapse (an .npz archive)
  bool operator==(const RecordDesc &o) const {
    return pop == o.pop && kind == o.kind && name == o.name && path == o.path && every == o.every &&
           synapses == o.synapses;
  }
};

struct ReportDesc {
  /// Accuracy and Mse compare two values neuron by neuron over a window of steps.
  enum class Kind { Accuracy, Neurons, Synapses, Mse } kind = Kind::Neurons;
  std::string label;
  std::string pop1;  // accuracy: the first value's population; counts: the population or synapse type
  ValueKind kind1 = ValueKind::Out;
  std::string name1;
  std::string pop2;
  ValueKind kind2 = ValueKind::Out;
  std::string name2;
  int64_t from = -1;  // the window's first step; -1: the last tenth of the run
  int64_t to = -1;    // one past its last step; -1: the end of the run
  bool compares() const { return kind == Kind::Accuracy || kind == Kind::Mse; }
  bool operator==(const ReportDesc &o) const {
    return kind == o.kind && label == o.label && pop1 == o.pop1 && kind1 == o.kind1 && name1 == o.name1 &&
           pop2 == o.pop2 && kind2 == o.kind2 && name2 == o.name2 && from == o.from && to == o.to;
  }
};

struct RunDesc {
  int64_t seed = 0, steps = 1;
  double dt = 1.0;
  std::vector<FeedDesc> feeds;
  std::vector<RecordDesc> records;
  std::vector<ReportDesc> reports;
  PeriodicDesc snapshot, checkpoint;
  /// The order of the run block's statements: printing keeps it, so the text
  /// (whose hash a checkpoint carries) depends on the model alone. Empty:
  /// feeds, records, reports, snapshot, checkpoint.
  enum class Item { Feed, Record, Report, Snapshot, Checkpoint };
  std::vector<Item> order;
  bool operator==(const RunDesc &o) const {
    return seed == o.seed && steps == o.steps && dt == o.dt && feeds == o.feeds && records == o.records &&
           reports == o.reports && snapshot == o.snapshot && checkpoint == o.checkpoint;
  }
};

/// The model descriptor the compiler writes into every model object.
struct ModelDesc {
  std::string name = "model";
  std::vector<ParamDesc> params;
  std::vector<ArrayParamDesc> arrayParams;
  std::vector<PopDesc> pops;
  std::vector<ProjDesc> projs;
  std::vector<KernelDesc> kernels;
  std::vector<GrowDesc> grows;
  std::vector<PruneDesc> prunes;
  std::vector<AttendDesc> attends;
  std::vector<MemoryDesc> memories;
  RunDesc run;
  bool operator==(const ModelDesc &o) const;
};

/// The descriptor's text (docs/design.md, "Model descriptor").
std::string printDescriptor(const ModelDesc &model);
/// Parses the text; throws a DescriptorError naming the line on anything
/// malformed (a compiler and a runtime of different versions).
ModelDesc parseDescriptor(const char *text);

/// The array a kernel binds, by name: "ctx", "scalars", "status", or
/// "pop:P:FIELD[:NAME]" and "proj:Q:FIELD[:NAME]" (abi.h lists them).
enum class PopField {
  State, Input, Channel, Out, Importance, Spiked, Ids, Flags, Spikes,
  EditParent, EditChild, CandA, CandB, CandOk, CandScore,
};
enum class ProjField {
  RowStart, RowLen, Next, DeadRows, Pre, PostOf, Par, ByPreStart, ByPreLen, ByPre, ByPrePost, InitSlots,
  State, ByPreState,
};
struct Binding {
  enum class Scope { Ctx, Scalars, Status, Pop, Proj, Param } scope = Scope::Ctx;
  std::string target;  // the population, projection or array param
  PopField pop = PopField::State;
  ProjField proj = ProjField::State;
  std::string name;  // the state, input, channel or out (State, ByPreState, ...)
};
std::string popBinding(const std::string &pop, PopField field, const std::string &name = "");
std::string projBinding(const std::string &proj, ProjField field, const std::string &name = "");
/// "param:NAME": the f32 elements of a vector or matrix param.
std::string paramBinding(const std::string &param);
/// Null when `text` is not a binding name this contract defines.
std::optional<Binding> parseBinding(const std::string &text);
/// The field a record, report or memory key of `kind` names on a population.
PopField popFieldOf(ValueKind kind);

} // namespace ndpabi

#endif
