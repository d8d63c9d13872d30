// Graph snapshots: one NumPy .npz archive per snapshot (docs/design.md,
// "Snapshots"), which numpy.load reads directly and any zip tool opens.
#include "RunParts.h"

#include "Error.h"
#include "Files.h"
#include "Json.h"
#include "Npy.h"
#include "Zip.h"

#include <cstdio>
#include <sstream>

namespace ndprt {

namespace {

size_t scalarBytes(const Column &c) { return c.elementBytes() / static_cast<size_t>(c.width()); }

/// Elements `order` of a column, as .npy bytes ([n] or [n, width]).
std::string gathered(const Column &c, const std::vector<int64_t> &order) {
  std::vector<int64_t> shape{static_cast<int64_t>(order.size())};
  if (c.width() > 1) shape.push_back(c.width());
  return npyBytes(c.npyDescr(), shape, c.gatherBytes(order).data(), scalarBytes(c));
}

std::string whole(const Column &c, int64_t n) {
  std::vector<int64_t> shape{n};
  if (c.width() > 1) shape.push_back(c.width());
  return npyBytes(c.npyDescr(), shape, c.data(), scalarBytes(c));
}

} // namespace

void Snapshots::write(int64_t step, uint64_t seed) {
  std::string dir = resolvePath(run_.opts.outDir, run_.desc.run.snapshot.path);
  if (!started_) {
    makeDirectories(dir);
    removeStaleTemporaries(dir, "snapshot_");
  }
  started_ = true;
  writeTo(dir, step, seed);
}

void Snapshots::writeTo(const std::string &dir, int64_t step, uint64_t seed) {
  // The checker refuses these names in a model with a run-block snapshot; a
  // snapshot asked for from outside (Python, the C API) meets them here.
  for (auto &p : run_.graph.pops)
    for (auto *cols : {&p->states, &p->outs})
      for (Column &c : *cols)
        if (const char *theirs = ndpabi::snapshotNeuronArray(c.name()))
          throw ValueFault("cannot snapshot: the value '" + c.name() + "' of population " + p->name() +
                           " would share the key '" + p->name() + "/" + c.name() + "' with the neurons' " + theirs +
                           "; rename it in the model");
  makeDirectories(dir);
  ZipWriter zip;
  std::ostringstream meta;
  meta << "{\"model\": " << jsonString(run_.desc.name) << ", \"step\": " << step << ", \"seed\": " << seed
       << ", \"populations\": [";
  for (size_t i = 0; i < run_.graph.pops.size(); ++i) {
    Population &p = *run_.graph.pops[i];
    meta << (i ? ", " : "") << "{\"name\": " << jsonString(p.name()) << ", \"type\": " << jsonString(p.desc().typeName)
         << ", \"neurons\": " << p.size() << "}";
    const std::string k = p.name() + "/";
    zip.add(k + "id.npy", whole(p.ids, p.size()));
    zip.add(k + "parent.npy", whole(p.parent, p.size()));
    zip.add(k + "born.npy", whole(p.born, p.size()));
    zip.add(k + "importance.npy", whole(p.importance, p.size()));
    for (auto *cols : {&p.states, &p.outs})
      for (Column &c : *cols) zip.add(k + c.name() + ".npy", whole(c, p.size()));
  }
  meta << "], \"projections\": [";
  for (size_t i = 0; i < run_.graph.projs.size(); ++i) {
    Projection &q = *run_.graph.projs[i];
    meta << (i ? ", " : "") << "{\"name\": " << jsonString(q.name()) << ", \"pre\": " << jsonString(q.desc().pre)
         << ", \"post\": " << jsonString(q.desc().post) << ", \"synapse\": " << jsonString(q.desc().synapse)
         << ", \"synapses\": " << q.synapses() << "}";
    // Edge order (post, pre, parallel number), with stable neuron ids.
    std::vector<int64_t> slots = q.liveSlots(), pre, post;
    q.stableIds(slots, pre, post);
    const std::string k = q.name() + "/";
    std::vector<int64_t> shape{static_cast<int64_t>(slots.size())};
    zip.add(k + "pre.npy", npyBytes("<i8", shape, pre.data(), 8));
    zip.add(k + "post.npy", npyBytes("<i8", shape, post.data(), 8));
    zip.add(k + "par.npy", gathered(q.par, slots));
    for (Column &c : q.states)
      if (c.name().find('.') == std::string::npos) zip.add(k + c.name() + ".npy", gathered(c, slots));
    if (q.keepsProvenance()) {
      std::vector<uint8_t> origin;
      std::vector<int64_t> born;
      q.provenance(slots, origin, born);
      zip.add(k + "provenance/origin.npy", npyBytes("|u1", shape, origin.data(), 1));
      zip.add(k + "provenance/born.npy", npyBytes("<i8", shape, born.data(), 8));
    }
  }
  meta << "], \"origins\": [\"initial\", \"divide\", \"connect\", \"attend\"], \"memories\": [";
  for (size_t k = 0; k < run_.memories.size(); ++k) {
    const MemoryRegion &m = *run_.memories[k];
    const MemoryDesc &d = m.desc();
    meta << (k ? ", " : "") << "{\"index\": " << k << ", \"slots\": " << jsonString(d.slots)
         << ", \"key\": " << jsonString(d.key) << ", \"value\": " << jsonString(d.value)
         << ", \"sparsity\": " << d.sparsity << ", \"writes\": " << m.writes << "}";
    const std::string k0 = "memory" + std::to_string(k) + "/";
    const int64_t S = static_cast<int64_t>(m.written.size());
    zip.add(k0 + "keys.npy", npyBytes("<f4", {S, m.keyWidth}, m.keys.data(), 4));
    zip.add(k0 + "values.npy", npyBytes("<f4", {S, m.valueWidth}, m.values.data(), 4));
    zip.add(k0 + "written.npy", npyBytes("|u1", {S}, m.written.data(), 1));
  }
  meta << "], \"attends\": [";
  for (size_t k = 0; k < run_.attentions.size(); ++k) {
    const Attention &a = *run_.attentions[k];
    const AttendDesc &d = a.desc();
    meta << (k ? ", " : "") << "{\"index\": " << k << ", \"population\": " << jsonString(d.pop)
         << ", \"embedding\": " << jsonString(d.embedding) << ", \"projection\": " << jsonString(d.proj)
         << ", \"heads\": " << d.heads << ", \"edge_dim\": " << d.edgeDim << "}";
    const std::string k0 = "attend" + std::to_string(k) + "/";
    for (const AttentionParams::Entry &e : a.params.layout()) {
      std::vector<int64_t> shape{e.rows};
      if (e.matrix) shape.push_back(e.cols);
      zip.add(k0 + e.name + ".npy", npyBytes("<f4", shape, a.params.data.data() + e.offset, 4));
    }
    // Edge channels, in the projection's edge order.
    if (Projection *q = d.proj.empty() ? nullptr : run_.graph.projection(d.proj))
      for (Column &c : q->states)
        if (c.name() == d.edgeState) zip.add(k0 + "edge_channels.npy", gathered(c, q->liveSlots()));
  }
  meta << "]}";
  // The vector and matrix params as they are now (Python and --param-file may set them).
  for (size_t i = 0; i < run_.desc.arrayParams.size(); ++i) {
    const ArrayParamDesc &a = run_.desc.arrayParams[i];
    std::vector<int64_t> shape{a.rows};
    if (a.cols > 0) shape.push_back(a.cols);
    zip.add("param/" + a.name + ".npy", npyBytes("<f4", shape, run_.kernels.arrays[i].data(), 4));
  }
  std::string m = meta.str();
  zip.add("meta.npy", npyBytes("|u1", {static_cast<int64_t>(m.size())}, m.data(), 1));
  char name[64];
  std::snprintf(name, sizeof name, "/snapshot_%08lld.npz", static_cast<long long>(step));
  writeFileAtomically(dir + name, zip.finish());
}

} // namespace ndprt
