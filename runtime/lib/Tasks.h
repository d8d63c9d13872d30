// Built-in input tasks for `feed ... from task(...)` (language.md section 4).
#ifndef NDPRT_TASKS_H
#define NDPRT_TASKS_H

#include <cstddef>
#include <cstdint>
#include <vector>

namespace ndprt {

/// task("patterns", n, size, hold, noise): n random ±1 patterns of length
/// `size` drawn from the run seed. Step t shows presentation t / hold, pattern
/// (t / hold) mod n, with each element flipped with probability `noise` (one
/// draw per presentation and element: a held cue stays the same); the target is
/// the same pattern without noise.
class PatternsTask {
public:
  PatternsTask(uint64_t seed, int64_t n, int64_t size, int64_t hold, double noise);
  /// Writes the `size` values of step `step` into `out`.
  void fill(int64_t step, bool target, float *out) const;
  float pattern(int64_t k, int64_t e) const { return patterns_[static_cast<size_t>(k * size_ + e)]; }

private:
  uint64_t seed_;
  int64_t n_, size_, hold_;
  double noise_;
  std::vector<float> patterns_;
};

} // namespace ndprt

#endif
