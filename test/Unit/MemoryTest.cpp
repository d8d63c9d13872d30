// A memory region's run-time work (match, k-winner-take-all, write, eviction,
// recall, checkpoint) driven by a hand-written model, so that it also runs in
// the sanitizer build. The NumPy reference of the exact values is
// test/Integration/memory.test; here: the invariants and resuming bit for bit.
#include "Error.h"
#include "Files.h"
#include "Simulator.h"
#include "TempDir.h"

#include <gtest/gtest.h>

#include <cmath>
#include <string>

using namespace ndprt;

namespace {

template <class T> T *at(const ndp_view *v, int i) { return static_cast<T *>(v[i].aligned); }
int64_t step(const ndp_view *v) { return at<int64_t>(v, 0)[NDP_CTX_STEP]; }
int64_t begin(const ndp_view *v) { return at<int64_t>(v, 0)[NDP_CTX_BEGIN]; }
int64_t end(const ndp_view *v) { return at<int64_t>(v, 0)[NDP_CTX_END]; }

// Five key patterns over 4 neurons, each shown for 3 steps in turn; pattern 4
// is all zeros (no pattern: never written). The value neurons show n/2 + the
// pattern's number, so a stored value names the key it was bound with.
int pattern(int64_t t) { return static_cast<int>((t / 3) % 5); }
float keyOf(int p, int64_t n) { return p == 4 ? 0.0f : (n == p || n == (p + 1) % 4 ? 1.0f : 0.0f); }

void keyUpdate(const ndp_view *v) {  // ctx v y
  for (int64_t i = begin(v); i < end(v); ++i) at<float>(v, 1)[i] = at<float>(v, 2)[i] = keyOf(pattern(step(v)), i);
}
void valUpdate(const ndp_view *v) {  // ctx got in z
  for (int64_t i = begin(v); i < end(v); ++i) {
    at<float>(v, 1)[i] = at<float>(v, 2)[i];
    at<float>(v, 3)[i] = 0.5f * static_cast<float>(i) + static_cast<float>(pattern(step(v)));
  }
}
void slotUpdate(const ndp_view *v) {  // ctx a in y
  for (int64_t i = begin(v); i < end(v); ++i) at<float>(v, 1)[i] = at<float>(v, 3)[i] = std::fmax(at<float>(v, 2)[i], 0.0f);
}
void writeWhen(const ndp_view *v) {  // ctx cand_score scalars cand_ok
  at<uint8_t>(v, 3)[0] = at<float>(v, 1)[0] > 0.3f;
}

const char *kDescriptor = "ndp-descriptor 1\nmodel mem\n"
                          "population k Key 4 4 0.9 0 0\n  state v f32 1\n  channel in f32 1\n  out y f32 1\n"
                          "population q Val 4 4 0.9 0 0\n  state got f32 1\n  channel in f32 1\n  out z f32 1\n"
                          "population m Slot 3 3 0.8 0 0\n  state a f32 1\n  channel in f32 1\n  out y f32 1\n"
                          "kernel 0 pop_update k 3 ctx pop:k:state:v pop:k:out:y\n"
                          "kernel 1 pop_update q 4 ctx pop:q:state:got pop:q:channel:in pop:q:out:z\n"
                          "kernel 2 pop_update m 4 ctx pop:m:state:a pop:m:channel:in pop:m:out:y\n"
                          "kernel 3 memory_cond m 4 ctx pop:m:cand_score scalars pop:m:cand_ok\n"
                          "memory m k state v q 1 3\n"
                          "run 3 60 1\nrecord q state got 1 \"got.npy\"\nsnapshot 60 \"snap\"\n"
                          "checkpoint 30 \"c.ckpt\"\nend\n";

std::vector<void *> table() {
  return {reinterpret_cast<void *>(&keyUpdate), reinterpret_cast<void *>(&valUpdate),
          reinterpret_cast<void *>(&slotUpdate), reinterpret_cast<void *>(&writeWhen)};
}

} // namespace

TEST(MemoryRegion, StoresEvictsRecallsAndResumesBitForBit) {
  std::vector<void *> kernels = table();
  TempDir tmpA("ndprt-memory"), tmpB("ndprt-memory");
  const std::string &dirA = tmpA.path(), &dirB = tmpB.path();
  Options a;
  a.outDir = dirA;
  a.quiet = true;
  Simulator straight(kDescriptor, kernels.data(), a);
  MemoryRegion &mem = *straight.memory(0);
  ASSERT_EQ(straight.memory(1), nullptr);
  Population &slots = *straight.population("m"), &q = *straight.population("q");
  int64_t writesBefore = 0;
  for (int64_t t = 0; t < 60; ++t) {
    std::vector<float> recallOwed(4, 0.0f);  // what the last step's active slot pushes now
    for (int64_t s = 0; s < 3; ++s)
      if (mem.written[static_cast<size_t>(s)] && slots.outs[0].get(s) != 0.0)
        for (int n = 0; n < 4; ++n)
          recallOwed[static_cast<size_t>(n)] += static_cast<float>(slots.outs[0].get(s)) * mem.values[static_cast<size_t>(s * 4 + n)];
    straight.run(1);
    int active = 0;
    for (int64_t s = 0; s < 3; ++s) active += slots.outs[0].get(s) != 0.0;
    EXPECT_LE(active, 1) << "step " << t << ": sparsity 1";
    for (int n = 0; n < 4; ++n) EXPECT_EQ(q.states[0].get(n), recallOwed[static_cast<size_t>(n)]) << "step " << t;
    // 4 patterns cycle through 3 slots and the least important (the least
    // recently recalled) is evicted, so every first showing of a pattern is
    // new; a pattern is stored once; the silent pattern never is.
    const bool fresh = t % 3 == 0 && pattern(t) != 4;
    EXPECT_EQ(mem.writes, writesBefore + (fresh ? 1 : 0)) << "step " << t;
    writesBefore = mem.writes;
  }
  EXPECT_EQ(mem.writes, 16);
  for (int64_t s = 0; s < 3; ++s) {
    ASSERT_TRUE(mem.written[static_cast<size_t>(s)]);
    const int p = static_cast<int>(mem.values[static_cast<size_t>(s * 4)]);
    for (int n = 0; n < 4; ++n) {
      EXPECT_EQ(mem.keys[static_cast<size_t>(s * 4 + n)], keyOf(p, n)) << "slot " << s;
      EXPECT_EQ(mem.values[static_cast<size_t>(s * 4 + n)], 0.5f * static_cast<float>(n) + static_cast<float>(p));
    }
  }
  std::string reportA = straight.finish();

  Options b = a;
  b.outDir = dirB;
  b.steps = 30;
  {
    Simulator first(kDescriptor, kernels.data(), b);
    first.run(-1);
    first.finish();
  }
  b.steps = -1;
  b.resume = dirB + "/c.ckpt";
  Simulator resumed(kDescriptor, kernels.data(), b);
  resumed.run(-1);
  EXPECT_EQ(resumed.finish(), reportA);
  EXPECT_EQ(resumed.memory(0)->writes, 16);
  for (const char *f : {"/got.npy", "/c.ckpt", "/snap/snapshot_00000060.npz"})
    EXPECT_EQ(readFile(dirA + f, "output"), readFile(dirB + f, "output")) << f;
}
