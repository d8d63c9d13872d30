// The run: construction from the descriptor, the graph build, and the step
// loop in the order of language.md section 5 (Simulator.h).
#include "Simulator.h"

#include "Connectivity.h"
#include "Error.h"
#include "Format.h"
#include "Files.h"
#include "Npy.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <sstream>
#include <unistd.h>

extern "C" void omp_set_num_threads(int);
extern "C" int omp_get_max_threads();

namespace ndprt {

Simulator::Simulator(const char *descriptor, void *const *kernelTable, const Options &opts, void *const *gpuTable)
    : descriptorText_(descriptor), desc_(parseDescriptor(descriptor)), opts_(opts) {
  if (opts_.device == Device::Gpu) {
    if (!gpuTable)
      throw Fault("this program was compiled for the CPU only; for '--device gpu' compile the model with "
                  "'ndpc compile --target=gpu'");
    device_ = std::make_unique<gpu::Device>();
    std::string why;
    if (!device_->open(why)) throw Fault("--device gpu: " + why);
  }
  // Every column made from here on (the graph's) is device memory in a GPU run.
  ColumnMemoryScope memory(device_.get());
  // OpenMP's default as the process started, before any simulator set its own.
  static const int defaultThreads = omp_get_max_threads();
  threads_ = opts_.threads > 0 ? opts_.threads : defaultThreads;
  omp_set_num_threads(threads_);
  seed_ = static_cast<uint64_t>(opts_.seedSet ? opts_.seed : desc_.run.seed);
  std::string checkpoint;
  if (!opts_.resume.empty()) {
    // The run continues with the seed it started with.
    uint64_t seed = 0;
    checkpoint = Checkpoints::read(opts_.resume, descriptorText_, seed);
    if (opts_.seedSet && seed != seed_)
      throw Fault("cannot resume from '" + opts_.resume + "' with --seed " + std::to_string(seed_) +
                  ": the run it continues has seed " + std::to_string(seed) + "; leave --seed out");
    seed_ = seed;
  }
  total_ = opts_.steps >= 0 ? opts_.steps : desc_.run.steps;

  for (size_t i = 0; i < desc_.pops.size(); ++i)
    graph_.pops.push_back(std::make_unique<Population>(desc_.pops[i], static_cast<int>(i)));
  for (size_t i = 0; i < desc_.projs.size(); ++i) {
    const ProjDesc &q = desc_.projs[i];
    Population *pre = population(q.pre), *post = population(q.post);
    if (!pre || !post) throw Fault("the model descriptor's projection '" + q.name + "' names an unknown population");
    graph_.projs.push_back(std::make_unique<Projection>(q, static_cast<int>(i), *pre, *post));
  }
  kernels_ = std::make_unique<KernelTable>(desc_, device_ ? gpuTable : kernelTable, graph_, device_.get(),
                                           omp_get_max_threads(), opts_.stats);
  readParamFiles();
  applyParams();
  prepareOutputs();
  growth_ = std::make_unique<Growth>(desc_, graph_, *kernels_, seed_, device_ != nullptr);
  buildGraph();
  for (const MemoryDesc &m : desc_.memories) {
    Population *slots = population(m.slots), *key = population(m.key), *value = population(m.value);
    if (!slots || !key || !value) throw Fault("the model descriptor's memory region names an unknown population");
    memories_.push_back(std::make_unique<MemoryRegion>(m, *slots, *key, *value));
  }
  memorySlots_.assign(graph_.pops.size(), 0);
  for (auto &m : memories_) memorySlots_[static_cast<size_t>(m->slots().index())] = 1;
  findChannelWriters();
  for (size_t i = 0; i < desc_.attends.size(); ++i) {
    const AttendDesc &a = desc_.attends[i];
    Population *p = population(a.pop);
    Projection *over = a.proj.empty() ? nullptr : projection(a.proj);
    if (!p || (!a.proj.empty() && !over)) throw Fault("the model descriptor attends over an unknown population");
    attentions_.push_back(std::make_unique<Attention>(a, static_cast<int>(i), *p, over, seed_));
  }
  applyParamFiles(/*attention=*/true);
  io_ = std::make_unique<RunIO>(desc_, opts_, graph_, seed_, total_);
  snapshots_ = std::make_unique<Snapshots>(parts());
  checkpoints_ = std::make_unique<Checkpoints>(parts(), descriptorText_);
  if (!opts_.resume.empty()) {
    step_ = checkpoints_->restore(checkpoint, opts_.resume, total_);
    applyParams(/*fromDefaults=*/false);  // --param and --param-file given now still apply
    applyParamFiles(/*attention=*/true);
  }
}

Simulator::~Simulator() = default;

void Simulator::findChannelWriters() {
  // Channels nothing sums into stay 0: phase 2 need not clear them every step.
  channelWriters_.resize(graph_.pops.size());
  for (auto &p : graph_.pops) channelWriters_[static_cast<size_t>(p->index())].assign(p->channels.size(), 0);
  for (auto &q : graph_.projs) {
    Population &post = q->post();
    for (size_t c = 0; c < post.channels.size(); ++c)
      if (post.channels[c].name() == q->desc().channel) ++channelWriters_[static_cast<size_t>(post.index())][c];
  }
  for (auto &m : memories_)
    if (!m->value().channels.empty()) ++channelWriters_[static_cast<size_t>(m->value().index())][0];
  for (auto &q : graph_.projs) {
    Population &post = q->post();
    for (size_t c = 0; c < post.channels.size(); ++c)
      if (post.channels[c].name() == q->desc().channel)
        kernels_->proj(*q).soleWriter = channelWriters_[static_cast<size_t>(post.index())][c] == 1;
  }
}

void Simulator::prepareOutputs() {
  const RunDesc &run = desc_.run;
  std::vector<std::pair<std::string, std::string>> folders;  // (folder, what goes there)
  for (const RecordDesc &r : run.records)
    folders.push_back({folderOf(resolvePath(opts_.outDir, r.path)), "the recording '" + r.path + "'"});
  if (run.snapshot.every > 0)
    folders.push_back({resolvePath(opts_.outDir, run.snapshot.path), "snapshots"});
  if (run.checkpoint.every > 0)
    folders.push_back({folderOf(resolvePath(opts_.outDir, run.checkpoint.path)), "checkpoints"});
  if (!opts_.outDir.empty() && opts_.outDir != ".") makeDirectories(opts_.outDir);
  if (folders.empty()) return;
  // Found now, not after the whole run: a run whose results cannot be written
  // does not start, and a second run in the same folder does not clobber this one.
  outLock_ = FolderLock(opts_.outDir);
  for (auto &[folder, what] : folders) checkWritableFolder(folder, what);
}

void Simulator::applyParams(bool fromDefaults) {
  if (fromDefaults) {
    std::vector<double> &scalars = kernels_->scalars;
    scalars.assign(NDP_SCALAR_FIRST_PARAM + desc_.params.size(), 0.0);
    scalars[NDP_SCALAR_DT] = desc_.run.dt;
    for (size_t i = 0; i < desc_.params.size(); ++i) scalars[NDP_SCALAR_FIRST_PARAM + i] = desc_.params[i].value;
    initArrayParams();
  }
  applyParamFiles(/*attention=*/false);
  for (auto &[name, text] : opts_.params) {
    const size_t i = paramIndex(name);
    kernels_->scalars[NDP_SCALAR_FIRST_PARAM + i] = paramValue(desc_.params[i], text);
  }
}

size_t Simulator::paramIndex(const std::string &name) const {
  for (size_t i = 0; i < desc_.params.size(); ++i)
    if (desc_.params[i].name == name) return i;
  for (const ArrayParamDesc &a : desc_.arrayParams)
    if (a.name == name)
      throw ValueFault("param '" + name + "' is an array (f32[" + std::to_string(a.rows) + "]" +
                       (a.cols > 0 ? "[" + std::to_string(a.cols) + "]" : std::string()) +
                       "), not a single value; read and set it as an array (ndp_get_param_array, "
                       "ndp_set_param_array, or a --param-file)");
  std::vector<std::string> names;
  for (const ParamDesc &p : desc_.params) names.push_back(p.name);
  throw unknownParam(name, names);
}

double Simulator::param(const std::string &name) const {
  return kernels_->scalars[NDP_SCALAR_FIRST_PARAM + paramIndex(name)];
}

void Simulator::setParam(const std::string &name, double value) {
  const size_t i = paramIndex(name);
  if (std::string why = paramRangeError(desc_.params[i], value); !why.empty()) throw ValueFault(why);
  kernels_->scalars[NDP_SCALAR_FIRST_PARAM + i] = value;
}

void Simulator::loadState(const std::string &file, Column &col, const std::vector<int64_t> &order,
                          const std::string &what) {
  std::string path = resolvePath(opts_.inputDir(), file);
  NpyArray a = readNpy(path);
  int64_t n = static_cast<int64_t>(order.size());
  bool ok = (a.shape.size() == 1 && a.shape[0] == n && col.width() == 1) ||
            (a.shape.size() == 2 && a.shape[0] == n && a.shape[1] == col.width());
  if (!ok) {
    std::string want = col.width() == 1 ? "[" + std::to_string(n) + "]"
                                        : "[" + std::to_string(n) + ", " + std::to_string(col.width()) + "]";
    throw Fault("'" + path + "' has shape " + shapeString(a.shape) + ", but " + what + " needs " + want);
  }
  for (int64_t e = 0; e < n; ++e)
    for (int l = 0; l < col.width(); ++l)
      col.set(order[static_cast<size_t>(e)], l, a.data[static_cast<size_t>(e * col.width() + l)]);
}

void Simulator::buildGraph() {
  kernels_->ctx[NDP_CTX_SEED] = static_cast<int64_t>(seed_);
  kernels_->ctx[NDP_CTX_STEP] = 0;
  for (auto &p : graph_.pops) {
    p->grow(p->desc().size);
    const PopKernels &pk = kernels_->pop(*p);
    if (pk.init >= 0) kernels_->call(pk.init, 0, p->size());
    std::vector<int64_t> order(static_cast<size_t>(p->size()));
    for (int64_t i = 0; i < p->size(); ++i) order[static_cast<size_t>(i)] = i;
    for (auto &[state, file] : p->desc().loads)
      loadState(file, *p->find(ValueKind::State, state), order, "state '" + state + "' of population '" + p->name() + "'");
  }
  for (auto &q : graph_.projs) {
    bool self = &q->pre() == &q->post();
    std::vector<std::pair<int64_t, int64_t>> pairs =
        choosePairs(q->desc(), q->index(), q->pre().size(), q->post().size(), self, seed_, opts_.inputDir());
    std::vector<int64_t> order = q->build(std::move(pairs));
    const ProjKernels &qk = kernels_->proj(*q);
    if (qk.init >= 0 && !order.empty()) {
      KernelLists init;
      init.slots = &order;
      kernels_->call(qk.init, 0, 0, init);
    }
    for (auto &[state, file] : q->desc().loads) {
      Column *c = nullptr;
      for (Column &s : q->states)
        if (s.name() == state) c = &s;
      loadState(file, *c, order, "state '" + state + "' of projection " + q->desc().pre + " -> " + q->desc().post +
                                     " (" + std::to_string(order.size()) + " synapses in edge order)");
    }
    if (qk.event >= 0) q->rebuildByPre();
  }
  // Outs are valid before the first step (from the initial state and zero inputs).
  for (auto &p : graph_.pops) {
    const PopKernels &pk = kernels_->pop(*p);
    if (pk.out >= 0) kernels_->call(pk.out, 0, p->size());
  }
}

void Simulator::checkStatus(const char *phase) {
  if (kernels_->status == 0) return;
  for (auto &p : graph_.pops)
    for (Column &c : p->states) {
      if (!c.isFloat()) continue;
      for (int64_t i = 0; i < p->size(); ++i)
        for (int l = 0; l < c.width(); ++l)
          if (!std::isfinite(c.get(i, l)))
            throw Fault(std::string(std::isnan(c.get(i, l)) ? "NaN" : "an infinite value") + " in state '" +
                        c.name() + "' of population '" + p->name() + "', neuron " +
                        std::to_string(p->ids.as<int64_t>()[i]) + ", at step " + std::to_string(step_) + " (" +
                        phase + ")");
    }
  for (auto &q : graph_.projs)
    for (Column &c : q->states) {
      if (!c.isFloat()) continue;
      for (int64_t s : q->liveSlots())
        if (!std::isfinite(c.get(s))) {
          int64_t pre = q->preIndex.as<int32_t>()[s], post = q->postOf.as<int32_t>()[s];
          throw Fault(std::string(std::isnan(c.get(s)) ? "NaN" : "an infinite value") + " in state '" + c.name() +
                      "' of synapse type '" + q->desc().synapse + "' (projection " + q->desc().pre + " -> " +
                      q->desc().post + "), the synapse from neuron " +
                      std::to_string(q->pre().ids.as<int64_t>()[pre]) + " to neuron " +
                      std::to_string(q->post().ids.as<int64_t>()[post]) + ", at step " + std::to_string(step_) +
                      " (" + phase + ")");
        }
    }
  // A fused kernel tests its rows' sums, not every weight, when each weight is a
  // factor of the sum (a non-finite weight was located above). A sum that
  // overflowed from finite values is an input, not a state: it reaches the
  // neuron next step, whose update check names it.
  for (auto &q : graph_.projs) {
    const float *nx = q->next.as<float>();
    for (int64_t p = 0; nx && p < q->next.size(); ++p)
      if (!std::isfinite(nx[p])) {
        kernels_->status = 0;
        return;
      }
  }
  throw Fault("a kernel reported a NaN or infinite state at step " + std::to_string(step_) +
              " that the runtime could not locate");
}

void Simulator::stepOnce() {
  const int64_t t = step_;
  kernels_->ctx[NDP_CTX_STEP] = t;
  kernels_->scalars[NDP_SCALAR_TIME] = static_cast<double>(t) * desc_.run.dt;

  // 1. Feed inputs.
  io_->feed(t);
  // 2. Transmit (and the memory regions' recall).
  transmitPhase();
  for (auto &m : memories_) m->recall();
  // 3. Neuron updates, spikes, importance (memory slots update in phase 5).
  for (auto &p : graph_.pops) {
    if (memorySlots_[static_cast<size_t>(p->index())]) continue;
    kernels_->call(kernels_->pop(*p).update, 0, p->size());
    if (p->desc().spiking) p->collectSpikes(device_ != nullptr);
  }
  checkStatus("neuron update");
  // 4. Synapse updates (fused ones also sum the next step's transmit).
  for (auto &q : graph_.projs) {
    const ProjKernels &qk = kernels_->proj(*q);
    if (qk.fused >= 0) {
      kernels_->call(qk.fused, 0, q->post().size());
      q->nextValid = true;
    } else if (qk.update >= 0) {
      kernels_->call(qk.update, 0, q->post().size());
    }
  }
  checkStatus("synapse update");
  // 5. Memory regions. 6. Attention.
  RunParts all = parts();
  memoryPhase(all, device_ != nullptr);
  if (!memories_.empty()) checkStatus("memory region update");
  attendPhase(all, t);
  // 7. Pruning, then growth.
  growth_->prune();
  growth_->grow(t);
  // 8. Record, snapshot, checkpoint.
  io_->record(t);
  ++step_;
  const RunDesc &run = desc_.run;
  if (run.snapshot.every > 0 && step_ % run.snapshot.every == 0) snapshots_->write(step_, seed_);
  if (checkpointedNow()) writeCheckpoint(checkpointPath());
}

void Simulator::transmitPhase() {
  // Outs that read inputs first, then every projection in order.
  for (auto &p : graph_.pops) {
    const std::vector<int> &written = channelWriters_[static_cast<size_t>(p->index())];
    for (size_t c = 0; c < p->channels.size(); ++c) {
      if (!written[c]) continue;
      const size_t bytes = static_cast<size_t>(p->size()) * static_cast<size_t>(p->channels[c].width()) * sizeof(float);
      if (device_) device_->zero(p->channels[c].data(), bytes);  // where the data is
      else std::memset(p->channels[c].data(), 0, bytes);
    }
    const PopKernels &pk = kernels_->pop(*p);
    if (p->desc().outsReadInputs && pk.out >= 0) kernels_->call(pk.out, 0, p->size());
  }
  for (auto &q : graph_.projs) {
    const ProjKernels &qk = kernels_->proj(*q);
    if (device_ && qk.eventGather >= 0) {
      // One GPU thread walking the spikes would be slow: every post neuron
      // gathers in parallel, with the event kernel's bits.
      kernels_->call(qk.eventGather, 0, q->post().size());
    } else if (qk.event >= 0) {
      if (!q->byPreValid) q->rebuildByPre();
      kernels_->call(qk.event, 0, 0);
    } else if (qk.fused >= 0 && q->nextValid && (!device_ || qk.soleWriter)) {
      // The fused kernel of the last step already summed this step's transmit.
      Column *chan = q->post().find(ValueKind::Channel, q->desc().channel);
      float *c = chan->as<float>();
      const float *nx = q->next.as<float>();
      const int64_t n = q->post().size();
      // On a GPU, into a channel it alone writes (cleared: 0 + x is x, and a
      // row sum is never -0): a copy on the device, where both arrays are.
      // Elsewhere the transmit kernel sums anew rather than the host adding.
      if (device_) device_->copy(c, nx, static_cast<size_t>(n) * sizeof(float));
      else for (int64_t p = 0; p < n; ++p) c[p] += nx[p];
    } else if (qk.transmit >= 0) {
      kernels_->call(qk.transmit, 0, q->post().size());
    }
  }
}

void Simulator::run(int64_t steps) {
  omp_set_num_threads(threads_);
  int64_t until = steps < 0 ? total_ : std::min(total_, step_ + steps);
  while (step_ < until && !(stop_ && *stop_)) {
    stepOnce();
    io_->progress(step_, false);
  }
  if (step_ == total_) io_->progress(step_, true);
}

std::string Simulator::checkpointPath() const {
  return desc_.run.checkpoint.every > 0 ? resolvePath(opts_.outDir, desc_.run.checkpoint.path) : std::string();
}

bool Simulator::checkpointedNow() const {
  return desc_.run.checkpoint.every > 0 && step_ > 0 && step_ % desc_.run.checkpoint.every == 0;
}

void Simulator::writeCheckpoint(const std::string &path) { checkpoints_->write(path, step_, seed_); }

std::string Simulator::finish() {
  io_->flushRecordings();
  return io_->report(step_, seed_, growth_->clipped);
}

std::string Simulator::statsText() const {
  std::ostringstream os;
  os << io_->statsHeader(step_);
  // Bytes per element: what one element stores, then what is allocated per
  // element (spare capacity, row slack and indexes included).
  auto per = [](size_t bytes, int64_t n) { return n > 0 ? formatNumber(static_cast<double>(bytes) / static_cast<double>(n)) : std::string("-"); };
  for (auto &p : graph_.pops) {
    os << "  population " << p->name() << ": " << p->size() << " neurons, " << p->bytesPerNeuron()
       << " bytes per neuron (" << per(p->bytesAllocated(), p->size()) << " allocated)";
    if (const int64_t gone = growth_->removed[static_cast<size_t>(p->index())]) os << ", " << gone << " removed";
    os << "\n";
  }
  for (auto &q : graph_.projs)
    os << "  projection " << q->desc().pre << " -> " << q->desc().post << " (" << q->desc().synapse
       << "): " << q->synapses() << " synapses, " << q->bytesPerSynapse() << " bytes per synapse ("
       << per(q->bytesAllocated(), q->synapses()) << " allocated), " << q->slotsUsed() << " slots"
       << (q->desc().fused ? ", fused" : "") << (q->desc().eventDriven ? ", event-driven" : "") << "\n";
  for (const auto &m : memories_)
    os << "  memory " << m->desc().slots << ": " << m->writes << " writes\n";
  for (const auto &a : attentions_)
    if (a->calls)
      os << "  attend " << a->desc().pop << ": " << a->calls << " layers, " << formatNumber(a->seconds) << " s ("
         << formatNumber(a->seconds / static_cast<double>(a->calls)) << " s per layer)\n";
  if (device_)
    os << "  device: GPU " << device_->name() << ", " << device_->launches() << " kernel launches\n";
  os << kernels_->statsText();
  return os.str();
}

} // namespace ndprt
