// Verifiers, builders and helpers of the ndp operations.
#include "ndpc/Dialect/NDP/IR/NDPOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinTypes.h"

#include "llvm/ADT/StringSet.h"

using namespace mlir;
using namespace ndpc::ndp;

namespace {

int indexOfVar(ArrayAttr vars, StringRef name) {
  for (auto [i, a] : llvm::enumerate(vars))
    if (llvm::cast<VarAttr>(a).getName() == name) return static_cast<int>(i);
  return -1;
}

int indexOfString(ArrayAttr names, StringRef name) {
  for (auto [i, a] : llvm::enumerate(names))
    if (llvm::cast<StringAttr>(a).getValue() == name) return static_cast<int>(i);
  return -1;
}

SmallVector<Type> varTypes(ArrayAttr vars) {
  SmallVector<Type> out;
  for (Attribute a : vars) out.push_back(llvm::cast<VarAttr>(a).getType());
  return out;
}

/// A non-empty element region must end in an ndp.yield of exactly `expected`.
LogicalResult verifyYield(Operation *op, Region &region, StringRef regionName,
                          TypeRange expected) {
  if (region.empty()) return success();
  auto yield = dyn_cast<YieldOp>(region.front().getTerminator());
  if (!yield)
    return op->emitOpError() << "region '" << regionName << "' must end in ndp.yield";
  if (yield.getValues().getTypes() != expected) {
    auto diag = op->emitOpError() << "region '" << regionName << "' yields (";
    llvm::interleaveComma(yield.getValues().getTypes(), diag);
    diag << ") but (";
    llvm::interleaveComma(expected, diag);
    return diag << ") is expected";
  }
  if (region.front().getNumArguments() != 0)
    return op->emitOpError() << "region '" << regionName << "' takes no block arguments";
  return success();
}

LogicalResult verifyVars(Operation *op, ArrayAttr vars, StringRef what, llvm::StringSet<> &seen) {
  for (Attribute a : vars) {
    auto v = llvm::dyn_cast<VarAttr>(a);
    if (!v) return op->emitOpError() << what << " must be #ndp.var attributes";
    Type t = v.getType();
    auto vec = llvm::dyn_cast<VectorType>(t);
    bool ok = t.isF32() || t.isF64() || t.isInteger(32) || t.isInteger(1) ||
              (vec && vec.getRank() == 1 && vec.getElementType().isF32());
    if (!ok) return op->emitOpError() << what << " '" << v.getName() << "' has unsupported type " << t;
    if (!seen.insert(v.getName()).second)
      return op->emitOpError() << "'" << v.getName() << "' is declared twice";
  }
  return success();
}

template <class T>
T lookup(Operation *from, FlatSymbolRefAttr ref, SymbolTableCollection &tables) {
  return tables.lookupNearestSymbolFrom<T>(from, ref);
}

} // namespace

//===----------------------------------------------------------------------===//
// ParamOp
//===----------------------------------------------------------------------===//

LogicalResult ParamOp::verify() {
  Type t = getType();
  if (auto v = llvm::dyn_cast<VectorType>(t)) {
    if (!v.getElementType().isF32() || v.getRank() > 2 || v.isScalable())
      return emitOpError() << "an array param is vector<R x f32> or vector<R x C x f32>, not " << t;
    if (getDist() && !getSpread()) return emitOpError() << "a drawn param needs 'spread'";
    if (getDist() && *getDist() == Distribution::Bernoulli) return emitOpError() << "draws normal or uniform values";
    return success();
  }
  if (!(t.isF32() || t.isF64() || t.isInteger(32) || t.isInteger(1)))
    return emitOpError() << "param type must be f32, f64, i32 or i1, not " << t;
  if (getDist() || getSpread() || getFile()) return emitOpError() << "only an array param is drawn or read from a file";
  return success();
}

//===----------------------------------------------------------------------===//
// NeuronOp
//===----------------------------------------------------------------------===//

Type SynapseOp::transmitType() {
  if (!getTransmit().empty())
    if (auto yield = dyn_cast<YieldOp>(getTransmit().front().getTerminator()); yield && yield.getValues().size() == 1) {
      Type t = yield.getValues()[0].getType();
      if (auto v = llvm::dyn_cast<VectorType>(t); v && v.getRank() == 1 && v.getElementType().isF32()) return t;
    }
  return Builder(getContext()).getF32Type();
}

int NeuronOp::stateIndex(StringRef name) { return indexOfVar(getStates(), name); }
int NeuronOp::outputIndex(StringRef name) { return indexOfVar(getOutputs(), name); }
int NeuronOp::inputIndex(StringRef name) { return indexOfString(getInputs(), name); }
int NeuronOp::channelIndex(StringRef name) {
  if (name == "in") return 0;
  int i = indexOfVar(getChannels(), name);
  return i < 0 ? -1 : i + 1;
}

Type NeuronOp::valueType(ValueKind kind, StringRef name) {
  Builder b(getContext());
  switch (kind) {
  case ValueKind::State: {
    int i = stateIndex(name);
    return i < 0 ? Type() : varTypes(getStates())[i];
  }
  case ValueKind::Out: {
    int i = outputIndex(name);
    return i < 0 ? Type() : varTypes(getOutputs())[i];
  }
  case ValueKind::Input: return inputIndex(name) < 0 ? Type() : b.getF32Type();
  case ValueKind::Channel: {
    int i = channelIndex(name);
    return i < 0 ? Type() : i == 0 ? b.getF32Type() : varTypes(getChannels())[static_cast<size_t>(i - 1)];
  }
  case ValueKind::Importance: return b.getF32Type();
  case ValueKind::Spiked: return isSpiking() ? b.getI1Type() : Type();
  }
  return Type();
}

LogicalResult NeuronOp::verifyRegions() {
  llvm::StringSet<> seen;
  if (failed(verifyVars(*this, getStates(), "state", seen)) ||
      failed(verifyVars(*this, getOutputs(), "output", seen)))
    return failure();
  for (Attribute a : getInputs())
    if (!seen.insert(llvm::cast<StringAttr>(a).getValue()).second)
      return emitOpError() << "'" << llvm::cast<StringAttr>(a).getValue() << "' is declared twice";
  if (failed(verifyVars(*this, getChannels(), "channel", seen))) return failure();
  for (Attribute a : getChannels())
    if (Type t = llvm::cast<VarAttr>(a).getType(); !t.isF32() && !llvm::isa<VectorType>(t))
      return emitOpError() << "channel '" << llvm::cast<VarAttr>(a).getName() << "' must be f32 or a vector of f32";
  SmallVector<Type> states = varTypes(getStates()), outs = varTypes(getOutputs());
  if (getInit().empty() && !states.empty()) return emitOpError() << "needs an 'init' region";
  if (getUpdate().empty() && !states.empty()) return emitOpError() << "needs an 'update' region";
  if (getOut().empty() && !outs.empty()) return emitOpError() << "needs an 'out' region";
  if (!getReset().empty() && getSpike().empty())
    return emitOpError() << "has a 'reset' region but no 'spike' region";
  Builder b(getContext());
  if (failed(verifyYield(*this, getInit(), "init", states)) ||
      failed(verifyYield(*this, getOut(), "out", outs)) ||
      failed(verifyYield(*this, getUpdate(), "update", states)) ||
      failed(verifyYield(*this, getSpike(), "spike", b.getI1Type())) ||
      failed(verifyYield(*this, getReset(), "reset", states)))
    return failure();
  if (auto loads = getLoadsAttr())
    for (NamedAttribute l : loads)
      if (stateIndex(l.getName()) < 0 || !llvm::isa<StringAttr>(l.getValue()))
        return emitOpError() << "'loads' names '" << l.getName() << "', which is not a state, or has no file";
  return success();
}

//===----------------------------------------------------------------------===//
// SynapseOp
//===----------------------------------------------------------------------===//

int SynapseOp::stateIndex(StringRef name) { return indexOfVar(getStates(), name); }

LogicalResult SynapseOp::verifyRegions() {
  llvm::StringSet<> seen;
  if (failed(verifyVars(*this, getStates(), "state", seen))) return failure();
  for (Attribute a : getStates())
    if (llvm::isa<VectorType>(llvm::cast<VarAttr>(a).getType()))
      return emitOpError() << "synapse state must be scalar";
  if (getMultiplicity() < 1) return emitOpError() << "multiplicity must be at least 1";
  if (auto lin = getLinearState(); lin && stateIndex(*lin) < 0)
    return emitOpError() << "'linear' names '" << *lin << "', which is not a state";
  SmallVector<Type> states = varTypes(getStates());
  if (getInit().empty() && !states.empty()) return emitOpError() << "needs an 'init' region";
  if (getUpdate().empty() && !states.empty()) return emitOpError() << "needs an 'update' region";
  Builder b(getContext());
  if (failed(verifyYield(*this, getInit(), "init", states)) ||
      failed(verifyYield(*this, getTransmit(), "transmit", transmitType())) ||
      failed(verifyYield(*this, getUpdate(), "update", states)))
    return failure();
  return success();
}

//===----------------------------------------------------------------------===//
// PopulationOp, ProjectionOp
//===----------------------------------------------------------------------===//

LogicalResult PopulationOp::verify() {
  if (getSize() < 1) return emitOpError() << "size must be at least 1";
  if (getMax() < getSize()) return emitOpError() << "max (" << getMax() << ") is below size (" << getSize() << ")";
  if (getDecay().convertToDouble() < 0.0 || getDecay().convertToDouble() > 1.0)
    return emitOpError() << "decay must be in [0, 1]";
  return success();
}

LogicalResult PopulationOp::verifySymbolUses(SymbolTableCollection &tables) {
  if (!lookup<NeuronOp>(*this, getTypeAttr(), tables))
    return emitOpError() << "type " << getTypeAttr() << " is not an ndp.neuron";
  return success();
}

LogicalResult ProjectionOp::verify() {
  switch (getConn()) {
  case Connectivity::Fanin:
    if (!getFanin() || *getFanin() < 1) return emitOpError() << "'fanin' needs a fanin of at least 1";
    break;
  case Connectivity::Prob:
    if (!getProb() || getProb()->convertToDouble() < 0 || getProb()->convertToDouble() > 1)
      return emitOpError() << "'p' needs a probability in [0, 1]";
    break;
  case Connectivity::File:
    if (!getFile()) return emitOpError() << "'from' needs a file";
    break;
  default: break;
  }
  if (getEventDriven() && getFused())
    return emitOpError() << "an event-driven projection cannot be fused";
  return success();
}

LogicalResult ProjectionOp::verifySymbolUses(SymbolTableCollection &tables) {
  auto pre = lookup<PopulationOp>(*this, getPreAttr(), tables);
  auto post = lookup<PopulationOp>(*this, getPostAttr(), tables);
  auto syn = lookup<SynapseOp>(*this, getSynapseAttr(), tables);
  if (!pre) return emitOpError() << "pre " << getPreAttr() << " is not an ndp.population";
  if (!post) return emitOpError() << "post " << getPostAttr() << " is not an ndp.population";
  if (!syn) return emitOpError() << "synapse " << getSynapseAttr() << " is not an ndp.synapse";
  if (getConn() == Connectivity::OneToOne && pre.getSize() != post.getSize())
    return emitOpError() << "'one_to_one' needs populations of one size";
  auto postType = lookup<NeuronOp>(post, post.getTypeAttr(), tables);
  if (postType && postType.channelIndex(syn.getChannel()) < 0)
    return emitOpError() << "post neuron type " << post.getTypeAttr() << " has no channel '"
                         << syn.getChannel() << "'";
  if (postType && !syn.getTransmit().empty() &&
      postType.valueType(ValueKind::Channel, syn.getChannel()) != syn.transmitType())
    return emitOpError() << "synapse " << getSynapseAttr() << " transmits " << syn.transmitType()
                         << " but channel '" << syn.getChannel() << "' of " << post.getTypeAttr() << " is "
                         << postType.valueType(ValueKind::Channel, syn.getChannel());
  return success();
}

//===----------------------------------------------------------------------===//
// Structural change
//===----------------------------------------------------------------------===//

namespace {
LogicalResult verifyCondition(Operation *op, Region &r, StringRef name) {
  if (r.empty()) return op->emitOpError() << "needs a '" << name << "' region";
  return verifyYield(op, r, name, IntegerType::get(op->getContext(), 1));
}
} // namespace

LogicalResult GrowOp::verify() {
  if (getEvery() < 1) return emitOpError() << "every must be at least 1";
  for (Operation &op : getBody().front())
    if (!isa<RemoveOp, DivideOp, ConnectOp>(op))
      return op.emitOpError() << "is not a grow rule (ndp.remove, ndp.divide or ndp.connect)";
  return success();
}

LogicalResult GrowOp::verifySymbolUses(SymbolTableCollection &tables) {
  if (!lookup<PopulationOp>(*this, getPopulationAttr(), tables))
    return emitOpError() << getPopulationAttr() << " is not an ndp.population";
  return success();
}

LogicalResult RemoveOp::verifyRegions() { return verifyCondition(*this, getCond(), "when"); }

LogicalResult DivideOp::verifyRegions() {
  if (failed(verifyCondition(*this, getCond(), "when"))) return failure();
  auto grow = (*this)->getParentOfType<GrowOp>();
  auto pop = SymbolTable::lookupNearestSymbolFrom<PopulationOp>(grow, grow.getPopulationAttr());
  auto type = pop ? SymbolTable::lookupNearestSymbolFrom<NeuronOp>(pop, pop.getTypeAttr()) : NeuronOp();
  SmallVector<Type> want;
  for (Attribute a : getAssigns()) {
    StringRef n = llvm::cast<StringAttr>(a).getValue();
    n.consume_front("parent.");
    Type t = type ? type.valueType(ValueKind::State, n) : Type();
    if (type && !t) return emitOpError() << "assigns '" << n << "', which is not a state of @" << type.getSymName();
    want.push_back(t);
  }
  if (!type) return success();  // reported by the grow op
  return verifyYield(*this, getChild(), "child", want);
}

LogicalResult ConnectOp::verifySymbolUses(SymbolTableCollection &tables) {
  auto proj = lookup<ProjectionOp>(*this, getProjectionAttr(), tables);
  if (!proj) return emitOpError() << getProjectionAttr() << " is not an ndp.projection";
  auto grow = (*this)->getParentOfType<GrowOp>();
  if (proj.getPre() != grow.getPopulation() || proj.getPost() != grow.getPopulation())
    return emitOpError() << "connects within @" << grow.getPopulation() << ", but " << getProjectionAttr()
                         << " is @" << proj.getPre() << " -> @" << proj.getPost();
  return verifyCondition(*this, getCond(), "when");
}

LogicalResult PruneOp::verify() {
  if (getSteps() < 1) return emitOpError() << "the number of steps must be at least 1";
  return verifyCondition(*this, getCond(), "when");
}

LogicalResult PruneOp::verifySymbolUses(SymbolTableCollection &tables) {
  if (!lookup<SynapseOp>(*this, getSynapseAttr(), tables))
    return emitOpError() << getSynapseAttr() << " is not an ndp.synapse";
  return success();
}

//===----------------------------------------------------------------------===//
// Memory regions
//===----------------------------------------------------------------------===//

LogicalResult MemoryOp::verifyRegions() {
  if (getSparsity() < 1) return emitOpError() << "sparsity must be at least 1";
  return verifyCondition(*this, getCond(), "when");
}

LogicalResult MemoryOp::verifySymbolUses(SymbolTableCollection &tables) {
  auto slots = lookup<PopulationOp>(*this, getSlotsAttr(), tables);
  auto key = lookup<PopulationOp>(*this, getKeyAttr(), tables);
  auto value = lookup<PopulationOp>(*this, getValueAttr(), tables);
  if (!slots || !key || !value) return emitOpError() << "slots, key and value must be ndp.population symbols";
  if (getSlots() == getKey() || getSlots() == getValue())
    return emitOpError() << "a memory region takes its key from and recalls into other populations";
  if (static_cast<int64_t>(getSparsity()) > slots.getSize())
    return emitOpError() << "sparsity " << getSparsity() << " is larger than the " << slots.getSize() << " slots";
  if (auto type = lookup<NeuronOp>(key, key.getTypeAttr(), tables)) {
    Type t = type.valueType(getKeyKind(), getKeyName());
    if (!t || !(t.isF32() || t.isF64() || t.isInteger(32) || t.isInteger(1)))
      return emitOpError() << "the key '" << getKeyName() << "' is not a scalar value of @" << type.getSymName();
  }
  if (auto type = lookup<NeuronOp>(value, value.getTypeAttr(), tables))
    if (type.getOutputs().empty())
      return emitOpError() << "@" << getValue() << " has no out to bind as the value";
  return success();
}

//===----------------------------------------------------------------------===//
// Long-range attention
//===----------------------------------------------------------------------===//

LogicalResult AttendOp::verifyRegions() {
  if (getHeads() < 1 || getEdgeDim() < 1 || getEvery() < 1)
    return emitOpError() << "heads, edge_dim and every must be at least 1";
  if (getTopk() < 0) return emitOpError() << "topk must not be negative";
  if (getTopk() > 0 && !getOver()) return emitOpError() << "topk grows synapses of 'over', which is not given";
  if (getTopk() > 0 && getCond().empty()) return emitOpError() << "topk needs a 'when' region";
  if (getTopk() == 0 && !getCond().empty()) return emitOpError() << "a 'when' region needs topk";
  if (!getCond().empty()) return verifyCondition(*this, getCond(), "when");
  return success();
}

LogicalResult AttendOp::verifySymbolUses(SymbolTableCollection &tables) {
  auto pop = lookup<PopulationOp>(*this, getPopulationAttr(), tables);
  if (!pop) return emitOpError() << getPopulationAttr() << " is not an ndp.population";
  auto type = lookup<NeuronOp>(pop, pop.getTypeAttr(), tables);
  if (!type) return success();  // reported by the population
  auto emb = llvm::dyn_cast_or_null<VectorType>(type.valueType(ValueKind::State, getEmbedding()));
  if (!emb) return emitOpError() << "embedding '" << getEmbedding() << "' is not an f32 vector state of @"
                                 << type.getSymName();
  if (emb.getNumElements() % getHeads() != 0)
    return emitOpError() << "heads " << getHeads() << " must divide the embedding size " << emb.getNumElements();
  if (auto over = getOverAttr()) {
    auto proj = lookup<ProjectionOp>(*this, over, tables);
    if (!proj) return emitOpError() << over << " is not an ndp.projection";
    if (proj.getPre() != getPopulation() || proj.getPost() != getPopulation())
      return emitOpError() << "'over' must connect @" << getPopulation() << " to itself, but " << over << " is @"
                           << proj.getPre() << " -> @" << proj.getPost();
  }
  return success();
}

//===----------------------------------------------------------------------===//
// Run block
//===----------------------------------------------------------------------===//

LogicalResult FeedOp::verify() {
  if (static_cast<bool>(getFile()) == static_cast<bool>(getTask()))
    return emitOpError() << "needs exactly one of 'file' and 'task'";
  if (getTask() && (!getN() || !getSize()))
    return emitOpError() << "a task needs 'n' and 'size'";
  return success();
}

LogicalResult FeedOp::verifySymbolUses(SymbolTableCollection &tables) {
  auto pop = lookup<PopulationOp>(*this, getPopulationAttr(), tables);
  if (!pop) return emitOpError() << getPopulationAttr() << " is not an ndp.population";
  auto type = lookup<NeuronOp>(pop, pop.getTypeAttr(), tables);
  if (type && type.inputIndex(getInput()) < 0)
    return emitOpError() << "neuron type " << pop.getTypeAttr() << " has no input '" << getInput() << "'";
  return success();
}

LogicalResult RecordOp::verifySymbolUses(SymbolTableCollection &tables) {
  auto pop = lookup<PopulationOp>(*this, getPopulationAttr(), tables);
  if (!pop) return emitOpError() << getPopulationAttr() << " is not an ndp.population";
  auto type = lookup<NeuronOp>(pop, pop.getTypeAttr(), tables);
  if (type && !type.valueType(getKind(), getName()))
    return emitOpError() << "neuron type " << pop.getTypeAttr() << " has no " << stringifyValueKind(getKind())
                         << " '" << getName() << "'";
  return success();
}

LogicalResult RecordSynapsesOp::verifySymbolUses(SymbolTableCollection &tables) {
  auto type = lookup<SynapseOp>(*this, getSynapseAttr(), tables);
  if (!type) return emitOpError() << getSynapseAttr() << " is not an ndp.synapse";
  if (type.stateIndex(getState()) < 0)
    return emitOpError() << "synapse type " << getSynapseAttr() << " has no state '" << getState() << "'";
  return success();
}

LogicalResult ReportCountOp::verify() {
  if (getWhat() != "neurons" && getWhat() != "synapses")
    return emitOpError() << "counts \"neurons\" or \"synapses\", not \"" << getWhat() << "\"";
  return success();
}

//===----------------------------------------------------------------------===//
// Element ops
//===----------------------------------------------------------------------===//

LogicalResult ReadOp::verify() {
  Type t = getResult().getType();
  if (getKind() == ValueKind::Spiked && !t.isInteger(1)) return emitOpError() << "'spiked' is an i1";
  if (getKind() == ValueKind::Importance && !t.isF32()) return emitOpError() << "'importance' is an f32";
  if (getRole() != Role::Self) return success();  // checked against the projection when lowered
  if (auto neuron = (*this)->getParentOfType<NeuronOp>()) {
    Type want = neuron.valueType(getKind(), getName());
    if (!want)
      return emitOpError() << "neuron type @" << neuron.getSymName() << " has no "
                           << stringifyValueKind(getKind()) << " '" << getName() << "'";
    if (want != t) return emitOpError() << "reads " << want << " as " << t;
  } else if (auto syn = (*this)->getParentOfType<SynapseOp>()) {
    if (getKind() != ValueKind::State) return emitOpError() << "a synapse reads only its own state";
    int i = syn.stateIndex(getName());
    if (i < 0) return emitOpError() << "synapse type @" << syn.getSymName() << " has no state '" << getName() << "'";
    Type want = llvm::cast<VarAttr>(syn.getStates()[i]).getType();
    if (want != t) return emitOpError() << "reads " << want << " as " << t;
  }
  return success();
}

LogicalResult ParamRefOp::verifySymbolUses(SymbolTableCollection &tables) {
  auto p = tables.lookupNearestSymbolFrom<ParamOp>(*this, getParamAttr());
  if (!p) return emitOpError() << getParamAttr() << " is not an ndp.param";
  if (p.getType() != getResult().getType())
    return emitOpError() << "param " << getParamAttr() << " is " << p.getType() << ", not "
                         << getResult().getType();
  return success();
}

namespace {

/// The matrix param `sym` names, or an error on `op`.
FailureOr<VectorType> matrixParam(Operation *op, FlatSymbolRefAttr sym, SymbolTableCollection &tables) {
  auto p = tables.lookupNearestSymbolFrom<ParamOp>(op, sym);
  if (!p) return op->emitOpError() << sym << " is not an ndp.param";
  auto m = llvm::dyn_cast<VectorType>(p.getType());
  if (!m || m.getRank() != 2) return op->emitOpError() << "param " << sym << " is " << p.getType() << ", not a matrix";
  return m;
}

} // namespace

LogicalResult MatVecOp::verifySymbolUses(SymbolTableCollection &tables) {
  FailureOr<VectorType> m = matrixParam(*this, getParamAttr(), tables);
  if (failed(m)) return failure();
  if (getX().getType().getNumElements() != m->getDimSize(1) ||
      getResult().getType().getNumElements() != m->getDimSize(0))
    return emitOpError() << "multiplies " << *m << " by " << getX().getType() << " into " << getResult().getType();
  return success();
}

LogicalResult ParamRowOp::verifySymbolUses(SymbolTableCollection &tables) {
  FailureOr<VectorType> m = matrixParam(*this, getParamAttr(), tables);
  if (failed(m)) return failure();
  if (getResult().getType().getNumElements() != m->getDimSize(1))
    return emitOpError() << "a row of " << *m << " is not " << getResult().getType();
  return success();
}

LogicalResult ClockOp::verify() {
  Type t = getResult().getType();
  if (getWhich() == Clock::Step && !t.isInteger(32)) return emitOpError() << "'step' is an i32";
  if (getWhich() == Clock::Time && !t.isF32()) return emitOpError() << "'time' is an f32";
  return success();
}

LogicalResult RandOp::verify() {
  unsigned want = getDist() == Distribution::Bernoulli ? 1 : 2;
  if (getArgs().size() != want)
    return emitOpError() << stringifyDistribution(getDist()) << " takes " << want << " argument"
                         << (want == 1 ? "" : "s");
  Type t = getResult().getType();
  if (auto v = llvm::dyn_cast<VectorType>(t)) t = v.getElementType();
  bool boolean = t.isInteger(1);
  if ((getDist() == Distribution::Bernoulli) != boolean)
    return emitOpError() << "bernoulli draws an i1, the others an f32 or a vector of f32";
  return success();
}

#define GET_OP_CLASSES
#include "ndpc/Dialect/NDP/IR/NDPOps.cpp.inc"
