// Checking the run block: seed, steps, feeds, records, reports, outputs.
#include "SemaImpl.h"

#include "ndp/Descriptor.h"
#include "ndpc/Basic/Suggest.h"

#include <climits>
#include <set>

namespace ndpc::sema {

namespace {

/// `pop.member` written in the run block; reports what is wrong with it.
struct PopMember {
  const PopulationDecl *pop = nullptr;
  MemberExpr *expr = nullptr;
};

} // namespace

bool Sema::checkSynapseRecord(Record &rec) {
  auto *m = dyn<MemberExpr>(rec.target.get());
  auto *base = m ? dyn<NameExpr>(m->base.get()) : nullptr;
  auto *type = base ? dynDecl<SynapseDecl>(lookupGlobal(base->name)) : nullptr;
  if (!type) return false;
  base->ref = Ref{RefKind::SynapseType, Role::Self, type, nullptr, -1};
  std::vector<std::string> names;
  for (size_t i = 0; i < type->states.size(); ++i) {
    names.push_back(type->states[i].name);
    if (type->states[i].name != m->member) continue;
    m->ref = Ref{RefKind::State, Role::Self, type, nullptr, static_cast<int>(i)};
    m->type = type->states[i].type;
    rec.synType = type;
  }
  if (!rec.synType)
    diags_.error(m->memberRange, "synapse type '" + type->name + "' has no state '" + m->member + "'" +
                                     didYouMean(m->member, names) + "; a synapse recording takes one of its states");
  return true;
}

void Sema::checkRun(RunDecl &r) {
  if (r.seed.present()) foldInt(r.seed, "seed", 0, (int64_t(1) << 53));
  if (r.steps.present()) foldInt(r.steps, "steps", 0, INT32_MAX);
  else r.steps.intValue = 1;
  if (r.dt.present()) foldFloat(r.dt, "dt", 0.0, 1e9, /*loOpen=*/true);
  else r.dt.floatValue = 1.0;

  Scope rs;
  rs.ctx = Ctx::Report;
  auto popMember = [&](Expr &e, const char *what) -> PopMember {
    auto *m = dyn<MemberExpr>(&e);
    auto *base = m ? dyn<NameExpr>(m->base.get()) : nullptr;
    if (!base) {
      diags_.error(e.range, std::string(what) + " names a population's value, as in 'cortex.y'");
      return {};
    }
    const PopulationDecl *p = findPopulation(base->name, base->range, what);
    if (!p || !p->type) return {};
    base->ref = Ref{RefKind::Population, Role::Self, p, p, -1};
    if (m->member == "in") {
      m->ref = Ref{RefKind::Channel, Role::Self, p->type, p, -1};
      m->type = Type::f32();
    } else {
      m->type = memberType(p->type, m->member, m->ref, Role::Self);
      m->ref.instance = p;
      if (m->ref.kind == RefKind::None) {
        std::vector<std::string> names{"in", "importance"};
        for (auto *vs : {&p->type->states, &p->type->inputs, &p->type->channels, &p->type->outs})
          for (const VarDecl &v : *vs) names.push_back(v.name);
        diags_.error(m->memberRange, "population '" + p->name + "' (of type '" + p->type->name +
                                         "') has no '" + m->member + "'" + didYouMean(m->member, names));
        return {};
      }
    }
    return {p, m};
  };
  auto fileName = [&](Expr &e, const char *what) -> std::string {
    auto *s = dyn<StringLit>(&e);
    if (!s) {
      diags_.error(e.range, std::string(what) + " takes a file name in double quotes");
      return {};
    }
    s->type = Type::string();
    if (s->value.empty()) diags_.error(e.range, std::string(what) + " needs a non-empty file name");
    return s->value;
  };

  // feed
  std::map<std::string, const Feed *> fed;
  std::map<std::string, const TaskSpec *> tasks;
  for (Feed &f : r.feeds) {
    PopMember pm = popMember(*f.target, "'feed'");
    if (pm.expr) {
      if (pm.expr->ref.kind != RefKind::Input) {
        diags_.error(pm.expr->memberRange, "'feed' sets an input, but '" + pm.expr->member + "' is " +
                                               refKindWithArticle(pm.expr->ref.kind) +
                                               "; declare 'input " + pm.expr->member + ";' in neuron '" +
                                               pm.pop->type->name + "'");
      } else {
        f.pop = pm.pop;
        f.inputIndex = pm.expr->ref.index;
        std::string key = pm.pop->name + "." + pm.expr->member;
        if (fed.count(key)) {
          diags_.error(f.range, "'" + key + "' is fed twice; keep one 'feed'");
          diags_.note(fed[key]->range, "the first 'feed' is here");
        }
        fed[key] = &f;
      }
    }
    // The source: "file.npy", task(...), or task(...).target.
    Expr *src = f.source.get();
    if (auto *m = dyn<MemberExpr>(src)) {
      if (m->member != "target" || !dyn<CallExpr>(m->base.get())) {
        diags_.error(m->range, "a feed source is \"file.npy\", task(...) or task(...).target");
        continue;
      }
      f.taskTarget = true;
      src = m->base.get();
    }
    if (auto *s = dyn<StringLit>(src)) {
      f.file = fileName(*s, "'feed ... from'");
      continue;
    }
    auto *call = dyn<CallExpr>(src);
    if (!call || call->callee != "task") {
      diags_.error(src->range, "a feed source is \"file.npy\", task(...) or task(...).target");
      continue;
    }
    call->builtin = Builtin::Task;
    if (call->args.empty() || !call->args[0].name.empty() || !dyn<StringLit>(call->args[0].value.get())) {
      diags_.error(call->range, "task(...) starts with the task's name: task(\"patterns\", n=20, size=16)");
      continue;
    }
    TaskSpec spec;
    spec.name = static_cast<StringLit &>(*call->args[0].value).value;
    call->args[0].value->type = Type::string();
    if (spec.name != "patterns") {
      std::string hint = didYouMean(spec.name, {"patterns"});
      diags_.error(call->args[0].value->range, "unknown task '" + spec.name + "'" +
                                                   (hint.empty() ? "; the built-in tasks are: patterns" : hint));
      continue;
    }
    bool ok = true, sawN = false, sawSize = false;
    for (size_t i = 1; i < call->args.size(); ++i) {
      CallArg &a = call->args[i];
      if (a.name.empty()) {
        diags_.error(a.value->range, "task arguments after the name are named, as in n=20");
        ok = false;
        continue;
      }
      Setting tmp;
      tmp.range = a.value->range;
      tmp.expr = std::move(a.value);
      if (a.name == "n") { ok = foldInt(tmp, "n", 1, 1 << 20) && ok; spec.n = tmp.intValue; sawN = true; }
      else if (a.name == "size") { ok = foldInt(tmp, "size", 1, INT32_MAX) && ok; spec.size = tmp.intValue; sawSize = true; }
      else if (a.name == "hold") { ok = foldInt(tmp, "hold", 1, INT32_MAX) && ok; spec.hold = tmp.intValue; }
      else if (a.name == "noise") { ok = foldFloat(tmp, "noise", 0.0, 1.0) && ok; spec.noise = tmp.floatValue; }
      else {
        std::string hint = didYouMean(a.name, {"n", "size", "hold", "noise"});
        diags_.error(a.nameRange, "task 'patterns' has no argument '" + a.name + "'" +
                                      (hint.empty() ? "; its arguments are n, size, hold and noise" : hint));
        ok = false;
      }
      a.value = std::move(tmp.expr);
    }
    if (!ok) continue;
    auto known = tasks.find(spec.name);
    if (call->args.size() == 1) {
      if (known == tasks.end()) {
        diags_.error(call->range, "task '" + spec.name + "' is used before it is defined; give its "
                                  "arguments the first time: task(\"" + spec.name + "\", n=20, size=16)");
        continue;
      }
      spec = *known->second;
    } else {
      if (!sawN || !sawSize) {
        diags_.error(call->range, "task 'patterns' needs n (how many patterns) and size (their length)");
        continue;
      }
      if (known != tasks.end()) {
        const TaskSpec &k = *known->second;
        if (k.n != spec.n || k.size != spec.size || k.hold != spec.hold || k.noise != spec.noise)
          diags_.error(call->range, "task '" + spec.name + "' is defined twice with different arguments; "
                                    "refer to it again as task(\"" + spec.name + "\")");
      }
    }
    f.task = spec;
    if (known == tasks.end()) tasks[spec.name] = &*f.task;
    if (f.pop && spec.size != f.pop->size.intValue)
      diags_.error(f.source->range, "task '" + spec.name + "' has size " + std::to_string(spec.size) +
                                        " but population '" + f.pop->name + "' has " +
                                        std::to_string(f.pop->size.intValue) + " neurons");
  }

  // record
  for (Record &rec : r.records) {
    const bool synapses = checkSynapseRecord(rec);
    if (!synapses)
      if (PopMember pm = popMember(*rec.target, "'record'"); pm.expr) {
        rec.pop = pm.pop;
        rec.var = pm.expr->ref;
      }
    if (rec.every.present()) foldInt(rec.every, "every", 1, INT32_MAX);
    else rec.every.intValue = 1;
    rec.file = fileName(*rec.path, "'record ... to'");
    const std::string npz = ".npz";
    if (synapses && !rec.file.empty() &&
        (rec.file.size() <= npz.size() || rec.file.compare(rec.file.size() - npz.size(), npz.size(), npz) != 0))
      diags_.error(rec.path->range, "a synapse recording is a NumPy .npz archive (one entry per synapse and record, "
                                    "with its pre and post ids); name the file '" +
                                        rec.file.substr(0, rec.file.rfind('.')) + ".npz'");
  }
  // A snapshot writes P/id, P/parent and P/born beside every state and out of P:
  // a value of one of those names would share the key and hide the other.
  if (r.snapshot) {
    std::set<const NeuronDecl *> seen;
    for (const PopulationDecl *p : prog_->populations) {
      if (!p->type || !seen.insert(p->type).second) continue;
      for (auto *vs : {&p->type->states, &p->type->outs})
        for (const VarDecl &v : *vs)
          if (const char *theirs = ndpabi::snapshotNeuronArray(v.name))
            diags_.error(v.nameRange, std::string(vs == &p->type->states ? "state" : "out") + " '" + v.name +
                                          "' of neuron '" + p->type->name + "' would share the key '" + p->name +
                                          "/" + v.name + "' with the neurons' " + theirs +
                                          " in the run block's snapshots; rename it");
    }
  }
  for (auto *p : {&r.snapshot, &r.checkpoint}) {
    if (!*p) continue;
    foldInt((*p)->every, "every", 1, INT32_MAX);
    (*p)->file = fileName(*(*p)->path, p == &r.snapshot ? "'snapshot ... to'" : "'checkpoint ... to'");
  }

  // from= and to= of accuracy and mse: constant steps, from < to.
  auto checkWindow = [&](CallExpr &call) {
    bool ok = true;
    for (size_t i = 2; i < call.args.size(); ++i) {
      CallArg &a = call.args[i];
      if (a.name != "from" && a.name != "to") {
        diags_.error(a.nameRange, call.callee + " has no argument '" + a.name + "'" +
                                      didYouMean(a.name, {"from", "to"}) + "; its window is from=STEP and to=STEP");
        ok = false;
        continue;
      }
      Setting tmp;
      tmp.range = a.value->range;
      tmp.expr = std::move(a.value);
      const bool folded = foldInt(tmp, a.name.c_str(), 0, INT32_MAX);
      a.value = std::move(tmp.expr);  // the AST keeps the argument (dumps, tools)
      if (!folded) {
        ok = false;
        continue;
      }
      (a.name == "from" ? call.windowFrom : call.windowTo) = tmp.intValue;
    }
    if (call.windowTo >= 0 && call.windowFrom < 0) call.windowFrom = 0;  // to= alone: from the first step
    if (ok && call.windowFrom >= 0 && call.windowTo >= 0 && call.windowTo <= call.windowFrom) {
      diags_.error(call.range, call.callee + " averages over the steps from <= step < to, so 'to' (" +
                                   std::to_string(call.windowTo) + ") must be larger than 'from' (" +
                                   std::to_string(call.windowFrom) + ")");
      ok = false;
    }
    return ok;
  };

  // report
  for (ExprPtr &item : r.report) {
    auto *call = dyn<CallExpr>(item.get());
    const std::string usage = "a report item is accuracy(P.x, P.y), mse(P.x, P.y), neurons(P) or synapses(S)";
    if (!call) {
      diags_.error(item->range, usage);
      continue;
    }
    if (call->callee == "accuracy" || call->callee == "mse") {
      const std::string &what = call->callee;
      call->builtin = what == "mse" ? Builtin::Mse : Builtin::Accuracy;
      size_t values = 0;
      while (values < call->args.size() && call->args[values].name.empty()) ++values;
      if (values != 2) {
        diags_.error(call->range, what + " takes two values, then optionally from= and to=: " + what +
                                      "(readout.y, readout.target, from=900, to=1000)");
        continue;
      }
      if (!checkWindow(*call)) continue;
      PopMember a = popMember(*call->args[0].value, what.c_str());
      PopMember b = popMember(*call->args[1].value, what.c_str());
      if (a.pop && b.pop && a.pop->size.intValue != b.pop->size.intValue)
        diags_.error(call->range, what + " compares values neuron by neuron, but '" + a.pop->name + "' has " +
                                      std::to_string(a.pop->size.intValue) + " neurons and '" + b.pop->name +
                                      "' has " + std::to_string(b.pop->size.intValue));
      for (PopMember *pm : {&a, &b})
        if (pm->expr && !pm->expr->type.isError() && !pm->expr->type.isNumericScalar() &&
            pm->expr->type.kind != Type::Bool)
          diags_.error(pm->expr->range, what + (what == "mse" ? " compares numbers" : " compares signs of numbers") +
                                            "; this is " + pm->expr->type.str());
      call->type = Type::f32();
    } else if (call->callee == "neurons" || call->callee == "synapses") {
      bool neurons = call->callee == "neurons";
      call->builtin = neurons ? Builtin::Neurons : Builtin::Synapses;
      auto *n = call->args.size() == 1 ? dyn<NameExpr>(call->args[0].value.get()) : nullptr;
      if (!n) {
        diags_.error(call->range, neurons ? "neurons takes a population: neurons(cortex)"
                                          : "synapses takes a synapse type: synapses(Plastic)");
        continue;
      }
      if (neurons) {
        if (const PopulationDecl *p = findPopulation(n->name, n->range, "neurons(...)"))
          n->ref = Ref{RefKind::Population, Role::Self, p, p, -1};
      } else if (const SynapseDecl *s = findSynapse(n->name, n->range)) {
        n->ref = Ref{RefKind::SynapseType, Role::Self, s, nullptr, -1};
      }
      call->type = Type::i32();
    } else {
      diags_.error(call->calleeRange, "unknown report item '" + call->callee + "'" +
                                          didYouMean(call->callee, {"accuracy", "mse", "neurons", "synapses"}) + "; " + usage);
    }
  }
}

} // namespace ndpc::sema
