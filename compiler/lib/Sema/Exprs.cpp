// Checking expressions: names in their context, members, operators, types.
#include "SemaImpl.h"

#include "ndpc/Basic/SourceManager.h"
#include "ndpc/Basic/Suggest.h"

#include <utility>

namespace ndpc::sema {

bool isFlexibleLiteral(const Expr &e) {
  switch (e.kind) {
  case ExprKind::FloatLit: return true;
  case ExprKind::Unary: {
    auto &u = static_cast<const UnaryExpr &>(e);
    return u.op == UnaryOp::Neg && isFlexibleLiteral(*u.operand);
  }
  case ExprKind::Binary: {
    auto &b = static_cast<const BinaryExpr &>(e);
    bool arith = b.op == BinaryOp::Add || b.op == BinaryOp::Sub || b.op == BinaryOp::Mul ||
                 b.op == BinaryOp::Div;
    return arith && isFlexibleLiteral(*b.lhs) &&
           (isFlexibleLiteral(*b.rhs) || b.rhs->kind == ExprKind::IntLit);
  }
  default: return false;
  }
}

void Sema::adaptLiteral(Expr &e, Type to) {
  if (!to.isFloatScalar() || !isFlexibleLiteral(e)) return;
  e.type = to;
  if (auto *u = dyn<UnaryExpr>(&e)) adaptLiteral(*u->operand, to);
  if (auto *b = dyn<BinaryExpr>(&e)) {
    adaptLiteral(*b->lhs, to);
    adaptLiteral(*b->rhs, to);
    b->operandType = to;
  }
}

namespace {

struct ContextName {
  const char *name, *meaning;
  bool inEveryBlock;  // defined in neuron or synapse blocks, not only in one rule
};

const ContextName kContextNames[] = {
    {"in", "a neuron's summed synaptic input", true},
    {"pre", "a synapse's pre-synaptic neuron", true},
    {"post", "a synapse's post-synaptic neuron", true},
    {"child", "the new neuron in a divide rule", false},
    {"parent", "the dividing neuron in a divide rule", false},
    {"a", "the pre neuron in a connect rule", false},
    {"b", "the post neuron in a connect rule", false},
    {"importance", "a neuron's activation frequency", true},
    {"spiked", "whether a spiking neuron fired", true},
    {"step", "the step number", true},
    {"t", "the time, step * dt", true},
    {"novelty", "a memory region's novelty in its write condition", false},
    {"score", "the attention score in a connect topk condition", false}};

} // namespace

const char *contextNameMeaning(const std::string &n, bool everyBlockOnly) {
  for (const ContextName &c : kContextNames)
    if (n == c.name && (c.inEveryBlock || !everyBlockOnly)) return c.meaning;
  return nullptr;
}

namespace {

Type widerScalar(Type a, Type b) { return wideningRank(a) >= wideningRank(b) ? a : b; }


bool isSynapseCtx(Ctx c) {
  return c == Ctx::Transmit || c == Ctx::SynapseStep || c == Ctx::PruneCond || c == Ctx::SynapseInit;
}
bool isNeuronCtx(Ctx c) { return c == Ctx::NeuronStep || c == Ctx::SpikeCond || c == Ctx::SpikeReset || c == Ctx::Out; }
bool isDivideCtx(Ctx c) { return c == Ctx::DivideCond || c == Ctx::DivideBody; }
/// Grow-rule contexts that read one candidate neuron's values by bare name.
bool isGrowNeuronCtx(Ctx c) { return isDivideCtx(c) || c == Ctx::RemoveCond; }

/// Why a context name cannot be used here, in words a user can act on.
std::string contextNameHint(const std::string &n, const Scope &s) {
  if (n == "in") return "'in' is the summed synaptic input; it is only available in a neuron's 'on step' block and 'spike when' rule";
  if (n == "pre" || n == "post") return "'" + n + "' is only available inside a synapse";
  if (n == "child" || n == "parent") return "'" + n + "' is only available inside a 'divide' block";
  if (n == "a" || n == "b") return "'" + n + "' is only available in a grow rule's 'connect when' condition";
  if (n == "novelty") return "'novelty' is only available in a memory region's 'write when' condition";
  if (n == "score") return "'score' is only available in an attend block's 'connect topk ... when' condition";
  if (n == "spiked" && s.neuron && !s.neuron->isSpiking())
    return "'spiked' exists only for spiking neurons; add a 'spike when' rule to '" + s.neuron->name + "'";
  if (n == "importance" && isSynapseCtx(s.ctx)) return "a synapse reads 'pre.importance' or 'post.importance'";
  if ((n == "step" || n == "t") && (s.ctx == Ctx::StateInit || s.ctx == Ctx::SynapseInit))
    return "initial values are drawn before the first step; '" + n + "' is not available";
  if (s.ctx == Ctx::FnBody) return "a fn sees only its parameters and params; pass '" + n + "' as an argument";
  return "'" + n + "' is not available here";
}

} // namespace

Type Sema::memberType(const NeuronDecl *n, const std::string &name, Ref &ref, Role role) const {
  ref.role = role;
  ref.decl = n;
  auto find = [&](const std::vector<VarDecl> &vs, RefKind k) -> bool {
    for (size_t i = 0; i < vs.size(); ++i)
      if (vs[i].name == name) {
        ref.kind = k;
        ref.index = static_cast<int>(i);
        return true;
      }
    return false;
  };
  if (find(n->states, RefKind::State)) return n->states[ref.index].type;
  if (find(n->inputs, RefKind::Input)) return n->inputs[ref.index].type;
  if (find(n->channels, RefKind::Channel)) return n->channels[ref.index].type;
  if (find(n->outs, RefKind::Out)) return n->outs[ref.index].type;
  if (name == "importance") {
    ref.kind = RefKind::Importance;
    return Type::f32();
  }
  if (name == "spiked" && n->isSpiking()) {
    ref.kind = RefKind::Spiked;
    return Type::boolean();
  }
  ref.kind = RefKind::None;
  return Type::error();
}

Type Sema::checkName(NameExpr &e, const Scope &s) {
  const std::string &n = e.name;
  std::vector<std::string> visible;
  auto addMembers = [&](const NeuronDecl *nd) {
    if (!nd) return;
    for (auto *vs : {&nd->states, &nd->inputs, &nd->channels, &nd->outs})
      for (const VarDecl &v : *vs) visible.push_back(v.name);
  };

  // 1. Names of the element itself.
  if (s.ctx == Ctx::FnBody && s.fn) {
    for (size_t i = 0; i < s.fn->params.size(); ++i)
      if (s.fn->params[i].name == n) {
        e.ref = Ref{RefKind::FnParam, Role::Self, s.fn, nullptr, static_cast<int>(i)};
        return s.fn->params[i].type;
      }
    for (auto &p : s.fn->params) visible.push_back(p.name);
  }
  if ((isNeuronCtx(s.ctx) || isGrowNeuronCtx(s.ctx)) && s.neuron) {
    // A grow rule's kernels read their candidate neuron as `parent` (ndp.divide, ndp.remove).
    Role role = isGrowNeuronCtx(s.ctx) ? Role::Parent : Role::Self;
    Type t = memberType(s.neuron, n, e.ref, role);
    if (e.ref.kind != RefKind::None) {
      if (s.ctx == Ctx::Out && e.ref.kind == RefKind::Out) {
        diags_.error(e.range, "an out cannot read another out ('" + n +
                                  "'); repeat its expression or move it into a fn");
        return Type::error();
      }
      if (s.ctx == Ctx::Out && e.ref.kind == RefKind::Importance) {
        diags_.error(e.range, "an out cannot read 'importance': importance is computed from the first out");
        return Type::error();
      }
      if (s.ctx == Ctx::Out && e.ref.kind == RefKind::Channel) {
        diags_.error(e.range, "an out is read before synaptic input arrives; channel '" + n +
                                  "' is only available in 'on step'");
        return Type::error();
      }
      return t;
    }
    addMembers(s.neuron);
    visible.push_back("importance");
    if (s.neuron->isSpiking()) visible.push_back("spiked");
    if (s.ctx != Ctx::Out && !isGrowNeuronCtx(s.ctx)) visible.push_back("in");
    if (isDivideCtx(s.ctx)) { visible.push_back("parent"); visible.push_back("child"); }
    visible.push_back("step");
    visible.push_back("t");
  }
  if (isSynapseCtx(s.ctx) && s.synapse) {
    for (size_t i = 0; i < s.synapse->states.size(); ++i)
      if (s.synapse->states[i].name == n && s.ctx == Ctx::SynapseInit) {
        diags_.error(e.range, "a synapse state's initial value cannot read the synapse's states ('" + n +
                                  "'); it reads params, random draws, pre.X and post.X");
        return Type::error();
      } else if (s.synapse->states[i].name == n) {
        e.ref = Ref{RefKind::State, Role::Self, s.synapse, nullptr, static_cast<int>(i)};
        return s.synapse->states[i].type;
      }
    for (auto &v : s.synapse->states) visible.push_back(v.name);
    for (const char *c : {"pre", "post", "step", "t"}) visible.push_back(c);
  }

  // 2. Context names.
  auto roleBase = [&](Role r) {
    e.ref = Ref{RefKind::RoleBase, r, nullptr, nullptr, -1};
    diags_.error(e.range, "'" + n + "' is a neuron; read one of its values, as in '" + n + ".y'");
    return Type::error();
  };
  bool neuronLike = isNeuronCtx(s.ctx) && s.ctx != Ctx::Out;
  bool timed = s.ctx != Ctx::StateInit && s.ctx != Ctx::SynapseInit && s.ctx != Ctx::FnBody && s.ctx != Ctx::ParamInit &&
               s.ctx != Ctx::Const && s.ctx != Ctx::Report && s.ctx != Ctx::AttendTopk;
  if (n == "in" && neuronLike) {
    e.ref = Ref{RefKind::Channel, Role::Self, s.neuron, nullptr, -1};
    return Type::f32();
  }
  if (n == "importance" && neuronLike) {
    e.ref = Ref{RefKind::Importance, Role::Self, s.neuron, nullptr, -1};
    return Type::f32();
  }
  if (n == "spiked" && neuronLike && s.neuron && s.neuron->isSpiking()) {
    e.ref = Ref{RefKind::Spiked, Role::Self, s.neuron, nullptr, -1};
    return Type::boolean();
  }
  if (n == "step" && timed) {
    e.ref = Ref{RefKind::Step, Role::Self, nullptr, nullptr, -1};
    return Type::i32();
  }
  if (n == "t" && timed) {
    e.ref = Ref{RefKind::Time, Role::Self, nullptr, nullptr, -1};
    return Type::f32();
  }
  if (n == "novelty" && s.ctx == Ctx::MemoryWrite) {
    e.ref = Ref{RefKind::Novelty, Role::Self, nullptr, nullptr, -1};
    return Type::f32();
  }
  if (n == "score" && s.ctx == Ctx::AttendTopk) {
    e.ref = Ref{RefKind::Score, Role::Self, nullptr, nullptr, -1};
    return Type::f32();
  }
  if (isSynapseCtx(s.ctx) && (n == "pre" || n == "post")) return roleBase(n == "pre" ? Role::Pre : Role::Post);
  if (isDivideCtx(s.ctx) && (n == "parent" || n == "child")) return roleBase(n == "parent" ? Role::Parent : Role::Child);
  if (s.ctx == Ctx::GrowConnect && (n == "a" || n == "b")) return roleBase(n == "a" ? Role::A : Role::B);

  // 3. Params.
  if (Decl *d = lookupGlobal(n)) {
    if (auto *p = dynDecl<ParamDecl>(d)) {
      if (s.ctx == Ctx::ParamInit) {
        diags_.error(e.range, "a param's default value must be a constant, not another param ('" + n + "')");
        return Type::error();
      }
      e.ref = Ref{RefKind::Param, Role::Self, p, nullptr, -1};
      return p->type;
    }
  }
  if (s.ctx != Ctx::ParamInit && s.ctx != Ctx::Const)
    for (const ParamDecl *p : prog_->params) visible.push_back(p->name);

  // 4. Not found: say why, or suggest.
  if (contextNameMeaning(n)) {
    diags_.error(e.range, contextNameHint(n, s));
    return Type::error();
  }
  if (isSynapseCtx(s.ctx)) {
    Ref tmp;
    bool onPre = s.pre && (memberType(s.pre, n, tmp, Role::Pre), tmp.kind != RefKind::None);
    bool onPost = s.post && (memberType(s.post, n, tmp, Role::Post), tmp.kind != RefKind::None);
    if (onPre || onPost) {
      std::string fix = onPre ? "pre." + n : "post." + n;
      diags_.error(e.range, "a synapse has no '" + n + "' of its own; did you mean '" + fix + "'?", fix);
      return Type::error();
    }
  }
  if (Decl *d = lookupGlobal(n)) {
    diags_.error(e.range, "'" + n + "' is a " + declKindName(d->kind) + ", not a value");
    diags_.note(d->nameRange, "'" + n + "' is declared here");
    return Type::error();
  }
  std::string suggestion = closestName(n, visible);
  diags_.error(e.range, "unknown name '" + n + "'" + (suggestion.empty() ? "" : "; did you mean '" + suggestion + "'?"),
               suggestion);
  return Type::error();
}

Type Sema::checkMember(MemberExpr &e, const Scope &s) {
  auto *base = dyn<NameExpr>(e.base.get());
  if (!base) {
    checkExpr(*e.base, s);
    diags_.error(e.memberRange, "only a neuron ('pre', 'post', 'parent', 'child', 'a', 'b') or a "
                                "population has members; '.'" + e.member + " cannot be read here");
    return Type::error();
  }
  const std::string &bn = base->name;
  const NeuronDecl *neuron = nullptr;
  Role role = Role::Self;
  bool known = true;  // false: the neuron type is not known here (unused synapse)
  bool isRole = false;
  if (isSynapseCtx(s.ctx) && (bn == "pre" || bn == "post")) {
    isRole = true;
    role = bn == "pre" ? Role::Pre : Role::Post;
    neuron = role == Role::Pre ? s.pre : s.post;
    known = neuron != nullptr;
  } else if (isDivideCtx(s.ctx) && (bn == "parent" || bn == "child")) {
    isRole = true;
    role = bn == "parent" ? Role::Parent : Role::Child;
    neuron = s.neuron;
    if (role == Role::Child) {
      diags_.error(e.range, "'child." + e.member + "' can only be assigned; read the parent's value as '" +
                                e.member + "' or 'parent." + e.member + "'");
      return Type::error();
    }
  } else if (s.ctx == Ctx::GrowConnect && (bn == "a" || bn == "b")) {
    isRole = true;
    role = bn == "a" ? Role::A : Role::B;
    neuron = s.neuron;
  }
  if (isRole) {
    base->ref = Ref{RefKind::RoleBase, role, neuron, nullptr, -1};
    if (!known) {
      e.ref = Ref{RefKind::None, role, nullptr, nullptr, -1};
      return Type::error();
    }
    Type t = memberType(neuron, e.member, e.ref, role);
    if (e.ref.kind == RefKind::None) {
      std::vector<std::string> names;
      for (auto *vs : {&neuron->states, &neuron->inputs, &neuron->channels, &neuron->outs})
        for (const VarDecl &v : *vs) names.push_back(v.name);
      names.push_back("importance");
      std::string extra = e.member == "spiked" ? " ('spiked' exists only for spiking neurons)" : "";
      diags_.error(e.memberRange, "neuron type '" + neuron->name + "' (of '" + bn + "') has no '" +
                                      e.member + "'" + extra + didYouMean(e.member, names));
      return Type::error();
    }
    return t;
  }
  if (s.ctx == Ctx::Report) {
    if (const PopulationDecl *p = findPopulation(bn, base->range, "")) {
      base->ref = Ref{RefKind::Population, Role::Self, p, p, -1};
      if (!p->type) return Type::error();
      Type t = memberType(p->type, e.member, e.ref, Role::Self);
      e.ref.instance = p;
      if (e.ref.kind == RefKind::None) {
        diags_.error(e.memberRange, "population '" + p->name + "' (of type '" + p->type->name +
                                        "') has no '" + e.member + "'");
        return Type::error();
      }
      return t;
    }
    return Type::error();
  }
  if (contextNameMeaning(bn)) {
    diags_.error(base->range, contextNameHint(bn, s));
    return Type::error();
  }
  Decl *d = lookupGlobal(bn);
  if (dynDecl<PopulationDecl>(d)) {
    diags_.error(e.range, "population values such as '" + bn + "." + e.member +
                              "' can only be read in the run block and in memory declarations; "
                              "connect the populations with 'project' instead");
    return Type::error();
  }
  checkExpr(*base, s);
  return Type::error();
}

Type Sema::checkMatrixOperand(Expr &e, const Scope &s) {
  matrixOk_ = true;
  return checkExpr(e, s);
}

Type Sema::checkBinary(BinaryExpr &e, const Scope &s) {
  if (e.op == BinaryOp::MatVec) {
    Type m = checkMatrixOperand(*e.lhs, s), x = checkExpr(*e.rhs, s);
    e.hasRandom = e.lhs->hasRandom || e.rhs->hasRandom;
    if (m.isError() || x.isError()) return Type::error();
    if (!m.isMatrix()) {
      diags_.error(e.lhs->range, "the left of '@' must be a matrix param (param W: f32[R][C]), found " + m.str());
      return Type::error();
    }
    if (!x.isVector() || x.width != m.width) {
      diags_.error(e.rhs->range, "'@' multiplies " + m.str() + " by an f32[" + std::to_string(m.width) +
                                     "] vector, found " + x.str());
      return Type::error();
    }
    e.operandType = x;
    return Type::vec(m.rows);
  }
  Type a = checkExpr(*e.lhs, s), b = checkExpr(*e.rhs, s);
  e.hasRandom = e.lhs->hasRandom || e.rhs->hasRandom;
  if (a.isError() || b.isError()) return Type::error();
  const char *op = binaryOpSpelling(e.op);
  auto mismatch = [&](const char *need) {
    diags_.error(e.opRange, std::string("operator '") + op + "' needs " + need + ", found " + a.str() +
                                " and " + b.str());
    return Type::error();
  };
  // Literals take the other operand's float type (language.md section 2).
  if (isFlexibleLiteral(*e.lhs) && b.isFloatScalar()) { adaptLiteral(*e.lhs, b); a = e.lhs->type; }
  if (isFlexibleLiteral(*e.rhs) && a.isFloatScalar()) { adaptLiteral(*e.rhs, a); b = e.rhs->type; }

  switch (e.op) {
  case BinaryOp::Add: case BinaryOp::Sub: case BinaryOp::Mul: case BinaryOp::Div: case BinaryOp::Rem: {
    if (a.isVector() || b.isVector()) {
      if (a.isVector() && b.isVector()) {
        if (a.width != b.width) {
          diags_.error(e.opRange, std::string("vector sizes differ in '") + op + "': " + a.str() + " and " + b.str());
          return Type::error();
        }
        e.operandType = a;
        return a;
      }
      Type sc = a.isVector() ? b : a;
      if (sc.kind == Type::F64) {
        diags_.error(e.opRange, std::string("operator '") + op + "' mixes f64 with " +
                                    (a.isVector() ? a : b).str() + "; convert the f64 value with f32(...)", "f32(...)");
        return Type::error();
      }
      if (sc.kind != Type::I32 && sc.kind != Type::F32) return mismatch("numbers");
      e.operandType = a.isVector() ? a : b;
      return e.operandType;
    }
    if (!a.isNumericScalar() || !b.isNumericScalar()) return mismatch("numbers");
    e.operandType = widerScalar(a, b);
    return e.operandType;
  }
  case BinaryOp::Lt: case BinaryOp::Le: case BinaryOp::Gt: case BinaryOp::Ge:
    if (a.isVector() || b.isVector()) {
      diags_.error(e.opRange, std::string("operator '") + op + "' compares numbers, not vectors; compare elements such as v[0]");
      return Type::error();
    }
    if (!a.isNumericScalar() || !b.isNumericScalar()) return mismatch("numbers");
    e.operandType = widerScalar(a, b);
    return Type::boolean();
  case BinaryOp::Eq: case BinaryOp::Ne:
    if (a.kind == Type::Bool && b.kind == Type::Bool) {
      e.operandType = a;
      return Type::boolean();
    }
    if (!a.isNumericScalar() || !b.isNumericScalar()) return mismatch("two numbers or two bools");
    e.operandType = widerScalar(a, b);
    return Type::boolean();
  case BinaryOp::MatVec: break;  // checked above
  case BinaryOp::And: case BinaryOp::Or:
    if (a.kind != Type::Bool || b.kind != Type::Bool) {
      diags_.error(e.opRange, std::string("operator '") + op + "' needs two bools, found " + a.str() + " and " +
                                  b.str() + "; compare numbers first, as in 'x > 0'");
      return Type::error();
    }
    e.operandType = a;
    return Type::boolean();
  }
  return Type::error();
}

Type Sema::checkExpr(Expr &e, const Scope &s) {
  const bool matrixOk = std::exchange(matrixOk_, false);
  Type t = Type::error();
  switch (e.kind) {
  case ExprKind::IntLit:
    if (static_cast<IntLit &>(e).value > 2147483647) {
      diags_.error(e.range, "integer does not fit in i32 (at most 2147483647); write it as a float");
      break;
    }
    t = Type::i32();
    break;
  case ExprKind::FloatLit: t = e.type.isFloatScalar() ? e.type : Type::f32(); break;
  case ExprKind::BoolLit: t = Type::boolean(); break;
  case ExprKind::StringLit:
    diags_.error(e.range, "a string can only name a file (in load(...), 'from' or 'to') or a task");
    break;
  case ExprKind::Name:
    t = checkName(static_cast<NameExpr &>(e), s);
    if (t.isMatrix() && !matrixOk) {
      const std::string &n = static_cast<NameExpr &>(e).name;
      diags_.error(e.range, "matrix param '" + n + "' (" + t.str() + ") is read as a product '" + n +
                                " @ x' or as a row '" + n + "[i]'");
      t = Type::error();
    }
    break;
  case ExprKind::Member: t = checkMember(static_cast<MemberExpr &>(e), s); break;
  case ExprKind::Index: {
    auto &ix = static_cast<IndexExpr &>(e);
    Type bt = checkMatrixOperand(*ix.base, s), it = checkExpr(*ix.index, s);
    e.hasRandom = ix.base->hasRandom || ix.index->hasRandom;
    if (bt.isError() || it.isError()) break;
    const uint32_t count = bt.isMatrix() ? bt.rows : bt.width;
    if (!bt.isVector() && !bt.isMatrix()) {
      diags_.error(ix.base->range, "only vectors can be indexed; this is " + bt.str());
      break;
    }
    if (it.kind != Type::I32) {
      diags_.error(ix.index->range, "an index must be i32, found " + it.str() + "; convert with i32(...)", "i32(...)");
      break;
    }
    ConstFault why;
    std::optional<int64_t> c = evalInt(*ix.index, &why);
    if (reportConstFault(why, "the index")) break;
    if (c) {
      if (*c < 0 || *c >= count) {
        diags_.error(ix.index->range, "index " + std::to_string(*c) + " is out of range for " + bt.str() +
                                          " (0 to " + std::to_string(count - 1) + ")");
        break;
      }
      ix.constIndex = *c;
    }
    t = bt.isMatrix() ? Type::vec(bt.width) : Type::f32();
    break;
  }
  case ExprKind::Call: t = checkCall(static_cast<CallExpr &>(e), s); break;
  case ExprKind::Unary: {
    auto &u = static_cast<UnaryExpr &>(e);
    if (auto *lit = dyn<IntLit>(u.operand.get()); lit && lit->value == 2147483648 && u.op == UnaryOp::Neg) {
      lit->type = Type::i32();
      t = Type::i32();
      break;
    }
    Type ot = checkExpr(*u.operand, s);
    e.hasRandom = u.operand->hasRandom;
    if (ot.isError()) break;
    if (u.op == UnaryOp::Neg) {
      if (!ot.isNumericScalar() && !ot.isVector()) {
        diags_.error(e.range, "unary '-' needs a number, found " + ot.str());
        break;
      }
    } else if (ot.kind != Type::Bool) {
      diags_.error(e.range, "'!' needs a bool, found " + ot.str() + "; compare first, as in 'x == 0'");
      break;
    }
    t = ot;
    break;
  }
  case ExprKind::Binary: t = checkBinary(static_cast<BinaryExpr &>(e), s); break;
  case ExprKind::Cond: {
    auto &c = static_cast<CondExpr &>(e);
    Type ct = checkExpr(*c.cond, s), a = checkExpr(*c.thenExpr, s), b = checkExpr(*c.elseExpr, s);
    e.hasRandom = c.cond->hasRandom || c.thenExpr->hasRandom || c.elseExpr->hasRandom;
    if (!ct.isError() && ct.kind != Type::Bool)
      diags_.error(c.cond->range, "the condition of '?:' must be a bool, found " + ct.str());
    if (ct.isError() || a.isError() || b.isError() || ct.kind != Type::Bool) break;
    if (isFlexibleLiteral(*c.thenExpr) && b.isFloatScalar()) { adaptLiteral(*c.thenExpr, b); a = b; }
    if (isFlexibleLiteral(*c.elseExpr) && a.isFloatScalar()) { adaptLiteral(*c.elseExpr, a); b = a; }
    if (a == b) t = a;
    else if (widensTo(a, b)) t = b;
    else if (widensTo(b, a)) t = a;
    else diags_.error(e.range, "the branches of '?:' have types " + a.str() + " and " + b.str() +
                                   "; convert one of them explicitly");
    break;
  }
  }
  e.type = t;
  return t;
}

void Sema::expectType(Expr &e, Type want, const Scope &s, const std::string &what) {
  Type got = checkExpr(e, s);
  if (got.isError() || want.isError()) return;
  if (isFlexibleLiteral(e) && want.isFloatScalar()) {
    adaptLiteral(e, want);
    return;
  }
  if (widensTo(got, want)) return;
  std::string fix;
  if (want.isScalar()) fix = want.str() + "(" + sourceText(sm_, e.range) + ")";
  std::string hint = fix.empty() ? "" : "; convert explicitly: " + fix;
  if (want.isVector() && got.isVector()) hint = "; the vector sizes must match";
  diags_.error(e.range, what + " has type " + want.str() + ", but this value is " + got.str() + hint, fix);
}

} // namespace ndpc::sema
