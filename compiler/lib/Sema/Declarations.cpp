// Checking params, fns, neuron and synapse types.
#include "SemaImpl.h"

#include "ndpc/AST/Walk.h"
#include "ndpc/Basic/Suggest.h"

#include <functional>

namespace ndpc::sema {

namespace {

/// Names a neuron member may not take: they already mean something inside it.
bool isReservedMemberName(const std::string &n) {
  return n == "in" || n == "importance" || n == "spiked" || n == "step" || n == "t" ||
         n == "pre" || n == "post";
}

} // namespace

void Sema::checkParam(ParamDecl &p) {
  // Context names resolve before params (language.md section 1): a param of
  // that name would silently never be read where the built-in is defined.
  if (const char *meaning = contextNameMeaning(p.name, /*everyBlockOnly=*/true))
    diags_.warning(p.nameRange,
                   "param '" + p.name + "' is hidden by the built-in '" + p.name + "' (" + meaning +
                       "): blocks that can see the built-in read it, not this param; rename the param",
                   p.name + "_param");
  p.type = resolveType(p.typeRef, /*matrixOk=*/true);
  if (p.type.isVector() || p.type.isMatrix()) {
    checkArrayParam(p);
    return;
  }
  if (!p.file.empty()) {
    diags_.error(p.fileRange, "only a vector or matrix param (f32[N], f32[R][C]) is read from a file; give '" +
                                  p.name + "' a value with '= VALUE'");
    return;
  }
  Scope s;
  s.ctx = Ctx::ParamInit;
  if (!p.init) return;
  if (p.type.kind == Type::Bool) {
    auto *b = dyn<BoolLit>(p.init.get());
    if (!b) {
      diags_.error(p.init->range, "the default of a bool param must be 'true' or 'false'");
      return;
    }
    p.init->type = Type::boolean();
    p.defaultValue = b->value ? 1.0 : 0.0;
    return;
  }
  expectType(*p.init, p.type, s, "param '" + p.name + "'");
  if (p.init->type.isError() || p.type.isError()) return;
  ConstFault why;
  std::optional<double> v = evalFloat(*p.init, &why);
  if (!v) {
    if (!reportConstFault(why, "the default of param '" + p.name + "'"))
      diags_.error(p.init->range, "a param's default value must be a constant number");
    return;
  }
  p.defaultValue = *v;
}

void Sema::checkArrayParam(ParamDecl &p) {
  if (!p.init) return;  // from "FILE": its shape is checked when the run reads it
  const std::string what = "the value of param '" + p.name + "'";
  if (auto *c = dyn<CallExpr>(p.init.get()); c && (c->callee == "normal" || c->callee == "uniform")) {
    if (c->args.size() != 2) {
      diags_.error(c->range, "'" + c->callee + "' takes two numbers, as in " + c->callee +
                                 (c->callee == "normal" ? "(0.0, 0.1)" : "(-0.1, 0.1)"));
      return;
    }
    double v[2] = {0, 0};
    for (int i = 0; i < 2; ++i) {
      ConstFault why;
      std::optional<double> x = evalFloat(*c->args[static_cast<size_t>(i)].value, &why);
      if (!x) {
        if (!reportConstFault(why, what))
          diags_.error(c->args[static_cast<size_t>(i)].value->range,
                       "the arguments of a param's random value must be constant numbers");
        return;
      }
      v[i] = *x;
    }
    if (c->callee == "normal" && !(v[1] >= 0)) {
      diags_.error(c->args[1].value->range, "normal's standard deviation must be at least 0");
      return;
    }
    p.draw = c->callee == "normal" ? ParamDecl::Draw::Normal : ParamDecl::Draw::Uniform;
    p.drawA = v[0];
    p.drawB = v[1];
    return;
  }
  ConstFault why;
  std::optional<double> v = evalFloat(*p.init, &why);
  if (!v) {
    if (!reportConstFault(why, what))
      diags_.error(p.init->range, "param '" + p.name + "' (" + p.type.str() + ") takes a constant number (every "
                                  "element), normal(MEAN, SD) or uniform(LO, HI) drawn from the run seed, or "
                                  "'from \"FILE.npy\"'");
    return;
  }
  p.defaultValue = *v;
}

void Sema::checkFn(FnDecl &f) {
  if (fnState_[&f] != 0) return;
  fnState_[&f] = 1;
  fnStack_.push_back(&f);
  for (size_t i = 0; i < f.params.size(); ++i) {
    FnParam &p = f.params[i];
    p.type = p.typeRef ? resolveType(*p.typeRef) : Type::f32();
    for (size_t j = 0; j < i; ++j)
      if (f.params[j].name == p.name) {
        diags_.error(p.range, "parameter '" + p.name + "' is declared twice in fn '" + f.name + "'");
        diags_.note(f.params[j].range, "the first one is here");
      }
  }
  Scope s;
  s.ctx = Ctx::FnBody;
  s.fn = &f;
  s.where = "fn '" + f.name + "'";
  if (f.retTypeRef) {
    f.retType = resolveType(*f.retTypeRef);
    if (f.body) expectType(*f.body, f.retType, s, "the result of fn '" + f.name + "'");
  } else if (f.body) {
    f.retType = checkExpr(*f.body, s);
  }
  fnStack_.pop_back();
  fnState_[&f] = 2;
}

void Sema::checkBlock(Block &b, Scope scope, const std::vector<VarDecl> *assignable,
                      const char *blockName) {
  const bool divide = scope.ctx == Ctx::DivideBody;
  std::map<std::string, const Stmt *> assigned;
  std::map<std::string, uint32_t> assignedLine;
  const Stmt *firstSplit = nullptr;
  for (Stmt &st : b.stmts) {
    if (st.kind == Stmt::Split) {
      if (!divide) {
        diags_.error(st.range, "'split' is only allowed inside a 'divide' block");
      } else if (firstSplit) {
        diags_.error(st.range, "'split' is given twice; keep one");
        diags_.note(firstSplit->range, "the first 'split' is here");
      } else {
        firstSplit = &st;
      }
      continue;
    }
    // The left side: an own state (or child.X in a divide block).
    const VarDecl *target = nullptr;
    std::string targetName;
    if (divide) {
      auto *m = dyn<MemberExpr>(st.lhs.get());
      auto *base = m ? dyn<NameExpr>(m->base.get()) : nullptr;
      if (!base || (base->name != "child" && base->name != "parent")) {
        diags_.error(st.lhs->range, "a divide block assigns the child's or the parent's values, as in "
                                    "'child.x = ...' or 'parent.x = ...'");
      } else {
        const Role role = base->name == "child" ? Role::Child : Role::Parent;
        base->ref = Ref{RefKind::RoleBase, role, scope.neuron, nullptr, -1};
        targetName = base->name + "." + m->member;
        for (size_t i = 0; assignable && i < assignable->size(); ++i)
          if ((*assignable)[i].name == m->member) {
            target = &(*assignable)[i];
            m->ref = Ref{RefKind::State, role, scope.neuron, nullptr, static_cast<int>(i)};
            m->type = target->type;
          }
        if (!target) {
          std::vector<std::string> names;
          for (auto &v : *assignable) names.push_back(v.name);
          diags_.error(m->memberRange, "the " + base->name + " has no state '" + m->member + "' to assign" +
                                           didYouMean(m->member, names));
        }
      }
    } else if (auto *n = dyn<NameExpr>(st.lhs.get())) {
      targetName = n->name;
      for (size_t i = 0; assignable && i < assignable->size(); ++i)
        if ((*assignable)[i].name == n->name) {
          target = &(*assignable)[i];
          n->ref = Ref{RefKind::State, Role::Self, nullptr, nullptr, static_cast<int>(i)};
          n->type = target->type;
        }
      if (!target) {
        Scope readScope = scope;
        Type t = checkExpr(*n, readScope);
        (void)t;
        std::string why;
        switch (n->ref.kind) {
        case RefKind::Input: why = "inputs are set by the run block's 'feed'"; break;
        case RefKind::Out: why = "an out is computed from its expression"; break;
        case RefKind::Channel: why = "it is the sum of the incoming synapses' 'transmit'"; break;
        case RefKind::Param: why = "params stay constant during a run (set them with --param NAME=VALUE)"; break;
        case RefKind::Importance: why = "importance is computed by the runtime from activity"; break;
        case RefKind::Spiked: why = "'spiked' is set by the 'spike when' rule"; break;
        case RefKind::Step: case RefKind::Time: why = "it is the simulation clock"; break;
        case RefKind::None: why.clear(); break;
        default: why = "only the element's own state can be assigned"; break;
        }
        if (n->ref.kind != RefKind::None)
          diags_.error(n->range, "cannot assign to '" + n->name + "': " + why);
      }
    } else if (auto *m = dyn<MemberExpr>(st.lhs.get())) {
      auto *base = dyn<NameExpr>(m->base.get());
      std::string bn = base ? base->name : "";
      if (bn == "pre" || bn == "post")
        diags_.error(st.lhs->range, "'" + bn + "." + m->member + "' is read-only in a synapse; a synapse "
                                    "assigns only its own state");
      else
        diags_.error(st.lhs->range, "cannot assign to this; the left side of '=' must be a state of the " +
                                        std::string(blockName[0] ? blockName : "element"));
    } else {
      diags_.error(st.lhs->range, "cannot assign to this; the left side of '=' must be a state name");
    }

    if (target) {
      auto prev = assigned.find(targetName);
      if (prev != assigned.end()) {
        diags_.error(st.range, "'" + targetName + "' is assigned twice in this block; every assignment reads "
                               "the values from before the block, so only one can take effect");
        diags_.note(prev->second->range, "the first assignment is here");
      } else {
        assigned[targetName] = &st;
        assignedLine[targetName] = st.range.begin.line;
      }
      expectType(*st.rhs, target->type, scope, "'" + targetName + "'");
    } else {
      checkExpr(*st.rhs, scope);
    }
  }
  if (divide) return;

  // Reads of a state assigned earlier in the same block look order-dependent.
  std::map<std::string, uint32_t> seen;
  for (Stmt &st : b.stmts) {
    if (st.kind != Stmt::Assign) continue;
    forEachSubExpr(*st.rhs, [&](Expr &e) {
      auto *n = dyn<NameExpr>(&e);
      if (!n || n->ref.kind != RefKind::State || n->ref.role != Role::Self) return;
      auto it = seen.find(n->name);
      if (it == seen.end()) return;
      diags_.warning(n->range, "this reads '" + n->name + "' from before the block, not the value "
                               "assigned on line " + std::to_string(it->second) +
                               ": assignments in a block do not see each other");
    });
    if (auto *n = dyn<NameExpr>(st.lhs.get()); n && assignedLine.count(n->name))
      seen.emplace(n->name, st.range.begin.line);
  }
}

void Sema::checkStateInit(VarDecl &v, const Scope &init) {
  if (!v.init) return;
  auto *call = dyn<CallExpr>(v.init.get());
  if (call && call->callee == "load") {
    call->builtin = Builtin::Load;
    if (call->args.size() != 1 || !dyn<StringLit>(call->args[0].value.get()))
      diags_.error(call->range, "load takes one file name: load(\"values.npy\")");
    else
      call->args[0].value->type = Type::string();
    call->type = v.type;
    return;
  }
  expectType(*v.init, v.type, init, "state '" + v.name + "'");
}

void Sema::checkNeuron(NeuronDecl &n) {
  std::map<std::string, SourceRange> names;
  auto declare = [&](VarDecl &v, const char *kind) {
    if (isReservedMemberName(v.name)) {
      diags_.error(v.nameRange, "'" + v.name + "' already means something inside a neuron; choose another "
                                "name for this " + kind);
      return;
    }
    auto it = names.find(v.name);
    if (it != names.end()) {
      diags_.error(v.nameRange, "neuron '" + n.name + "' already has a member named '" + v.name + "'");
      diags_.note(it->second, "the first one is here");
      return;
    }
    names[v.name] = v.nameRange;
  };
  Scope init;
  init.ctx = Ctx::StateInit;
  init.where = "neuron '" + n.name + "'";
  for (VarDecl &v : n.states) {
    declare(v, "state");
    v.type = v.typeRef ? resolveType(*v.typeRef) : Type::f32();
    checkStateInit(v, init);
  }
  for (VarDecl &v : n.inputs) {
    declare(v, "input");
    v.type = v.typeRef ? resolveType(*v.typeRef) : Type::f32();
    if (!v.type.isError() && v.type.kind != Type::F32) {
      diags_.error(v.typeRef->range, "inputs are f32 (they are fed from float32 data); remove the type or write f32");
      v.type = Type::f32();
    }
  }
  for (VarDecl &v : n.channels) {
    declare(v, "channel");
    v.type = v.typeRef ? resolveType(*v.typeRef) : Type::f32();
    if (!v.type.isError() && v.type.kind != Type::F32 && !v.type.isVector()) {
      diags_.error(v.typeRef->range, "a channel is an f32 or an f32 vector (f32[d]), the sum of its synapses' "
                                     "'transmit'; write f32 or f32[d]");
      v.type = Type::f32();
    }
  }
  Scope out;
  out.ctx = Ctx::Out;
  out.neuron = &n;
  out.where = init.where;
  for (VarDecl &v : n.outs) {
    declare(v, "out");
    if (v.typeRef) {
      v.type = resolveType(*v.typeRef);
      expectType(*v.init, v.type, out, "out '" + v.name + "'");
    } else {
      v.type = checkExpr(*v.init, out);
    }
  }
  if (!n.isSpiking() && !n.outs.empty() && !n.outs[0].type.isError() && !n.outs[0].type.isNumericScalar())
    diags_.error(n.outs[0].nameRange, "the first out of a rate neuron must be a number: its absolute value "
                                      "drives 'importance' (found " + n.outs[0].type.str() + ")");
  if (n.onStep) {
    Scope s;
    s.ctx = Ctx::NeuronStep;
    s.neuron = &n;
    s.where = init.where;
    checkBlock(*n.onStep, s, &n.states, "neuron");
  }
  if (n.spike) {
    Scope s;
    s.ctx = Ctx::SpikeCond;
    s.neuron = &n;
    s.where = init.where;
    expectType(*n.spike->cond, Type::boolean(), s, "a 'spike when' condition");
    if (n.spike->reset) {
      s.ctx = Ctx::SpikeReset;
      checkBlock(*n.spike->reset, s, &n.states, "neuron");
    }
  }
}

void Sema::checkSynapse(SynapseDecl &s) {
  std::map<std::string, SourceRange> names;
  Scope init;
  init.ctx = Ctx::StateInit;
  init.where = "synapse '" + s.name + "'";
  for (VarDecl &v : s.states) {
    if (v.name == "pre" || v.name == "post" || v.name == "step" || v.name == "t") {
      diags_.error(v.nameRange, "'" + v.name + "' already means something inside a synapse; choose another name");
    } else if (names.count(v.name)) {
      diags_.error(v.nameRange, "synapse '" + s.name + "' already has a state named '" + v.name + "'");
      diags_.note(names[v.name], "the first one is here");
    } else {
      names[v.name] = v.nameRange;
    }
    v.type = v.typeRef ? resolveType(*v.typeRef) : Type::f32();
    if (v.type.isVector()) {
      diags_.error(v.typeRef->range, "synapse state is scalar (f32, f64, i32 or bool); vectors live on neurons");
      v.type = Type::error();
    }
    // The initial value is checked with each use (checkSynapseBodies): it may read pre.X and post.X.
  }
  if (s.multiplicity.present()) foldInt(s.multiplicity, "multiplicity", 1, 64);
  else s.multiplicity.intValue = 1;
}

void Sema::checkSynapseBodies(SynapseDecl &s, Scope base) {
  base.synapse = &s;
  base.where = "synapse '" + s.name + "'";
  base.ctx = Ctx::SynapseInit;
  for (VarDecl &v : s.states)
    if (!v.type.isError()) checkStateInit(v, base);
  if (s.transmit) {
    base.ctx = Ctx::Transmit;
    const VarDecl *channel = nullptr;
    if (!s.transmit->channel.empty() && base.post)
      for (const VarDecl &c : base.post->channels)
        if (c.name == s.transmit->channel) channel = &c;
    Type want = channel ? channel->type : Type::f32();
    if (s.transmit->typeFrom && base.post && !(s.transmit->type == want)) {
      diags_.error(s.transmit->channelRange,
                   "synapse '" + s.name + "' sends to channel '" + s.transmit->channel + "', which is " +
                       s.transmit->type.str() + " in neuron type '" + s.transmit->typeFrom->name + "' but " +
                       want.str() + " in '" + base.post->name + "'; give the channels one type or use two synapse types");
      want = s.transmit->type;  // checked against the first type only: one error, not one per expression
    }
    if (!s.transmit->typeFrom && base.post) {
      s.transmit->type = want;
      s.transmit->typeFrom = base.post;
    }
    if (want.isVector() && base.pre && base.pre->isSpiking())
      diags_.error(s.transmit->channelRange,
                   "synapse '" + s.name + "' sends a vector message from spiking neuron type '" + base.pre->name +
                       "'; spikes are delivered to scalar channels only: send from a rate neuron or declare '" +
                       s.transmit->channel + "' as f32");
    if (want.isVector())
      expectType(*s.transmit->expr, want, base,
                 "'transmit " + s.transmit->channel + "' (it sums into the " + want.str() + " channel '" +
                     s.transmit->channel + "' of neuron type '" + s.transmit->typeFrom->name + "')");
    else
      expectType(*s.transmit->expr, Type::f32(), base, "'transmit' (it sums into an f32 input)");
    if (!s.transmit->channel.empty() && base.post) {
      if (!channel) {
        std::vector<std::string> chans;
        for (const VarDecl &c : base.post->channels) chans.push_back(c.name);
        diags_.error(s.transmit->channelRange, "neuron type '" + base.post->name + "' has no channel '" +
                                                   s.transmit->channel + "'" + didYouMean(s.transmit->channel, chans) +
                                                   "; declare 'channel " + s.transmit->channel + ";' in it");
      }
    }
  }
  if (s.onStep) {
    base.ctx = Ctx::SynapseStep;
    checkBlock(*s.onStep, base, &s.states, "synapse");
  }
}

} // namespace ndpc::sema
