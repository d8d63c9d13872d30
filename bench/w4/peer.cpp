// W4's hand-written peer: the COBA network of w4_coba.ndp as a plain loop,
// float32, with ndpc's step order (spikes of step t reach the conductance
// channels in step t+1; v is integrated from the conductances before they take
// the new input), so that its spikes can be compared one by one. Delivery is by
// pre neuron (an outgoing adjacency list), as every event-driven simulator does.
//
// usage: peer DIR STEPS  -> prints "seconds S spikes K" and writes DIR/peer_counts.bin
// (int32 spikes per step)
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

// A .npy file's payload (the header is skipped; gen.py writes C-order little-endian).
template <class T> std::vector<T> readNpy(const std::string &path) {
  FILE *f = std::fopen(path.c_str(), "rb");
  if (!f) { std::perror(path.c_str()); std::exit(1); }
  unsigned char head[10];
  if (std::fread(head, 1, 10, f) != 10) std::exit(1);
  const long headerLen = head[8] | (head[9] << 8);
  std::fseek(f, 0, SEEK_END);
  const long bytes = std::ftell(f) - 10 - headerLen;
  std::fseek(f, 10 + headerLen, SEEK_SET);
  std::vector<T> v(static_cast<size_t>(bytes) / sizeof(T));
  if (std::fread(v.data(), sizeof(T), v.size(), f) != v.size()) std::exit(1);
  std::fclose(f);
  return v;
}

struct Adjacency {
  std::vector<int32_t> start, post;
  Adjacency(const std::vector<int32_t> &edges, int32_t n) : start(static_cast<size_t>(n) + 1, 0) {
    const size_t e = edges.size() / 2;
    for (size_t i = 0; i < e; ++i) ++start[static_cast<size_t>(edges[2 * i]) + 1];
    for (int32_t i = 0; i < n; ++i) start[static_cast<size_t>(i) + 1] += start[static_cast<size_t>(i)];
    post.resize(e);
    std::vector<int32_t> fill(start.begin(), start.end() - 1);
    for (size_t i = 0; i < e; ++i) post[static_cast<size_t>(fill[static_cast<size_t>(edges[2 * i])]++)] = edges[2 * i + 1];
  }
};

int main(int argc, char **argv) {
  const std::string d = argv[1];
  const int steps = std::atoi(argv[2]);
  std::vector<float> v = readNpy<float>(d + "/v0.npy"), ge = readNpy<float>(d + "/ge0.npy"),
                     gi = readNpy<float>(d + "/gi0.npy");
  const int32_t n = static_cast<int32_t>(v.size());
  const Adjacency exc(readNpy<int32_t>(d + "/exc_edges.npy"), n), inh(readNpy<int32_t>(d + "/inh_edges.npy"), n);
  std::vector<int32_t> refr(static_cast<size_t>(n), 0), spikes, counts;
  std::vector<float> chExc(static_cast<size_t>(n)), chInh(static_cast<size_t>(n));
  const float dt = 0.1f, we = 0.6f, wi = 6.7f;
  const float de = std::exp(-dt / 5.0f), di = std::exp(-dt / 10.0f);
  long total = 0;
  auto t0 = std::chrono::steady_clock::now();
  for (int s = 0; s < steps; ++s) {
    std::fill(chExc.begin(), chExc.end(), 0.0f);
    std::fill(chInh.begin(), chInh.end(), 0.0f);
    for (int32_t j : spikes) {
      for (int32_t k = exc.start[static_cast<size_t>(j)]; k < exc.start[static_cast<size_t>(j) + 1]; ++k) chExc[static_cast<size_t>(exc.post[static_cast<size_t>(k)])] += we;
      for (int32_t k = inh.start[static_cast<size_t>(j)]; k < inh.start[static_cast<size_t>(j) + 1]; ++k) chInh[static_cast<size_t>(inh.post[static_cast<size_t>(k)])] += wi;
    }
    spikes.clear();
    for (int32_t i = 0; i < n; ++i) {
      const size_t u = static_cast<size_t>(i);
      const float vi = v[u];
      float nv = refr[u] > 0 ? vi : vi + dt * ((-60.0f - vi) + ge[u] * (0.0f - vi) + gi[u] * (-80.0f - vi)) / 20.0f;
      ge[u] = ge[u] * de + chExc[u];
      gi[u] = gi[u] * di + chInh[u];
      int32_t r = std::max(refr[u] - 1, 0);
      if (nv > -50.0f && r == 0) {
        nv = -60.0f;
        r = 50;
        spikes.push_back(i);
      }
      v[u] = nv;
      refr[u] = r;
    }
    counts.push_back(static_cast<int32_t>(spikes.size()));
    total += static_cast<long>(spikes.size());
  }
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::printf("seconds %.6f spikes %ld\n", secs, total);
  FILE *f = std::fopen((d + "/peer_counts.bin").c_str(), "wb");
  std::fwrite(counts.data(), sizeof(int32_t), counts.size(), f);
  std::fclose(f);
}
