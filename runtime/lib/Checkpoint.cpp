// Checkpoints: everything a run needs to continue bit for bit, in one file
// (docs/design.md, "Checkpoints"):
//
//   "NDPCKPT\0"  u32 version  u32 0  u64 model hash  u64 seed  u64 payload bytes
//   payload      (little-endian; see save/load below)
//   u32          CRC-32 of everything before it
//
// The file is written to a temporary name, flushed and renamed, so a kill at any
// moment leaves the previous checkpoint intact; the one before it is kept as
// PATH.prev.
#include "RunParts.h"

#include "Crc32.h"
#include "Error.h"
#include "Files.h"
#include "Npy.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <sstream>

namespace ndprt {

namespace {

constexpr char kMagic[8] = {'N', 'D', 'P', 'C', 'K', 'P', 'T', '\0'};
// 2: the model descriptor's text follows the payload; 3: each population's
// lineage roots (neuron removal).
constexpr uint32_t kVersion = 3;
constexpr size_t kHeaderBytes = 8 + 4 + 4 + 8 + 8 + 8;

/// Where two model descriptors (docs/design.md, "The model descriptor") differ:
/// the first line that is not the same in both, as each has it.
std::string descriptorDifference(const std::string &theirs, const std::string &ours) {
  auto clip = [](std::string s) { return s.size() > 160 ? s.substr(0, 157) + "..." : s; };
  std::istringstream a(theirs), b(ours);
  std::string x, y;
  for (int line = 1;; ++line) {
    bool hasX = static_cast<bool>(std::getline(a, x)), hasY = static_cast<bool>(std::getline(b, y));
    if (!hasX && !hasY) return "its model descriptor is the same text, but not its hash";
    if (hasX && hasY && x == y) continue;
    return "the model descriptors differ at line " + std::to_string(line) + ": the checkpoint's has '" +
           (hasX ? clip(x) : std::string("(end)")) + "', this program's has '" + (hasY ? clip(y) : std::string("(end)")) +
           "'";
  }
}

uint64_t fnv1a(const char *s) {
  uint64_t h = 1469598103934665603ull;
  for (; *s; ++s) h = (h ^ static_cast<unsigned char>(*s)) * 1099511628211ull;
  return h;
}

struct Out {
  std::string bytes;
  template <class T> void put(T v) { bytes.append(reinterpret_cast<const char *>(&v), sizeof v); }
  void raw(const void *p, size_t n) {
    if (n) bytes.append(static_cast<const char *>(p), n);
  }
  void column(const Column &c, int64_t n) { raw(c.data(), static_cast<size_t>(n) * c.elementBytes()); }
};

struct In {
  const std::string &bytes;
  size_t at;
  const std::string &path;
  void need(size_t n) {
    if (at + n > bytes.size())
      throw Fault("cannot resume from '" + path + "': its counts and sizes do not match this model's layout "
                  "(a count is out of range or the data ends early); the file is damaged or was written by a "
                  "different build of the model");
  }
  template <class T> T get() {
    need(sizeof(T));
    T v;
    std::memcpy(&v, bytes.data() + at, sizeof v);
    at += sizeof v;
    return v;
  }
  /// A u64 element count, checked against the bytes left.
  size_t count(size_t elementBytes) {
    uint64_t n = get<uint64_t>();
    if (n > (bytes.size() - at) / elementBytes) need(bytes.size() + 1);
    return static_cast<size_t>(n);
  }
  void raw(void *p, size_t n) {
    need(n);
    if (n) std::memcpy(p, bytes.data() + at, n);
    at += n;
  }
  void column(Column &c, int64_t n) {
    if (n < 0 || static_cast<uint64_t>(n) > (bytes.size() - at) / c.elementBytes()) need(bytes.size() + 1);
    need(static_cast<size_t>(n) * c.elementBytes());
    c.resize(std::max(n, c.size()));
    raw(c.data(), static_cast<size_t>(n) * c.elementBytes());
  }
};

} // namespace

void Checkpoints::write(const std::string &path, int64_t step, uint64_t seed) {
  // Recordings go to disk first: a resumed run appends to them.
  run_.io.flushRecordings();
  Out o;
  o.put<int64_t>(step);
  o.put<uint64_t>(run_.kernels.scalars.size());
  for (double v : run_.kernels.scalars) o.put(v);
  for (const std::vector<float> &a : run_.kernels.arrays) {
    o.put<uint64_t>(a.size());
    o.raw(a.data(), a.size() * sizeof(float));
  }
  for (auto &p : run_.graph.pops) {
    o.put<int64_t>(p->size());
    o.put<int64_t>(p->nextId());
    o.put<int64_t>(run_.growth.clipped[static_cast<size_t>(p->index())]);
    for (Column *c : p->allColumns()) o.column(*c, p->size());
    const std::vector<int32_t> &spikes = p->spikeList();
    o.put<uint64_t>(spikes.size());
    o.raw(spikes.data(), spikes.size() * sizeof(int32_t));
  }
  for (auto &q : run_.graph.projs) {
    Projection::Counts c = q->counts();
    o.put(c.used);
    o.put(c.live);
    o.put(c.holes);
    o.put<uint8_t>(q->nextValid ? 1 : 0);
    int64_t rows = q->post().size();
    for (Column *col : {&q->rowStart, &q->rowLen, &q->rowCap, &q->next}) o.column(*col, rows);
    for (Column *col : {&q->preIndex, &q->postOf, &q->par}) o.column(*col, c.used);
    for (Column &col : q->states) o.column(col, c.used);
  }
  for (auto &m : run_.memories) {
    o.put(m->keyWidth);
    o.put(m->valueWidth);
    o.put(m->writes);
    o.put<uint64_t>(m->written.size());
    o.raw(m->written.data(), m->written.size());
    o.raw(m->keys.data(), m->keys.size() * sizeof(float));
    o.raw(m->values.data(), m->values.size() * sizeof(float));
  }
  for (auto &a : run_.attentions) {
    o.put<uint64_t>(a->params.data.size());
    o.raw(a->params.data.data(), a->params.data.size() * sizeof(float));
  }
  for (RunIO::Accuracy &a : run_.io.accuracy) {
    o.put<uint64_t>(a.counts.size());
    o.raw(a.counts.data(), a.counts.size() * sizeof(a.counts[0]));
  }
  std::string file(kMagic, 8);
  auto put = [&](auto v) { file.append(reinterpret_cast<const char *>(&v), sizeof v); };
  put(kVersion);
  put(uint32_t(0));
  put(fnv1a(descriptorText_));
  put(seed);
  put(static_cast<uint64_t>(o.bytes.size()));
  file += o.bytes;
  // The descriptor's text, so that a refused resume can say what differs.
  const std::string text(descriptorText_);
  put(static_cast<uint64_t>(text.size()));
  file += text;
  put(crc32(file.data(), file.size()));
  // The one before stays as PATH.prev: a run can go back one checkpoint.
  keepPrevious(path);
  writeFileAtomically(path, file);
}

std::string Checkpoints::read(const std::string &path, const char *descriptorText, uint64_t &seed) {
  // The header first: a file that is not a checkpoint, or whose size is not
  // the one its header gives, is refused before the rest is read.
  InputFile in(path, "checkpoint");
  auto refuse = [&](const std::string &why) { return Fault("cannot resume from '" + path + "': " + why); };
  std::string head = in.read(0, std::min<uint64_t>(in.size(), kHeaderBytes));
  if (head.size() < 8 || std::memcmp(head.data(), kMagic, 8) != 0)
    throw refuse("it is not an ndpc checkpoint");
  if (in.size() < kHeaderBytes + 4)
    throw refuse("it is truncated (" + std::to_string(in.size()) + " bytes, shorter than its header)");
  uint32_t version;
  uint64_t hash, payload;
  std::memcpy(&version, head.data() + 8, 4);
  std::memcpy(&hash, head.data() + 16, 8);
  std::memcpy(&seed, head.data() + 24, 8);
  std::memcpy(&payload, head.data() + 32, 8);
  if (version != kVersion)
    throw refuse("it is format version " + std::to_string(version) + "; this program reads version " +
                 std::to_string(kVersion));
  if (payload > UINT64_MAX / 2)
    throw refuse("its header announces an impossible payload of " + std::to_string(payload) + " bytes");
  uint64_t textBytes = 0;  // unknown while the file ends before its length (then: truncated)
  if (in.size() >= kHeaderBytes + payload + 8) {
    std::string n = in.read(kHeaderBytes + payload, 8);
    std::memcpy(&textBytes, n.data(), 8);
  }
  if (textBytes > UINT64_MAX / 2)
    throw refuse("it announces an impossible model descriptor of " + std::to_string(textBytes) + " bytes");
  uint64_t want = kHeaderBytes + payload + 8 + textBytes + 4;
  if (in.size() != want)
    throw refuse(in.size() < want ? "it is truncated (" + std::to_string(in.size()) + " of " +
                                        std::to_string(want) + " bytes); resume from an earlier checkpoint"
                                  : "it has " + std::to_string(in.size() - want) + " bytes too many");
  std::string file = in.read(0, in.size());
  uint32_t crc;
  std::memcpy(&crc, file.data() + file.size() - 4, 4);
  if (crc != crc32(file.data(), file.size() - 4))
    throw refuse("it is corrupted (its checksum does not match); resume from an earlier checkpoint");
  if (hash != fnv1a(descriptorText))
    throw refuse("it was written by a different model (or a different compilation of it): " +
                 descriptorDifference(file.substr(kHeaderBytes + payload + 8, textBytes), descriptorText) +
                 "; resume with the program that wrote it");
  return file.substr(kHeaderBytes, payload);
}

int64_t Checkpoints::restore(const std::string &payload, const std::string &path, int64_t total) {
  // A checkpoint is input, not memory: every count, index and id is checked
  // before it is used, so that a damaged or edited file is refused with what is
  // wrong and never read out of bounds (the CRC only catches accidents).
  In in{payload, 0, path};
  auto refuse = [&](const std::string &why) {
    return Fault("cannot resume from '" + path + "': " + why + "; the file is damaged or was edited");
  };
  const int64_t step = in.get<int64_t>();
  if (step < 0) throw refuse("it is at step " + std::to_string(step));
  if (step > total)
    throw Fault("cannot resume from '" + path + "': it is at step " + std::to_string(step) +
                ", past the run's " + std::to_string(total) + " steps; give --steps N with N >= " +
                std::to_string(step));
  uint64_t nScalars = in.get<uint64_t>();
  if (nScalars != run_.kernels.scalars.size()) in.need(payload.size() + 1);
  for (double &v : run_.kernels.scalars) v = in.get<double>();
  for (std::vector<float> &a : run_.kernels.arrays) {
    if (in.count(sizeof(float)) != a.size()) in.need(payload.size() + 1);
    in.raw(a.data(), a.size() * sizeof(float));
  }
  for (size_t i = 0; i < run_.desc.params.size(); ++i)
    if (std::string why = paramRangeError(run_.desc.params[i], run_.kernels.scalars[NDP_SCALAR_FIRST_PARAM + i]); !why.empty())
      throw refuse(why);
  if (!(run_.kernels.scalars[NDP_SCALAR_DT] > 0) || !std::isfinite(run_.kernels.scalars[NDP_SCALAR_DT]))
    throw refuse("its dt is not a positive number");
  for (auto &p : run_.graph.pops) {
    const int64_t max = p->desc().max;
    int64_t n = in.get<int64_t>(), nextId = in.get<int64_t>(), clipped = in.get<int64_t>();
    // At most `max` neurons can be born a step (initial neurons: step -1).
    if (n < 0 || n > max || nextId < n || nextId > max * (step + 1) || clipped < 0)
      throw refuse("population '" + p->name() + "' has " + std::to_string(n) + " neurons (max " +
                   std::to_string(max) + "), next id " + std::to_string(nextId) + " and " + std::to_string(clipped) +
                   " clipped divisions");
    run_.growth.clipped[static_cast<size_t>(p->index())] = clipped;
    p->restore(n, nextId);
    for (Column *c : p->allColumns()) in.column(*c, n);
    p->spikes.resize(in.count(sizeof(int32_t)));
    in.raw(p->spikes.data(), p->spikes.size() * sizeof(int32_t));
    if (std::string why = p->checkRestored(step); !why.empty()) throw refuse("population '" + p->name() + "': " + why);
  }
  for (auto &q : run_.graph.projs) {
    Projection::Counts c{in.get<int64_t>(), in.get<int64_t>(), in.get<int64_t>()};
    if (c.used < 0 || c.live < 0 || c.holes < 0) in.need(payload.size() + 1);
    const uint8_t nextValid = in.get<uint8_t>();
    if (nextValid > 1) in.need(payload.size() + 1);
    q->nextValid = nextValid == 1;
    int64_t rows = q->post().size();
    for (Column *col : {&q->rowStart, &q->rowLen, &q->rowCap, &q->next}) in.column(*col, rows);
    q->deadRows.resize(rows);
    for (Column *col : {&q->preIndex, &q->postOf, &q->par}) in.column(*col, c.used);
    for (Column &col : q->states) in.column(col, c.used);
    q->restore(c);
    if (std::string why = q->checkRestored(); !why.empty())
      throw refuse("projection " + q->desc().pre + " -> " + q->desc().post + " (" + q->desc().synapse + "): " + why);
  }
  for (auto &m : run_.memories) {
    m->keyWidth = in.get<int64_t>();
    m->valueWidth = in.get<int64_t>();
    m->writes = in.get<int64_t>();
    const size_t slots = in.count(1);
    if (slots != static_cast<size_t>(m->slots().size()) || m->keyWidth < 0 || m->valueWidth < 0 ||
        m->keyWidth > run_.graph.population(m->desc().key)->size() || m->valueWidth > m->value().size() || m->writes < 0)
      throw refuse("memory region '" + m->desc().slots + "' has " + std::to_string(slots) + " slots of keys " +
                   std::to_string(m->keyWidth) + " wide and values " + std::to_string(m->valueWidth) + " wide, " +
                   std::to_string(m->writes) + " writes");
    m->written.resize(slots);
    in.raw(m->written.data(), slots);
    for (uint8_t w : m->written)
      if (w > 1) throw refuse("memory region '" + m->desc().slots + "' marks a slot written with " + std::to_string(w));
    const uint64_t rowBytes = static_cast<uint64_t>(m->keyWidth + m->valueWidth) * sizeof(float);
    if (rowBytes > 0 && slots > (payload.size() - in.at) / rowBytes) in.need(payload.size() + 1);
    in.need(slots * rowBytes);
    m->keys.resize(slots * static_cast<size_t>(m->keyWidth));
    m->values.resize(slots * static_cast<size_t>(m->valueWidth));
    in.raw(m->keys.data(), m->keys.size() * sizeof(float));
    in.raw(m->values.data(), m->values.size() * sizeof(float));
  }
  for (auto &a : run_.attentions) {
    if (in.count(sizeof(float)) != a->params.data.size()) in.need(payload.size() + 1);
    in.raw(a->params.data.data(), a->params.data.size() * sizeof(float));
  }
  for (RunIO::Accuracy &a : run_.io.accuracy) {
    a.counts.resize(in.count(sizeof(a.counts[0])));
    in.raw(a.counts.data(), a.counts.size() * sizeof(a.counts[0]));
    const bool mse = a.desc.kind == ReportDesc::Kind::Mse;
    for (const RunIO::Count &c : a.counts)
      if (c.t < 0 || c.t >= step || c.n < 0 || !(c.sum >= 0) || !std::isfinite(c.sum) || (!mse && c.sum > double(c.n)))
        throw refuse("its " + std::string(mse ? "mse sums " : "accuracy counts ") + std::to_string(c.sum) + " over " +
                     std::to_string(c.n) + " at step " + std::to_string(c.t));
    // Steps before this run's window: counted by a run with fewer steps.
    const int64_t from = run_.io.windowFrom(a.desc);
    a.counts.erase(std::remove_if(a.counts.begin(), a.counts.end(), [&](auto &c) { return c.t < from; }),
                   a.counts.end());
  }
  if (in.at != payload.size()) in.need(payload.size() + 1);
  run_.io.resumeRecordings(path, step);
  return step;
}

} // namespace ndprt
