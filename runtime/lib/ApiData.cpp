// The C API's reads and changes of a run (ndp/abi.h): values, params, the
// graph's arrays, the model's description, the report, snapshots and
// checkpoints on request.
#include "ApiSim.h"
#include "Error.h"
#include "Format.h"
#include "Json.h"

#include <cmath>
#include <cstring>
#include <sstream>

namespace ndprt {

namespace {

Population &findPopulation(Simulator &sim, const char *name) {
  if (!name) throw NameFault("a population name is needed");
  if (Population *p = sim.population(name)) return *p;
  std::vector<std::string> names;
  for (const PopDesc &p : sim.model().pops) names.push_back(p.name);
  throw NameFault(std::string("no population '") + name + "'; the populations are: " + joinNames(names));
}

/// A neuron value of `p` by name: importance, spiked, or a state, out, input
/// or channel (names are unique across these within a neuron type).
Column &findValue(Population &p, const char *name, ValueKind &kind) {
  if (!name) throw NameFault("a value name is needed");
  for (ValueKind k : {ValueKind::Importance, ValueKind::Spiked, ValueKind::State, ValueKind::Out,
                      ValueKind::Input, ValueKind::Channel}) {
    const bool special = k == ValueKind::Importance || k == ValueKind::Spiked;
    if (special && std::strcmp(name, valueKindName(k)) != 0) continue;
    if (Column *c = p.find(k, name)) {
      kind = k;
      return *c;
    }
  }
  std::vector<std::string> names;
  for (auto *cols : {&p.states, &p.outs, &p.inputs, &p.channels})
    for (Column &c : *cols) names.push_back(c.name());
  names.push_back("importance");
  names.push_back("spiked");
  throw NameFault("population '" + p.name() + "' has no value '" + name + "'; its values are: " + joinNames(names));
}

Projection &findProjection(Simulator &sim, const char *name) {
  if (!name) throw NameFault("a projection name is needed");
  if (Projection *q = sim.projection(name)) return *q;
  std::vector<std::string> using_, names;
  for (const ProjDesc &q : sim.model().projs) {
    if (q.synapse == name) using_.push_back(q.name);
    names.push_back(q.name + " (" + q.pre + " -> " + q.post + ", " + q.synapse + ")");
  }
  if (using_.size() == 1) return *sim.projection(using_[0]);
  if (using_.size() > 1)
    throw NameFault(std::string("synapse type '") + name + "' is used by " + std::to_string(using_.size()) +
                " projections; name one of them: " + joinNames(names));
  throw NameFault(std::string("no projection or synapse type '") + name + "'; the projections are: " +
              (names.empty() ? std::string("none") : joinNames(names)));
}

/// Why `v` cannot be stored in a column of `type`; empty when it can.
std::string storeError(const std::string &type, double v) {
  if (type == "f32" || type == "f64") return {};
  if (type == "bool") return v == 0.0 || v == 1.0 ? std::string() : "a bool value must be 0 or 1";
  if (std::isnan(v) || v != std::floor(v) || std::fabs(v) > 2147483647.0) return "an " + type + " value must be an integer";
  return {};
}

void addArray(ndp_sim &s, const std::string &name, const char *dtype, int64_t rows, int64_t width, std::string bytes) {
  s.arrayNames.push_back(name);
  s.arrayData.push_back(std::move(bytes));
  s.arrays.push_back(ndp_array{nullptr, dtype, rows, width, nullptr});
}

template <class T> std::string bytesOf(const std::vector<T> &v) {
  return std::string(reinterpret_cast<const char *>(v.data()), v.size() * sizeof(T));
}

/// One value's description: name, kind (omitted when null), type, width.
std::string valueJson(const Column &c, const char *kind) {
  std::ostringstream os;
  os << "{\"name\": " << jsonString(c.name());
  if (kind) os << ", \"kind\": " << jsonString(kind);
  os << ", \"type\": " << jsonString(c.type()) << ", \"width\": " << c.width() << "}";
  return os.str();
}

std::string infoJson(Simulator &sim) {
  const ModelDesc &m = sim.model();
  std::ostringstream os;
  const RunDesc &run = m.run;
  const bool writes = !run.records.empty() || run.snapshot.every > 0 || run.checkpoint.every > 0;
  os << "{\"model\": " << jsonString(m.name) << ", \"steps\": " << sim.totalSteps() << ", \"seed\": " << sim.seed()
     << ", \"step\": " << sim.step() << ", \"writes_files\": " << (writes ? "true" : "false") << ", \"populations\": [";
  for (size_t i = 0; i < m.pops.size(); ++i) {
    Population &p = *sim.population(m.pops[i].name);
    os << (i ? ", " : "") << "{\"name\": " << jsonString(p.name()) << ", \"type\": " << jsonString(p.desc().typeName)
       << ", \"size\": " << p.size() << ", \"max\": " << p.desc().max << ", \"values\": [";
    bool first = true;
    auto add = [&](const Column &c, ValueKind kind) {
      os << (first ? "" : ", ") << valueJson(c, valueKindName(kind));
      first = false;
    };
    for (const Column &c : p.states) add(c, ValueKind::State);
    for (const Column &c : p.outs) add(c, ValueKind::Out);
    for (const Column &c : p.inputs) add(c, ValueKind::Input);
    for (const Column &c : p.channels) add(c, ValueKind::Channel);
    add(p.importance, ValueKind::Importance);
    add(p.spiked, ValueKind::Spiked);
    os << "]}";
  }
  os << "], \"projections\": [";
  for (size_t i = 0; i < m.projs.size(); ++i) {
    Projection &q = *sim.projection(m.projs[i].name);
    os << (i ? ", " : "") << "{\"name\": " << jsonString(q.name()) << ", \"pre\": " << jsonString(q.desc().pre)
       << ", \"post\": " << jsonString(q.desc().post) << ", \"synapse\": " << jsonString(q.desc().synapse)
       << ", \"size\": " << q.synapses() << ", \"states\": [";
    bool first = true;
    for (const Column &c : q.states)
      if (c.name().find('.') == std::string::npos) {
        os << (first ? "" : ", ") << valueJson(c, nullptr);
        first = false;
      }
    os << "]}";
  }
  os << "], \"params\": [";
  for (size_t i = 0; i < m.params.size(); ++i)
    os << (i ? ", " : "") << "{\"name\": " << jsonString(m.params[i].name) << ", \"type\": "
       << jsonString(m.params[i].type) << ", \"value\": " << jsonNumber(sim.param(m.params[i].name)) << "}";
  os << "], \"array_params\": [";
  std::vector<ParamArray> arrays = sim.paramArrays();
  for (size_t i = 0; i < arrays.size(); ++i) {
    os << (i ? ", " : "") << "{\"name\": " << jsonString(arrays[i].name) << ", \"shape\": [";
    for (size_t d = 0; d < arrays[i].shape.size(); ++d) os << (d ? ", " : "") << arrays[i].shape[d];
    os << "]}";
  }
  os << "], \"reports\": [";
  std::vector<ReportValue> report = sim.reportValues();
  for (size_t i = 0; i < report.size(); ++i) os << (i ? ", " : "") << jsonString(report[i].label);
  os << "]}";
  return os.str();
}

} // namespace

} // namespace ndprt

using namespace ndprt;

extern "C" const float *ndp_values(ndp_sim *s, const char *population, const char *name, int64_t *count) {
  return apiCall(s, static_cast<const float *>(nullptr), [&] {
    Population &p = findPopulation(*s->sim, population);
    ValueKind kind;
    Column &c = findValue(p, name, kind);
    s->values.resize(static_cast<size_t>(p.size() * c.width()));
    for (int64_t i = 0; i < p.size(); ++i)
      for (int l = 0; l < c.width(); ++l)
        s->values[static_cast<size_t>(i * c.width() + l)] = static_cast<float>(c.get(i, l));
    if (count) *count = static_cast<int64_t>(s->values.size());
    return s->values.data();
  });
}

extern "C" int ndp_set_values(ndp_sim *s, const char *population, const char *name, const float *values,
                              int64_t count) {
  return apiStatus(s, [&] {
    Population &p = findPopulation(*s->sim, population);
    ValueKind kind;
    Column &c = findValue(p, name, kind);
    const std::string what = "'" + c.name() + "' of population '" + p.name() + "'";
    if (kind != ValueKind::State && kind != ValueKind::Input)
      throw ValueFault(what + " is " + (kind == ValueKind::Out ? "an out, computed from the state" : kind == ValueKind::Channel ? "a channel, summed from the synapses" : "kept by the runtime") +
                  " at every step; set a state or an input");
    if (kind == ValueKind::Input && s->sim->fed(&c))
      throw ValueFault(what + " is fed by the run block, which would overwrite it at the next step; remove its "
                  "'feed' line to set it from outside");
    const int64_t want = p.size() * c.width();
    if (count != want || (want > 0 && !values))
      throw ValueFault(what + " takes " + std::to_string(want) + " values (" + std::to_string(p.size()) + " neurons" +
                  (c.width() > 1 ? " x " + std::to_string(c.width()) : std::string()) + "), not " + std::to_string(count));
    for (int64_t k = 0; k < want; ++k)
      if (std::string why = storeError(c.type(), values[k]); !why.empty())
        throw ValueFault(what + " is " + c.type() + ": " + why + " (neuron " +
                    std::to_string(p.ids.as<int64_t>()[k / c.width()]) + " has " + formatNumber(values[k]) + ")");
    for (int64_t i = 0; i < p.size(); ++i)
      for (int l = 0; l < c.width(); ++l) c.set(i, l, values[i * c.width() + l]);
    return 0;
  });
}

extern "C" const char *ndp_info(ndp_sim *s) {
  return apiCall(s, static_cast<const char *>(nullptr), [&] {
    s->text = infoJson(*s->sim);
    return s->text.c_str();
  });
}

extern "C" int ndp_get_param(ndp_sim *s, const char *name, double *value) {
  return apiStatus(s, [&] {
    const double v = s->sim->param(name ? name : "");
    if (value) *value = v;
    return 0;
  });
}

extern "C" int ndp_set_param(ndp_sim *s, const char *name, double value) {
  return apiStatus(s, [&] {
    s->sim->setParam(name ? name : "", value);
    return 0;
  });
}

extern "C" const float *ndp_get_param_array(ndp_sim *s, const char *name, int64_t *count) {
  return apiCall(s, static_cast<const float *>(nullptr), [&] {
    ParamArray a = s->sim->paramArray(name ? name : "");
    s->values.assign(a.data, a.data + a.size);
    if (count) *count = static_cast<int64_t>(a.size);
    return s->values.data();
  });
}

extern "C" int ndp_set_param_array(ndp_sim *s, const char *name, const float *values, int64_t count) {
  return apiStatus(s, [&] {
    if (count > 0 && !values) throw ValueFault("no values given");
    s->sim->setParamArray(name ? name : "", values, count);
    return 0;
  });
}

extern "C" int ndp_arrays(ndp_sim *s, const char *kind, const char *name, const ndp_array **arrays, int64_t *count) {
  return apiStatus(s, [&] {
    s->arrays.clear();
    s->arrayData.clear();
    s->arrayNames.clear();
    const std::string k = kind ? kind : "";
    if (k == "neurons") {
      Population &p = findPopulation(*s->sim, name);
      const char *names[] = {"id", "parent", "born", "root"};
      int i = 0;
      for (Column *c : {&p.ids, &p.parent, &p.born, &p.root})
        addArray(*s, names[i++], "<i8", p.size(), 1,
                 std::string(static_cast<const char *>(c->data()), static_cast<size_t>(p.size()) * c->elementBytes()));
    } else if (k == "synapses") {
      Projection &q = findProjection(*s->sim, name);
      std::vector<int64_t> slots = q.liveSlots(), pre, post;
      q.stableIds(slots, pre, post);
      const int64_t n = static_cast<int64_t>(slots.size());
      addArray(*s, "pre", "<i8", n, 1, bytesOf(pre));
      addArray(*s, "post", "<i8", n, 1, bytesOf(post));
      addArray(*s, "par", q.par.npyDescr(), n, 1, q.par.gatherBytes(slots));
      for (Column &c : q.states)
        if (c.name().find('.') == std::string::npos)
          addArray(*s, c.name(), c.npyDescr(), n, c.width(), c.gatherBytes(slots));
      if (q.keepsProvenance()) {
        std::vector<uint8_t> origin;
        std::vector<int64_t> born;
        q.provenance(slots, origin, born);
        addArray(*s, "provenance/origin", "|u1", n, 1, std::string(origin.begin(), origin.end()));
        addArray(*s, "provenance/born", "<i8", n, 1, bytesOf(born));
      }
    } else {
      throw ValueFault("unknown kind of arrays '" + k + "'; use \"neurons\" or \"synapses\"");
    }
    for (size_t i = 0; i < s->arrays.size(); ++i) {
      s->arrays[i].name = s->arrayNames[i].c_str();
      s->arrays[i].data = s->arrayData[i].data();
    }
    if (arrays) *arrays = s->arrays.data();
    if (count) *count = static_cast<int64_t>(s->arrays.size());
    return 0;
  });
}

extern "C" const char *ndp_report(ndp_sim *s) {
  return apiCall(s, static_cast<const char *>(nullptr), [&] {
    std::ostringstream os;
    os << "{";
    std::vector<ReportValue> values = s->sim->reportValues();
    for (size_t i = 0; i < values.size(); ++i)
      os << (i ? ", " : "") << jsonString(values[i].label) << ": " << jsonNumber(values[i].value);
    os << "}";
    s->text = os.str();
    return s->text.c_str();
  });
}

extern "C" int ndp_snapshot(ndp_sim *s, const char *dir) {
  return apiStatus(s, [&] {
    if (!dir || !*dir) throw ValueFault("a snapshot needs a folder");
    s->sim->snapshotTo(dir);
    return 0;
  });
}

extern "C" int ndp_checkpoint(ndp_sim *s, const char *path) {
  return apiStatus(s, [&] {
    if (!path || !*path) throw ValueFault("a checkpoint needs a file name");
    s->sim->writeCheckpoint(path);
    return 0;
  });
}
