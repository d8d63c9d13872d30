// The counter-based generator every random draw uses (language.md section 3):
// a value depends only on (seed, step, entity, element, call site).
#ifndef NDPRT_RNG_H
#define NDPRT_RNG_H

#include <cmath>
#include <cstdint>

namespace ndprt {

/// Philox4x64-10 (Salmon et al., "Parallel random numbers: as easy as 1, 2, 3",
/// SC 2011), the generator of numpy.random.Philox. The compiled kernels carry the
/// same function; both are checked against NumPy in the tests.
struct Philox {
  static void block(const uint64_t key[2], const uint64_t ctr[4], uint64_t out[4]) {
    uint64_t k0 = key[0], k1 = key[1];
    uint64_t x0 = ctr[0], x1 = ctr[1], x2 = ctr[2], x3 = ctr[3];
    for (int round = 0; round < 10; ++round) {
      if (round > 0) {
        k0 += 0x9E3779B97F4A7C15ull;
        k1 += 0xBB67AE8584CAA73Bull;
      }
      unsigned __int128 p0 = static_cast<unsigned __int128>(0xD2E7470EE14C6C93ull) * x0;
      unsigned __int128 p1 = static_cast<unsigned __int128>(0xCA5A826395121157ull) * x2;
      uint64_t hi0 = static_cast<uint64_t>(p0 >> 64), lo0 = static_cast<uint64_t>(p0);
      uint64_t hi1 = static_cast<uint64_t>(p1 >> 64), lo1 = static_cast<uint64_t>(p1);
      x0 = hi1 ^ x1 ^ k0;
      x1 = lo1;
      x2 = hi0 ^ x3 ^ k1;
      x3 = lo0;
    }
    out[0] = x0;
    out[1] = x1;
    out[2] = x2;
    out[3] = x3;
  }
};

/// Call sites of the runtime's own draws (the compiler's are hashes of source
/// positions, with the top bit clear; these have it set).
enum RuntimeSite : uint64_t {
  kSiteConnect = 0x8000000000000001ull,
  kSiteTaskPattern = 0x8000000000000002ull,
  kSiteTaskNoise = 0x8000000000000003ull,
  kSiteCandidates = 0x8000000000000004ull,
  kSiteAttend = 0x8000000000000005ull,
  kSiteParam = 0x8000000000000006ull,
};
/// 1, 2 and 5 are the kernels' (neurons, synapses, connect-rule pairs).
enum RuntimeEntity : uint64_t {
  kEntityConnect = 3, kEntityTask = 4, kEntityCandidate = 6, kEntityAttend = 7, kEntityParam = 8
};

/// Draws keyed by (seed, site) and a four-word counter: the value depends only
/// on these, never on the order of the calls or the thread making them.
struct Draw {
  uint64_t seed, site;
  void words(uint64_t c0, uint64_t c1, uint64_t c2, uint64_t c3, uint64_t out[4]) const {
    uint64_t key[2] = {seed, site};
    uint64_t ctr[4] = {c0, c1, c2, c3};
    Philox::block(key, ctr, out);
  }
  /// In [0, 1), 53 bits, as the kernels' uniform.
  double unit(uint64_t c0, uint64_t c1, uint64_t c2, uint64_t c3) const {
    uint64_t w[4];
    words(c0, c1, c2, c3, w);
    return static_cast<double>(w[0] >> 11) * 0x1p-53;
  }
};

} // namespace ndprt

#endif
