// A checkpoint is input: each structural field of a real checkpoint (of the
// growing model of GrowthModel.h) is set to values out of its range, with the
// CRC recomputed so that only the runtime's own checks stand between the file
// and memory. Every one must be refused with a message, never read out of
// bounds (this test also runs under ASan+UBSan).
#include "Crc32.h"
#include "Error.h"
#include "Files.h"
#include "GrowthModel.h"
#include "Simulator.h"
#include "TempDir.h"

#include <gtest/gtest.h>

#include <cstring>
#include <limits>

using namespace ndprt;

namespace {

/// One field of the checkpoint: where it is, how wide, and the values that
/// are out of its range.
struct Field {
  std::string name;
  size_t offset, bytes;
  std::vector<int64_t> bad;
};

/// Walks the checkpoint's payload in the order Checkpoint.cpp writes it,
/// listing the structural fields (counts, indices, ids, flags). Float state
/// values, the prune counters and `t` take any value and are skipped.
class Layout {
public:
  /// `total`: the steps of the run that resumes.
  Layout(const std::string &file, Simulator &sim, int64_t total) : file_(file) {
    at_ = 40;  // the header
    const int64_t step = i64("step", {-5, -1, total + 1, std::numeric_limits<int64_t>::max()});
    const uint64_t nScalars = static_cast<uint64_t>(i64("scalar count", {0, 1, 1000, -1}));
    at_ += 8;  // t
    f64bad("dt", {-1.0, 0.0});
    at_ += (nScalars - 2) * 8;
    for (const char *name : {"src", "c"}) {
      Population &p = *sim.population(name);
      const std::string k = std::string("population ") + name + ": ";
      const int64_t n = i64(k + "size", {-1, p.desc().max + 1, std::numeric_limits<int64_t>::max()});
      const int64_t nextId = i64(k + "next id", {-1, n - 1, p.desc().max * (step + 1) + p.desc().max + 1});
      i64(k + "clipped", {-1});
      for (Column *c : p.allColumns()) {
        const std::string col = k + c->name();
        if (c == &p.spiked) elements(col, n, 1, {2, 255});
        else if (c == &p.ids) elements(col, n, 8, {-1, nextId, std::numeric_limits<int64_t>::max()});
        else if (c == &p.parent) elements(col, n, 8, {-2, nextId});
        else if (c == &p.born) elements(col, n, 8, {-2, step});
        else if (c == &p.root) elements(col, n, 8, {-1, nextId});
        else at_ += static_cast<size_t>(n) * c->elementBytes();
      }
      const int64_t spikes = i64(k + "spike count", {-1, n + 1000000});
      at_ += static_cast<size_t>(spikes) * 4;
    }
    for (const char *name : {"p0", "p1", "p2"}) {
      Projection &q = *sim.projection(name);
      const std::string k = std::string("projection ") + name + ": ";
      const int64_t used = i64(k + "used", {-1, std::numeric_limits<int64_t>::max(), int64_t(1) << 40});
      const int64_t live = i64(k + "live", {-1, used + 1});
      (void)live;
      i64(k + "holes", {-1, used + 1});
      fields_.push_back({k + "next valid", at_, 1, {2}});
      at_ += 1;
      const int64_t rows = q.post().size();
      elements(k + "row_start", rows, 8, {-1, used + 1, std::numeric_limits<int64_t>::max()});
      elements(k + "row_len", rows, 4, {-1, std::numeric_limits<int32_t>::max()});
      elements(k + "row_cap", rows, 4, {-1, std::numeric_limits<int32_t>::max()});
      at_ += static_cast<size_t>(rows) * 4;  // next
      // Slots: only live ones are checked (a hole holds anything); the first
      // row's first slot is live in every projection of this model.
      const int64_t s0 = q.rowStart.as<int64_t>()[0];
      for (const char *slotCol : {"pre", "post_of", "par"}) {
        fields_.push_back({k + slotCol + "[first live]", at_ + static_cast<size_t>(s0) * 4, 4,
                           {-1, std::numeric_limits<int32_t>::max()}});
        at_ += static_cast<size_t>(used) * 4;
      }
      for (const Column &c : q.states) at_ += static_cast<size_t>(used) * c.elementBytes();
    }
    uint64_t text = 0;  // the model descriptor's text follows the payload
    if (at_ + 8 <= file.size()) std::memcpy(&text, file.data() + at_, 8);
    EXPECT_EQ(at_ + 8 + text + 4, file.size()) << "the walk must cover the whole payload, then the descriptor";
  }
  const std::vector<Field> &fields() const { return fields_; }

private:
  int64_t i64(const std::string &name, std::vector<int64_t> bad) {
    int64_t v;
    std::memcpy(&v, file_.data() + at_, 8);
    fields_.push_back({name, at_, 8, std::move(bad)});
    at_ += 8;
    return v;
  }
  void f64bad(const std::string &name, std::vector<double> bad) {
    std::vector<int64_t> bits;
    for (double d : bad) {
      int64_t b;
      std::memcpy(&b, &d, 8);
      bits.push_back(b);
    }
    fields_.push_back({name, at_, 8, bits});
    at_ += 8;
  }
  /// The first, a middle and the last element of a column.
  void elements(const std::string &name, int64_t n, size_t width, const std::vector<int64_t> &bad) {
    for (int64_t e : {int64_t(0), n / 2, n - 1})
      if (e >= 0) fields_.push_back({name + "[" + std::to_string(e) + "]", at_ + static_cast<size_t>(e) * width, width, bad});
    at_ += static_cast<size_t>(n) * width;
  }

  const std::string &file_;
  size_t at_ = 0;
  std::vector<Field> fields_;
};

std::string withField(std::string file, const Field &f, int64_t value) {
  std::memcpy(&file[f.offset], &value, f.bytes);  // little-endian: the low bytes
  const uint32_t crc = crc32(file.data(), file.size() - 4);
  std::memcpy(&file[file.size() - 4], &crc, 4);
  return file;
}

} // namespace

TEST(Checkpoint, EveryStructuralFieldOutOfRangeIsRefused) {
  const std::string desc = growth_model::descriptor(/*split=*/true);
  std::vector<void *> kernels = growth_model::table();
  TempDir dir("ndprt-ckpt"), resumeDir("ndprt-ckpt");
  Options o;
  o.outDir = dir.path();
  o.quiet = true;
  o.steps = 30;
  Simulator sim(desc.c_str(), kernels.data(), o);
  sim.run(-1);
  sim.finish();
  const std::string ckpt = readFile(dir.path() + "/c.ckpt", "checkpoint");
  Options r = o;
  r.steps = 60;
  r.outDir = resumeDir.path();
  r.resume = resumeDir.path() + "/c.ckpt";
  // The recording the resumed run continues.
  writeFileAtomically(resumeDir.path() + "/v.npy", readFile(dir.path() + "/v.npy", "recording"));
  // The unchanged file resumes (so each refusal below is the field's doing).
  writeFileAtomically(r.resume, ckpt);
  EXPECT_NO_THROW(Simulator(desc.c_str(), kernels.data(), r));

  Layout layout(ckpt, sim, r.steps);
  ASSERT_GT(layout.fields().size(), 60u);
  int refused = 0;
  for (const Field &f : layout.fields())
    for (int64_t bad : f.bad) {
      writeFileAtomically(r.resume, withField(ckpt, f, bad));
      try {
        Simulator resumed(desc.c_str(), kernels.data(), r);
        ADD_FAILURE() << f.name << " = " << bad << " was accepted";
      } catch (const Fault &e) {
        EXPECT_EQ(std::string(e.what()).rfind("cannot resume from '" + r.resume + "': ", 0), 0u)
            << f.name << " = " << bad << ": " << e.what();
        ++refused;
      }
    }
  EXPECT_GT(refused, 150);
}
