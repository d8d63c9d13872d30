// The AST of declarations (model, import, param, fn, neuron, synapse,
// population, memory, project, attend, grow, prune, run), owned and free of
// ANTLR types; Sema fills in what names and types resolve to.
#ifndef NDPC_AST_DECL_H
#define NDPC_AST_DECL_H

#include "ndpc/AST/Expr.h"

#include <map>
#include <optional>

namespace ndpc::ast {

/// `f32`, `i32`, `f32[16]` as written; Sema resolves it to a Type.
struct TypeRef {
  std::string name;
  SourceRange range;
  ExprPtr size;  // the N of f32[N] (the R of f32[R][C]), if written
  ExprPtr cols;  // the C of f32[R][C], if written (params only)
};

/// A setting written as `word expr;` (sizes, counts, rates). Sema folds the
/// expression into `intValue`/`floatValue` where the language needs a constant.
struct Setting {
  SourceRange range;  // the whole option; invalid when not written
  ExprPtr expr;
  int64_t intValue = 0;
  double floatValue = 0.0;
  bool present() const { return range.valid(); }
};

/// `state v: f32 = 0.0;`, `input x;`, `channel ge;`, `out y = tanh(v);`
struct VarDecl {
  std::string name;
  SourceRange nameRange;
  SourceRange range;
  std::optional<TypeRef> typeRef;
  Type type;        // set by Sema (f32 when not written)
  ExprPtr init;     // state initialiser or out expression
};

struct Stmt {
  enum Kind { Assign, Split } kind = Assign;
  SourceRange range;
  ExprPtr lhs, rhs;
};

struct Block {
  SourceRange range;
  std::vector<Stmt> stmts;
};

enum class DeclKind { Model, Import, Param, Fn, Neuron, Synapse, Population, Memory, Project, Attend, Grow, Prune, Run };
const char *declKindName(DeclKind k);

struct Decl {
  DeclKind kind;
  SourceRange range;
  std::string name;
  SourceRange nameRange;
  explicit Decl(DeclKind k) : kind(k) {}
  virtual ~Decl() = default;
};
using DeclPtr = std::unique_ptr<Decl>;

struct ModelDecl : Decl { ModelDecl() : Decl(DeclKind::Model) {} };

struct ImportDecl : Decl {
  std::string path;         // as written
  SourceRange pathRange;
  uint32_t resolvedFile = 0;
  ImportDecl() : Decl(DeclKind::Import) {}
};

struct ParamDecl : Decl {
  TypeRef typeRef;
  Type type;
  ExprPtr init;               // null for `from "FILE"`
  std::string file;           // `from "FILE"`: a vector or matrix param's .npy
  SourceRange fileRange;
  double defaultValue = 0.0;  // folded by Sema; a vector or matrix param's fill value
  // A vector or matrix param drawn from the run seed: `= normal(a, b)` or `= uniform(a, b)`.
  enum class Draw { None, Normal, Uniform } draw = Draw::None;
  double drawA = 0.0, drawB = 0.0;
  ParamDecl() : Decl(DeclKind::Param) {}
};

struct FnParam {
  std::string name;
  SourceRange range;
  std::optional<TypeRef> typeRef;
  Type type;  // f32 when not written
};

struct FnDecl : Decl {
  std::vector<FnParam> params;
  std::optional<TypeRef> retTypeRef;
  Type retType;  // written, or inferred from the body
  ExprPtr body;
  FnDecl() : Decl(DeclKind::Fn) {}
};

struct SpikeRule {
  SourceRange range;
  ExprPtr cond;
  std::unique_ptr<Block> reset;  // may be null
};

struct NeuronDecl : Decl {
  std::vector<VarDecl> states, inputs, channels, outs;
  std::unique_ptr<Block> onStep;
  std::unique_ptr<SpikeRule> spike;
  NeuronDecl() : Decl(DeclKind::Neuron) {}
  bool isSpiking() const { return spike != nullptr; }
};

struct Transmit {
  SourceRange range;
  std::string channel;  // empty: the default `in`
  SourceRange channelRange;
  ExprPtr expr;
  Type type;  // the channel's (f32 or f32[d]), set by Sema from the first projection's post type
  const NeuronDecl *typeFrom = nullptr;
};

struct SynapseDecl : Decl {
  std::vector<VarDecl> states;
  Setting multiplicity;            // 1 when not written
  std::unique_ptr<Transmit> transmit;
  std::unique_ptr<Block> onStep;
  SynapseDecl() : Decl(DeclKind::Synapse) {}
};

/// A population, or (kind Memory) a memory region, which is a population of slots.
struct PopulationDecl : Decl {
  std::string typeName;
  SourceRange typeRange;
  Setting size, max, decay;
  const NeuronDecl *type = nullptr;  // set by Sema
  PopulationDecl() : Decl(DeclKind::Population) {}
protected:
  explicit PopulationDecl(DeclKind k) : Decl(k) {}
};

struct MemoryDecl : PopulationDecl {
  SourceRange keyRange, valueRange, writeRange;
  ExprPtr key;        // P.x
  ExprPtr value;      // Q
  Setting sparsity;
  ExprPtr writeCond;
  const PopulationDecl *keyPop = nullptr, *valuePop = nullptr;  // set by Sema
  MemoryDecl() : PopulationDecl(DeclKind::Memory) {}
};

enum class Connectivity { None, All, OneToOne, Fanin, Prob, From };
const char *connectivityName(Connectivity c);

struct ProjectDecl : Decl {
  std::string pre, post, synapse;
  SourceRange preRange, postRange, synapseRange;
  Connectivity conn = Connectivity::None;
  Setting connSetting;  // fanin K, p P, from "file"
  std::string fromPath;
  const PopulationDecl *prePop = nullptr, *postPop = nullptr;  // set by Sema
  const SynapseDecl *synType = nullptr;
  ProjectDecl() : Decl(DeclKind::Project) {}
};

struct AttendDecl : Decl {
  std::string population;  // also `name`
  std::string embedding, over;
  SourceRange embeddingRange, overRange, topkRange;
  Setting heads, edgeDim, every, topk;
  ExprPtr topkCond;
  const PopulationDecl *pop = nullptr;
  const SynapseDecl *overType = nullptr;
  int embeddingIndex = -1;
  AttendDecl() : Decl(DeclKind::Attend) {}
};

struct DivideRule {
  SourceRange range;
  ExprPtr cond;
  std::unique_ptr<Block> body;
  bool split = false;  // set by Sema from the body
};

/// `remove when C;`: the neurons where C holds leave, with their synapses.
struct RemoveRule {
  SourceRange range;
  ExprPtr cond;
};

struct ConnectRule {
  SourceRange range;
  ExprPtr cond;
  std::string synapse;
  SourceRange synapseRange;
  const SynapseDecl *synType = nullptr;
};

struct GrowDecl : Decl {
  Setting every;
  std::vector<RemoveRule> removes;
  std::vector<DivideRule> divides;
  std::vector<ConnectRule> connects;
  const PopulationDecl *pop = nullptr;
  GrowDecl() : Decl(DeclKind::Grow) {}
};

struct PruneDecl : Decl {
  ExprPtr cond;
  Setting forSteps;  // 1 when not written
  const SynapseDecl *synType = nullptr;
  PruneDecl() : Decl(DeclKind::Prune) {}
};

/// A built-in input stream (language.md section 4, `task`).
struct TaskSpec {
  std::string name;  // "patterns"
  int64_t n = 0, size = 0, hold = 1;
  double noise = 0.0;
};

struct Feed {
  SourceRange range;
  ExprPtr target;  // pop.input
  ExprPtr source;  // "file.npy" | task(...) | task(...).target
  // Set by Sema:
  const PopulationDecl *pop = nullptr;
  int inputIndex = -1;
  std::string file;          // for a file source
  std::optional<TaskSpec> task;
  bool taskTarget = false;   // task(...).target
};

struct Record {
  SourceRange range;
  ExprPtr target;  // pop.var
  Setting every;   // 1 when not written
  ExprPtr path;
  // Set by Sema:
  const PopulationDecl *pop = nullptr;
  Ref var;                   // what is recorded (kind, index)
  std::string file;
  const SynapseDecl *synType = nullptr;  // `record S.w`: a synapse state, one entry per synapse
};

struct Periodic {
  SourceRange range;
  Setting every;
  ExprPtr path;
  std::string file;  // set by Sema
};

struct RunDecl : Decl {
  Setting seed, steps, dt;
  std::vector<Feed> feeds;
  std::vector<Record> records;
  std::optional<Periodic> snapshot, checkpoint;
  std::vector<ExprPtr> report;
  RunDecl() : Decl(DeclKind::Run) {}
};

template <class T> T *dynDecl(Decl *d);
template <class T> const T *dynDecl(const Decl *d);
#define NDPC_DECL_CAST(T, COND)                                                        \
  template <> inline T *dynDecl<T>(Decl * d) { return d && (COND) ? static_cast<T *>(d) : nullptr; } \
  template <> inline const T *dynDecl<T>(const Decl *d) {                              \
    return d && (COND) ? static_cast<const T *>(d) : nullptr;                          \
  }
NDPC_DECL_CAST(ModelDecl, d->kind == DeclKind::Model)
NDPC_DECL_CAST(ImportDecl, d->kind == DeclKind::Import)
NDPC_DECL_CAST(ParamDecl, d->kind == DeclKind::Param)
NDPC_DECL_CAST(FnDecl, d->kind == DeclKind::Fn)
NDPC_DECL_CAST(NeuronDecl, d->kind == DeclKind::Neuron)
NDPC_DECL_CAST(SynapseDecl, d->kind == DeclKind::Synapse)
NDPC_DECL_CAST(PopulationDecl, d->kind == DeclKind::Population || d->kind == DeclKind::Memory)
NDPC_DECL_CAST(MemoryDecl, d->kind == DeclKind::Memory)
NDPC_DECL_CAST(ProjectDecl, d->kind == DeclKind::Project)
NDPC_DECL_CAST(AttendDecl, d->kind == DeclKind::Attend)
NDPC_DECL_CAST(GrowDecl, d->kind == DeclKind::Grow)
NDPC_DECL_CAST(PruneDecl, d->kind == DeclKind::Prune)
NDPC_DECL_CAST(RunDecl, d->kind == DeclKind::Run)
#undef NDPC_DECL_CAST

/// One parsed `.ndp` file.
struct SourceFile {
  uint32_t fileId = 0;
  std::string path;
  bool isMain = false;
  std::vector<DeclPtr> decls;
};

/// The main file and everything it imports, with the global names Sema resolved.
struct Program {
  std::vector<std::unique_ptr<SourceFile>> files;  // main file first
  SourceFile *main = nullptr;
  const ModelDecl *model = nullptr;
  const RunDecl *run = nullptr;
  std::map<std::string, Decl *> globals;  // fn, param, neuron, synapse, population, memory

  // Declaration order of the main file (language.md section 5: "in declaration order").
  std::vector<const PopulationDecl *> populations;  // populations and memory regions
  std::vector<const ProjectDecl *> projections;
  std::vector<const AttendDecl *> attends;
  std::vector<const GrowDecl *> grows;
  std::vector<const PruneDecl *> prunes;
  std::vector<const ParamDecl *> params;
};

} // namespace ndpc::ast

#endif
