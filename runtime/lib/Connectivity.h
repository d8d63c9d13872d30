// Which (post, pre) pairs a projection starts with.
#ifndef NDPRT_CONNECTIVITY_H
#define NDPRT_CONNECTIVITY_H

#include "Descriptor.h"

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace ndprt {

/// The (post, pre) pairs a projection's rule chooses (language.md section 4),
/// drawn from the run seed: each post neuron's choice depends only on (seed,
/// projection, post id), never on thread count. Onto itself, `all`, `p` and
/// `fanin` leave out i -> i. `dir` resolves a relative `from` file.
std::vector<std::pair<int64_t, int64_t>> choosePairs(const ProjDesc &proj, int projIndex, int64_t nPre,
                                                     int64_t nPost, bool self, uint64_t seed,
                                                     const std::string &dir);

} // namespace ndprt

#endif
