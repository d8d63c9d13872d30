// The parse tree to the owned AST (ASTBuilder.h).
#include "ASTBuilder.h"

#include "SyntaxErrors.h"

#include "ndpc/Basic/Diagnostics.h"
#include "ndpc/Basic/SourceManager.h"
#include "ndpc/Basic/Suggest.h"

#include <cerrno>
#include <cmath>
#include <cstdlib>

namespace ndpc {

using namespace ast;
using P = NdpParser;

SourceRange ASTBuilder::range(antlr4::ParserRuleContext *ctx) const {
  antlr4::Token *stop = ctx->getStop() ? ctx->getStop() : ctx->getStart();
  return SourceRange(tokenBegin(ctx->getStart(), file_), tokenEnd(stop, file_));
}

SourceRange ASTBuilder::range(antlr4::Token *t) const { return tokenRange(t, file_); }

std::unique_ptr<SourceFile> ASTBuilder::build(P::FileContext *ctx) {
  auto file = std::make_unique<SourceFile>();
  file->fileId = file_;
  file->path = sm_.path(file_);
  for (P::DeclContext *d : ctx->decl())
    if (DeclPtr decl = buildDecl(d)) file->decls.push_back(std::move(decl));
  return file;
}

DeclPtr ASTBuilder::buildDecl(P::DeclContext *ctx) {
  if (auto *c = ctx->modelDecl()) {
    auto d = std::make_unique<ModelDecl>();
    d->range = range(c);
    d->name = name(c->ident());
    d->nameRange = range(c->ident());
    return d;
  }
  if (auto *c = ctx->importDecl()) {
    auto d = std::make_unique<ImportDecl>();
    d->range = range(c);
    ExprPtr path = buildString(c->STRING()->getSymbol());
    if (!path) return nullptr;
    d->path = static_cast<StringLit *>(path.get())->value;
    d->pathRange = path->range;
    return d;
  }
  if (auto *c = ctx->paramDecl()) return buildParam(c);
  if (auto *c = ctx->fnDecl()) return buildFn(c);
  if (auto *c = ctx->neuronDecl()) return buildNeuron(c);
  if (auto *c = ctx->synapseDecl()) return buildSynapse(c);
  if (auto *c = ctx->populationDecl()) return buildPopulation(c);
  if (auto *c = ctx->memoryDecl()) return buildMemory(c);
  if (auto *c = ctx->projectDecl()) return buildProject(c);
  if (auto *c = ctx->attendDecl()) return buildAttend(c);
  if (auto *c = ctx->growDecl()) return buildGrow(c);
  if (auto *c = ctx->pruneDecl()) return buildPrune(c);
  if (auto *c = ctx->runDecl()) return buildRun(c);
  return nullptr;
}

TypeRef ASTBuilder::buildTypeRef(P::TypeRefContext *ctx) {
  TypeRef t;
  t.name = name(ctx->ident());
  t.range = range(ctx);
  if (ctx->expr().size() > 0) t.size = buildExpr(ctx->expr(0));
  if (ctx->expr().size() > 1) t.cols = buildExpr(ctx->expr(1));
  return t;
}

DeclPtr ASTBuilder::buildParam(P::ParamDeclContext *ctx) {
  auto d = std::make_unique<ParamDecl>();
  d->range = range(ctx);
  d->name = name(ctx->ident());
  d->nameRange = range(ctx->ident());
  d->typeRef = buildTypeRef(ctx->typeRef());
  if (ctx->expr()) d->init = buildExpr(ctx->expr());
  if (ctx->STRING()) {
    ExprPtr file = buildString(ctx->STRING()->getSymbol());
    if (auto *str = dyn<StringLit>(file.get())) d->file = str->value;
    d->fileRange = file->range;
  }
  return d;
}

DeclPtr ASTBuilder::buildFn(P::FnDeclContext *ctx) {
  auto d = std::make_unique<FnDecl>();
  d->range = range(ctx);
  d->name = name(ctx->ident());
  d->nameRange = range(ctx->ident());
  for (P::FnParamContext *p : ctx->fnParam()) {
    FnParam fp;
    fp.name = name(p->ident());
    fp.range = range(p->ident());
    if (p->typeRef()) fp.typeRef = buildTypeRef(p->typeRef());
    d->params.push_back(std::move(fp));
  }
  if (ctx->typeRef()) d->retTypeRef = buildTypeRef(ctx->typeRef());
  d->body = buildExpr(ctx->expr());
  return d;
}

VarDecl ASTBuilder::buildState(P::StateDeclContext *ctx) {
  VarDecl v;
  v.name = name(ctx->ident());
  v.nameRange = range(ctx->ident());
  v.range = range(ctx);
  if (ctx->typeRef()) v.typeRef = buildTypeRef(ctx->typeRef());
  if (ctx->expr()) v.init = buildExpr(ctx->expr());
  return v;
}

std::unique_ptr<Block> ASTBuilder::buildBlock(P::BlockContext *ctx) {
  auto b = std::make_unique<Block>();
  b->range = range(ctx);
  for (P::StmtContext *s : ctx->stmt()) {
    Stmt st;
    st.range = range(s);
    if (auto *a = dynamic_cast<P::AssignStmtContext *>(s)) {
      st.kind = Stmt::Assign;
      st.lhs = buildExpr(a->expr(0));
      st.rhs = buildExpr(a->expr(1));
    } else {
      st.kind = Stmt::Split;
    }
    b->stmts.push_back(std::move(st));
  }
  return b;
}

DeclPtr ASTBuilder::buildNeuron(P::NeuronDeclContext *ctx) {
  auto d = std::make_unique<NeuronDecl>();
  d->range = range(ctx);
  d->name = name(ctx->ident());
  d->nameRange = range(ctx->ident());
  for (P::NeuronMemberContext *m : ctx->neuronMember()) {
    if (auto *s = dynamic_cast<P::StateMemberContext *>(m)) {
      d->states.push_back(buildState(s->stateDecl()));
    } else if (auto *s = dynamic_cast<P::InputMemberContext *>(m)) {
      VarDecl v;
      v.name = name(s->ident());
      v.nameRange = range(s->ident());
      v.range = range(s);
      if (s->typeRef()) v.typeRef = buildTypeRef(s->typeRef());
      d->inputs.push_back(std::move(v));
    } else if (auto *s = dynamic_cast<P::ChannelMemberContext *>(m)) {
      VarDecl v;
      v.name = name(s->ident());
      v.nameRange = range(s->ident());
      v.range = range(s);
      if (s->typeRef()) v.typeRef = buildTypeRef(s->typeRef());
      d->channels.push_back(std::move(v));
    } else if (auto *s = dynamic_cast<P::OutMemberContext *>(m)) {
      VarDecl v;
      v.name = name(s->ident());
      v.nameRange = range(s->ident());
      v.range = range(s);
      if (s->typeRef()) v.typeRef = buildTypeRef(s->typeRef());
      v.init = buildExpr(s->expr());
      d->outs.push_back(std::move(v));
    } else if (auto *s = dynamic_cast<P::OnStepMemberContext *>(m)) {
      if (d->onStep) {
        diags_.error(range(s), "neuron '" + d->name + "' has a second 'on step' block; merge the two");
        diags_.note(d->onStep->range, "the first 'on step' block is here");
        continue;
      }
      d->onStep = buildBlock(s->onStep()->block());
    } else if (auto *s = dynamic_cast<P::SpikeMemberContext *>(m)) {
      if (d->spike) {
        diags_.error(range(s), "neuron '" + d->name + "' has a second 'spike when' rule; combine the conditions with 'or'");
        diags_.note(d->spike->range, "the first 'spike when' rule is here");
        continue;
      }
      d->spike = std::make_unique<SpikeRule>();
      d->spike->range = range(s);
      d->spike->cond = buildExpr(s->expr());
      if (s->block()) d->spike->reset = buildBlock(s->block());
    }
  }
  return d;
}

DeclPtr ASTBuilder::buildSynapse(P::SynapseDeclContext *ctx) {
  auto d = std::make_unique<SynapseDecl>();
  d->range = range(ctx);
  d->name = name(ctx->ident());
  d->nameRange = range(ctx->ident());
  for (P::SynapseMemberContext *m : ctx->synapseMember()) {
    if (auto *s = dynamic_cast<P::SynStateMemberContext *>(m)) {
      d->states.push_back(buildState(s->stateDecl()));
    } else if (auto *s = dynamic_cast<P::MultiplicityMemberContext *>(m)) {
      setOnce(d->multiplicity, s, s->expr(), "multiplicity");
    } else if (auto *s = dynamic_cast<P::TransmitMemberContext *>(m)) {
      if (d->transmit) {
        diags_.error(range(s), "synapse '" + d->name +
                                   "' has a second 'transmit'; a synapse sends to one channel "
                                   "(declare a second synapse type for another channel)");
        diags_.note(d->transmit->range, "the first 'transmit' is here");
        continue;
      }
      d->transmit = std::make_unique<Transmit>();
      d->transmit->range = range(s);
      if (s->ident()) {
        d->transmit->channel = name(s->ident());
        d->transmit->channelRange = range(s->ident());
      }
      d->transmit->expr = buildExpr(s->expr());
    } else if (auto *s = dynamic_cast<P::SynOnStepMemberContext *>(m)) {
      if (d->onStep) {
        diags_.error(range(s), "synapse '" + d->name + "' has a second 'on step' block; merge the two");
        diags_.note(d->onStep->range, "the first 'on step' block is here");
        continue;
      }
      d->onStep = buildBlock(s->onStep()->block());
    }
  }
  return d;
}

bool ASTBuilder::once(SourceRange &seen, antlr4::ParserRuleContext *opt, const char *word) {
  if (seen.valid()) {
    diags_.error(range(opt), std::string("'") + word + "' is given twice; keep one");
    diags_.note(seen, "the first one is here");
    return false;
  }
  seen = range(opt);
  return true;
}

void ASTBuilder::setOnce(Setting &s, antlr4::ParserRuleContext *opt, P::ExprContext *e,
                         const char *word) {
  if (!once(s.range, opt, word)) return;
  s.expr = buildExpr(e);
}

void ASTBuilder::setPeriodic(std::optional<Periodic> &p, antlr4::ParserRuleContext *opt,
                             P::ExprContext *every, P::ExprContext *path, const char *word) {
  SourceRange seen = p ? p->range : SourceRange();
  if (!once(seen, opt, word)) return;
  p.emplace();
  p->range = range(opt);
  p->every.range = range(every);
  p->every.expr = buildExpr(every);
  p->path = buildExpr(path);
}

void ASTBuilder::unknownOption(P::IdentContext *word, antlr4::ParserRuleContext *opt,
                               const char *where,
                               const std::vector<std::pair<std::string, std::string>> &known) {
  std::string w = name(word);
  std::vector<std::string> names;
  for (auto &k : known) {
    if (k.first == w) {
      diags_.error(range(opt), "malformed '" + w + "' in " + where + "; write '" + k.second + "'");
      return;
    }
    names.push_back(k.first);
  }
  std::string hint = didYouMean(w, names);
  if (hint.empty()) {
    std::vector<std::string> quoted;
    for (auto &n : names) quoted.push_back("'" + n + "'");
    hint = "; expected " + joinOr(quoted);
  }
  diags_.error(range(word), "unknown " + std::string(where) + " option '" + w + "'" + hint);
}

DeclPtr ASTBuilder::buildPopulation(P::PopulationDeclContext *ctx) {
  auto d = std::make_unique<PopulationDecl>();
  d->range = range(ctx);
  d->name = name(ctx->ident(0));
  d->nameRange = range(ctx->ident(0));
  d->typeName = name(ctx->ident(1));
  d->typeRange = range(ctx->ident(1));
  d->size.range = range(ctx->expr());
  d->size.expr = buildExpr(ctx->expr());
  for (P::PopOptionContext *o : ctx->popOption()) {
    if (auto *c = dynamic_cast<P::MaxOptionContext *>(o)) setOnce(d->max, c, c->expr(), "max");
    else if (auto *c = dynamic_cast<P::DecayOptionContext *>(o))
      setOnce(d->decay, c, c->expr(), "importance_decay");
    else if (auto *c = dynamic_cast<P::UnknownPopOptionContext *>(o))
      unknownOption(c->ident(), c, "population",
                    {{"max", "max N;"}, {"importance_decay", "importance_decay D;"}});
  }
  return d;
}

DeclPtr ASTBuilder::buildMemory(P::MemoryDeclContext *ctx) {
  auto d = std::make_unique<MemoryDecl>();
  d->range = range(ctx);
  d->name = name(ctx->ident(0));
  d->nameRange = range(ctx->ident(0));
  d->typeName = name(ctx->ident(1));
  d->typeRange = range(ctx->ident(1));
  d->size.range = range(ctx->expr());
  d->size.expr = buildExpr(ctx->expr());
  for (P::MemoryOptionContext *o : ctx->memoryOption()) {
    if (auto *c = dynamic_cast<P::KeyOptionContext *>(o)) {
      if (once(d->keyRange, c, "key from")) d->key = buildExpr(c->expr());
    } else if (auto *c = dynamic_cast<P::ValueOptionContext *>(o)) {
      if (once(d->valueRange, c, "value to")) d->value = buildExpr(c->expr());
    } else if (auto *c = dynamic_cast<P::SparsityOptionContext *>(o)) {
      setOnce(d->sparsity, c, c->expr(), "sparsity");
    } else if (auto *c = dynamic_cast<P::WriteOptionContext *>(o)) {
      if (once(d->writeRange, c, "write when")) d->writeCond = buildExpr(c->expr());
    } else if (auto *c = dynamic_cast<P::MemDecayOptionContext *>(o)) {
      setOnce(d->decay, c, c->expr(), "importance_decay");
    } else if (auto *c = dynamic_cast<P::UnknownMemoryOptionContext *>(o)) {
      unknownOption(c->ident(), c, "memory",
                    {{"key", "key from POPULATION.VAR;"},
                     {"value", "value to POPULATION;"},
                     {"sparsity", "sparsity K;"},
                     {"write", "write when CONDITION;"},
                     {"importance_decay", "importance_decay D;"}});
    }
  }
  return d;
}

DeclPtr ASTBuilder::buildProject(P::ProjectDeclContext *ctx) {
  auto d = std::make_unique<ProjectDecl>();
  d->range = range(ctx);
  d->pre = name(ctx->ident(0));
  d->preRange = range(ctx->ident(0));
  d->post = name(ctx->ident(1));
  d->postRange = range(ctx->ident(1));
  d->synapse = name(ctx->ident(2));
  d->synapseRange = range(ctx->ident(2));
  d->name = d->pre + " -> " + d->post;
  d->nameRange = SourceRange(d->preRange.begin, d->postRange.end);
  auto setConn = [&](Connectivity c, antlr4::ParserRuleContext *opt, P::ExprContext *e) {
    if (d->conn != Connectivity::None) {
      diags_.error(range(opt), "projection " + d->name + " has a second connectivity rule; keep one of "
                               "'fanin', 'p', 'all', 'one_to_one' or 'from' (declare a second "
                               "'project' for more synapses)");
      diags_.note(d->connSetting.range, "the first rule is here");
      return;
    }
    d->conn = c;
    d->connSetting.range = range(opt);
    if (e) d->connSetting.expr = buildExpr(e);
  };
  for (P::ProjectOptionContext *o : ctx->projectOption()) {
    if (auto *c = dynamic_cast<P::FaninOptionContext *>(o)) setConn(Connectivity::Fanin, c, c->expr());
    else if (auto *c = dynamic_cast<P::ProbOptionContext *>(o)) setConn(Connectivity::Prob, c, c->expr());
    else if (auto *c = dynamic_cast<P::AllOptionContext *>(o)) setConn(Connectivity::All, c, nullptr);
    else if (auto *c = dynamic_cast<P::OneToOneOptionContext *>(o)) setConn(Connectivity::OneToOne, c, nullptr);
    else if (auto *c = dynamic_cast<P::FromOptionContext *>(o)) setConn(Connectivity::From, c, c->expr());
    else if (auto *c = dynamic_cast<P::UnknownProjectOptionContext *>(o))
      unknownOption(c->ident(), c, "project",
                    {{"fanin", "fanin K;"}, {"p", "p P;"}, {"all", "all;"},
                     {"one_to_one", "one_to_one;"}, {"from", "from \"edges.npy\";"}});
  }
  return d;
}

DeclPtr ASTBuilder::buildAttend(P::AttendDeclContext *ctx) {
  auto d = std::make_unique<AttendDecl>();
  d->range = range(ctx);
  d->name = d->population = name(ctx->ident());
  d->nameRange = range(ctx->ident());
  for (P::AttendOptionContext *o : ctx->attendOption()) {
    if (auto *c = dynamic_cast<P::EmbeddingOptionContext *>(o)) {
      if (once(d->embeddingRange, c, "embedding")) {
        d->embedding = name(c->ident());
        d->embeddingRange = range(c->ident());
      }
    } else if (auto *c = dynamic_cast<P::HeadsOptionContext *>(o)) {
      setOnce(d->heads, c, c->expr(), "heads");
    } else if (auto *c = dynamic_cast<P::EdgeDimOptionContext *>(o)) {
      setOnce(d->edgeDim, c, c->expr(), "edge_dim");
    } else if (auto *c = dynamic_cast<P::OverOptionContext *>(o)) {
      if (once(d->overRange, c, "over")) {
        d->over = name(c->ident());
        d->overRange = range(c->ident());
      }
    } else if (auto *c = dynamic_cast<P::AttendEveryOptionContext *>(o)) {
      setOnce(d->every, c, c->expr(), "every");
    } else if (auto *c = dynamic_cast<P::TopkOptionContext *>(o)) {
      if (!once(d->topk.range, c, "connect topk")) continue;
      d->topk.expr = buildExpr(c->expr(0));
      if (c->expr().size() > 1) d->topkCond = buildExpr(c->expr(1));
    } else if (auto *c = dynamic_cast<P::UnknownAttendOptionContext *>(o)) {
      unknownOption(c->ident(), c, "attend",
                    {{"embedding", "embedding STATE;"}, {"heads", "heads H;"},
                     {"edge_dim", "edge_dim D;"}, {"over", "over SYNAPSE;"},
                     {"every", "every K;"}});
    }
  }
  return d;
}

DeclPtr ASTBuilder::buildGrow(P::GrowDeclContext *ctx) {
  auto d = std::make_unique<GrowDecl>();
  d->range = range(ctx);
  d->name = name(ctx->ident());
  d->nameRange = range(ctx->ident());
  d->every.range = range(ctx->expr());
  d->every.expr = buildExpr(ctx->expr());
  for (P::GrowRuleContext *r : ctx->growRule()) {
    if (auto *c = dynamic_cast<P::RemoveRuleContext *>(r)) {
      RemoveRule rule;
      rule.range = range(c);
      rule.cond = buildExpr(c->expr());
      d->removes.push_back(std::move(rule));
    } else if (auto *c = dynamic_cast<P::DivideRuleContext *>(r)) {
      DivideRule rule;
      rule.range = range(c);
      rule.cond = buildExpr(c->expr());
      rule.body = buildBlock(c->block());
      d->divides.push_back(std::move(rule));
    } else if (auto *c = dynamic_cast<P::ConnectRuleContext *>(r)) {
      ConnectRule rule;
      rule.range = range(c);
      rule.cond = buildExpr(c->expr());
      rule.synapse = name(c->ident());
      rule.synapseRange = range(c->ident());
      d->connects.push_back(std::move(rule));
    } else if (auto *c = dynamic_cast<P::UnknownGrowRuleContext *>(r)) {
      unknownOption(c->ident(), c, "grow", {{"remove", "remove when CONDITION;"}});
    }
  }
  return d;
}

DeclPtr ASTBuilder::buildPrune(P::PruneDeclContext *ctx) {
  auto d = std::make_unique<PruneDecl>();
  d->range = range(ctx);
  d->name = name(ctx->ident());
  d->nameRange = range(ctx->ident());
  d->cond = buildExpr(ctx->expr(0));
  if (ctx->expr().size() > 1) {
    d->forSteps.range = range(ctx->expr(1));
    d->forSteps.expr = buildExpr(ctx->expr(1));
  }
  return d;
}

DeclPtr ASTBuilder::buildRun(P::RunDeclContext *ctx) {
  auto d = std::make_unique<RunDecl>();
  d->range = range(ctx);
  d->name = "run";
  d->nameRange = range(ctx->getStart());
  for (P::RunItemContext *it : ctx->runItem()) {
    if (auto *c = dynamic_cast<P::SeedItemContext *>(it)) {
      setOnce(d->seed, c, c->expr(), "seed");
    } else if (auto *c = dynamic_cast<P::StepsItemContext *>(it)) {
      setOnce(d->steps, c, c->expr(), "steps");
    } else if (auto *c = dynamic_cast<P::DtItemContext *>(it)) {
      setOnce(d->dt, c, c->expr(), "dt");
    } else if (auto *c = dynamic_cast<P::FeedItemContext *>(it)) {
      Feed f;
      f.range = range(c);
      f.target = buildExpr(c->expr(0));
      f.source = buildExpr(c->expr(1));
      d->feeds.push_back(std::move(f));
    } else if (auto *c = dynamic_cast<P::RecordItemContext *>(it)) {
      Record r;
      r.range = range(c);
      r.target = buildExpr(c->expr(0));
      if (c->EVERY()) {
        r.every.range = range(c->expr(1));
        r.every.expr = buildExpr(c->expr(1));
      }
      r.path = buildExpr(c->expr().back());
      d->records.push_back(std::move(r));
    } else if (auto *c = dynamic_cast<P::SnapshotItemContext *>(it)) {
      setPeriodic(d->snapshot, c, c->expr(0), c->expr(1), "snapshot");
    } else if (auto *c = dynamic_cast<P::CheckpointItemContext *>(it)) {
      setPeriodic(d->checkpoint, c, c->expr(0), c->expr(1), "checkpoint");
    } else if (auto *c = dynamic_cast<P::ReportItemContext *>(it)) {
      for (P::ExprContext *e : c->expr()) d->report.push_back(buildExpr(e));
    } else if (auto *c = dynamic_cast<P::UnknownRunItemContext *>(it)) {
      unknownOption(c->ident(), c, "run",
                    {{"seed", "seed N;"},
                     {"steps", "steps N;"},
                     {"dt", "dt X;"},
                     {"feed", "feed POPULATION.INPUT from SOURCE;"},
                     {"record", "record POPULATION.VAR [every N] to \"file.npy\";"},
                     {"snapshot", "snapshot every N to \"dir\";"},
                     {"checkpoint", "checkpoint every N to \"file.ckpt\";"},
                     {"report", "report ITEM, ...;"}});
    }
  }
  return d;
}

// ---------------------------------------------------------------- expressions

ExprPtr ASTBuilder::buildNumber(antlr4::Token *t) {
  const std::string text = t->getText();
  SourceRange r = range(t);
  bool isFloat = text.find_first_of(".eE") != std::string::npos;
  errno = 0;
  if (isFloat) {
    double v = std::strtod(text.c_str(), nullptr);
    if (errno == ERANGE && std::isinf(v)) {
      diags_.error(r, "number '" + text + "' is too large for f64");
      v = 0;
    }
    return std::make_unique<FloatLit>(r, v, text);
  }
  unsigned long long v = std::strtoull(text.c_str(), nullptr, 10);
  if (errno == ERANGE || v > 2147483648ull) {
    diags_.error(r, "integer '" + text + "' does not fit in i32 (at most 2147483647); "
                    "write it as a float, e.g. '" + text + ".0'");
    v = 0;
  }
  return std::make_unique<IntLit>(r, static_cast<int64_t>(v));
}

ExprPtr ASTBuilder::buildString(antlr4::Token *t) {
  const std::string text = t->getText();
  SourceRange r = range(t);
  std::string value;
  for (size_t i = 1; i + 1 < text.size(); ++i) {
    char c = text[i];
    if (c != '\\') { value.push_back(c); continue; }
    char n = text[++i];
    if (n == '"' || n == '\\') { value.push_back(n); continue; }
    SourceLoc at{file_, r.begin.line, r.begin.col + static_cast<uint32_t>(codePointCount(text.substr(0, i - 1)))};
    diags_.error(SourceRange(at, SourceLoc{file_, at.line, at.col + 2}),
                 std::string("unknown escape '\\") + n + "' in string; only '\\\"' and '\\\\' are allowed");
  }
  return std::make_unique<StringLit>(r, std::move(value));
}

namespace {

template <class Ctx>
BinaryOp binaryOpOf(Ctx *c) {
  const std::string op = c->op->getText();
  if (op == "+") return BinaryOp::Add;
  if (op == "-") return BinaryOp::Sub;
  if (op == "*") return BinaryOp::Mul;
  if (op == "/") return BinaryOp::Div;
  if (op == "%") return BinaryOp::Rem;
  if (op == "@") return BinaryOp::MatVec;
  if (op == "<") return BinaryOp::Lt;
  if (op == "<=") return BinaryOp::Le;
  if (op == ">") return BinaryOp::Gt;
  if (op == ">=") return BinaryOp::Ge;
  if (op == "==") return BinaryOp::Eq;
  if (op == "!=") return BinaryOp::Ne;
  if (op == "and" || op == "&&") return BinaryOp::And;
  return BinaryOp::Or;
}

} // namespace

ExprPtr ASTBuilder::buildExpr(P::ExprContext *ctx) {
  SourceRange r = range(ctx);
  if (auto *c = dynamic_cast<P::PrimaryExprContext *>(ctx)) return buildPrimary(c->primary());
  if (auto *c = dynamic_cast<P::MemberExprContext *>(ctx))
    return std::make_unique<MemberExpr>(r, buildExpr(c->expr()), name(c->ident()), range(c->ident()));
  if (auto *c = dynamic_cast<P::IndexExprContext *>(ctx))
    return std::make_unique<IndexExpr>(r, buildExpr(c->expr(0)), buildExpr(c->expr(1)));
  if (auto *c = dynamic_cast<P::UnaryExprContext *>(ctx))
    return std::make_unique<UnaryExpr>(r, c->op->getText() == "-" ? UnaryOp::Neg : UnaryOp::Not,
                                       buildExpr(c->expr()));
  if (auto *c = dynamic_cast<P::CondExprContext *>(ctx))
    return std::make_unique<CondExpr>(r, buildExpr(c->expr(0)), buildExpr(c->expr(1)),
                                      buildExpr(c->expr(2)));

  auto binary = [&](auto *c) -> ExprPtr {
    const std::string op = c->op->getText();
    if (op == "&&" || op == "||") {
      std::string word = op == "&&" ? "and" : "or";
      diags_.error(range(c->op), "'" + op + "' is written '" + word + "' in NDP", word);
    }
    return std::make_unique<BinaryExpr>(r, binaryOpOf(c), buildExpr(c->expr(0)),
                                        buildExpr(c->expr(1)), range(c->op));
  };
  if (auto *c = dynamic_cast<P::MulExprContext *>(ctx)) return binary(c);
  if (auto *c = dynamic_cast<P::AddExprContext *>(ctx)) return binary(c);
  if (auto *c = dynamic_cast<P::RelExprContext *>(ctx)) return binary(c);
  if (auto *c = dynamic_cast<P::EqExprContext *>(ctx)) return binary(c);
  if (auto *c = dynamic_cast<P::AndExprContext *>(ctx)) return binary(c);
  if (auto *c = dynamic_cast<P::OrExprContext *>(ctx)) return binary(c);
  return std::make_unique<IntLit>(r, 0);  // unreachable on a well-formed tree
}

ExprPtr ASTBuilder::buildPrimary(P::PrimaryContext *ctx) {
  SourceRange r = range(ctx);
  if (auto *c = dynamic_cast<P::NumberLitContext *>(ctx)) return buildNumber(c->NUMBER()->getSymbol());
  if (auto *c = dynamic_cast<P::StringLitContext *>(ctx)) return buildString(c->STRING()->getSymbol());
  if (auto *c = dynamic_cast<P::BoolLitContext *>(ctx)) return std::make_unique<BoolLit>(r, c->TRUE() != nullptr);
  if (auto *c = dynamic_cast<P::NameExprContext *>(ctx)) return std::make_unique<NameExpr>(r, name(c->ident()));
  if (auto *c = dynamic_cast<P::ParenExprContext *>(ctx)) {
    ExprPtr e = buildExpr(c->expr());
    e->range = r;  // a diagnostic on (a + b) underlines the parentheses too
    return e;
  }
  if (auto *c = dynamic_cast<P::CallExprContext *>(ctx)) {
    auto call = std::make_unique<CallExpr>(r, name(c->ident()), range(c->ident()));
    for (P::ArgContext *a : c->arg()) {
      CallArg arg;
      if (a->ident()) {
        arg.name = name(a->ident());
        arg.nameRange = range(a->ident());
      }
      arg.value = buildExpr(a->expr());
      call->args.push_back(std::move(arg));
    }
    return call;
  }
  return std::make_unique<IntLit>(r, 0);
}

} // namespace ndpc
