// W0: STREAM-style triad a[i] = b[i] + s * c[i] over arrays far larger than the
// caches; prints the best bandwidth of 10 runs (24 bytes per element: two
// reads, one write; write-allocate traffic not counted, as STREAM does).
#include <chrono>
#include <cstdio>
#include <vector>

int main() {
  const long n = 1L << 25;  // 32 Mi doubles per array, 768 MiB in all
  std::vector<double> a(n), b(n), c(n);
#pragma omp parallel for schedule(static)
  for (long i = 0; i < n; ++i) { a[i] = 0; b[i] = 1; c[i] = 2; }
  double best = 1e30;
  for (int r = 0; r < 10; ++r) {
    auto t0 = std::chrono::steady_clock::now();
#pragma omp parallel for schedule(static)
    for (long i = 0; i < n; ++i) a[i] = b[i] + 3.0 * c[i];
    double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (s < best) best = s;
  }
  std::printf("bytes_per_second %.6e\n", 24.0 * n / best);
  std::printf("check %f\n", a[n / 2]);
}
