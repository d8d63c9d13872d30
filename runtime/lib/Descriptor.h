#ifndef NDPRT_DESCRIPTOR_H
#define NDPRT_DESCRIPTOR_H

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace ndprt {

/// A per-element variable: its scalar type ("f32", "f64", "i32", "bool") and
/// width (d for an f32[d] state, else 1).
struct VarDesc {
  std::string name, type;
  int width = 1;
};

struct ParamDesc {
  std::string name, type;
  double value = 0;
};

struct PopDesc {
  std::string name, typeName;
  int64_t size = 0, max = 0;
  double decay = 0.99;
  bool spiking = false, outsReadInputs = false;
  std::vector<VarDesc> states, outs;
  std::vector<std::string> inputs, channels;  // channels[0] is "in"
  std::vector<std::pair<std::string, std::string>> loads;
};

struct ProjDesc {
  std::string name, pre, post, synapse, conn, arg, channel;
  int64_t multiplicity = 1;
  bool eventDriven = false, fused = false;
  std::string linear;  // the state `split` halves; empty when there is not exactly one
  std::vector<VarDesc> states;
  std::vector<std::pair<std::string, std::string>> loads;
};

struct KernelDesc {
  int index = 0;
  std::string kind, target;
  std::vector<std::string> bindings;
};

/// One rule of a grow block: a divide (kernels of its condition and of the
/// child's assignments, -1 when it assigns nothing) or a connect.
struct GrowRuleDesc {
  bool divide = true;
  int select = -1, child = -1;
  bool split = false;
  std::string proj;  // connect: the projection it adds to
  int connect = -1;
};

struct GrowDesc {
  std::string pop;
  int64_t every = 1;
  std::vector<GrowRuleDesc> rules;
};

struct PruneDesc {
  std::string proj, counter;
  int64_t steps = 1;
  int kernel = -1;
};

/// An attend block: the embedding state, the projection whose synapses carry
/// its edge channels (and the hidden state holding them), and the kernel of
/// its `connect topk ... when` condition (-1: none).
struct AttendDesc {
  std::string pop, embedding, proj, edgeState;
  int64_t heads = 1, edgeDim = 1, every = 1, topk = 0;
  int cond = -1;
};

/// A memory region: its slot population, the key (a value of every neuron of
/// `key`), the population recall goes to, k-WTA's k, the write condition kernel.
struct MemoryDesc {
  std::string slots, key, keyKind, keyName, value;
  int64_t sparsity = 1;
  int cond = -1;
};

struct PeriodicDesc {
  int64_t every = 0;  // 0: not written
  std::string path;
};

struct FeedDesc {
  std::string pop, input;
  std::string file;  // empty for a task
  std::string task;
  int64_t n = 0, size = 0, hold = 1;
  double noise = 0;
  bool target = false;
};

struct RecordDesc {
  std::string pop, kind, name, path;
  int64_t every = 1;
};

struct ReportDesc {
  std::string kind, label;          // "accuracy", "neurons", "synapses"
  std::string pop1, kind1, name1;   // accuracy: first value; counts: the target
  std::string pop2, kind2, name2;
};

struct RunDesc {
  int64_t seed = 0, steps = 1;
  double dt = 1.0;
  std::vector<FeedDesc> feeds;
  std::vector<RecordDesc> records;
  std::vector<ReportDesc> reports;
  PeriodicDesc snapshot, checkpoint;
};

/// The model descriptor the compiler writes into every model object
/// (docs/design.md, "Model descriptor").
struct ModelDesc {
  std::string name;
  std::vector<ParamDesc> params;
  std::vector<PopDesc> pops;
  std::vector<ProjDesc> projs;
  std::vector<KernelDesc> kernels;
  std::vector<GrowDesc> grows;
  std::vector<PruneDesc> prunes;
  std::vector<AttendDesc> attends;
  std::vector<MemoryDesc> memories;
  RunDesc run;
};

/// Parses the descriptor text; throws a Fault on a malformed line (a compiler bug).
ModelDesc parseDescriptor(const char *text);

} // namespace ndprt

#endif
