// The model's tables and its descriptor for the runtime (Model.h).
#include "Model.h"

#include "mlir/Dialect/Arith/IR/Arith.h"


namespace ndpc::kernels {

using namespace mlir;

ndpabi::ValueKind contractKind(ndp::ValueKind kind) {
  switch (kind) {
  case ndp::ValueKind::State: return ndpabi::ValueKind::State;
  case ndp::ValueKind::Input: return ndpabi::ValueKind::Input;
  case ndp::ValueKind::Channel: return ndpabi::ValueKind::Channel;
  case ndp::ValueKind::Out: return ndpabi::ValueKind::Out;
  case ndp::ValueKind::Importance: return ndpabi::ValueKind::Importance;
  case ndp::ValueKind::Spiked: return ndpabi::ValueKind::Spiked;
  }
  return ndpabi::ValueKind::State;
}

bool ModelInfo::build(ModuleOp m) {
  module = m;
  SymbolTable symbols(m);
  importanceUsed = false;
  bool snapshots = false, changes = false;
  m.walk([&](Operation *op) {
    if (auto r = dyn_cast<ndp::ReadOp>(op)) importanceUsed |= r.getKind() == ndp::ValueKind::Importance;
    else if (auto r = dyn_cast<ndp::RecordOp>(op)) importanceUsed |= r.getKind() == ndp::ValueKind::Importance;
    else importanceUsed |= isa<ndp::SnapshotOp, ndp::GrowOp, ndp::MemoryOp>(op);
    snapshots |= isa<ndp::SnapshotOp>(op);
    if (auto a = dyn_cast<ndp::AttendOp>(op)) changes |= a.getTopk() > 0;
    changes |= isa<ndp::GrowOp>(op);
  });
  keepsProvenance = snapshots && changes;
  int i = 0;
  for (auto p : m.getOps<ndp::PopulationOp>()) {
    auto type = symbols.lookup<ndp::NeuronOp>(p.getType());
    if (!type) {
      p.emitError() << "type " << p.getTypeAttr() << " is not an ndp.neuron";
      return false;
    }
    bool readsInputs = false;
    if (!type.getOut().empty())
      type.getOut().walk([&](ndp::ReadOp r) { readsInputs |= r.getKind() == ndp::ValueKind::Input; });
    pops.push_back(PopInfo{p, type, i++, readsInputs});
  }
  i = 0;
  for (auto p : m.getOps<ndp::ProjectionOp>()) {
    auto syn = symbols.lookup<ndp::SynapseOp>(p.getSynapse());
    PopInfo *pre = pop(p.getPre()), *post = pop(p.getPost());
    if (!syn || !pre || !post) {
      p.emitError() << "references an unknown population or synapse type";
      return false;
    }
    projs.push_back(ProjInfo{p, syn, pre, post, i++, {}});
  }
  return true;
}

ProjInfo *ModelInfo::proj(StringRef name) {
  for (ProjInfo &q : projs)
    if (q.op.getSymName() == name) return &q;
  return nullptr;
}

PopInfo *ModelInfo::pop(StringRef name) {
  for (PopInfo &p : pops)
    if (p.op.getSymName() == name) return &p;
  return nullptr;
}

Value readNeuron(KernelBuilder &kb, PopInfo &pop, ndp::ValueKind kind, StringRef name, Type type, Value idx,
                 Operation *at) {
  // A synapse type's pre.X may be a state in one projection and an out in another:
  // Sema checked the name and the type, so find the kind that has them.
  if (pop.type.valueType(kind, name) != type) {
    for (ndp::ValueKind k : {ndp::ValueKind::State, ndp::ValueKind::Out, ndp::ValueKind::Input,
                             ndp::ValueKind::Channel})
      if (pop.type.valueType(k, name) == type) {
        kind = k;
        break;
      }
  }
  if (pop.type.valueType(kind, name) != type) {
    at->emitError() << "neuron type @" << pop.type.getSymName() << " (population @" << pop.name()
                    << ") has no " << ndp::stringifyValueKind(kind) << " '" << name << "' of type " << type;
    return Value();
  }
  OpBuilder &b = kb.b();
  switch (kind) {
  case ndp::ValueKind::State:
    return kb.load(kb.array(popBinding(pop.name(), PopField::State, name.str()), KernelBuilder::storageType(type)), idx,
                   type);
  case ndp::ValueKind::Out:
    return kb.load(kb.array(popBinding(pop.name(), PopField::Out, name.str()), KernelBuilder::storageType(type)), idx,
                   type);
  case ndp::ValueKind::Input:
    return kb.load(kb.array(popBinding(pop.name(), PopField::Input, name.str()), b.getF32Type()), idx, type);
  case ndp::ValueKind::Channel:
    return kb.load(kb.array(popBinding(pop.name(), PopField::Channel, name.str()), b.getF32Type()), idx, type);
  case ndp::ValueKind::Importance:
    return kb.load(kb.array(popBinding(pop.name(), PopField::Importance), b.getF32Type()), idx, type);
  case ndp::ValueKind::Spiked:
    return kb.load(kb.array(popBinding(pop.name(), PopField::Spiked), b.getI8Type()), idx, type);
  }
  return Value();
}

std::string kernelName(int index, const std::string &target, const char *kind) {
  return "ndp_k" + std::to_string(index) + "_" + target + "_" + kind;
}

SmallVector<Type> varTypes(ArrayAttr vars) {
  SmallVector<Type> out;
  for (Attribute a : vars) out.push_back(cast<ndp::VarAttr>(a).getType());
  return out;
}

bool yieldsUnchangedStates(Region &region, ArrayAttr states) {
  if (region.empty()) return true;
  auto y = cast<ndp::YieldOp>(region.front().getTerminator());
  for (auto [i, v] : llvm::enumerate(y.getValues())) {
    auto r = v.getDefiningOp<ndp::ReadOp>();
    if (!r || r.getRole() != ndp::Role::Self || r.getKind() != ndp::ValueKind::State ||
        r.getName() != cast<ndp::VarAttr>(states[i]).getName())
      return false;
  }
  return true;
}

namespace {

/// A variable's type in the descriptor: f32[16] is ("f32", 16), f64 ("f64", 1).
ndpabi::VarDesc var(const std::string &name, Type t) {
  if (auto v = dyn_cast<VectorType>(t)) return {name, "f32", static_cast<int>(v.getNumElements())};
  if (t.isF64()) return {name, "f64", 1};
  if (t.isInteger(32)) return {name, "i32", 1};
  if (t.isInteger(1)) return {name, "bool", 1};
  return {name, "f32", 1};
}

ndpabi::VarDesc var(Attribute a) {
  auto v = cast<ndp::VarAttr>(a);
  return var(v.getName().str(), v.getType());
}

std::string name(Attribute a) {
  if (auto v = dyn_cast<ndp::VarAttr>(a)) return v.getName().str();
  return cast<StringAttr>(a).getValue().str();
}

std::vector<ndpabi::LoadDesc> loads(DictionaryAttr attrs) {
  std::vector<ndpabi::LoadDesc> out;
  if (attrs)
    for (NamedAttribute l : attrs) out.push_back({l.getName().str(), cast<StringAttr>(l.getValue()).getValue().str()});
  return out;
}

ndpabi::Connectivity connectivity(ndp::Connectivity c) {
  switch (c) {
  case ndp::Connectivity::All: return ndpabi::Connectivity::All;
  case ndp::Connectivity::OneToOne: return ndpabi::Connectivity::OneToOne;
  case ndp::Connectivity::Fanin: return ndpabi::Connectivity::Fanin;
  case ndp::Connectivity::Prob: return ndpabi::Connectivity::Prob;
  case ndp::Connectivity::File: return ndpabi::Connectivity::File;
  case ndp::Connectivity::None: return ndpabi::Connectivity::None;
  }
  return ndpabi::Connectivity::None;
}

ndpabi::RunDesc runOf(ndp::RunOp run) {
  ndpabi::RunDesc r;
  r.seed = static_cast<int64_t>(run.getSeed());
  r.steps = static_cast<int64_t>(run.getSteps());
  r.dt = run.getDt().convertToDouble();
  using Item = ndpabi::RunDesc::Item;
  for (Operation &op : run.getBody().front()) {
    if (auto f = dyn_cast<ndp::FeedOp>(op)) {
      ndpabi::FeedDesc d;
      d.pop = f.getPopulation().str();
      d.input = f.getInput().str();
      if (f.getFile()) {
        d.file = f.getFile()->str();
      } else {
        d.task = f.getTask()->str();
        d.n = static_cast<int64_t>(*f.getN());
        d.size = static_cast<int64_t>(*f.getSize());
        d.hold = static_cast<int64_t>(f.getHold().value_or(1));
        d.noise = f.getNoise() ? f.getNoise()->convertToDouble() : 0.0;
        d.target = f.getTarget();
      }
      r.feeds.push_back(d);
      r.order.push_back(Item::Feed);
    } else if (auto rec = dyn_cast<ndp::RecordOp>(op)) {
      r.records.push_back({rec.getPopulation().str(), contractKind(rec.getKind()), rec.getName().str(),
                           rec.getPath().str(), static_cast<int64_t>(rec.getEvery())});
      r.order.push_back(Item::Record);
    } else if (auto rec = dyn_cast<ndp::RecordSynapsesOp>(op)) {
      ndpabi::RecordDesc d;
      d.synapses = true;
      d.pop = rec.getSynapse().str();
      d.name = rec.getState().str();
      d.every = static_cast<int64_t>(rec.getEvery());
      d.path = rec.getPath().str();
      r.records.push_back(d);
      r.order.push_back(Item::Record);
    } else if (isa<ndp::ReportAccuracyOp, ndp::ReportMseOp>(op)) {
      auto compare = [&](auto a, ndpabi::ReportDesc::Kind kind) {
        ndpabi::ReportDesc d;
        d.kind = kind;
        d.label = a.getLabel().str();
        d.pop1 = a.getFirst().str();
        d.kind1 = contractKind(a.getFirstKind());
        d.name1 = a.getFirstName().str();
        d.pop2 = a.getSecond().str();
        d.kind2 = contractKind(a.getSecondKind());
        d.name2 = a.getSecondName().str();
        d.from = a.getFrom() ? static_cast<int64_t>(*a.getFrom()) : -1;
        d.to = a.getTo() ? static_cast<int64_t>(*a.getTo()) : -1;
        r.reports.push_back(d);
      };
      if (auto a = dyn_cast<ndp::ReportAccuracyOp>(op)) compare(a, ndpabi::ReportDesc::Kind::Accuracy);
      else compare(cast<ndp::ReportMseOp>(op), ndpabi::ReportDesc::Kind::Mse);
      r.order.push_back(Item::Report);
    } else if (auto c = dyn_cast<ndp::ReportCountOp>(op)) {
      ndpabi::ReportDesc d;
      d.kind = c.getWhat() == "neurons" ? ndpabi::ReportDesc::Kind::Neurons : ndpabi::ReportDesc::Kind::Synapses;
      d.label = c.getLabel().str();
      d.pop1 = c.getTarget().str();
      r.reports.push_back(d);
      r.order.push_back(Item::Report);
    } else if (auto s = dyn_cast<ndp::SnapshotOp>(op)) {
      r.snapshot = {static_cast<int64_t>(s.getEvery()), s.getPath().str()};
      r.order.push_back(Item::Snapshot);
    } else if (auto c = dyn_cast<ndp::CheckpointOp>(op)) {
      r.checkpoint = {static_cast<int64_t>(c.getEvery()), c.getPath().str()};
      r.order.push_back(Item::Checkpoint);
    }
  }
  return r;
}

} // namespace

ndpabi::ModelDesc ModelInfo::model() {
  ndpabi::ModelDesc m;
  if (auto a = module->getAttrOfType<StringAttr>(ndp::NDPDialect::getModelAttrName())) m.name = a.getValue().str();
  for (auto p : module.getOps<ndp::ParamOp>()) {
    auto v = dyn_cast<VectorType>(p.getType());
    if (!v) {
      m.params.push_back({p.getSymName().str(), var("", p.getType()).type, p.getValue().convertToDouble()});
      continue;
    }
    ndpabi::ArrayParamDesc a;
    a.name = p.getSymName().str();
    a.rows = v.getDimSize(0);
    a.cols = v.getRank() == 2 ? v.getDimSize(1) : 0;
    a.a = p.getValue().convertToDouble();
    if (auto f = p.getFile()) {
      a.init = ndpabi::ArrayParamDesc::Init::File;
      a.file = f->str();
    } else if (auto d = p.getDist()) {
      a.init = *d == ndp::Distribution::Normal ? ndpabi::ArrayParamDesc::Init::Normal
                                               : ndpabi::ArrayParamDesc::Init::Uniform;
      a.b = p.getSpread() ? p.getSpread()->convertToDouble() : 0.0;
    }
    m.arrayParams.push_back(a);
  }
  for (PopInfo &p : pops) {
    ndpabi::PopDesc d;
    d.name = p.name();
    d.typeName = p.type.getSymName().str();
    d.size = static_cast<int64_t>(p.op.getSize());
    d.max = static_cast<int64_t>(p.op.getMax());
    d.decay = p.op.getDecay().convertToDouble();
    d.spiking = p.type.isSpiking();
    d.outsReadInputs = p.outsReadInputs;
    for (Attribute a : p.type.getStates()) d.states.push_back(var(a));
    for (Attribute a : p.type.getInputs()) d.inputs.push_back(name(a));
    d.channels.push_back(ndpabi::VarDesc{"in", "f32", 1});
    for (Attribute a : p.type.getChannels()) d.channels.push_back(var(a));
    for (Attribute a : p.type.getOutputs()) d.outs.push_back(var(a));
    d.loads = loads(p.type.getLoadsAttr());
    m.pops.push_back(std::move(d));
  }
  for (ProjInfo &q : projs) {
    ndp::ProjectionOp op = q.op;
    ndpabi::ProjDesc d;
    d.name = q.name();
    d.pre = q.pre->name();
    d.post = q.post->name();
    d.synapse = q.syn.getSymName().str();
    d.conn = connectivity(op.getConn());
    if (op.getFanin()) d.fanin = static_cast<int64_t>(*op.getFanin());
    if (op.getProb()) d.prob = op.getProb()->convertToDouble();
    if (op.getFile()) d.file = op.getFile()->str();
    d.multiplicity = static_cast<int64_t>(q.syn.getMultiplicity());
    d.channel = q.syn.getChannel().str();
    d.eventDriven = op.getEventDriven();
    d.fused = op.getFused();
    d.linear = q.syn.getLinearState().value_or("").str();
    for (Attribute a : q.syn.getStates()) d.states.push_back(var(a));
    d.states.insert(d.states.end(), q.hiddenStates.begin(), q.hiddenStates.end());
    if (keepsProvenance) d.states.push_back({std::string(ndpabi::kProvenanceState), "i32", 1});
    d.loads = loads(q.syn.getLoadsAttr());
    m.projs.push_back(std::move(d));
  }
  m.kernels = kernels;
  m.grows = grows;
  m.prunes = prunes;
  m.memories = memories;
  m.attends = attends;
  for (auto run : module.getOps<ndp::RunOp>()) m.run = runOf(run);
  return m;
}

} // namespace ndpc::kernels
