// The AST to the ndp dialect: declarations, elemental regions, the run
// block, every op with its source location.
#include "ndpc/MLIRGen/MLIRGen.h"

#include "ExprEmitter.h"

#include "ndpc/Basic/Diagnostics.h"
#include "ndpc/Basic/SourceManager.h"
#include "ndpc/Dialect/NDP/IR/NDPOps.h"
#include "ndpc/Sema/Linearity.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/Verifier.h"

#include <climits>
#include <map>
#include <set>

namespace ndpc {

using namespace mlir;

namespace {

ndp::ValueKind valueKindOf(ast::RefKind k) {
  switch (k) {
  case ast::RefKind::Input: return ndp::ValueKind::Input;
  case ast::RefKind::Channel: return ndp::ValueKind::Channel;
  case ast::RefKind::Out: return ndp::ValueKind::Out;
  case ast::RefKind::Importance: return ndp::ValueKind::Importance;
  case ast::RefKind::Spiked: return ndp::ValueKind::Spiked;
  default: return ndp::ValueKind::State;
  }
}

ndp::Role roleOf(ast::Role r) {
  switch (r) {
  case ast::Role::Pre: return ndp::Role::Pre;
  case ast::Role::Post: return ndp::Role::Post;
  case ast::Role::Parent: return ndp::Role::Parent;
  case ast::Role::A: return ndp::Role::A;
  case ast::Role::B: return ndp::Role::B;
  default: return ndp::Role::Self;
  }
}

class Generator {
public:
  Generator(MLIRContext &ctx, const ast::Program &prog, const SourceManager &sm, DiagnosticEngine &diags)
      : ctx_(ctx), prog_(prog), sm_(sm), diags_(diags), b_(&ctx) {}

  OwningOpRef<ModuleOp> run();

private:
  /// A read of the element being computed (neuron or synapse region).
  Value readElement(const ast::Ref &ref, const std::string &name, Type type, Location l) {
    if (ref.kind == ast::RefKind::Score) return b_.create<ndp::ScoreOp>(l, b_.getF32Type());
    if (ref.kind == ast::RefKind::Novelty) return b_.create<ndp::NoveltyOp>(l, b_.getF32Type());
    std::string n = name;
    if (ref.kind == ast::RefKind::Channel && ref.index < 0) n = "in";
    if (ref.kind == ast::RefKind::Importance || ref.kind == ast::RefKind::Spiked) n.clear();
    return b_.create<ndp::ReadOp>(l, type, roleOf(ref.role), valueKindOf(ref.kind), n);
  }

  ExprEmitter emitter() {
    return ExprEmitter(b_, sm_, [this](const ast::Ref &r, const std::string &n, Type t, Location l) {
      return readElement(r, n, t, l);
    });
  }

  /// Creates the single block of `region` and leaves the builder at its start.
  void enter(Region &region) {
    Block *blk = new Block();
    region.push_back(blk);
    b_.setInsertionPointToStart(blk);
  }

  /// Values of every state after a block: the assigned ones computed from the
  /// values before it, the others read unchanged.
  SmallVector<Value> blockValues(const ast::Block *block, const std::vector<ast::VarDecl> &states,
                                 const std::string &site) {
    ExprEmitter ee = emitter();
    SmallVector<Value> out;
    for (const ast::VarDecl &v : states) {
      const ast::Stmt *assign = nullptr;
      if (block)
        for (const ast::Stmt &s : block->stmts)
          if (s.kind == ast::Stmt::Assign)
            if (auto *n = ast::dyn<ast::NameExpr>(s.lhs.get()); n && n->name == v.name) assign = &s;
      if (assign) {
        ee.setSite(site + "/" + v.name);
        out.push_back(ee.emit(*assign->rhs, v.type));
      } else {
        Type t = ee.mlirType(v.type);
        out.push_back(b_.create<ndp::ReadOp>(ee.loc(v.nameRange), t, ndp::Role::Self,
                                             ndp::ValueKind::State, v.name));
      }
    }
    return out;
  }

  /// Initial values of `states`; `load(...)` ones become zeros listed in `loads`.
  SmallVector<Value> initValues(const std::vector<ast::VarDecl> &states, SmallVector<NamedAttribute> &loads,
                                const std::string &site) {
    ExprEmitter ee = emitter();
    SmallVector<Value> out;
    for (const ast::VarDecl &v : states) {
      Location l = ee.loc(v.range);
      auto *call = v.init ? ast::dyn<ast::CallExpr>(v.init.get()) : nullptr;
      if (call && call->builtin == ast::Builtin::Load) {
        loads.push_back(b_.getNamedAttr(v.name, b_.getStringAttr(static_cast<ast::StringLit &>(
                                                                      *call->args[0].value).value)));
        out.push_back(ee.zero(ee.mlirType(v.type), l));
      } else if (v.init) {
        ee.setSite(site + "/" + v.name);
        out.push_back(ee.emit(*v.init, v.type));
      } else {
        out.push_back(ee.zero(ee.mlirType(v.type), l));
      }
    }
    return out;
  }

  ArrayAttr vars(const std::vector<ast::VarDecl> &vs) {
    ExprEmitter ee = emitter();
    SmallVector<Attribute> out;
    for (const ast::VarDecl &v : vs) out.push_back(ndp::VarAttr::get(&ctx_, v.name, ee.mlirType(v.type)));
    return b_.getArrayAttr(out);
  }

  ArrayAttr names(const std::vector<ast::VarDecl> &vs) {
    SmallVector<Attribute> out;
    for (const ast::VarDecl &v : vs) out.push_back(b_.getStringAttr(v.name));
    return b_.getArrayAttr(out);
  }

  void emitNeuron(const ast::NeuronDecl &n);
  void emitSynapse(const ast::SynapseDecl &s);
  void emitRun(const ast::RunDecl &r);
  void emitGrow(const ast::GrowDecl &g);
  void emitPrune(const ast::PruneDecl &p);
  void emitAttend(const ast::AttendDecl &a);
  void emitMemory(const ast::MemoryDecl &m);
  /// The projection a connect rule adds to: the first P -> P projection of its
  /// synapse type, or one made for it with no initial synapses.
  std::string connectTarget(const ast::GrowDecl &g, const ast::ConnectRule &r) {
    return connectTargets_[{g.pop->name, r.synType->name}];
  }
  /// Region yielding the i1 value of a rule's condition.
  void emitCondition(Region &region, const ast::Expr &cond, const std::string &site);

  MLIRContext &ctx_;
  const ast::Program &prog_;
  const SourceManager &sm_;
  DiagnosticEngine &diags_;
  OpBuilder b_;
  ModuleOp module_;
  std::map<std::pair<std::string, std::string>, std::string> connectTargets_;  // (population, synapse)
  std::map<std::string, unsigned> siteCounts_;  // rules of one kind per population, for random sites
};

void Generator::emitNeuron(const ast::NeuronDecl &n) {
  ExprEmitter ee = emitter();
  Location l = ee.loc(n.range);
  OpBuilder::InsertionGuard guard(b_);
  auto op = b_.create<ndp::NeuronOp>(l, b_.getStringAttr(n.name), vars(n.states), names(n.inputs),
                                     vars(n.channels), vars(n.outs), DictionaryAttr());
  SmallVector<NamedAttribute> loads;
  enter(op.getInit());
  SmallVector<Value> init = initValues(n.states, loads, "neuron " + n.name + "/init");
  b_.create<ndp::YieldOp>(l, init);
  if (!loads.empty()) op.setLoadsAttr(b_.getDictionaryAttr(loads));

  enter(op.getOut());
  SmallVector<Value> outs;
  for (const ast::VarDecl &o : n.outs) {
    ee.setSite("neuron " + n.name + "/out/" + o.name);
    outs.push_back(ee.emit(*o.init, o.type));
  }
  b_.create<ndp::YieldOp>(l, outs);

  enter(op.getUpdate());
  b_.create<ndp::YieldOp>(l, blockValues(n.onStep.get(), n.states, "neuron " + n.name + "/step"));

  if (n.spike) {
    Location sl = ee.loc(n.spike->range);
    enter(op.getSpike());
    ee.setSite("neuron " + n.name + "/spike");
    b_.create<ndp::YieldOp>(sl, ValueRange{ee.emit(*n.spike->cond, ast::Type::boolean())});
    enter(op.getReset());
    b_.create<ndp::YieldOp>(sl, blockValues(n.spike->reset.get(), n.states, "neuron " + n.name + "/reset"));
  }
}

void Generator::emitSynapse(const ast::SynapseDecl &s) {
  ExprEmitter ee = emitter();
  Location l = ee.loc(s.range);
  OpBuilder::InsertionGuard guard(b_);
  std::string channel = s.transmit && !s.transmit->channel.empty() ? s.transmit->channel : "in";
  auto op = b_.create<ndp::SynapseOp>(l, b_.getStringAttr(s.name), vars(s.states),
                                      b_.getI64IntegerAttr(s.multiplicity.intValue),
                                      b_.getStringAttr(channel), DictionaryAttr(), StringAttr());
  SmallVector<NamedAttribute> loads;
  enter(op.getInit());
  SmallVector<Value> init = initValues(s.states, loads, "synapse " + s.name + "/init");
  b_.create<ndp::YieldOp>(l, init);
  if (!loads.empty()) op.setLoadsAttr(b_.getDictionaryAttr(loads));
  if (std::vector<int> lin = linearStates(s); lin.size() == 1)
    op.setLinearStateAttr(b_.getStringAttr(s.states[static_cast<size_t>(lin[0])].name));
  if (s.transmit) {
    enter(op.getTransmit());
    ee.setSite("synapse " + s.name + "/transmit");
    Value t = ee.emit(*s.transmit->expr, s.transmit->typeFrom ? s.transmit->type : ast::Type::f32());
    b_.create<ndp::YieldOp>(ee.loc(s.transmit->range), ValueRange{t});
  }
  enter(op.getUpdate());
  b_.create<ndp::YieldOp>(l, blockValues(s.onStep.get(), s.states, "synapse " + s.name + "/step"));
}

void Generator::emitCondition(Region &region, const ast::Expr &cond, const std::string &site) {
  ExprEmitter ee = emitter();
  ee.setSite(site);
  enter(region);
  Value c = ee.emit(cond, ast::Type::boolean());
  b_.create<ndp::YieldOp>(ee.loc(cond.range), ValueRange{c});
}

void Generator::emitGrow(const ast::GrowDecl &g) {
  ExprEmitter ee = emitter();
  OpBuilder::InsertionGuard guard(b_);
  auto grow = b_.create<ndp::GrowOp>(ee.loc(g.range), FlatSymbolRefAttr::get(&ctx_, g.pop->name),
                                     b_.getI64IntegerAttr(g.every.intValue));
  Block *body = new Block();
  grow.getBody().push_back(body);
  // Sites are named by population and the rule's order among its kind, never by
  // source position (ExprEmitter::setSite).
  std::string site = "grow " + g.pop->name + "#" + std::to_string(siteCounts_["grow " + g.pop->name]++);
  unsigned ruleIndex = 0;
  // Remove rules first (a removed neuron does not divide), then divide rules,
  // then connect rules, so that new children can be connected.
  for (const ast::RemoveRule &r : g.removes) {
    b_.setInsertionPointToEnd(body);
    auto rm = b_.create<ndp::RemoveOp>(ee.loc(r.range));
    emitCondition(rm.getCond(), *r.cond, site + "/remove" + std::to_string(ruleIndex++) + "/when");
  }
  ruleIndex = 0;
  for (const ast::DivideRule &r : g.divides) {
    std::string rule = site + "/divide" + std::to_string(ruleIndex++);
    b_.setInsertionPointToEnd(body);
    SmallVector<Attribute> assigns;
    SmallVector<const ast::Stmt *> stmts;
    for (const ast::Stmt &st : r.body->stmts)
      if (st.kind == ast::Stmt::Assign) {
        // A parent's state is named "parent.X" (docs/dialect.md, ndp.divide).
        auto &m = static_cast<const ast::MemberExpr &>(*st.lhs);
        assigns.push_back(b_.getStringAttr((m.ref.role == ast::Role::Parent ? "parent." : "") + m.member));
        stmts.push_back(&st);
      }
    auto div = b_.create<ndp::DivideOp>(ee.loc(r.range), r.split, b_.getArrayAttr(assigns));
    emitCondition(div.getCond(), *r.cond, rule + "/when");
    enter(div.getChild());
    SmallVector<Value> vals;
    for (size_t i = 0; i < stmts.size(); ++i) {
      ee.setSite(rule + "/" + cast<StringAttr>(assigns[i]).getValue().str());
      vals.push_back(ee.emit(*stmts[i]->rhs, static_cast<const ast::MemberExpr &>(*stmts[i]->lhs).type));
    }
    b_.create<ndp::YieldOp>(ee.loc(r.range), vals);
  }
  ruleIndex = 0;
  for (const ast::ConnectRule &r : g.connects) {
    b_.setInsertionPointToEnd(body);
    auto conn = b_.create<ndp::ConnectOp>(ee.loc(r.range), FlatSymbolRefAttr::get(&ctx_, connectTarget(g, r)));
    emitCondition(conn.getCond(), *r.cond, site + "/connect" + std::to_string(ruleIndex++) + "/when");
  }
}

void Generator::emitPrune(const ast::PruneDecl &p) {
  ExprEmitter ee = emitter();
  OpBuilder::InsertionGuard guard(b_);
  auto op = b_.create<ndp::PruneOp>(ee.loc(p.range), FlatSymbolRefAttr::get(&ctx_, p.synType->name),
                                    b_.getI64IntegerAttr(p.forSteps.intValue));
  std::string site = "prune " + p.synType->name;
  emitCondition(op.getCond(), *p.cond, site + "#" + std::to_string(siteCounts_[site]++));
}

void Generator::emitMemory(const ast::MemoryDecl &m) {
  ExprEmitter ee = emitter();
  OpBuilder::InsertionGuard guard(b_);
  auto &key = static_cast<const ast::MemberExpr &>(*m.key);
  std::string keyName = key.ref.kind == ast::RefKind::Out || key.ref.kind == ast::RefKind::State ? key.member : "";
  auto op = b_.create<ndp::MemoryOp>(ee.loc(m.range), FlatSymbolRefAttr::get(&ctx_, m.name),
                                     FlatSymbolRefAttr::get(&ctx_, m.keyPop->name),
                                     ndp::ValueKindAttr::get(&ctx_, valueKindOf(key.ref.kind)),
                                     b_.getStringAttr(keyName), FlatSymbolRefAttr::get(&ctx_, m.valuePop->name),
                                     b_.getI64IntegerAttr(m.sparsity.intValue));
  emitCondition(op.getCond(), *m.writeCond, "memory " + m.name + "/write");
}

void Generator::emitAttend(const ast::AttendDecl &a) {
  ExprEmitter ee = emitter();
  OpBuilder::InsertionGuard guard(b_);
  auto op = b_.create<ndp::AttendOp>(ee.loc(a.range), FlatSymbolRefAttr::get(&ctx_, a.pop->name),
                                     b_.getStringAttr(a.embedding), b_.getI64IntegerAttr(a.heads.intValue),
                                     b_.getI64IntegerAttr(a.edgeDim.intValue), b_.getI64IntegerAttr(a.every.intValue),
                                     FlatSymbolRefAttr(), b_.getI64IntegerAttr(a.topk.present() ? a.topk.intValue : 0));
  if (a.overType) op.setOverAttr(FlatSymbolRefAttr::get(&ctx_, connectTargets_[{a.pop->name, a.overType->name}]));
  std::string site = "attend " + a.pop->name;
  if (a.topk.present() && a.topkCond)
    emitCondition(op.getCond(), *a.topkCond, site + "#" + std::to_string(siteCounts_[site]++));
}

void Generator::emitRun(const ast::RunDecl &r) {
  ExprEmitter ee = emitter();
  Location l = ee.loc(r.range);
  OpBuilder::InsertionGuard guard(b_);
  auto run = b_.create<ndp::RunOp>(l, b_.getI64IntegerAttr(r.seed.intValue),
                                   b_.getI64IntegerAttr(r.steps.intValue), b_.getF64FloatAttr(r.dt.floatValue));
  Block *body = new Block();
  run.getBody().push_back(body);
  b_.setInsertionPointToStart(body);
  auto sym = [&](const std::string &n) { return FlatSymbolRefAttr::get(&ctx_, n); };
  auto kindAttr = [&](ast::RefKind k) { return ndp::ValueKindAttr::get(&ctx_, valueKindOf(k)); };
  for (const ast::Feed &f : r.feeds) {
    if (!f.pop) continue;
    std::string input = f.pop->type->inputs[f.inputIndex].name;
    auto op = b_.create<ndp::FeedOp>(ee.loc(f.range), sym(f.pop->name), b_.getStringAttr(input), StringAttr(),
                                     StringAttr(), IntegerAttr(), IntegerAttr(), IntegerAttr(), FloatAttr(),
                                     UnitAttr());
    if (!f.file.empty()) {
      op.setFileAttr(b_.getStringAttr(f.file));
    } else if (f.task) {
      op.setTaskAttr(b_.getStringAttr(f.task->name));
      op.setNAttr(b_.getI64IntegerAttr(f.task->n));
      op.setSizeAttr(b_.getI64IntegerAttr(f.task->size));
      op.setHoldAttr(b_.getI64IntegerAttr(f.task->hold));
      op.setNoiseAttr(b_.getF64FloatAttr(f.task->noise));
      op.setTarget(f.taskTarget);
    }
  }
  auto refName = [](const ast::Ref &ref, const ast::MemberExpr &m) -> std::string {
    if (ref.kind == ast::RefKind::Channel && ref.index < 0) return "in";
    if (ref.kind == ast::RefKind::Importance || ref.kind == ast::RefKind::Spiked) return "";
    return m.member;
  };
  for (const ast::Record &rec : r.records) {
    if (rec.synType) {
      b_.create<ndp::RecordSynapsesOp>(ee.loc(rec.range), sym(rec.synType->name),
                                       b_.getStringAttr(static_cast<const ast::MemberExpr &>(*rec.target).member),
                                       b_.getI64IntegerAttr(rec.every.intValue), b_.getStringAttr(rec.file));
      continue;
    }
    if (!rec.pop) continue;
    auto &m = static_cast<const ast::MemberExpr &>(*rec.target);
    b_.create<ndp::RecordOp>(ee.loc(rec.range), sym(rec.pop->name), kindAttr(rec.var.kind),
                             b_.getStringAttr(refName(rec.var, m)), b_.getI64IntegerAttr(rec.every.intValue),
                             b_.getStringAttr(rec.file));
  }
  if (r.snapshot)
    b_.create<ndp::SnapshotOp>(ee.loc(r.snapshot->range), b_.getI64IntegerAttr(r.snapshot->every.intValue),
                               b_.getStringAttr(r.snapshot->file));
  if (r.checkpoint)
    b_.create<ndp::CheckpointOp>(ee.loc(r.checkpoint->range), b_.getI64IntegerAttr(r.checkpoint->every.intValue),
                                 b_.getStringAttr(r.checkpoint->file));
  for (const ast::ExprPtr &item : r.report) {
    auto &call = static_cast<const ast::CallExpr &>(*item);
    std::string label = "?";
    if (item->range.begin.line == item->range.end.line) {
      std::string_view line = sm_.lineText(item->range.begin.file, item->range.begin.line);
      label = std::string(line.substr(item->range.begin.col - 1, item->range.end.col - item->range.begin.col));
    }
    if (call.builtin == ast::Builtin::Accuracy || call.builtin == ast::Builtin::Mse) {
      auto &a = static_cast<const ast::MemberExpr &>(*call.args[0].value);
      auto &c = static_cast<const ast::MemberExpr &>(*call.args[1].value);
      auto window = [&](int64_t v) { return v < 0 ? IntegerAttr() : b_.getI64IntegerAttr(v); };
      auto compare = [&](auto tag) {
        b_.create<decltype(tag)>(ee.loc(item->range), sym(a.ref.instance->name), kindAttr(a.ref.kind),
                                 b_.getStringAttr(refName(a.ref, a)), sym(c.ref.instance->name), kindAttr(c.ref.kind),
                                 b_.getStringAttr(refName(c.ref, c)), b_.getStringAttr(label),
                                 window(call.windowFrom), window(call.windowTo));
      };
      if (call.builtin == ast::Builtin::Mse) compare(ndp::ReportMseOp());
      else compare(ndp::ReportAccuracyOp());
    } else {
      auto &n = static_cast<const ast::NameExpr &>(*call.args[0].value);
      b_.create<ndp::ReportCountOp>(ee.loc(item->range),
                                    b_.getStringAttr(call.builtin == ast::Builtin::Neurons ? "neurons" : "synapses"),
                                    sym(n.ref.decl->name), b_.getStringAttr(label));
    }
  }
}

OwningOpRef<ModuleOp> Generator::run() {
  module_ = ModuleOp::create(FileLineColLoc::get(&ctx_, sm_.path(prog_.main->fileId), 1, 1));
  OwningOpRef<ModuleOp> owned(module_);
  module_->setAttr(ndp::NDPDialect::getModelAttrName(), b_.getStringAttr(prog_.model ? prog_.model->name : "model"));
  b_.setInsertionPointToEnd(module_.getBody());
  ExprEmitter ee = emitter();

  for (const ast::ParamDecl *p : prog_.params) {
    auto op = b_.create<ndp::ParamOp>(ee.loc(p->range), b_.getStringAttr(p->name),
                                      TypeAttr::get(ee.mlirType(p->type)),
                                      b_.getF64FloatAttr(p->draw == ast::ParamDecl::Draw::None ? p->defaultValue : p->drawA),
                                      nullptr, nullptr, nullptr);
    if (p->draw != ast::ParamDecl::Draw::None) {
      op.setDistAttr(ndp::DistributionAttr::get(&ctx_, p->draw == ast::ParamDecl::Draw::Normal
                                                           ? ndp::Distribution::Normal
                                                           : ndp::Distribution::Uniform));
      op.setSpreadAttr(b_.getF64FloatAttr(p->drawB));
    }
    if (!p->file.empty()) op.setFileAttr(b_.getStringAttr(p->file));
  }

  // The types the instances use, in first-use order.
  std::set<const ast::Decl *> emitted;
  for (const ast::PopulationDecl *p : prog_.populations)
    if (p->type && emitted.insert(p->type).second) emitNeuron(*p->type);
  for (const ast::ProjectDecl *p : prog_.projections)
    if (p->synType && emitted.insert(p->synType).second) emitSynapse(*p->synType);
  for (const ast::GrowDecl *g : prog_.grows)
    for (const ast::ConnectRule &r : g->connects)
      if (emitted.insert(r.synType).second) emitSynapse(*r.synType);

  std::set<const ast::PopulationDecl *> grown;
  for (const ast::GrowDecl *g : prog_.grows) grown.insert(g->pop);
  for (const ast::PopulationDecl *p : prog_.populations) {
    int64_t max = p->max.present() ? p->max.intValue : grown.count(p) ? INT32_MAX : p->size.intValue;
    b_.create<ndp::PopulationOp>(ee.loc(p->range), b_.getStringAttr(p->name),
                                 FlatSymbolRefAttr::get(&ctx_, p->type->name), b_.getI64IntegerAttr(p->size.intValue),
                                 b_.getI64IntegerAttr(max), b_.getF64FloatAttr(p->decay.floatValue));
  }
  int index = 0;
  for (const ast::ProjectDecl *p : prog_.projections) {
    ndp::Connectivity conn;
    switch (p->conn) {
    case ast::Connectivity::All: conn = ndp::Connectivity::All; break;
    case ast::Connectivity::OneToOne: conn = ndp::Connectivity::OneToOne; break;
    case ast::Connectivity::Fanin: conn = ndp::Connectivity::Fanin; break;
    case ast::Connectivity::Prob: conn = ndp::Connectivity::Prob; break;
    default: conn = ndp::Connectivity::File; break;
    }
    std::string name = "p" + std::to_string(index++) + "_" + p->pre + "_" + p->post;
    auto op = b_.create<ndp::ProjectionOp>(
        ee.loc(p->range), b_.getStringAttr(name), FlatSymbolRefAttr::get(&ctx_, p->pre),
        FlatSymbolRefAttr::get(&ctx_, p->post), FlatSymbolRefAttr::get(&ctx_, p->synapse),
        ndp::ConnectivityAttr::get(&ctx_, conn), IntegerAttr(), FloatAttr(), StringAttr(), UnitAttr(), UnitAttr());
    if (conn == ndp::Connectivity::Fanin) op.setFaninAttr(b_.getI64IntegerAttr(p->connSetting.intValue));
    if (conn == ndp::Connectivity::Prob) op.setProbAttr(b_.getF64FloatAttr(p->connSetting.floatValue));
    if (conn == ndp::Connectivity::File) op.setFileAttr(b_.getStringAttr(p->fromPath));
    if (p->pre == p->post) connectTargets_.insert({{p->pre, p->synapse}, name});
  }
  for (const ast::GrowDecl *g : prog_.grows)
    for (const ast::ConnectRule &r : g->connects) {
      auto key = std::make_pair(g->pop->name, r.synType->name);
      if (connectTargets_.count(key)) continue;
      std::string name = "p" + std::to_string(index++) + "_" + g->pop->name + "_" + g->pop->name;
      b_.create<ndp::ProjectionOp>(ee.loc(r.range), b_.getStringAttr(name), FlatSymbolRefAttr::get(&ctx_, key.first),
                                   FlatSymbolRefAttr::get(&ctx_, key.first), FlatSymbolRefAttr::get(&ctx_, key.second),
                                   ndp::ConnectivityAttr::get(&ctx_, ndp::Connectivity::None), IntegerAttr(),
                                   FloatAttr(), StringAttr(), UnitAttr(), UnitAttr());
      connectTargets_[key] = name;
    }
  for (const ast::PopulationDecl *p : prog_.populations)
    if (auto *m = ast::dynDecl<ast::MemoryDecl>(p)) emitMemory(*m);
  for (const ast::AttendDecl *a : prog_.attends) emitAttend(*a);
  for (const ast::PruneDecl *p : prog_.prunes) emitPrune(*p);
  for (const ast::GrowDecl *g : prog_.grows) emitGrow(*g);
  if (prog_.run) {
    emitRun(*prog_.run);
  } else {
    b_.create<ndp::RunOp>(module_.getLoc(), b_.getI64IntegerAttr(0), b_.getI64IntegerAttr(1),
                          b_.getF64FloatAttr(1.0))
        .getBody()
        .push_back(new Block());
  }
  if (failed(verify(module_))) {
    diags_.error("internal error: the generated ndp module does not verify (see above); please report the model");
    return nullptr;
  }
  return owned;
}

} // namespace

OwningOpRef<ModuleOp> buildModule(MLIRContext &ctx, const ast::Program &prog, const SourceManager &sm,
                                  DiagnosticEngine &diags) {
  ctx.getOrLoadDialect<ndp::NDPDialect>();
  ctx.getOrLoadDialect<arith::ArithDialect>();
  ctx.getOrLoadDialect<math::MathDialect>();
  ctx.getOrLoadDialect<vector::VectorDialect>();
  return Generator(ctx, prog, sm, diags).run();
}

} // namespace ndpc
