// Sema's internals, shared by its files.
#ifndef NDPC_LIB_SEMA_SEMAIMPL_H
#define NDPC_LIB_SEMA_SEMAIMPL_H

#include "ndpc/AST/Decl.h"
#include "ndpc/Basic/Diagnostics.h"
#include "ndpc/Sema/Sema.h"

#include <map>
#include <optional>
#include <set>
#include <string>

namespace ndpc::sema {

/// What a context name (language.md section 1: in, pre, step, ...) means where
/// it is defined; null for any other name. `everyBlockOnly`: only the names
/// that neuron or synapse blocks define (not those of one kind of rule, such
/// as `a` and `b` in connect, which params are often called).
const char *contextNameMeaning(const std::string &name, bool everyBlockOnly = false);

using namespace ast;

/// Where an expression stands decides which names it may use (language.md
/// section 4): `in` only in a neuron's step, `pre`/`post` only in synapses, ...
enum class Ctx {
  Const,        // sizes, counts, `every`: literals and arithmetic only
  ParamInit,    // a param's default value
  FnBody,       // fn parameters and params
  StateInit,    // a state's initial value: params, random draws, load(...)
  SynapseInit,  // a synapse state's initial value: also pre.X and post.X
  Out,          // a neuron's out: own state, inputs, params, step, t
  NeuronStep,   // own state (assignable), in, channels, inputs, outs, importance, ...
  SpikeCond,    // like NeuronStep, read-only
  SpikeReset,   // assigns own state
  Transmit,     // own synapse state, pre.X, post.X
  SynapseStep,  // own synapse state (assignable), pre.X, post.X
  PruneCond,    // like Transmit
  DivideCond,   // the candidate parent's values by bare name
  RemoveCond,   // the candidate neuron's values by bare name
  DivideBody,   // child.X = ...; reads parent values
  GrowConnect,  // a.X, b.X
  MemoryWrite,  // novelty
  AttendTopk,   // score
  Report,       // report items
};

/// Everything an expression check needs to know about its surroundings.
struct Scope {
  Ctx ctx = Ctx::Const;
  const NeuronDecl *neuron = nullptr;    // self (neuron contexts) or the grown population's type
  const SynapseDecl *synapse = nullptr;  // self (synapse contexts)
  const NeuronDecl *pre = nullptr;       // synapse instantiation (null: not known here)
  const NeuronDecl *post = nullptr;
  const FnDecl *fn = nullptr;
  std::string where;                     // "neuron 'Cell'", for messages
};

class Sema {
public:
  Sema(SourceManager &sm, DiagnosticEngine &diags, const SemaOptions &opts)
      : sm_(sm), diags_(diags), opts_(opts) {}

  std::unique_ptr<Program> run(uint32_t mainFile);

  // Imports.cpp
  bool loadImports(SourceFile &file, std::vector<std::string> &stack);
  /// The stdlib file ("std/plasticity.ndp") that defines fn `fn`, or "".
  std::string stdlibFileDefining(const std::string &fn) const;
  std::optional<std::string> resolveImport(const std::string &path, const SourceFile &from,
                                           std::vector<std::string> &tried) const;

  // Declarations.cpp
  void collectGlobals();
  void checkParam(ParamDecl &p);
  /// A vector or matrix param's value: a fill constant, a draw, or a file.
  void checkArrayParam(ParamDecl &p);
  void checkFn(FnDecl &f);
  void checkStateInit(VarDecl &v, const Scope &init);
  void checkNeuron(NeuronDecl &n);
  void checkSynapse(SynapseDecl &s);
  void checkSynapseBodies(SynapseDecl &s, Scope base);
  void checkBlock(Block &b, Scope scope, const std::vector<VarDecl> *assignable,
                  const char *blockName);

  // Instances.cpp
  void checkPopulation(PopulationDecl &p);
  void checkMemory(MemoryDecl &m);
  void checkProject(ProjectDecl &p);
  /// Checks a synapse type's bodies with `pre` and `post` neuron types, and that
  /// every use reads pre.X and post.X with the same types.
  void checkSynapseUse(const SynapseDecl &type, const NeuronDecl *pre, const NeuronDecl *post, SourceRange where,
                       const std::string &context, const std::string &use);
  void checkAttend(AttendDecl &a);
  void checkGrow(GrowDecl &g);
  void checkPrune(PruneDecl &p);
  void checkUnusedSynapses();

  // RunBlock.cpp
  void checkRun(RunDecl &r);
  /// `record S.x`: true when S is a synapse type (its state is then resolved here).
  bool checkSynapseRecord(Record &rec);

  // Exprs.cpp
  Type checkExpr(Expr &e, const Scope &s);
  /// Checks `e` and reports unless its type widens to `want`.
  void expectType(Expr &e, Type want, const Scope &s, const std::string &what);
  Type checkName(NameExpr &e, const Scope &s);
  Type checkMember(MemberExpr &e, const Scope &s);
  Type checkCall(CallExpr &e, const Scope &s);
  Type checkBinary(BinaryExpr &e, const Scope &s);
  /// Checks the left operand of `@` or the base of an index, where a matrix param may stand.
  Type checkMatrixOperand(Expr &e, const Scope &s);
  Type memberType(const NeuronDecl *n, const std::string &name, Ref &ref, Role role) const;
  void adaptLiteral(Expr &e, Type to);

  // Builtins.cpp
  Type checkBuiltinCall(CallExpr &e, const Scope &s);

  // ConstEval.cpp
  /// `matrixOk`: a param's type, which may be f32[R][C].
  Type resolveType(const TypeRef &t, bool matrixOk = false);
  /// Why a constant expression did not fold although it is made of constants:
  /// a division by zero or an overflow, at the operation that caused it.
  struct ConstFault {
    SourceRange range;
    std::string message;  // empty: not a constant at all
  };
  std::optional<int64_t> evalInt(const Expr &e, ConstFault *why = nullptr);
  std::optional<double> evalFloat(const Expr &e, ConstFault *why = nullptr);
  /// Reports `why` when it says more than "not a constant"; returns whether it did.
  bool reportConstFault(const ConstFault &why, const std::string &what);
  /// Folds a setting that must be a constant integer within [lo, hi].
  bool foldInt(Setting &s, const char *what, int64_t lo, int64_t hi);
  bool foldFloat(Setting &s, const char *what, double lo, double hi, bool loOpen = false);

  // Helpers
  Decl *lookupGlobal(const std::string &name) const;
  std::vector<std::string> globalNames(DeclKind k1, DeclKind k2 = DeclKind::Model) const;
  const PopulationDecl *findPopulation(const std::string &name, SourceRange r, const char *role);
  const SynapseDecl *findSynapse(const std::string &name, SourceRange r);
  bool isBuiltinName(const std::string &n) const;

  SourceManager &sm_;
  DiagnosticEngine &diags_;
  const SemaOptions &opts_;
  std::unique_ptr<Program> prog_;
  std::map<std::string, SourceFile *> loaded_;  // canonical path -> file

  // fn checking state: 0 unchecked, 1 in progress, 2 done
  std::map<const FnDecl *, int> fnState_;

  /// Every call of a fn copies its body (and the bodies it calls) into the
  /// model, so calls that each call the previous fn twice grow as 2^depth:
  /// bounded here, where the model's line can be named, instead of in
  /// code generation, which would never finish.
  static constexpr uint64_t kMaxInlinedOps = 100000;
  /// The operations one call of `fn` inlines; saturates past the limit.
  uint64_t inlinedOps(const FnDecl &fn);
  /// Adds a call outside any fn to the model's total; reports the first call
  /// that takes it past kMaxInlinedOps.
  void countInlinedCall(const CallExpr &call, const FnDecl &fn);
  std::map<const FnDecl *, uint64_t> inlinedOps_;
  uint64_t inlinedTotal_ = 0;
  bool inlineLimitReported_ = false;
  bool matrixOk_ = false;  // the expression checked next may be a matrix param (checkMatrixOperand)
  std::vector<const FnDecl *> fnStack_;
  std::set<const SynapseDecl *> usedSynapses_;
};

/// Is `e` a literal whose type adapts to the other operand (language.md section 2)?
bool isFlexibleLiteral(const Expr &e);
/// Source text of an expression's range, for fix-its.
std::string sourceText(const SourceManager &sm, SourceRange r);

} // namespace ndpc::sema

#endif
