// W1's hand-written peer: the same model as w1_hebbian.ndp, as a plain
// OpenMP loop over CSR rows grouped by post neuron, float32 throughout, with
// the same operation order as the language's semantics. Two forms:
// - two-pass (default): one sweep for the sums, one for the weight updates;
// - fused: one sweep that updates each synapse and at once adds its
//   contribution to the next step's sum (the activity it reads does not change
//   in between), 12 bytes per synapse per step.
//
// usage: peer DIR STEPS [fused]  -> prints "seconds S" for the step loop and writes DIR/peer_y.bin
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

template <class T> std::vector<T> readRaw(const std::string &path) {
  std::vector<T> v;
  FILE *f = std::fopen(path.c_str(), "rb");
  if (!f) { std::perror(path.c_str()); std::exit(1); }
  std::fseek(f, 0, SEEK_END);
  long bytes = std::ftell(f);
  std::fseek(f, 0, SEEK_SET);
  v.resize(static_cast<size_t>(bytes) / sizeof(T));
  if (std::fread(v.data(), sizeof(T), v.size(), f) != v.size()) std::exit(1);
  std::fclose(f);
  return v;
}

int main(int argc, char **argv) {
  std::string d = argv[1];
  int steps = std::atoi(argv[2]);
  auto rowPtr = readRaw<int64_t>(d + "/row_ptr.bin");
  auto col = readRaw<int32_t>(d + "/col.bin");
  auto w = readRaw<float>(d + "/w0.bin");
  auto v = readRaw<float>(d + "/v0.bin");
  auto b = readRaw<float>(d + "/b.bin");
  const int64_t n = static_cast<int64_t>(v.size());
  std::vector<float> y(n), imp(n, 0.0f);
  for (int64_t i = 0; i < n; ++i) y[i] = std::tanh(v[i]);
  const float eta = 0.001f, decay = 0.99f, rest = static_cast<float>(1.0 - 0.99);
  const bool fused = argc > 3 && std::string(argv[3]) == "fused";
  std::vector<float> sum(n);
  auto t0 = std::chrono::steady_clock::now();
  if (fused) {
#pragma omp parallel for schedule(static)
    for (int64_t p = 0; p < n; ++p) {
      float acc = 0.0f;
      for (int64_t e = rowPtr[p]; e < rowPtr[p + 1]; ++e) acc = acc + w[e] * y[col[e]];
      sum[p] = acc;
    }
  }
  for (int s = 0; fused && s < steps; ++s) {
#pragma omp parallel for schedule(static)
    for (int64_t p = 0; p < n; ++p) {
      v[p] = sum[p] + b[p];
      y[p] = std::tanh(v[p]);
      imp[p] = decay * imp[p] + rest * std::fabs(y[p]);
    }
#pragma omp parallel for schedule(static)
    for (int64_t p = 0; p < n; ++p) {
      const float scale = eta * imp[p], yp = y[p];
      float acc = 0.0f;
      for (int64_t e = rowPtr[p]; e < rowPtr[p + 1]; ++e) {
        float yq = y[col[e]];
        float rule = 1.0f * yq * yp + 0.0f * yq + 0.0f * yp + -0.01f;
        float nw = w[e] + scale * rule;
        nw = nw < -1.0f ? -1.0f : nw > 1.0f ? 1.0f : nw;
        w[e] = nw;
        acc = acc + nw * yq;
      }
      sum[p] = acc;
    }
  }
  for (int s = 0; !fused && s < steps; ++s) {
    // Pass 1: sums over each row, the neuron update and importance.
#pragma omp parallel for schedule(static)
    for (int64_t p = 0; p < n; ++p) {
      float acc = 0.0f;
      for (int64_t e = rowPtr[p]; e < rowPtr[p + 1]; ++e) acc = acc + w[e] * y[col[e]];
      v[p] = acc + b[p];
    }
#pragma omp parallel for schedule(static)
    for (int64_t p = 0; p < n; ++p) {
      y[p] = std::tanh(v[p]);
      imp[p] = decay * imp[p] + rest * std::fabs(y[p]);
    }
    // Pass 2: the ABCD update of every synapse from the new activity.
#pragma omp parallel for schedule(static)
    for (int64_t p = 0; p < n; ++p) {
      const float scale = eta * imp[p], yp = y[p];
      for (int64_t e = rowPtr[p]; e < rowPtr[p + 1]; ++e) {
        float yq = y[col[e]];
        float rule = 1.0f * yq * yp + 0.0f * yq + 0.0f * yp + -0.01f;
        float nw = w[e] + scale * rule;
        w[e] = nw < -1.0f ? -1.0f : nw > 1.0f ? 1.0f : nw;
      }
    }
  }
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::printf("seconds %.6f\n", secs);
  FILE *f = std::fopen((d + "/peer_y.bin").c_str(), "wb");
  std::fwrite(y.data(), sizeof(float), y.size(), f);
  std::fclose(f);
}
