// The model descriptor's text: printed by the compiler into every model object,
// parsed by the runtime at start (ndp/Descriptor.h, docs/design.md "Model
// descriptor"). One writer and one reader, so that a field added to the
// structs is added to the format in one place, and a round trip
// (test/Unit/DescriptorTest.cpp) proves the two agree.
#include "ndp/Descriptor.h"

#include <cstdio>
#include <sstream>

namespace ndpabi {

bool PopDesc::operator==(const PopDesc &o) const {
  return name == o.name && typeName == o.typeName && size == o.size && max == o.max && decay == o.decay &&
         spiking == o.spiking && outsReadInputs == o.outsReadInputs && states == o.states && outs == o.outs &&
         inputs == o.inputs && channels == o.channels && loads == o.loads;
}

bool ProjDesc::operator==(const ProjDesc &o) const {
  return name == o.name && pre == o.pre && post == o.post && synapse == o.synapse && conn == o.conn &&
         fanin == o.fanin && prob == o.prob && file == o.file && multiplicity == o.multiplicity &&
         channel == o.channel && eventDriven == o.eventDriven && fused == o.fused && linear == o.linear &&
         states == o.states && loads == o.loads;
}

bool ModelDesc::operator==(const ModelDesc &o) const {
  return name == o.name && params == o.params && arrayParams == o.arrayParams && pops == o.pops && projs == o.projs && kernels == o.kernels &&
         grows == o.grows && prunes == o.prunes && attends == o.attends && memories == o.memories && run == o.run;
}

namespace {

// ---- printing --------------------------------------------------------------

/// 17 significant digits: a double prints and parses back to itself.
std::string num(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  return buf;
}

std::string quoted(const std::string &s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    if (c == '"' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  return out + "\"";
}

std::string orDash(const std::string &s) { return s.empty() ? "-" : s; }
int flag(bool b) { return b ? 1 : 0; }

void printVar(std::ostream &os, const char *word, const VarDesc &v) {
  os << "  " << word << " " << v.name << " " << v.type << " " << v.width << "\n";
}

void printLoads(std::ostream &os, const std::vector<LoadDesc> &loads) {
  for (const LoadDesc &l : loads) os << "  load " << l.state << " " << quoted(l.file) << "\n";
}

void printRunItem(std::ostream &os, const RunDesc &run, RunDesc::Item item, size_t k) {
  switch (item) {
  case RunDesc::Item::Feed: {
    const FeedDesc &f = run.feeds[k];
    os << "feed " << f.pop << " " << f.input << " ";
    if (!f.file.empty()) os << "file " << quoted(f.file) << "\n";
    else
      os << "task " << quoted(f.task) << " " << f.n << " " << f.size << " " << f.hold << " " << num(f.noise) << " "
         << flag(f.target) << "\n";
    break;
  }
  case RunDesc::Item::Record: {
    const RecordDesc &r = run.records[k];
    if (r.synapses) {
      os << "record_synapses " << r.pop << " " << r.name << " " << r.every << " " << quoted(r.path) << "\n";
      break;
    }
    os << "record " << r.pop << " " << valueKindName(r.kind) << " " << orDash(r.name) << " " << r.every << " "
       << quoted(r.path) << "\n";
    break;
  }
  case RunDesc::Item::Report: {
    const ReportDesc &r = run.reports[k];
    if (r.compares())
      os << "report " << (r.kind == ReportDesc::Kind::Mse ? "mse " : "accuracy ") << quoted(r.label) << " " << r.pop1
         << " " << valueKindName(r.kind1) << " " << orDash(r.name1) << " " << r.pop2 << " " << valueKindName(r.kind2)
         << " " << orDash(r.name2) << " " << r.from << " " << r.to << "\n";
    else
      os << "report " << (r.kind == ReportDesc::Kind::Neurons ? "neurons" : "synapses") << " " << quoted(r.label)
         << " " << r.pop1 << "\n";
    break;
  }
  case RunDesc::Item::Snapshot: os << "snapshot " << run.snapshot.every << " " << quoted(run.snapshot.path) << "\n"; break;
  case RunDesc::Item::Checkpoint:
    os << "checkpoint " << run.checkpoint.every << " " << quoted(run.checkpoint.path) << "\n";
    break;
  }
}

} // namespace

std::string printDescriptor(const ModelDesc &m) {
  std::ostringstream os;
  os << "ndp-descriptor 1\n";
  os << "model " << m.name << "\n";
  for (const ParamDesc &p : m.params) os << "param " << p.name << " " << p.type << " " << num(p.value) << "\n";
  for (const ArrayParamDesc &p : m.arrayParams) {
    os << "param_array " << p.name << " " << p.rows << " " << p.cols << " ";
    switch (p.init) {
    case ArrayParamDesc::Init::Fill: os << "fill " << num(p.a); break;
    case ArrayParamDesc::Init::Normal: os << "normal " << num(p.a) << " " << num(p.b); break;
    case ArrayParamDesc::Init::Uniform: os << "uniform " << num(p.a) << " " << num(p.b); break;
    case ArrayParamDesc::Init::File: os << "file " << quoted(p.file); break;
    }
    os << "\n";
  }
  for (const PopDesc &p : m.pops) {
    os << "population " << p.name << " " << p.typeName << " " << p.size << " " << p.max << " " << num(p.decay) << " "
       << flag(p.spiking) << " " << flag(p.outsReadInputs) << "\n";
    for (const VarDesc &v : p.states) printVar(os, "state", v);
    for (const std::string &i : p.inputs) os << "  input " << i << "\n";
    for (const VarDesc &c : p.channels) printVar(os, "channel", c);
    for (const VarDesc &v : p.outs) printVar(os, "out", v);
    printLoads(os, p.loads);
  }
  for (const ProjDesc &q : m.projs) {
    os << "projection " << q.name << " " << q.pre << " " << q.post << " " << q.synapse << " "
       << connectivityName(q.conn) << " ";
    switch (q.conn) {
    case Connectivity::Fanin: os << q.fanin; break;
    case Connectivity::Prob: os << num(q.prob); break;
    case Connectivity::File: os << quoted(q.file); break;
    default: os << "-"; break;
    }
    os << " " << q.multiplicity << " " << q.channel << " " << flag(q.eventDriven) << " " << flag(q.fused) << " "
       << orDash(q.linear) << "\n";
    for (const VarDesc &v : q.states) printVar(os, "state", v);
    printLoads(os, q.loads);
  }
  for (const KernelDesc &k : m.kernels) {
    os << "kernel " << k.index << " " << kernelKindName(k.kind) << " " << k.target << " " << k.bindings.size();
    for (const std::string &b : k.bindings) os << " " << b;
    os << "\n";
  }
  for (const GrowDesc &g : m.grows) {
    os << "grow " << g.pop << " " << g.every << "\n";
    for (const GrowRuleDesc &r : g.rules) {
      switch (r.kind) {
      case GrowRuleKind::Remove: os << "  remove " << r.select << "\n"; break;
      case GrowRuleKind::Divide:
        os << "  divide " << r.select << " " << r.child << " " << flag(r.split) << " " << flag(r.assignsParent) << "\n";
        break;
      case GrowRuleKind::Connect: os << "  connect " << r.proj << " " << r.connect << "\n"; break;
      }
    }
  }
  for (const PruneDesc &p : m.prunes)
    os << "prune " << p.proj << " " << p.counter << " " << p.steps << " " << p.kernel << "\n";
  for (const MemoryDesc &r : m.memories)
    os << "memory " << r.slots << " " << r.key << " " << valueKindName(r.keyKind) << " " << r.keyName << " "
       << r.value << " " << r.sparsity << " " << r.cond << "\n";
  for (const AttendDesc &a : m.attends)
    os << "attend " << a.pop << " " << a.embedding << " " << a.heads << " " << a.edgeDim << " " << a.every << " "
       << orDash(a.proj) << " " << orDash(a.edgeState) << " " << a.topk << " " << a.cond << "\n";
  const RunDesc &run = m.run;
  os << "run " << run.seed << " " << run.steps << " " << num(run.dt) << "\n";
  if (!run.order.empty()) {
    size_t next[5] = {0, 0, 0, 0, 0};
    for (RunDesc::Item item : run.order) printRunItem(os, run, item, next[static_cast<int>(item)]++);
  } else {
    for (size_t k = 0; k < run.feeds.size(); ++k) printRunItem(os, run, RunDesc::Item::Feed, k);
    for (size_t k = 0; k < run.records.size(); ++k) printRunItem(os, run, RunDesc::Item::Record, k);
    for (size_t k = 0; k < run.reports.size(); ++k) printRunItem(os, run, RunDesc::Item::Report, k);
    if (run.snapshot.every > 0) printRunItem(os, run, RunDesc::Item::Snapshot, 0);
    if (run.checkpoint.every > 0) printRunItem(os, run, RunDesc::Item::Checkpoint, 0);
  }
  os << "end\n";
  return os.str();
}

// ---- parsing ---------------------------------------------------------------

namespace {

/// Splits a line into words; "quoted strings" keep spaces and \" \\ \n escapes.
std::vector<std::string> words(const std::string &line) {
  std::vector<std::string> out;
  for (size_t i = 0; i < line.size();) {
    if (line[i] == ' ') {
      ++i;
      continue;
    }
    std::string w;
    if (line[i] == '"') {
      ++i;
      while (i < line.size() && line[i] != '"') {
        if (line[i] == '\\' && i + 1 < line.size()) {
          ++i;
          w.push_back(line[i] == 'n' ? '\n' : line[i]);
        } else {
          w.push_back(line[i]);
        }
        ++i;
      }
      ++i;
    } else {
      while (i < line.size() && line[i] != ' ') w.push_back(line[i++]);
    }
    out.push_back(w);
  }
  return out;
}

/// One line's words, read left to right.
struct Line {
  std::vector<std::string> w;
  size_t at;
  int number;
  DescriptorError error(const std::string &what) const {
    return DescriptorError("model descriptor line " + std::to_string(number) + " " + what +
                           "; recompile the model with this version of ndpc");
  }
  const std::string &str() {
    if (at >= w.size()) throw error("is too short");
    return w[at++];
  }
  std::string dashed() {
    std::string s = str();
    return s == "-" ? std::string() : s;
  }
  int64_t i64() {
    const std::string &s = str();
    char *end = nullptr;
    long long v = std::strtoll(s.c_str(), &end, 10);
    if (s.empty() || *end != '\0') throw error("has a malformed number '" + s + "'");
    return v;
  }
  int i32() { return static_cast<int>(i64()); }
  double f64() {
    const std::string &s = str();
    char *end = nullptr;
    double v = std::strtod(s.c_str(), &end);
    if (s.empty() || *end != '\0') throw error("has a malformed number '" + s + "'");
    return v;
  }
  bool flag() { return i64() != 0; }
  ValueKind valueKind() {
    const std::string &s = str();
    if (auto k = parseValueKind(s)) return *k;
    throw error("has an unknown value kind '" + s + "'");
  }
  VarDesc var() {
    VarDesc v;
    v.name = str();
    v.type = str();
    v.width = i32();
    return v;
  }
};

} // namespace

ModelDesc parseDescriptor(const char *text) {
  ModelDesc m;
  std::istringstream in(text ? text : "");
  std::string raw;
  int number = 0;
  PopDesc *pop = nullptr;
  ProjDesc *proj = nullptr;
  bool sawHeader = false, sawEnd = false;
  while (std::getline(in, raw)) {
    ++number;
    Line l{words(raw), 1, number};
    if (l.w.empty()) continue;
    const std::string &k = l.w[0];
    const bool nested = !raw.empty() && raw[0] == ' ';
    if (!nested) pop = nullptr, proj = nullptr;
    if (k == "ndp-descriptor") {
      if (l.i64() != 1) throw DescriptorError("this runtime reads descriptor version 1; recompile the model");
      sawHeader = true;
    } else if (k == "model") {
      m.name = l.str();
    } else if (k == "param") {
      ParamDesc p;
      p.name = l.str();
      p.type = l.str();
      p.value = l.f64();
      m.params.push_back(p);
    } else if (k == "param_array") {
      ArrayParamDesc p;
      p.name = l.str();
      p.rows = l.i64();
      p.cols = l.i64();
      if (p.rows < 1 || p.cols < 0) throw l.error("has an array param of no elements");
      const std::string init = l.str();
      if (init == "fill") p.a = l.f64();
      else if (init == "normal" || init == "uniform") {
        p.init = init == "normal" ? ArrayParamDesc::Init::Normal : ArrayParamDesc::Init::Uniform;
        p.a = l.f64();
        p.b = l.f64();
      } else if (init == "file") {
        p.init = ArrayParamDesc::Init::File;
        p.file = l.str();
      } else throw l.error("has an unknown array param value '" + init + "'");
      m.arrayParams.push_back(p);
    } else if (k == "population") {
      pop = &m.pops.emplace_back();
      pop->name = l.str();
      pop->typeName = l.str();
      pop->size = l.i64();
      pop->max = l.i64();
      pop->decay = l.f64();
      pop->spiking = l.flag();
      pop->outsReadInputs = l.flag();
    } else if (k == "projection") {
      proj = &m.projs.emplace_back();
      proj->name = l.str();
      proj->pre = l.str();
      proj->post = l.str();
      proj->synapse = l.str();
      const std::string conn = l.str();
      auto c = parseConnectivity(conn);
      if (!c) throw l.error("has an unknown connectivity '" + conn + "'");
      proj->conn = *c;
      if (*c == Connectivity::Fanin) proj->fanin = l.i64();
      else if (*c == Connectivity::Prob) proj->prob = l.f64();
      else if (*c == Connectivity::File) proj->file = l.str();
      else l.str();
      proj->multiplicity = l.i64();
      proj->channel = l.str();
      proj->eventDriven = l.flag();
      proj->fused = l.flag();
      proj->linear = l.dashed();
    } else if (nested && (pop || proj) && (k == "state" || k == "load" || (pop && (k == "input" || k == "channel" || k == "out")))) {
      if (k == "state") (pop ? pop->states : proj->states).push_back(l.var());
      else if (k == "out") pop->outs.push_back(l.var());
      else if (k == "input") pop->inputs.push_back(l.str());
      else if (k == "channel") pop->channels.push_back(l.var());
      else {
        LoadDesc load;
        load.state = l.str();
        load.file = l.str();
        (pop ? pop->loads : proj->loads).push_back(load);
      }
    } else if (k == "kernel") {
      KernelDesc kd;
      kd.index = l.i32();
      const std::string kind = l.str();
      auto kk = parseKernelKind(kind);
      if (!kk) throw l.error("has an unknown kernel kind '" + kind + "'");
      kd.kind = *kk;
      kd.target = l.str();
      const int64_t n = l.i64();
      if (n < 0 || static_cast<size_t>(n) > l.w.size()) throw l.error("has a malformed binding count");
      for (int64_t i = 0; i < n; ++i) kd.bindings.push_back(l.str());
      m.kernels.push_back(kd);
    } else if (k == "grow") {
      GrowDesc &g = m.grows.emplace_back();
      g.pop = l.str();
      g.every = l.i64();
    } else if (nested && (k == "remove" || k == "divide" || k == "connect") && !m.grows.empty()) {
      GrowRuleDesc r;
      r.kind = k == "remove" ? GrowRuleKind::Remove : k == "divide" ? GrowRuleKind::Divide : GrowRuleKind::Connect;
      if (r.kind == GrowRuleKind::Remove) {
        r.select = l.i32();
      } else if (r.kind == GrowRuleKind::Divide) {
        r.select = l.i32();
        r.child = l.i32();
        r.split = l.flag();
        r.assignsParent = l.flag();
      } else {
        r.proj = l.str();
        r.connect = l.i32();
      }
      m.grows.back().rules.push_back(r);
    } else if (k == "prune") {
      PruneDesc p;
      p.proj = l.str();
      p.counter = l.str();
      p.steps = l.i64();
      p.kernel = l.i32();
      m.prunes.push_back(p);
    } else if (k == "memory") {
      MemoryDesc r;
      r.slots = l.str();
      r.key = l.str();
      r.keyKind = l.valueKind();
      r.keyName = l.str();
      r.value = l.str();
      r.sparsity = l.i64();
      r.cond = l.i32();
      m.memories.push_back(r);
    } else if (k == "attend") {
      AttendDesc a;
      a.pop = l.str();
      a.embedding = l.str();
      a.heads = l.i64();
      a.edgeDim = l.i64();
      a.every = l.i64();
      a.proj = l.dashed();
      a.edgeState = l.dashed();
      a.topk = l.i64();
      a.cond = l.i32();
      m.attends.push_back(a);
    } else if (k == "run") {
      m.run.seed = l.i64();
      m.run.steps = l.i64();
      m.run.dt = l.f64();
    } else if (k == "snapshot" || k == "checkpoint") {
      PeriodicDesc &d = k == "snapshot" ? m.run.snapshot : m.run.checkpoint;
      d.every = l.i64();
      d.path = l.str();
      m.run.order.push_back(k == "snapshot" ? RunDesc::Item::Snapshot : RunDesc::Item::Checkpoint);
    } else if (k == "feed") {
      FeedDesc f;
      f.pop = l.str();
      f.input = l.str();
      const std::string source = l.str();
      if (source == "file") {
        f.file = l.str();
      } else if (source == "task") {
        f.task = l.str();
        f.n = l.i64();
        f.size = l.i64();
        f.hold = l.i64();
        f.noise = l.f64();
        f.target = l.flag();
      } else {
        throw l.error("feeds from an unknown source '" + source + "'");
      }
      m.run.feeds.push_back(f);
      m.run.order.push_back(RunDesc::Item::Feed);
    } else if (k == "record") {
      RecordDesc r;
      r.pop = l.str();
      r.kind = l.valueKind();
      r.name = l.dashed();
      r.every = l.i64();
      r.path = l.str();
      m.run.records.push_back(r);
      m.run.order.push_back(RunDesc::Item::Record);
    } else if (k == "record_synapses") {
      RecordDesc r;
      r.synapses = true;
      r.pop = l.str();
      r.name = l.str();
      r.every = l.i64();
      r.path = l.str();
      m.run.records.push_back(r);
      m.run.order.push_back(RunDesc::Item::Record);
    } else if (k == "report") {
      ReportDesc r;
      const std::string what = l.str();
      r.label = l.str();
      r.pop1 = l.str();
      if (what == "accuracy" || what == "mse") {
        r.kind = what == "mse" ? ReportDesc::Kind::Mse : ReportDesc::Kind::Accuracy;
        r.kind1 = l.valueKind();
        r.name1 = l.dashed();
        r.pop2 = l.str();
        r.kind2 = l.valueKind();
        r.name2 = l.dashed();
        r.from = l.i64();
        r.to = l.i64();
      } else if (what == "neurons" || what == "synapses") {
        r.kind = what == "neurons" ? ReportDesc::Kind::Neurons : ReportDesc::Kind::Synapses;
      } else {
        throw l.error("reports an unknown measure '" + what + "'");
      }
      m.run.reports.push_back(r);
      m.run.order.push_back(RunDesc::Item::Report);
    } else if (k == "end") {
      sawEnd = true;
    } else {
      throw l.error("begins with an unknown word '" + k + "'");
    }
  }
  if (!sawHeader || !sawEnd) throw DescriptorError("the model descriptor is incomplete; recompile the model");
  return m;
}

} // namespace ndpabi
