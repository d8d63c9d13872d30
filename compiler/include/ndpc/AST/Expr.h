// The AST of expressions, with the references and types Sema resolves.
#ifndef NDPC_AST_EXPR_H
#define NDPC_AST_EXPR_H

#include "ndpc/AST/Type.h"
#include "ndpc/Basic/SourceLocation.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace ndpc::ast {

struct Decl;
struct FnDecl;

enum class ExprKind { IntLit, FloatLit, BoolLit, StringLit, Name, Member, Index, Call, Unary, Binary, Cond };

/// Whose value a name reads: the element being updated, or one related to it.
enum class Role : uint8_t { Self, Pre, Post, Parent, Child, A, B };
const char *roleName(Role r);

/// What a name or member expression refers to, filled in by Sema.
enum class RefKind : uint8_t {
  None,
  Param,       // model param (decl = ParamDecl)
  FnParam,     // parameter of the enclosing fn (index)
  State,       // state of a neuron or synapse (decl = type, index)
  Input,       // neuron input
  Channel,     // neuron input channel (index; -1 is the default `in`)
  Out,         // neuron out
  Importance,  // built-in per-neuron activation frequency
  Spiked,      // built-in per-neuron spike flag
  Step,        // current step (i32)
  Time,        // step * dt (f32)
  Novelty,     // memory write condition
  Score,       // attend topk condition
  RoleBase,    // the bare `pre`, `post`, `child`, ... before a `.member`
  Population,  // a population or memory region (decl)
  SynapseType, // a synapse type (decl)
};
const char *refKindName(RefKind k);
/// "an input", "a state": for messages that say what a name is.
std::string refKindWithArticle(RefKind k);

struct Ref {
  RefKind kind = RefKind::None;
  Role role = Role::Self;
  const Decl *decl = nullptr;      // the param, neuron/synapse type, or population
  const Decl *instance = nullptr;  // population/memory for `pop.member` in run/memory
  int index = -1;
};

struct Expr {
  ExprKind kind;
  SourceRange range;
  Type type;               // set by Sema
  bool hasRandom = false;  // set by Sema: a random draw occurs in this subtree

  explicit Expr(ExprKind k, SourceRange r) : kind(k), range(r) {}
  virtual ~Expr() = default;
};
using ExprPtr = std::unique_ptr<Expr>;

struct IntLit : Expr {
  int64_t value;
  IntLit(SourceRange r, int64_t v) : Expr(ExprKind::IntLit, r), value(v) {}
};

struct FloatLit : Expr {
  double value;
  std::string spelling;
  FloatLit(SourceRange r, double v, std::string s)
      : Expr(ExprKind::FloatLit, r), value(v), spelling(std::move(s)) {}
};

struct BoolLit : Expr {
  bool value;
  BoolLit(SourceRange r, bool v) : Expr(ExprKind::BoolLit, r), value(v) {}
};

struct StringLit : Expr {
  std::string value;
  StringLit(SourceRange r, std::string v) : Expr(ExprKind::StringLit, r), value(std::move(v)) {}
};

struct NameExpr : Expr {
  std::string name;
  Ref ref;
  NameExpr(SourceRange r, std::string n) : Expr(ExprKind::Name, r), name(std::move(n)) {}
};

struct MemberExpr : Expr {
  ExprPtr base;
  std::string member;
  SourceRange memberRange;
  Ref ref;
  MemberExpr(SourceRange r, ExprPtr b, std::string m, SourceRange mr)
      : Expr(ExprKind::Member, r), base(std::move(b)), member(std::move(m)), memberRange(mr) {}
};

struct IndexExpr : Expr {
  ExprPtr base, index;
  int64_t constIndex = -1;  // set by Sema when the index is a constant
  IndexExpr(SourceRange r, ExprPtr b, ExprPtr i)
      : Expr(ExprKind::Index, r), base(std::move(b)), index(std::move(i)) {}
};

/// Built-in functions (language.md section 3) and the run/initialiser forms.
enum class Builtin : uint8_t {
  None,
  Exp, Log, Sqrt, Abs, Tanh, Sigmoid, Relu, Softplus, Sign, Floor,
  Min, Max, Pow, Clamp,
  Dot, Norm, Sum,
  Uniform, Normal, Bernoulli,
  ToF32, ToF64, ToI32, ToBool,
  Load, Task, Accuracy, Mse, Neurons, Synapses,
};

struct CallArg {
  std::string name;  // empty unless written `name = value`
  SourceRange nameRange;
  ExprPtr value;
};

struct CallExpr : Expr {
  std::string callee;
  SourceRange calleeRange;
  std::vector<CallArg> args;
  Builtin builtin = Builtin::None;  // set by Sema
  const FnDecl *fn = nullptr;       // set by Sema for user functions
  Type argType;                     // set by Sema: built-in math converts its arguments to it
  int64_t windowFrom = -1, windowTo = -1;  // a report item's from= and to= (Sema); -1: not written
  CallExpr(SourceRange r, std::string c, SourceRange cr)
      : Expr(ExprKind::Call, r), callee(std::move(c)), calleeRange(cr) {}
};

enum class UnaryOp : uint8_t { Neg, Not };

struct UnaryExpr : Expr {
  UnaryOp op;
  ExprPtr operand;
  UnaryExpr(SourceRange r, UnaryOp o, ExprPtr e) : Expr(ExprKind::Unary, r), op(o), operand(std::move(e)) {}
};

enum class BinaryOp : uint8_t { Add, Sub, Mul, Div, Rem, MatVec, Lt, Le, Gt, Ge, Eq, Ne, And, Or };
const char *binaryOpSpelling(BinaryOp op);

struct BinaryExpr : Expr {
  BinaryOp op;
  ExprPtr lhs, rhs;
  SourceRange opRange;
  Type operandType;  // set by Sema: both operands are converted to it before the op
  BinaryExpr(SourceRange r, BinaryOp o, ExprPtr l, ExprPtr rr, SourceRange orange)
      : Expr(ExprKind::Binary, r), op(o), lhs(std::move(l)), rhs(std::move(rr)), opRange(orange) {}
};

struct CondExpr : Expr {
  ExprPtr cond, thenExpr, elseExpr;
  CondExpr(SourceRange r, ExprPtr c, ExprPtr t, ExprPtr e)
      : Expr(ExprKind::Cond, r), cond(std::move(c)), thenExpr(std::move(t)), elseExpr(std::move(e)) {}
};

template <class T> T *dyn(Expr *e);
template <class T> const T *dyn(const Expr *e);

#define NDPC_EXPR_CAST(T, K)                                                   \
  template <> inline T *dyn<T>(Expr * e) {                                     \
    return e && e->kind == ExprKind::K ? static_cast<T *>(e) : nullptr;        \
  }                                                                            \
  template <> inline const T *dyn<T>(const Expr *e) {                          \
    return e && e->kind == ExprKind::K ? static_cast<const T *>(e) : nullptr;  \
  }
NDPC_EXPR_CAST(IntLit, IntLit)
NDPC_EXPR_CAST(FloatLit, FloatLit)
NDPC_EXPR_CAST(BoolLit, BoolLit)
NDPC_EXPR_CAST(StringLit, StringLit)
NDPC_EXPR_CAST(NameExpr, Name)
NDPC_EXPR_CAST(MemberExpr, Member)
NDPC_EXPR_CAST(IndexExpr, Index)
NDPC_EXPR_CAST(CallExpr, Call)
NDPC_EXPR_CAST(UnaryExpr, Unary)
NDPC_EXPR_CAST(BinaryExpr, Binary)
NDPC_EXPR_CAST(CondExpr, Cond)
#undef NDPC_EXPR_CAST

} // namespace ndpc::ast

#endif
