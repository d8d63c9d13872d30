#include "Model.h"

#include "mlir/Dialect/Arith/IR/Arith.h"

#include <cstdio>
#include <sstream>

namespace ndpc::kernels {

using namespace mlir;

std::string popBinding(const std::string &pop, const std::string &what, const std::string &name) {
  return "pop:" + pop + ":" + what + (name.empty() ? "" : ":" + name);
}

std::string projBinding(const std::string &proj, const std::string &what, const std::string &name) {
  return "proj:" + proj + ":" + what + (name.empty() ? "" : ":" + name);
}

bool ModelInfo::build(ModuleOp m) {
  module = m;
  SymbolTable symbols(m);
  importanceUsed = false;
  m.walk([&](Operation *op) {
    if (auto r = dyn_cast<ndp::ReadOp>(op)) importanceUsed |= r.getKind() == ndp::ValueKind::Importance;
    else if (auto r = dyn_cast<ndp::RecordOp>(op)) importanceUsed |= r.getKind() == ndp::ValueKind::Importance;
    else importanceUsed |= isa<ndp::SnapshotOp, ndp::GrowOp, ndp::MemoryOp>(op);
  });
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
    return kb.load(kb.array(popBinding(pop.name(), "state", name.str()), KernelBuilder::storageType(type)), idx,
                   type);
  case ndp::ValueKind::Out:
    return kb.load(kb.array(popBinding(pop.name(), "out", name.str()), KernelBuilder::storageType(type)), idx,
                   type);
  case ndp::ValueKind::Input:
    return kb.load(kb.array(popBinding(pop.name(), "input", name.str()), b.getF32Type()), idx, type);
  case ndp::ValueKind::Channel:
    return kb.load(kb.array(popBinding(pop.name(), "channel", name.str()), b.getF32Type()), idx, type);
  case ndp::ValueKind::Importance:
    return kb.load(kb.array(popBinding(pop.name(), "importance"), b.getF32Type()), idx, type);
  case ndp::ValueKind::Spiked:
    return kb.load(kb.array(popBinding(pop.name(), "spiked"), b.getI8Type()), idx, type);
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

std::string quoted(StringRef s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out.push_back('\\');
    if (c == '\n') { out += "\\n"; continue; }
    out.push_back(c);
  }
  return out + "\"";
}

std::string num(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  return buf;
}

/// "f32 1", "f32 16" (a vector), "f64 1", "i32 1", "bool 1".
std::string typeWords(Type t) {
  if (auto v = dyn_cast<VectorType>(t)) return "f32 " + std::to_string(v.getNumElements());
  if (t.isF64()) return "f64 1";
  if (t.isInteger(32)) return "i32 1";
  if (t.isInteger(1)) return "bool 1";
  return "f32 1";
}

std::string name(Attribute a) {
  if (auto v = dyn_cast<ndp::VarAttr>(a)) return v.getName().str();
  return cast<StringAttr>(a).getValue().str();
}

std::string kindWord(ndp::ValueKind k) { return ndp::stringifyValueKind(k).str(); }

std::string orDash(StringRef s) { return s.empty() ? "-" : s.str(); }

} // namespace

std::string ModelInfo::descriptor() {
  std::ostringstream os;
  os << "ndp-descriptor 1\n";
  std::string model = "model";
  if (auto a = module->getAttrOfType<StringAttr>("ndp.model")) model = a.getValue().str();
  os << "model " << model << "\n";
  for (auto p : module.getOps<ndp::ParamOp>()) {
    Type t = p.getType();
    os << "param " << p.getSymName().str() << " " << typeWords(t).substr(0, typeWords(t).find(' ')) << " "
       << num(p.getValue().convertToDouble()) << "\n";
  }
  for (PopInfo &p : pops) {
    os << "population " << p.name() << " " << p.type.getSymName().str() << " " << p.op.getSize() << " "
       << p.op.getMax() << " " << num(p.op.getDecay().convertToDouble()) << " " << (p.type.isSpiking() ? 1 : 0)
       << " " << (p.outsReadInputs ? 1 : 0) << "\n";
    for (Attribute a : p.type.getStates())
      os << "  state " << name(a) << " " << typeWords(cast<ndp::VarAttr>(a).getType()) << "\n";
    for (Attribute a : p.type.getInputs()) os << "  input " << name(a) << "\n";
    os << "  channel in\n";
    for (Attribute a : p.type.getChannels()) os << "  channel " << name(a) << "\n";
    for (Attribute a : p.type.getOutputs())
      os << "  out " << name(a) << " " << typeWords(cast<ndp::VarAttr>(a).getType()) << "\n";
    if (auto loads = p.type.getLoadsAttr())
      for (NamedAttribute l : loads)
        os << "  load " << l.getName().str() << " " << quoted(cast<StringAttr>(l.getValue()).getValue()) << "\n";
  }
  for (ProjInfo &q : projs) {
    ndp::ProjectionOp op = q.op;
    os << "projection " << q.name() << " " << q.pre->name() << " " << q.post->name() << " "
       << q.syn.getSymName().str() << " " << ndp::stringifyConnectivity(op.getConn()).str() << " ";
    switch (op.getConn()) {
    case ndp::Connectivity::Fanin: os << *op.getFanin(); break;
    case ndp::Connectivity::Prob: os << num(op.getProb()->convertToDouble()); break;
    case ndp::Connectivity::File: os << quoted(*op.getFile()); break;
    default: os << "-"; break;
    }
    os << " " << q.syn.getMultiplicity() << " " << q.syn.getChannel().str() << " " << (op.getEventDriven() ? 1 : 0)
       << " " << (op.getFused() ? 1 : 0) << " " << orDash(q.syn.getLinearState().value_or("")) << "\n";
    for (Attribute a : q.syn.getStates())
      os << "  state " << name(a) << " " << typeWords(cast<ndp::VarAttr>(a).getType()) << "\n";
    for (auto &[name, type] : q.hiddenStates) os << "  state " << name << " " << type << "\n";
    if (auto loads = q.syn.getLoadsAttr())
      for (NamedAttribute l : loads)
        os << "  load " << l.getName().str() << " " << quoted(cast<StringAttr>(l.getValue()).getValue()) << "\n";
  }
  for (KernelRecord &k : kernels) {
    os << "kernel " << k.index << " " << k.kind << " " << k.target << " " << k.bindings.size();
    for (const std::string &b : k.bindings) os << " " << b;
    os << "\n";
  }
  for (GrowRecord &g : grows) {
    os << "grow " << g.pop << " " << g.every << "\n";
    for (GrowRule &r : g.rules) {
      if (r.divide) os << "  divide " << r.select << " " << r.child << " " << (r.split ? 1 : 0) << "\n";
      else os << "  connect " << r.proj << " " << r.connect << "\n";
    }
  }
  for (PruneRecord &p : prunes)
    os << "prune " << p.proj << " " << p.counter << " " << p.steps << " " << p.kernel << "\n";
  for (MemoryRecord &m : memories)
    os << "memory " << m.slots << " " << m.key << " " << m.keyKind << " " << m.keyName << " " << m.value << " "
       << m.sparsity << " " << m.cond << "\n";
  for (AttendRecord &a : attends)
    os << "attend " << a.pop << " " << a.embedding << " " << a.heads << " " << a.edgeDim << " " << a.every << " "
       << orDash(a.proj) << " " << orDash(a.edgeState) << " " << a.topk << " " << a.cond << "\n";
  for (auto run : module.getOps<ndp::RunOp>()) {
    os << "run " << run.getSeed() << " " << run.getSteps() << " " << num(run.getDt().convertToDouble()) << "\n";
    for (Operation &op : run.getBody().front()) {
      if (auto f = dyn_cast<ndp::FeedOp>(op)) {
        os << "feed " << f.getPopulation().str() << " " << f.getInput().str() << " ";
        if (f.getFile()) os << "file " << quoted(*f.getFile()) << "\n";
        else
          os << "task " << quoted(*f.getTask()) << " " << *f.getN() << " " << *f.getSize() << " "
             << f.getHold().value_or(1) << " " << num(f.getNoise() ? f.getNoise()->convertToDouble() : 0.0) << " "
             << (f.getTarget() ? 1 : 0) << "\n";
      } else if (auto r = dyn_cast<ndp::RecordOp>(op)) {
        os << "record " << r.getPopulation().str() << " " << kindWord(r.getKind()) << " " << orDash(r.getName())
           << " " << r.getEvery() << " " << quoted(r.getPath()) << "\n";
      } else if (auto a = dyn_cast<ndp::ReportAccuracyOp>(op)) {
        os << "report accuracy " << quoted(a.getLabel()) << " " << a.getFirst().str() << " "
           << kindWord(a.getFirstKind()) << " " << orDash(a.getFirstName()) << " " << a.getSecond().str() << " "
           << kindWord(a.getSecondKind()) << " " << orDash(a.getSecondName()) << "\n";
      } else if (auto c = dyn_cast<ndp::ReportCountOp>(op)) {
        os << "report " << c.getWhat().str() << " " << quoted(c.getLabel()) << " " << c.getTarget().str() << "\n";
      } else if (auto s = dyn_cast<ndp::SnapshotOp>(op)) {
        os << "snapshot " << s.getEvery() << " " << quoted(s.getPath()) << "\n";
      } else if (auto c = dyn_cast<ndp::CheckpointOp>(op)) {
        os << "checkpoint " << c.getEvery() << " " << quoted(c.getPath()) << "\n";
      }
    }
  }
  os << "end\n";
  return os.str();
}

} // namespace ndpc::kernels
