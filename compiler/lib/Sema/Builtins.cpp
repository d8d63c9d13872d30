// Checking calls: built-in functions, user fns (and the size they inline to).
#include "SemaImpl.h"

#include "ndpc/AST/Walk.h"

#include "ndpc/Basic/Suggest.h"

#include <algorithm>

namespace ndpc::sema {

namespace {

enum class Sig {
  FloatMath,    // numbers or vectors -> float of the same shape (i32 becomes f32)
  SameNumeric,  // numbers or vectors -> the common type
  Dot,          // two vectors of one size -> f32
  Reduce,       // one vector -> f32
  Random,       // numbers -> f32 (bernoulli: bool)
  Convert,      // one scalar -> the named type
  Special,      // load / task / report items: checked where they may appear
};

struct BuiltinInfo {
  const char *name;
  Builtin id;
  unsigned minArgs, maxArgs;
  Sig sig;
  const char *usage;
};

const BuiltinInfo kBuiltins[] = {
    {"exp", Builtin::Exp, 1, 1, Sig::FloatMath, "exp(x)"},
    {"log", Builtin::Log, 1, 1, Sig::FloatMath, "log(x)"},
    {"sqrt", Builtin::Sqrt, 1, 1, Sig::FloatMath, "sqrt(x)"},
    {"tanh", Builtin::Tanh, 1, 1, Sig::FloatMath, "tanh(x)"},
    {"sigmoid", Builtin::Sigmoid, 1, 1, Sig::FloatMath, "sigmoid(x)"},
    {"softplus", Builtin::Softplus, 1, 1, Sig::FloatMath, "softplus(x)"},
    {"floor", Builtin::Floor, 1, 1, Sig::FloatMath, "floor(x)"},
    {"pow", Builtin::Pow, 2, 2, Sig::FloatMath, "pow(base, exponent)"},
    {"abs", Builtin::Abs, 1, 1, Sig::SameNumeric, "abs(x)"},
    {"relu", Builtin::Relu, 1, 1, Sig::SameNumeric, "relu(x)"},
    {"sign", Builtin::Sign, 1, 1, Sig::SameNumeric, "sign(x)"},
    {"min", Builtin::Min, 2, 2, Sig::SameNumeric, "min(a, b)"},
    {"max", Builtin::Max, 2, 2, Sig::SameNumeric, "max(a, b)"},
    {"clamp", Builtin::Clamp, 3, 3, Sig::SameNumeric, "clamp(x, lo, hi)"},
    {"dot", Builtin::Dot, 2, 2, Sig::Dot, "dot(a, b)"},
    {"norm", Builtin::Norm, 1, 1, Sig::Reduce, "norm(v)"},
    {"sum", Builtin::Sum, 1, 1, Sig::Reduce, "sum(v)"},
    {"uniform", Builtin::Uniform, 2, 2, Sig::Random, "uniform(lo, hi)"},
    {"normal", Builtin::Normal, 2, 2, Sig::Random, "normal(mean, stddev)"},
    {"bernoulli", Builtin::Bernoulli, 1, 1, Sig::Random, "bernoulli(p)"},
    {"f32", Builtin::ToF32, 1, 1, Sig::Convert, "f32(x)"},
    {"f64", Builtin::ToF64, 1, 1, Sig::Convert, "f64(x)"},
    {"i32", Builtin::ToI32, 1, 1, Sig::Convert, "i32(x)"},
    {"bool", Builtin::ToBool, 1, 1, Sig::Convert, "bool(x)"},
    {"load", Builtin::Load, 1, 1, Sig::Special, "load(\"file.npy\")"},
    {"task", Builtin::Task, 1, 5, Sig::Special, "task(\"patterns\", n=N, size=S)"},
    {"accuracy", Builtin::Accuracy, 2, 2, Sig::Special, "accuracy(P.x, P.target)"},
    {"neurons", Builtin::Neurons, 1, 1, Sig::Special, "neurons(POPULATION)"},
    {"synapses", Builtin::Synapses, 1, 1, Sig::Special, "synapses(SYNAPSE)"},
};

const BuiltinInfo *findBuiltin(const std::string &n) {
  for (const BuiltinInfo &b : kBuiltins)
    if (n == b.name) return &b;
  return nullptr;
}

Type floatOf(Type t) { return t.kind == Type::I32 ? Type::f32() : t; }

} // namespace

bool Sema::isBuiltinName(const std::string &n) const { return findBuiltin(n) != nullptr; }

Type Sema::checkCall(CallExpr &e, const Scope &s) {
  if (findBuiltin(e.callee)) return checkBuiltinCall(e, s);
  Decl *d = lookupGlobal(e.callee);
  auto *fn = dynDecl<FnDecl>(d);
  if (!fn) {
    for (CallArg &a : e.args) checkExpr(*a.value, s);
    if (d) {
      diags_.error(e.calleeRange, "'" + e.callee + "' is a " + declKindName(d->kind) + ", not a function");
      diags_.note(d->nameRange, "'" + e.callee + "' is declared here");
      return Type::error();
    }
    if (std::string lib = stdlibFileDefining(e.callee); !lib.empty()) {
      std::string fix = "import \"" + lib + "\";";
      diags_.error(e.calleeRange, "unknown function '" + e.callee + "'; it is defined in " + lib + ": add '" + fix +
                                      "' to the file");
      return Type::error();
    }
    std::vector<std::string> names = globalNames(DeclKind::Fn);
    for (const BuiltinInfo &b : kBuiltins) names.push_back(b.name);
    std::string c = closestName(e.callee, names);
    diags_.error(e.calleeRange, "unknown function '" + e.callee + "'" +
                                    (c.empty() ? "" : "; did you mean '" + c + "'?"), c);
    return Type::error();
  }
  e.fn = fn;
  // Make sure the callee's type is known (and find recursion through it).
  if (fnState_[fn] == 1) {
    std::string path;
    auto it = std::find(fnStack_.begin(), fnStack_.end(), fn);
    for (; it != fnStack_.end(); ++it) path += "'" + (*it)->name + "' -> ";
    path += "'" + fn->name + "'";
    diags_.error(e.calleeRange, "fn '" + fn->name + "' calls itself (" + path +
                                    "); functions are inlined, so recursion is not allowed");
    for (CallArg &a : e.args) checkExpr(*a.value, s);
    return Type::error();
  }
  if (fnState_[fn] == 0) checkFn(*const_cast<FnDecl *>(fn));
  if (e.args.size() != fn->params.size()) {
    diags_.error(e.range, "fn '" + fn->name + "' takes " + std::to_string(fn->params.size()) +
                              " argument" + (fn->params.size() == 1 ? "" : "s") + ", but " +
                              std::to_string(e.args.size()) + (e.args.size() == 1 ? " is" : " are") + " given");
    diags_.note(fn->nameRange, "'" + fn->name + "' is declared here");
    for (CallArg &a : e.args) checkExpr(*a.value, s);
    return Type::error();
  }
  if (fnStack_.empty()) countInlinedCall(e, *fn);
  bool random = fn->body && fn->body->hasRandom;
  for (size_t i = 0; i < e.args.size(); ++i) {
    CallArg &a = e.args[i];
    if (!a.name.empty())
      diags_.error(a.nameRange, "fn arguments are given by position; remove '" + a.name + " ='");
    expectType(*a.value, fn->params[i].type, s,
               "argument '" + fn->params[i].name + "' of '" + fn->name + "'");
    random = random || a.value->hasRandom;
  }
  e.hasRandom = random;
  return fn->retType;
}

Type Sema::checkBuiltinCall(CallExpr &e, const Scope &s) {
  const BuiltinInfo &info = *findBuiltin(e.callee);
  e.builtin = info.id;
  if (info.sig == Sig::Special) {
    const char *where = info.id == Builtin::Load ? "a state's initial value ('state w: f32 = load(\"w.npy\");')"
                        : info.id == Builtin::Task ? "the source of a run block 'feed'"
                                                   : "a run block 'report'";
    diags_.error(e.calleeRange, "'" + e.callee + "(...)' can only be " + std::string(where));
    return Type::error();
  }
  if (e.args.size() < info.minArgs || e.args.size() > info.maxArgs) {
    diags_.error(e.range, "'" + e.callee + "' takes " + std::to_string(info.minArgs) + " argument" +
                              (info.minArgs == 1 ? "" : "s") + ": " + info.usage);
    for (CallArg &a : e.args) checkExpr(*a.value, s);
    return Type::error();
  }
  std::vector<Type> ts;
  bool err = false;
  for (CallArg &a : e.args) {
    if (!a.name.empty())
      diags_.error(a.nameRange, "'" + e.callee + "' takes its arguments by position; remove '" + a.name + " ='");
    Type t = checkExpr(*a.value, s);
    e.hasRandom = e.hasRandom || a.value->hasRandom;
    err = err || t.isError();
    ts.push_back(t);
  }
  if (err) return Type::error();

  // The common type of the arguments, with literals adapting to it.
  auto unify = [&](bool allowVector) -> Type {
    Type common;
    bool first = true;
    for (size_t i = 0; i < ts.size(); ++i) {
      if (isFlexibleLiteral(*e.args[i].value)) continue;
      Type t = ts[i];
      if (t.kind == Type::Bool || t.kind == Type::String || (t.isVector() && !allowVector)) {
        diags_.error(e.args[i].value->range, "'" + e.callee + "' needs " +
                                                 (allowVector ? "numbers or vectors" : "numbers") +
                                                 ", found " + t.str());
        return Type::error();
      }
      if (first) { common = t; first = false; continue; }
      if (widensTo(common, t)) common = t;
      else if (!widensTo(t, common)) {
        diags_.error(e.range, "the arguments of '" + e.callee + "' have types " + common.str() + " and " +
                                  t.str() + "; convert one of them explicitly");
        return Type::error();
      }
    }
    if (first) common = Type::f32();  // all literals
    for (size_t i = 0; i < ts.size(); ++i) adaptLiteral(*e.args[i].value, common.isVector() ? Type::f32() : common);
    return common;
  };

  switch (info.sig) {
  case Sig::FloatMath: {
    Type c = unify(true);
    if (c.isError()) return c;
    e.argType = floatOf(c);
    return e.argType;
  }
  case Sig::SameNumeric: {
    Type c = unify(true);
    e.argType = c;
    return c;
  }
  case Sig::Dot:
    if (!ts[0].isVector() || !ts[1].isVector() || ts[0].width != ts[1].width) {
      diags_.error(e.range, "dot(a, b) needs two vectors of one size, found " + ts[0].str() + " and " + ts[1].str());
      return Type::error();
    }
    e.argType = ts[0];
    return Type::f32();
  case Sig::Reduce:
    if (!ts[0].isVector()) {
      diags_.error(e.args[0].value->range, "'" + e.callee + "' needs a vector, found " + ts[0].str());
      return Type::error();
    }
    e.argType = ts[0];
    return Type::f32();
  case Sig::Random: {
    if (s.ctx == Ctx::ParamInit || s.ctx == Ctx::Const || s.ctx == Ctx::Report) {
      diags_.error(e.range, "random draws are not allowed here; a constant is needed");
      return Type::error();
    }
    Type c = unify(false);
    if (c.isError()) return c;
    // Draws are computed in f64 (docs/language.md): literal arguments are f64 too.
    e.argType = Type::f64();
    e.hasRandom = true;
    for (CallArg &a : e.args) adaptLiteral(*a.value, Type::f64());
    return info.id == Builtin::Bernoulli ? Type::boolean() : Type::f32();
  }
  case Sig::Convert: {
    Type t = ts[0];
    e.argType = t;
    if (info.id == Builtin::ToF32 && t.isVector()) return t;
    if (!t.isScalar()) {
      diags_.error(e.args[0].value->range, "'" + e.callee + "' converts a number or bool, found " + t.str());
      return Type::error();
    }
    adaptLiteral(*e.args[0].value, Type::f64());
    switch (info.id) {
    case Builtin::ToF32: return Type::f32();
    case Builtin::ToF64: return Type::f64();
    case Builtin::ToI32: return Type::i32();
    default: return Type::boolean();
    }
  }
  case Sig::Special: break;
  }
  return Type::error();
}

uint64_t Sema::inlinedOps(const FnDecl &fn) {
  auto known = inlinedOps_.find(&fn);
  if (known != inlinedOps_.end()) return known->second;
  inlinedOps_[&fn] = 0;  // a call cycle (an error of its own) adds nothing
  const uint64_t cap = 2 * kMaxInlinedOps;
  uint64_t n = 0;
  if (fn.body)
    forEachSubExpr(*fn.body, [&](Expr &e) {
      n = std::min(cap, n + 1);
      if (e.kind == ExprKind::Call)
        if (const FnDecl *callee = static_cast<CallExpr &>(e).fn) n = std::min(cap, n + inlinedOps(*callee));
    });
  inlinedOps_[&fn] = n;
  return n;
}

void Sema::countInlinedCall(const CallExpr &call, const FnDecl &fn) {
  const uint64_t ops = inlinedOps(fn);
  inlinedTotal_ = std::min(2 * kMaxInlinedOps, inlinedTotal_ + ops);
  if (inlinedTotal_ <= kMaxInlinedOps || inlineLimitReported_) return;
  inlineLimitReported_ = true;
  const std::string size = ops >= 2 * kMaxInlinedOps ? "over " + std::to_string(2 * kMaxInlinedOps)
                                                      : std::to_string(ops);
  diags_.error(call.calleeRange,
               "calling fn '" + fn.name + "' here inlines " + size +
                   " operations (every call copies the fn's body, with the calls inside it), which takes the "
                   "model past its limit of " + std::to_string(kMaxInlinedOps) +
                   " inlined operations; compute a value used twice once, e.g. 'fn g(x: f32) -> f32 = 2.0 * f(x);' "
                   "instead of 'f(x) + f(x)'");
}

} // namespace ndpc::sema
