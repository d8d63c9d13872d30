// W2's hand-written C++ peer: the growth rule of peer_numpy.py (the same graph,
// edge for edge) on adjacency lists, a std::vector of incoming and one of
// outgoing neighbours per neuron, as a C++ programmer writes a growing graph.
// Sequential, like ndpc's growth.
//
// usage: peer MAX STEPS FANIN  -> prints "seconds S neurons N synapses E bytes B vsum V"
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <vector>

struct Edge { int32_t other; float w; };

int main(int argc, char **argv) {
  const int64_t max = std::atoll(argv[1]), steps = std::atoll(argv[2]), k = std::atoll(argv[3]);
  std::vector<float> v{1.0f}, in;
  std::vector<std::vector<Edge>> inc(1);   // incoming: (pre, w), in insertion order
  std::vector<std::vector<int32_t>> out(1);
  int64_t synapses = 0;
  auto t0 = std::chrono::steady_clock::now();
  for (int64_t s = 0; s < steps; ++s) {
    const int64_t n = static_cast<int64_t>(v.size());
    in.assign(static_cast<size_t>(n), 0.0f);
    for (int64_t p = 0; p < n; ++p)
      for (const Edge &e : inc[static_cast<size_t>(p)]) in[static_cast<size_t>(p)] += e.w * v[static_cast<size_t>(e.other)];
    for (int64_t p = 0; p < n; ++p) v[static_cast<size_t>(p)] = 0.5f * v[static_cast<size_t>(p)] + 0.1f * in[static_cast<size_t>(p)];
    const int64_t parents = std::min(n, max - n);
    // Candidates of every child first (from the graph before this step's edits).
    std::vector<std::vector<int32_t>> cand(static_cast<size_t>(parents));
    std::vector<int64_t> indeg(static_cast<size_t>(n));
    for (int64_t p = 0; p < n; ++p) indeg[static_cast<size_t>(p)] = static_cast<int64_t>(inc[static_cast<size_t>(p)].size());
    for (int64_t p = 0; p < parents; ++p) {
      std::vector<int32_t> nb;
      for (const Edge &e : inc[static_cast<size_t>(p)]) nb.push_back(e.other);
      std::sort(nb.begin(), nb.end(), std::greater<int32_t>());  // youngest first
      nb.resize(std::min<size_t>(nb.size(), static_cast<size_t>(k - 1)));
      cand[static_cast<size_t>(p)].push_back(static_cast<int32_t>(p));
      cand[static_cast<size_t>(p)].insert(cand[static_cast<size_t>(p)].end(), nb.begin(), nb.end());
    }
    v.resize(static_cast<size_t>(n + parents));
    inc.resize(static_cast<size_t>(n + parents));
    out.resize(static_cast<size_t>(n + parents));
    for (int64_t p = 0; p < parents; ++p) {
      const int32_t c = static_cast<int32_t>(n + p);
      v[static_cast<size_t>(c)] = v[static_cast<size_t>(p)];
      for (int32_t q : cand[static_cast<size_t>(p)]) {  // candidate -> child
        inc[static_cast<size_t>(c)].push_back({q, 0.5f});
        out[static_cast<size_t>(q)].push_back(c);
        ++synapses;
      }
    }
    // Child -> candidate while the candidate has room, children in id order.
    std::vector<int64_t> taken(static_cast<size_t>(n), 0);
    for (int64_t p = 0; p < parents; ++p)
      for (int32_t q : cand[static_cast<size_t>(p)])
        if (indeg[static_cast<size_t>(q)] + taken[static_cast<size_t>(q)]++ < k) {
          inc[static_cast<size_t>(q)].push_back({static_cast<int32_t>(n + p), 0.5f});
          out[static_cast<size_t>(n + p)].push_back(q);
          ++synapses;
        }
  }
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  int64_t bytes = static_cast<int64_t>(v.capacity() * sizeof(float));
  for (size_t i = 0; i < inc.size(); ++i)
    bytes += static_cast<int64_t>(inc[i].capacity() * sizeof(Edge) + out[i].capacity() * sizeof(int32_t) + 2 * sizeof(inc[i]));
  double vsum = 0;
  for (float x : v) vsum += x;
  std::printf("seconds %.4f neurons %zu synapses %lld bytes %lld vsum %.6e\n", secs, v.size(),
              static_cast<long long>(synapses), static_cast<long long>(bytes), vsum);
}
