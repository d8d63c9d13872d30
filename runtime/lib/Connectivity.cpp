// The initial synapses of each projection rule (all, one_to_one, fanin, p,
// from a file), drawn deterministically from the run seed (Connectivity.h).
#include "Connectivity.h"

#include "Error.h"
#include "Files.h"
#include "Npy.h"
#include "Rng.h"

#include <algorithm>
#include <cmath>
#include <set>

namespace ndprt {

std::vector<std::pair<int64_t, int64_t>> choosePairs(const ProjDesc &proj, int projIndex, int64_t nPre,
                                                     int64_t nPost, bool self, uint64_t seed,
                                                     const std::string &dir) {
  std::vector<std::pair<int64_t, int64_t>> pairs;
  Draw draw{seed, kSiteConnect};
  const uint64_t group = (uint64_t(kEntityConnect) << 32) | static_cast<uint64_t>(projIndex);
  switch (proj.conn) {
  case Connectivity::All:
    pairs.reserve(static_cast<size_t>(nPre * nPost));
    for (int64_t p = 0; p < nPost; ++p)
      for (int64_t j = 0; j < nPre; ++j)
        if (!self || j != p) pairs.push_back({p, j});
    break;
  case Connectivity::OneToOne:
    for (int64_t p = 0; p < std::min(nPre, nPost); ++p) pairs.push_back({p, p});
    break;
  case Connectivity::Fanin: {
    // A growing population may start with fewer pre neurons than the fanin
    // (the compiler refuses that otherwise): take them all.
    int64_t pool = std::max<int64_t>(0, self ? nPre - 1 : nPre);
    int64_t k = std::min<int64_t>(proj.fanin, pool);
    for (int64_t p = 0; p < nPost; ++p) {
      // Floyd's algorithm: k distinct values of [0, pool) from k draws.
      std::set<int64_t> chosen;
      for (int64_t j = pool - k, d = 0; j < pool; ++j, ++d) {
        int64_t t = static_cast<int64_t>(draw.unit(0, group, static_cast<uint64_t>(p), static_cast<uint64_t>(d)) *
                                         static_cast<double>(j + 1));
        chosen.insert(chosen.count(t) ? j : t);
      }
      for (int64_t c : chosen) pairs.push_back({p, self && c >= p ? c + 1 : c});
    }
    break;
  }
  case Connectivity::Prob: {
    const double prob = proj.prob;
    if (prob <= 0.0) return pairs;
    // Geometric skips: O(synapses) draws instead of one per pair.
    double logq = std::log1p(-prob);
    for (int64_t p = 0; p < nPost; ++p) {
      int64_t pos = -1;
      for (uint64_t d = 0;; ++d) {
        if (prob >= 1.0) {
          ++pos;
        } else {
          double u = draw.unit(0, group, static_cast<uint64_t>(p), d);
          double gap = std::floor(std::log1p(-u) / logq);
          if (pos + 1 + gap >= static_cast<double>(nPre)) break;
          pos += 1 + static_cast<int64_t>(gap);
        }
        if (pos >= nPre) break;
        if (!self || pos != p) pairs.push_back({p, pos});
      }
    }
    break;
  }
  case Connectivity::File: {
    std::string path = resolvePath(dir, proj.file);
    std::vector<int64_t> shape;
    std::vector<int64_t> rows = readNpyInts(path, shape);
    if (shape.size() != 2 || shape[1] != 2)
      throw Fault("'" + path + "' has shape " + shapeString(shape) + "; an edge list is int [E, 2] of (pre, post) rows");
    for (int64_t e = 0; e < shape[0]; ++e) {
      int64_t pre = rows[static_cast<size_t>(2 * e)], post = rows[static_cast<size_t>(2 * e + 1)];
      if (pre < 0 || pre >= nPre || post < 0 || post >= nPost)
        throw Fault("'" + path + "' row " + std::to_string(e) + " is (" + std::to_string(pre) + ", " +
                    std::to_string(post) + "), outside " + proj.pre + "[0, " + std::to_string(nPre) + ") -> " +
                    proj.post + "[0, " + std::to_string(nPost) + ")");
      pairs.push_back({post, pre});
    }
    // Repeated pairs, by sorting a copy: a set of 10^7 pairs took a minute.
    std::vector<std::pair<int64_t, int64_t>> sorted(pairs);
    std::sort(sorted.begin(), sorted.end());
    auto dup = std::adjacent_find(sorted.begin(), sorted.end());
    if (dup != sorted.end())
      throw Fault("'" + path + "' lists the pair (" + std::to_string(dup->second) + ", " + std::to_string(dup->first) +
                  ") twice; use multiplicity for parallel synapses");
    break;
  }
  case Connectivity::None:  // made for a connect rule: starts empty
    break;
  }
  return pairs;
}

} // namespace ndprt
