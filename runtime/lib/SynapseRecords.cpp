// Synapse recordings (SynapseRecords.h).
#include "SynapseRecords.h"

#include "Error.h"
#include "Json.h"
#include "Npy.h"
#include "Zip.h"

#include <sstream>

namespace ndprt {

SynapseRecording::SynapseRecording(const RecordDesc &desc, Graph &graph) : desc_(desc) {
  for (auto &q : graph.projs) {
    if (q->desc().synapse != desc_.pop) continue;
    Column *col = nullptr;
    for (Column &c : q->states)
      if (c.name() == desc_.name) col = &c;
    if (!col) throw Fault("cannot record " + desc_.pop + "." + desc_.name + ": projection " + q->name() + " has no such state");
    projs_.push_back(q.get());
    cols_.push_back(col);
    width_ = col->width();
  }
}

void SynapseRecording::record(int64_t step) {
  if ((step + 1) % desc_.every != 0) return;
  int64_t count = 0;
  std::vector<int64_t> pre, post;
  for (size_t k = 0; k < projs_.size(); ++k) {
    Projection &q = *projs_[k];
    const std::vector<int64_t> slots = q.liveSlots();
    q.stableIds(slots, pre, post);
    pre_.insert(pre_.end(), pre.begin(), pre.end());
    post_.insert(post_.end(), post.begin(), post.end());
    proj_.insert(proj_.end(), slots.size(), static_cast<int32_t>(k));
    for (int64_t s : slots) {
      par_.push_back(q.par.as<int32_t>()[s]);
      for (int l = 0; l < width_; ++l) values_.push_back(static_cast<float>(cols_[k]->get(s, l)));
    }
    count += static_cast<int64_t>(slots.size());
  }
  steps_.push_back(step);
  counts_.push_back(count);
}

std::string SynapseRecording::archive() const {
  std::ostringstream meta;
  meta << "{\"synapse\": " << jsonString(desc_.pop) << ", \"state\": " << jsonString(desc_.name)
       << ", \"every\": " << desc_.every << ", \"projections\": [";
  for (size_t k = 0; k < projs_.size(); ++k) meta << (k ? ", " : "") << jsonString(projs_[k]->name());
  meta << "]}";
  const std::string m = meta.str();
  const int64_t records = static_cast<int64_t>(steps_.size()), entries = static_cast<int64_t>(pre_.size());
  ZipWriter zip;
  zip.add("meta.npy", npyBytes("|u1", {static_cast<int64_t>(m.size())}, m.data(), 1));
  zip.add("step.npy", npyBytes("<i8", {records}, steps_.data(), 8));
  zip.add("count.npy", npyBytes("<i8", {records}, counts_.data(), 8));
  zip.add("projection.npy", npyBytes("<i4", {entries}, proj_.data(), 4));
  zip.add("pre.npy", npyBytes("<i8", {entries}, pre_.data(), 8));
  zip.add("post.npy", npyBytes("<i8", {entries}, post_.data(), 8));
  zip.add("par.npy", npyBytes("<i4", {entries}, par_.data(), 4));
  std::vector<int64_t> shape{entries};
  if (width_ > 1) shape.push_back(width_);
  zip.add("values.npy", npyBytes("<f4", shape, values_.data(), 4));
  return zip.finish();
}

void SynapseRecording::resume(const std::string &bytes, const std::string &path, int64_t step) {
  steps_.clear(), counts_.clear(), pre_.clear(), post_.clear(), proj_.clear(), par_.clear(), values_.clear();
  const int64_t records = step / desc_.every;  // written before the checkpoint
  if (records == 0) return;
  NpyArray arrays[7];
  const char *names[7] = {"step", "count", "projection", "pre", "post", "par", "values"};
  for (const ZipEntry &e : readZip(bytes, path))
    for (int k = 0; k < 7; ++k)
      if (e.name == std::string(names[k]) + ".npy") arrays[k] = parseNpy(e.data, path + ":" + e.name);
  auto bad = [&](const std::string &why) {
    return Fault("the synapse recording '" + path + "' " + why + "; resume in the --out-dir of the run that wrote the checkpoint");
  };
  if (arrays[0].elements() < records || arrays[1].elements() < arrays[0].elements())
    throw bad("has " + std::to_string(arrays[0].elements()) + " records, but the checkpoint continues after " +
              std::to_string(records));
  int64_t entries = 0;
  for (int64_t r = 0; r < records; ++r) {
    if (static_cast<int64_t>(arrays[0].data[static_cast<size_t>(r)]) != (r + 1) * desc_.every - 1)
      throw bad("does not hold the records of this run");
    steps_.push_back((r + 1) * desc_.every - 1);
    counts_.push_back(static_cast<int64_t>(arrays[1].data[static_cast<size_t>(r)]));
    if (counts_.back() < 0 || counts_.back() > arrays[3].elements() - entries) throw bad("has a count out of range");
    entries += counts_.back();
  }
  for (int k = 2; k < 7; ++k)
    if (arrays[k].elements() < entries * (k == 6 ? width_ : 1)) throw bad("is truncated");
  for (int64_t e = 0; e < entries; ++e) {
    const size_t i = static_cast<size_t>(e);
    proj_.push_back(static_cast<int32_t>(arrays[2].data[i]));
    pre_.push_back(static_cast<int64_t>(arrays[3].data[i]));
    post_.push_back(static_cast<int64_t>(arrays[4].data[i]));
    par_.push_back(static_cast<int32_t>(arrays[5].data[i]));
  }
  for (int64_t v = 0; v < entries * width_; ++v) values_.push_back(static_cast<float>(arrays[6].data[static_cast<size_t>(v)]));
}

} // namespace ndprt
