#include "Descriptor.h"

#include "Error.h"

#include <sstream>

namespace ndprt {

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

struct Line {
  std::vector<std::string> w;
  size_t at = 1;
  int number;
  const std::string &str() {
    if (at >= w.size()) throw Fault("model descriptor line " + std::to_string(number) + " is too short");
    return w[at++];
  }
  int64_t i64() { return std::stoll(str()); }
  double f64() { return std::stod(str()); }
  bool flag() { return i64() != 0; }
};

VarDesc var(Line &l) {
  VarDesc v;
  v.name = l.str();
  v.type = l.str();
  v.width = static_cast<int>(l.i64());
  return v;
}

} // namespace

ModelDesc parseDescriptor(const char *text) {
  ModelDesc m;
  std::istringstream in(text);
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
    try {
      if (k == "ndp-descriptor") {
        if (l.i64() != 1) throw Fault("this runtime reads descriptor version 1; recompile the model");
        sawHeader = true;
      } else if (k == "model") {
        m.name = l.str();
      } else if (k == "param") {
        ParamDesc p;
        p.name = l.str();
        p.type = l.str();
        p.value = l.f64();
        m.params.push_back(p);
      } else if (k == "population") {
        m.pops.emplace_back();
        pop = &m.pops.back();
        proj = nullptr;
        pop->name = l.str();
        pop->typeName = l.str();
        pop->size = l.i64();
        pop->max = l.i64();
        pop->decay = l.f64();
        pop->spiking = l.flag();
        pop->outsReadInputs = l.flag();
      } else if (k == "projection") {
        m.projs.emplace_back();
        proj = &m.projs.back();
        pop = nullptr;
        proj->name = l.str();
        proj->pre = l.str();
        proj->post = l.str();
        proj->synapse = l.str();
        proj->conn = l.str();
        proj->arg = l.str();
        proj->multiplicity = l.i64();
        proj->channel = l.str();
        proj->eventDriven = l.flag();
        proj->fused = l.flag();
        proj->linear = l.str();
        if (proj->linear == "-") proj->linear.clear();
      } else if (k == "state") {
        if (pop) pop->states.push_back(var(l));
        else if (proj) proj->states.push_back(var(l));
      } else if (k == "input" && pop) {
        pop->inputs.push_back(l.str());
      } else if (k == "channel" && pop) {
        pop->channels.push_back(l.str());
      } else if (k == "out" && pop) {
        pop->outs.push_back(var(l));
      } else if (k == "load") {
        std::string name = l.str(), file = l.str();
        (pop ? pop->loads : proj->loads).push_back({name, file});
      } else if (k == "kernel") {
        KernelDesc kd;
        kd.index = static_cast<int>(l.i64());
        kd.kind = l.str();
        kd.target = l.str();
        int64_t n = l.i64();
        for (int64_t i = 0; i < n; ++i) kd.bindings.push_back(l.str());
        m.kernels.push_back(kd);
      } else if (k == "grow") {
        m.grows.emplace_back();
        m.grows.back().pop = l.str();
        m.grows.back().every = l.i64();
        pop = nullptr;
        proj = nullptr;
      } else if ((k == "divide" || k == "connect") && !m.grows.empty()) {
        GrowRuleDesc r;
        r.divide = k == "divide";
        if (r.divide) {
          r.select = static_cast<int>(l.i64());
          r.child = static_cast<int>(l.i64());
          r.split = l.flag();
        } else {
          r.proj = l.str();
          r.connect = static_cast<int>(l.i64());
        }
        m.grows.back().rules.push_back(r);
      } else if (k == "prune") {
        PruneDesc p;
        p.proj = l.str();
        p.counter = l.str();
        p.steps = l.i64();
        p.kernel = static_cast<int>(l.i64());
        m.prunes.push_back(p);
      } else if (k == "memory") {
        MemoryDesc md;
        md.slots = l.str();
        md.key = l.str();
        md.keyKind = l.str();
        md.keyName = l.str();
        md.value = l.str();
        md.sparsity = l.i64();
        md.cond = static_cast<int>(l.i64());
        m.memories.push_back(md);
        pop = nullptr;
        proj = nullptr;
      } else if (k == "attend") {
        AttendDesc a;
        a.pop = l.str();
        a.embedding = l.str();
        a.heads = l.i64();
        a.edgeDim = l.i64();
        a.every = l.i64();
        a.proj = l.str();
        a.edgeState = l.str();
        if (a.proj == "-") a.proj.clear();
        if (a.edgeState == "-") a.edgeState.clear();
        a.topk = l.i64();
        a.cond = static_cast<int>(l.i64());
        m.attends.push_back(a);
        pop = nullptr;
        proj = nullptr;
      } else if (k == "snapshot" || k == "checkpoint") {
        PeriodicDesc &d = k == "snapshot" ? m.run.snapshot : m.run.checkpoint;
        d.every = l.i64();
        d.path = l.str();
      } else if (k == "run") {
        m.run.seed = l.i64();
        m.run.steps = l.i64();
        m.run.dt = l.f64();
      } else if (k == "feed") {
        FeedDesc f;
        f.pop = l.str();
        f.input = l.str();
        std::string kind = l.str();
        if (kind == "file") {
          f.file = l.str();
        } else {
          f.task = l.str();
          f.n = l.i64();
          f.size = l.i64();
          f.hold = l.i64();
          f.noise = l.f64();
          f.target = l.flag();
        }
        m.run.feeds.push_back(f);
      } else if (k == "record") {
        RecordDesc r;
        r.pop = l.str();
        r.kind = l.str();
        r.name = l.str();
        if (r.name == "-") r.name.clear();
        r.every = l.i64();
        r.path = l.str();
        m.run.records.push_back(r);
      } else if (k == "report") {
        ReportDesc r;
        r.kind = l.str();
        r.label = l.str();
        r.pop1 = l.str();
        if (r.kind == "accuracy") {
          r.kind1 = l.str();
          r.name1 = l.str();
          r.pop2 = l.str();
          r.kind2 = l.str();
          r.name2 = l.str();
          if (r.name1 == "-") r.name1.clear();
          if (r.name2 == "-") r.name2.clear();
        }
        m.run.reports.push_back(r);
      } else if (k == "end") {
        sawEnd = true;
      }
    } catch (const std::invalid_argument &) {
      throw Fault("model descriptor line " + std::to_string(number) + " has a malformed number");
    }
  }
  if (!sawHeader || !sawEnd) throw Fault("the model descriptor is incomplete; recompile the model");
  return m;
}

} // namespace ndprt
