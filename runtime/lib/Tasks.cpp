// The built-in task "patterns" (Tasks.h).
#include "Tasks.h"

#include "Rng.h"

namespace ndprt {

namespace {
constexpr uint64_t kGroup = uint64_t(kEntityTask) << 32;
}

PatternsTask::PatternsTask(uint64_t seed, int64_t n, int64_t size, int64_t hold, double noise)
    : seed_(seed), n_(n), size_(size), hold_(hold), noise_(noise) {
  Draw d{seed, kSiteTaskPattern};
  patterns_.resize(static_cast<size_t>(n * size));
  for (int64_t k = 0; k < n; ++k)
    for (int64_t e = 0; e < size; ++e)
      patterns_[static_cast<size_t>(k * size + e)] =
          d.unit(0, kGroup, static_cast<uint64_t>(k), static_cast<uint64_t>(e)) < 0.5 ? -1.0f : 1.0f;
}

void PatternsTask::fill(int64_t step, bool target, float *out) const {
  // One noisy cue per presentation: the flips are drawn by presentation, not by
  // step, so a pattern held for `hold` steps shows the same corrupted cue.
  int64_t presentation = step / hold_;
  int64_t k = presentation % n_;
  Draw d{seed_, kSiteTaskNoise};
  for (int64_t e = 0; e < size_; ++e) {
    float v = pattern(k, e);
    if (!target && noise_ > 0.0 &&
        d.unit(static_cast<uint64_t>(presentation), kGroup, static_cast<uint64_t>(e), 0) < noise_)
      v = -v;
    out[e] = v;
  }
}

} // namespace ndprt
