// Checking populations, memories, projections, attend, grow and prune.
#include "SemaImpl.h"

#include "ndpc/AST/Walk.h"
#include "ndpc/Basic/Suggest.h"
#include "ndpc/Sema/Linearity.h"

#include <climits>
#include <set>

namespace ndpc::sema {

namespace {

const NeuronDecl *neuronTypeOf(Sema &s, const std::string &name, SourceRange r, const char *what) {
  Decl *d = s.lookupGlobal(name);
  if (auto *n = dynDecl<NeuronDecl>(d)) return n;
  if (d) {
    s.diags_.error(r, std::string(what) + " needs a neuron type, but '" + name + "' is a " + declKindName(d->kind));
    s.diags_.note(d->nameRange, "'" + name + "' is declared here");
    return nullptr;
  }
  s.diags_.error(r, "unknown neuron type '" + name + "'" + didYouMean(name, s.globalNames(DeclKind::Neuron)));
  return nullptr;
}

/// Every pre./post. member read in a synapse's bodies, to check that all its
/// projections read them with one type.
std::vector<MemberExpr *> roleMembers(SynapseDecl &s) {
  std::vector<MemberExpr *> out;
  auto collect = [&](Expr &e) {
    forEachSubExpr(e, [&](Expr &sub) {
      auto *m = dyn<MemberExpr>(&sub);
      if (m && (m->ref.role == Role::Pre || m->ref.role == Role::Post)) out.push_back(m);
    });
  };
  for (VarDecl &v : s.states)
    if (v.init) collect(*v.init);
  if (s.transmit) collect(*s.transmit->expr);
  if (s.onStep)
    for (Stmt &st : s.onStep->stmts)
      if (st.rhs) collect(*st.rhs);
  return out;
}

} // namespace

void Sema::checkPopulation(PopulationDecl &p) {
  p.type = neuronTypeOf(*this, p.typeName, p.typeRange, "a population");
  foldInt(p.size, "the population size", 1, INT32_MAX);
  if (p.max.present()) {
    int64_t lo = p.size.intValue > 0 ? p.size.intValue : 1;
    foldInt(p.max, "max", lo, INT32_MAX);
  }
  if (p.decay.present()) foldFloat(p.decay, "importance_decay", 0.0, 1.0);
  else p.decay.floatValue = 0.99;
}

void Sema::checkMemory(MemoryDecl &m) {
  checkPopulation(m);
  const std::string what = "memory '" + m.name + "'";
  if (!m.key) {
    diags_.error(m.nameRange, what + " needs 'key from POPULATION.VAR;' (the pattern it stores)");
  } else {
    Scope s;
    s.ctx = Ctx::Report;
    auto *mem = dyn<MemberExpr>(m.key.get());
    if (!mem || !dyn<NameExpr>(mem->base.get())) {
      diags_.error(m.key->range, "'key from' takes a population's value, as in 'key from cortex.y'");
    } else {
      Type t = checkExpr(*m.key, s);
      m.keyPop = dynDecl<PopulationDecl>(mem->ref.instance);
      if (!t.isError() && mem->ref.kind != RefKind::Out && mem->ref.kind != RefKind::State)
        diags_.error(mem->memberRange, "'key from' reads an out or a state; '" + mem->member + "' is " +
                                           refKindWithArticle(mem->ref.kind));
      else if (!t.isError() && !t.isNumericScalar())
        diags_.error(mem->memberRange, "a key is one number per neuron; '" + mem->member + "' is " + t.str());
      if (m.keyPop == &m)
        diags_.error(m.key->range, "a memory region cannot take its key from itself");
    }
  }
  if (!m.value) {
    diags_.error(m.nameRange, what + " needs 'value to POPULATION;' (where recall goes)");
  } else if (auto *n = dyn<NameExpr>(m.value.get())) {
    m.valuePop = findPopulation(n->name, n->range, "'value to'");
    if (m.valuePop) n->ref = Ref{RefKind::Population, Role::Self, m.valuePop, m.valuePop, -1};
    if (m.valuePop == &m) diags_.error(n->range, "a memory region cannot recall into itself");
  } else {
    diags_.error(m.value->range, "'value to' takes a population name, as in 'value to cortex'");
  }
  if (m.sparsity.present()) {
    int64_t slots = m.size.intValue > 0 ? m.size.intValue : INT32_MAX;
    if (foldInt(m.sparsity, "sparsity", 1, INT32_MAX) && m.sparsity.intValue > slots)
      diags_.error(m.sparsity.expr->range, "sparsity " + std::to_string(m.sparsity.intValue) +
                                               " is larger than the " + std::to_string(slots) +
                                               " slots of " + what + "; at most " + std::to_string(slots) +
                                               " slots can be active");
  } else {
    m.sparsity.intValue = m.size.intValue;
  }
  if (m.writeCond) {
    Scope s;
    s.ctx = Ctx::MemoryWrite;
    expectType(*m.writeCond, Type::boolean(), s, "a 'write when' condition");
  } else {
    diags_.error(m.nameRange, what + " needs 'write when CONDITION;', e.g. 'write when novelty > 0.3;'");
  }
}

void Sema::checkProject(ProjectDecl &p) {
  p.prePop = findPopulation(p.pre, p.preRange, "the source");
  p.postPop = findPopulation(p.post, p.postRange, "the target");
  p.synType = findSynapse(p.synapse, p.synapseRange);
  const int64_t preSize = p.prePop ? p.prePop->size.intValue : 0;
  const int64_t postSize = p.postPop ? p.postPop->size.intValue : 0;
  const bool self = p.prePop && p.prePop == p.postPop;
  switch (p.conn) {
  case Connectivity::None:
    diags_.error(p.range, "projection " + p.name + " needs a connectivity rule: 'fanin K;', 'p P;', "
                          "'all;', 'one_to_one;' or 'from \"edges.npy\";'");
    break;
  case Connectivity::Fanin:
    if (foldInt(p.connSetting, "fanin", 1, INT32_MAX) && p.prePop) {
      int64_t avail = self ? preSize - 1 : preSize;
      // A population that grows may start with fewer: its first neurons take
      // what there is, and growth fills rows up to the fanin.
      bool grows = false;
      for (const GrowDecl *g : prog_->grows) grows |= g->name == p.pre && !g->divides.empty();
      if (p.connSetting.intValue > avail && !grows)
        diags_.error(p.connSetting.expr->range,
                     "fanin " + std::to_string(p.connSetting.intValue) + " needs that many distinct " +
                         (self ? "other " : "") + "neurons in '" + p.pre + "', which has " +
                         std::to_string(avail) + "; lower the fanin or use 'all'");
    }
    break;
  case Connectivity::Prob: foldFloat(p.connSetting, "connection probability p", 0.0, 1.0); break;
  case Connectivity::OneToOne:
    if (p.prePop && p.postPop && preSize != postSize)
      diags_.error(p.connSetting.range, "'one_to_one' needs populations of one size, but '" + p.pre + "' has " +
                                            std::to_string(preSize) + " neurons and '" + p.post + "' has " +
                                            std::to_string(postSize));
    break;
  case Connectivity::From:
    if (auto *s = dyn<StringLit>(p.connSetting.expr.get())) {
      p.fromPath = s->value;
      s->type = Type::string();
    } else {
      diags_.error(p.connSetting.expr->range, "'from' takes a file name: from \"edges.npy\";");
    }
    break;
  case Connectivity::All: break;
  }
  if (!p.synType || !p.prePop || !p.postPop || !p.prePop->type || !p.postPop->type) return;
  checkSynapseUse(*p.synType, p.prePop->type, p.postPop->type, p.range,
                  "in projection " + p.name + " (pre: '" + p.prePop->type->name + "', post: '" +
                      p.postPop->type->name + "')",
                  "projection " + p.name);
}

void Sema::checkSynapseUse(const SynapseDecl &type, const NeuronDecl *pre, const NeuronDecl *post,
                           SourceRange where, const std::string &context, const std::string &use) {
  auto *syn = const_cast<SynapseDecl *>(&type);
  std::vector<MemberExpr *> members = roleMembers(*syn);
  std::vector<Type> before;
  bool first = !usedSynapses_.count(syn);
  for (MemberExpr *m : members) before.push_back(m->type);
  Scope s;
  s.pre = pre;
  s.post = post;
  DiagnosticContext ctx(diags_, where, context);
  checkSynapseBodies(*syn, s);
  usedSynapses_.insert(syn);
  if (first) return;
  for (size_t i = 0; i < members.size(); ++i) {
    if (before[i].isError() || members[i]->type.isError() || before[i] == members[i]->type) continue;
    diags_.error(members[i]->range, "synapse '" + syn->name + "' reads '" + roleName(members[i]->ref.role) +
                                        "." + members[i]->member + "' as " + members[i]->type.str() + " in " +
                                        use + " but as " + before[i].str() +
                                        " in an earlier one; all uses of a synapse type must agree");
  }
}

void Sema::checkUnusedSynapses() {
  for (auto &f : prog_->files)
    for (DeclPtr &d : f->decls)
      if (auto *s = dynDecl<SynapseDecl>(d.get()); s && !usedSynapses_.count(s))
        checkSynapseBodies(*s, Scope{});
}

void Sema::checkAttend(AttendDecl &a) {
  a.pop = findPopulation(a.population, a.nameRange, "'attend'");
  int64_t width = 0;
  if (a.embedding.empty()) {
    diags_.error(a.nameRange, "attend needs 'embedding STATE;' naming an f32[d] state of the population");
  } else if (a.pop && a.pop->type) {
    const NeuronDecl *n = a.pop->type;
    for (size_t i = 0; i < n->states.size(); ++i)
      if (n->states[i].name == a.embedding) a.embeddingIndex = static_cast<int>(i);
    if (a.embeddingIndex < 0) {
      std::vector<std::string> names;
      for (auto &v : n->states) names.push_back(v.name);
      diags_.error(a.embeddingRange, "neuron type '" + n->name + "' has no state '" + a.embedding + "'" +
                                         didYouMean(a.embedding, names));
    } else if (!n->states[a.embeddingIndex].type.isVector()) {
      diags_.error(a.embeddingRange, "the embedding must be an f32[d] vector state; '" + a.embedding + "' is " +
                                         n->states[a.embeddingIndex].type.str());
    } else {
      width = n->states[a.embeddingIndex].type.width;
    }
  }
  if (a.heads.present()) {
    if (foldInt(a.heads, "heads", 1, 1024) && width && width % a.heads.intValue != 0)
      diags_.error(a.heads.expr->range, "heads " + std::to_string(a.heads.intValue) + " must divide the embedding size " +
                                            std::to_string(width));
  } else {
    a.heads.intValue = 1;
  }
  if (a.edgeDim.present()) foldInt(a.edgeDim, "edge_dim", 1, 1024);
  else a.edgeDim.intValue = 4;
  if (a.every.present()) foldInt(a.every, "every", 1, INT32_MAX);
  else a.every.intValue = 1;
  if (!a.over.empty()) a.overType = findSynapse(a.over, a.overRange);
  if (a.overType && a.pop) {
    bool onItself = false;
    for (const ProjectDecl *p : prog_->projections)
      onItself |= p->synType == a.overType && p->prePop == a.pop && p->postPop == a.pop;
    if (!onItself)
      diags_.error(a.overRange, "'over " + a.over + "' needs a projection of '" + a.over + "' from '" +
                                    a.population + "' to itself, whose synapses carry the edge channels; add "
                                    "one, as in 'project " + a.population + " -> " + a.population + " : " +
                                    a.over + " { p 0.01; }'");
  }
  if (a.topk.present()) {
    foldInt(a.topk, "topk", 1, 1024);
    if (a.topkCond) {
      Scope s;
      s.ctx = Ctx::AttendTopk;
      expectType(*a.topkCond, Type::boolean(), s, "a 'connect topk ... when' condition");
    }
    if (a.over.empty())
      diags_.error(a.topk.range, "'connect topk' grows synapses of the 'over' type; add 'over SYNAPSE;'");
  }
}

void Sema::checkGrow(GrowDecl &g) {
  g.pop = findPopulation(g.name, g.nameRange, "'grow'");
  foldInt(g.every, "every", 1, INT32_MAX);
  const NeuronDecl *n = g.pop ? g.pop->type : nullptr;
  if (!n) return;
  // Connect rules first: their synapse types are checked as used within the
  // population, which split's check below needs.
  for (ConnectRule &r : g.connects) {
    Scope s;
    s.ctx = Ctx::GrowConnect;
    s.neuron = n;
    expectType(*r.cond, Type::boolean(), s, "a 'connect when' condition");
    r.synType = findSynapse(r.synapse, r.synapseRange);
    if (r.synType)
      checkSynapseUse(*r.synType, n, n, r.range,
                      "in the connect rule of 'grow " + g.name + "' (pre and post: '" + n->name + "')",
                      "the connect rule of 'grow " + g.name + "'");
  }
  for (RemoveRule &r : g.removes) {
    Scope s;
    s.ctx = Ctx::RemoveCond;
    s.neuron = n;
    expectType(*r.cond, Type::boolean(), s, "a 'remove when' condition");
  }
  // A memory region stores rows as wide as its key and value populations and
  // one per slot; removing neurons under it would leave them misaligned.
  for (const PopulationDecl *p : prog_->populations) {
    if (g.removes.empty()) break;
    auto *m = p->kind == DeclKind::Memory ? static_cast<const MemoryDecl *>(p) : nullptr;
    if (!m || (m != g.pop && m->keyPop != g.pop && m->valuePop != g.pop)) continue;
    std::string role = m == g.pop ? "is memory region" : m->keyPop == g.pop ? "is the key of memory region"
                                                                            : "is the value of memory region";
    diags_.error(g.removes.front().range, "'remove' cannot take neurons from '" + g.name + "': it " + role + " '" +
                                              m->name + "', whose stored rows would no longer line up; remove from "
                                              "another population");
    break;
  }
  for (DivideRule &r : g.divides) {
    Scope s;
    s.ctx = Ctx::DivideCond;
    s.neuron = n;
    expectType(*r.cond, Type::boolean(), s, "a 'divide when' condition");
    s.ctx = Ctx::DivideBody;
    checkBlock(*r.body, s, &n->states, "neuron");
    for (const Stmt &st : r.body->stmts) r.split = r.split || st.kind == Stmt::Split;
    if (!r.split) continue;
    // Net2Net halving needs one variable that `transmit` is linear in, on every
    // synapse type leaving the population.
    std::vector<std::pair<const SynapseDecl *, std::string>> leaving;  // (type, where)
    for (const ProjectDecl *p : prog_->projections)
      if (p->prePop == g.pop && p->synType) leaving.push_back({p->synType, "projection " + p->name});
    // A connect rule adds synapses of its type within the population.
    for (const Decl *d : prog_->grows)
      if (auto *other = dynDecl<GrowDecl>(d); other && other->name == g.name)
        for (const ConnectRule &c : other->connects) {
          auto it = prog_->globals.find(c.synapse);  // may not be resolved yet
          if (auto *t = it == prog_->globals.end() ? nullptr : dynDecl<SynapseDecl>(it->second))
            leaving.push_back({t, "its 'connect' rule"});
        }
    std::set<const SynapseDecl *> reported;
    for (auto &[type, where] : leaving) {
      std::vector<int> lin = linearStates(*type);
      if (lin.size() == 1 || !reported.insert(type).second) continue;
      diags_.error(r.range, "'split' halves the one state that 'transmit' is linear in, but synapse type '" +
                                type->name + "' (" + where + ") has " +
                                (lin.empty() ? std::string("none") : std::to_string(lin.size())) +
                                "; write its transmit as 'w * ...' with a single weight state, or drop 'split'");
      diags_.note(type->nameRange, "'" + type->name + "' is declared here");
    }
  }
}

void Sema::checkPrune(PruneDecl &p) {
  p.synType = findSynapse(p.name, p.nameRange);
  if (p.forSteps.present()) foldInt(p.forSteps, "the number of steps", 1, INT32_MAX);
  else p.forSteps.intValue = 1;
  if (!p.synType) return;
  Scope s;
  s.ctx = Ctx::PruneCond;
  s.synapse = p.synType;
  for (const ProjectDecl *proj : prog_->projections)
    if (proj->synType == p.synType && proj->prePop && proj->postPop) {
      s.pre = proj->prePop->type;
      s.post = proj->postPop->type;
      break;
    }
  expectType(*p.cond, Type::boolean(), s, "a 'prune ... when' condition");
}

} // namespace ndpc::sema
