// W0: the synapse-sweep ceiling. The plainest synapse loop there is, a sum over
// CSR rows of w[e] * y[col[e]] with random columns (4 + 4 bytes streamed per
// synapse plus the gather of y), run over N neurons with fan-in K; prints the
// best of 10 sweeps in synapses per second. It bounds any W1 implementation
// from above better than DRAM bandwidth does, because the gather's latency,
// not the stream, limits it once y leaves the L2 cache.
//
// usage: sweep N K
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <vector>

int main(int argc, char **argv) {
  const int64_t n = std::atoll(argv[1]), k = std::atoll(argv[2]);
  std::vector<int32_t> col(static_cast<size_t>(n * k));
  std::vector<float> w(col.size()), y(static_cast<size_t>(n)), out(static_cast<size_t>(n));
  uint64_t x = 88172645463325252ull;  // xorshift: any spread-out columns will do
#pragma omp parallel for schedule(static)
  for (int64_t p = 0; p < n; ++p) {
    uint64_t r = x ^ (static_cast<uint64_t>(p) * 0x9E3779B97F4A7C15ull);
    for (int64_t e = p * k; e < (p + 1) * k; ++e) {
      r ^= r << 13, r ^= r >> 7, r ^= r << 17;
      col[static_cast<size_t>(e)] = static_cast<int32_t>(r % static_cast<uint64_t>(n));
      w[static_cast<size_t>(e)] = 0.001f * static_cast<float>(r % 1000);
    }
    y[static_cast<size_t>(p)] = 0.5f;
  }
  double best = 1e30;
  for (int rep = 0; rep < 10; ++rep) {
    auto t0 = std::chrono::steady_clock::now();
#pragma omp parallel for schedule(static)
    for (int64_t p = 0; p < n; ++p) {
      float acc = 0.0f;
      for (int64_t e = p * k; e < (p + 1) * k; ++e) acc += w[static_cast<size_t>(e)] * y[static_cast<size_t>(col[static_cast<size_t>(e)])];
      out[static_cast<size_t>(p)] = acc;
    }
    double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (s < best) best = s;
  }
  std::printf("synapses_per_second %.6e\n", static_cast<double>(n * k) / best);
  std::printf("check %f\n", out[static_cast<size_t>(n / 2)]);
}
