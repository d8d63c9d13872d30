// One layer of edge-augmented attention over a whole population
// (docs/attention.md): a blocked, streaming softmax over all neurons, with the
// non-edge terms (constant per head) in the dense pass and each synapse's edge
// term added as a correction afterwards. Memory is O(N d + E d_e): no N x N
// matrix is ever formed. Each row is computed by one thread in a fixed order,
// so the result does not depend on the number of threads.
#include "Attention.h"

#include "Error.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstring>

namespace ndprt {

namespace {

constexpr int kRows = 32;     // rows (i) a thread takes at once: K and V tiles are reused across them
constexpr int kCols = 1024;    // columns (j) of a tile
constexpr int kW = 16;        // floats in a vector
constexpr float kClip = 5.0f;

// GCC/Clang vector extensions: one vector of 16 floats (AVX-512, or two AVX2
// halves), unaligned. The hot loops are written with them so that they
// vectorise whatever the compiler's heuristics think.
typedef float v16 __attribute__((vector_size(64), aligned(4)));
typedef int32_t v16i __attribute__((vector_size(64), aligned(4)));

inline v16 splat(float x) { return v16{} + x; }
inline v16 load(const float *p) {
  v16 v;
  __builtin_memcpy(&v, p, sizeof v);
  return v;
}
inline float hsum(v16 v) {
  float s = 0;
  for (int l = 0; l < kW; ++l) s += v[l];
  return s;
}
inline float hmax(v16 v) {
  float m = v[0];
  for (int l = 1; l < kW; ++l) m = std::max(m, v[l]);
  return m;
}
inline v16 vmax(v16 a, v16 b) { return a > b ? a : b; }
inline v16 vmin(v16 a, v16 b) { return a < b ? a : b; }

/// e^x for x <= 0, 16 at a time: 2^(x log2 e) split into the nearest integer
/// power (an exponent field) and 2^f for f in [-1/2, 1/2] by its Taylor series
/// to degree 6 (relative error below 2e-7); e^x is 2^-126 below x = -87.
inline v16 expNeg(v16 x) {
  x = vmax(x, splat(-87.0f));
  v16 t = x * 1.44269504088896341f;
  v16 r = (t + 12582912.0f) - 12582912.0f;  // round to nearest: 1.5 * 2^23
  v16 f = t - r;
  v16 p = splat(1.5403530393381608e-4f);
  p = p * f + 1.3333558146428443e-3f;
  p = p * f + 9.6181291076284772e-3f;
  p = p * f + 5.5504108664821580e-2f;
  p = p * f + 2.4022650695910071e-1f;
  p = p * f + 6.9314718055994531e-1f;
  p = p * f + 1.0f;
  v16i e = (__builtin_convertvector(r, v16i) + 127) << 23;
  return p * (v16)e;
}

inline float expNeg(float x) { return expNeg(splat(x))[0]; }

float sigmoid(float x) { return 1.0f / (1.0f + std::exp(-x)); }
float elu(float x) { return x > 0 ? x : std::expm1(x); }

/// Layer norm without an affine part: (x - mean) / sqrt(var + 1e-5).
void layerNorm(const float *x, int n, float *out) {
  float mean = 0;
  for (int k = 0; k < n; ++k) mean += x[k];
  mean /= static_cast<float>(n);
  float var = 0;
  for (int k = 0; k < n; ++k) var += (x[k] - mean) * (x[k] - mean);
  var /= static_cast<float>(n);
  float inv = 1.0f / std::sqrt(var + 1e-5f);
  for (int k = 0; k < n; ++k) out[k] = (x[k] - mean) * inv;
}

/// out = W x (+ b): W is [rows][cols]. Whole vectors of columns are summed in
/// 16 lanes (then the lanes in order), the rest one by one: a fixed order.
void affine(const float *W, const float *b, const float *x, int rows, int cols, float *out) {
  const int vc = cols / kW * kW;
  for (int r = 0; r < rows; ++r) {
    const float *w = W + static_cast<size_t>(r) * static_cast<size_t>(cols);
    v16 lanes = splat(0.0f);
    for (int c = 0; c < vc; c += kW) lanes += load(w + c) * load(x + c);
    float s = (b ? b[r] : 0.0f) + hsum(lanes);
    for (int c = vc; c < cols; ++c) s += w[c] * x[c];
    out[r] = s;
  }
}

/// x += W2 elu(W1 LN(x) + b1) + b2, the feed-forward block with residual.
void feedForward(const float *W1, const float *b1, const float *W2, const float *b2, int n, float *x) {
  std::vector<float> norm(static_cast<size_t>(n)), hidden(static_cast<size_t>(2 * n)), out(static_cast<size_t>(n));
  layerNorm(x, n, norm.data());
  affine(W1, b1, norm.data(), 2 * n, n, hidden.data());
  for (float &v : hidden) v = elu(v);
  affine(W2, b2, hidden.data(), n, 2 * n, out.data());
  for (int k = 0; k < n; ++k) x[k] += out[k];
}

/// One tile of the dense pass for one row and head: the logits of columns
/// [j0, j0 + 16 nv) (past N: weight 0), then the online-softmax update of the
/// row's max m, normaliser Z and weighted value sum acc. DH > 0 fixes the head
/// size at compile time (the channels then live in registers); 0 reads `dh`.
template <int DH>
void denseTile(const float *qs, const float *kt, const float *vt, size_t NP, int64_t j0, int nv, int64_t N,
               float bias, int dh, v16 *tile, float &m, float &Z, float *acc) {
  const int n = DH > 0 ? DH : dh;
  v16 q[DH > 0 ? DH : 1];
  if (DH > 0)
    for (int c = 0; c < DH; ++c) q[c] = splat(qs[c]);
  v16 mx = splat(-INFINITY);
  for (int v = 0; v < nv; ++v) {
    v16 a = splat(0.0f);
    const float *k = kt + j0 + v * kW;
    for (int c = 0; c < n; ++c) a += (DH > 0 ? q[c] : splat(qs[c])) * load(k + static_cast<size_t>(c) * NP);
    a = vmin(vmax(a, splat(-kClip)), splat(kClip)) + bias;
    tile[v] = a;
    mx = vmax(mx, a);
  }
  // Padding columns past N weigh nothing.
  for (int64_t j = std::max(j0, N); j < j0 + nv * kW; ++j) tile[(j - j0) / kW][(j - j0) % kW] = -INFINITY;
  const float mNew = std::max(m, hmax(mx));
  const float scale = m == -INFINITY ? 0.0f : expNeg(splat(m - mNew))[0];
  v16 z = splat(0.0f);
  for (int v = 0; v < nv; ++v) {
    tile[v] = expNeg(tile[v] - mNew) * (tile[v] > -INFINITY ? splat(1.0f) : splat(0.0f));
    z += tile[v];
  }
  Z = Z * scale + hsum(z);
  // acc += p V, sixteen channels at a time.
  for (int c0 = 0; c0 < n; c0 += kW) {
    const int cn = DH > 0 ? (DH < kW ? DH : kW) : std::min(kW, n - c0);
    v16 lanes[kW];
    for (int c = 0; c < cn; ++c) lanes[c] = splat(0.0f);
    for (int v = 0; v < nv; ++v)
      for (int c = 0; c < cn; ++c) lanes[c] += tile[v] * load(vt + static_cast<size_t>(c0 + c) * NP + j0 + v * kW);
    for (int c = 0; c < cn; ++c) acc[c0 + c] = acc[c0 + c] * scale + hsum(lanes[c]);
  }
  m = mNew;
}

} // namespace

void Attention::project() {
  const int64_t N = pop_->size();
  paddedN_ = (N + kW - 1) / kW * kW;
  const size_t NP = static_cast<size_t>(paddedN_);
  const float *h = emb_->as<float>();
  const float *Wq = params["Wq"], *Wk = params["Wk"], *Wv = params["Wv"];
  Q_.assign(static_cast<size_t>(N * d_), 0.0f);
  K_.assign(static_cast<size_t>(N * d_), 0.0f);
  V_.assign(static_cast<size_t>(N * d_), 0.0f);
  KT_.assign(NP * static_cast<size_t>(d_), 0.0f);
  VT_.assign(NP * static_cast<size_t>(d_), 0.0f);
  const int d = d_;
#pragma omp parallel for schedule(static)
  for (int64_t i = 0; i < N; ++i) {
    const float *k = &K_[static_cast<size_t>(i * d)];
    affine(Wq, nullptr, h + i * d, d, d, &Q_[static_cast<size_t>(i * d)]);
    affine(Wk, nullptr, h + i * d, d, d, &K_[static_cast<size_t>(i * d)]);
    affine(Wv, nullptr, h + i * d, d, d, &V_[static_cast<size_t>(i * d)]);
    // Per head and channel, all neurons in a row (padded to whole vectors):
    // the j loops run along them.
    for (int c = 0; c < d; ++c) {
      KT_[static_cast<size_t>(c) * NP + static_cast<size_t>(i)] = k[c];
      VT_[static_cast<size_t>(c) * NP + static_cast<size_t>(i)] = V_[static_cast<size_t>(i * d + c)];
    }
  }
}

void Attention::edgeTerms() {
  edgeE_.clear();
  edgeG_.clear();
  if (!over_) return;
  const int64_t slots = over_->slotsUsed();
  edgeE_.assign(static_cast<size_t>(slots * H_), 0.0f);
  edgeG_.assign(static_cast<size_t>(slots * H_), 0.0f);
  const float *WE = params["WE"], *bEl = params["bEl"], *WG = params["WG"], *bGl = params["bGl"];
  const float *e = edges_->as<float>();
  const int64_t rows = over_->post().size();
#pragma omp parallel for schedule(static)
  for (int64_t p = 0; p < rows; ++p) {
    std::vector<float> norm(static_cast<size_t>(de_));
    int64_t s0 = over_->rowStart.as<int64_t>()[p];
    for (int64_t s = s0; s < s0 + over_->rowLen.as<int32_t>()[p]; ++s) {
      layerNorm(e + s * de_, de_, norm.data());
      affine(WE, bEl, norm.data(), H_, de_, &edgeE_[static_cast<size_t>(s * H_)]);
      affine(WG, bGl, norm.data(), H_, de_, &edgeG_[static_cast<size_t>(s * H_)]);
    }
  }
}

void Attention::scores(int64_t i, int64_t j, float *s) const {
  const float inv = 1.0f / std::sqrt(static_cast<float>(dh_));
  const float *q = &Q_[static_cast<size_t>(i * d_)], *k = &K_[static_cast<size_t>(j * d_)];
  for (int h = 0; h < H_; ++h) {
    float x = 0;
    for (int c = h * dh_; c < (h + 1) * dh_; ++c) x += (q[c] * inv) * k[c];
    s[h] = std::min(kClip, std::max(-kClip, x));
  }
}

void Attention::denseRows(int64_t i0, int64_t i1, std::vector<Candidate> &found) {
  const int64_t N = pop_->size(), NP = paddedN_;
  const int nb = static_cast<int>(i1 - i0), dh = dh_;
  const float inv = 1.0f / std::sqrt(static_cast<float>(dh_));
  const float *bE = params["bE"], *bG = params["bG"];
  v16 tile[kCols / kW];
  std::vector<float> m(static_cast<size_t>(nb)), Z(static_cast<size_t>(nb)), acc(static_cast<size_t>(nb * dh));
  std::vector<float> att(static_cast<size_t>(nb * d_));

  // tile = clip(q . k_j / sqrt(dh)) + bE for the j of one tile; columns past N
  // are padding (zero keys) and are masked by the caller.
  std::vector<float> qs(static_cast<size_t>(dh));
  auto logits = [&](const float *q, const float *kt, int64_t j0, int nv, float bias) {
    for (int c = 0; c < dh; ++c) qs[static_cast<size_t>(c)] = q[c] * inv;
    const float *k0 = kt + j0;
    for (int v = 0; v < nv; ++v) {
      v16 a = splat(0.0f);
      for (int c = 0; c < dh; ++c) a += qs[static_cast<size_t>(c)] * load(k0 + static_cast<size_t>(c) * static_cast<size_t>(NP) + v * kW);
      tile[v] = vmin(vmax(a, splat(-kClip)), splat(kClip)) + bias;
    }
  };
  // The synapses of each row, by pair (pre neuron): their slots and the pair's
  // clipped score q . k / sqrt(dh) per head, computed once for all heads.
  struct Pair {
    int64_t j, first, last;
  };
  std::vector<Pair> pairs;
  std::vector<size_t> pairStart(static_cast<size_t>(nb) + 1, 0);
  std::vector<float> pairS;
  if (over_) {
    const int32_t *pre = over_->preIndex.as<int32_t>();
    for (int b = 0; b < nb; ++b) {
      const int64_t i = i0 + b;
      const int64_t s0 = over_->rowStart.as<int64_t>()[i], s1 = s0 + over_->rowLen.as<int32_t>()[i];
      for (int64_t s = s0; s < s1;) {
        int64_t t = s;
        while (t < s1 && pre[t] == pre[s]) ++t;
        pairs.push_back({pre[s], s, t});
        pairS.resize(pairs.size() * static_cast<size_t>(H_));
        scores(i, pre[s], &pairS[(pairs.size() - 1) * static_cast<size_t>(H_)]);
        s = t;
      }
      pairStart[static_cast<size_t>(b) + 1] = pairs.size();
    }
  }

  for (int h = 0; h < H_; ++h) {
    std::fill(m.begin(), m.end(), -INFINITY);
    std::fill(Z.begin(), Z.end(), 0.0f);
    std::fill(acc.begin(), acc.end(), 0.0f);
    const float *kt = &KT_[static_cast<size_t>(h * dh) * static_cast<size_t>(NP)];
    const float *vt = &VT_[static_cast<size_t>(h * dh) * static_cast<size_t>(NP)];
    // Dense pass: every j with the non-edge logit, an online softmax per row.
    for (int64_t j0 = 0; j0 < N; j0 += kCols) {
      const int nv = static_cast<int>((std::min<int64_t>(kCols, NP - j0) + kW - 1) / kW);
      for (int b = 0; b < nb; ++b) {
        const float *q = &Q_[static_cast<size_t>((i0 + b) * d_ + h * dh)];
        for (int c = 0; c < dh; ++c) qs[static_cast<size_t>(c)] = q[c] * inv;
        float &mb = m[static_cast<size_t>(b)], &zb = Z[static_cast<size_t>(b)];
        float *ab = &acc[static_cast<size_t>(b * dh)];
        const size_t np = static_cast<size_t>(NP);
        switch (dh) {
        case 4: denseTile<4>(qs.data(), kt, vt, np, j0, nv, N, bE[h], dh, tile, mb, zb, ab); break;
        case 8: denseTile<8>(qs.data(), kt, vt, np, j0, nv, N, bE[h], dh, tile, mb, zb, ab); break;
        case 16: denseTile<16>(qs.data(), kt, vt, np, j0, nv, N, bE[h], dh, tile, mb, zb, ab); break;
        default: denseTile<0>(qs.data(), kt, vt, np, j0, nv, N, bE[h], dh, tile, mb, zb, ab); break;
        }
      }
    }
    // Edge terms: each synapse's pair replaces its non-edge logit and gate.
    const float g0 = sigmoid(bG[h]);
    for (int b = 0; b < nb; ++b) {
      const int64_t i = i0 + b;
      float &mi = m[static_cast<size_t>(b)], &zi = Z[static_cast<size_t>(b)];
      float *ai = &acc[static_cast<size_t>(b * dh)];
      for (int c = 0; c < dh; ++c) ai[c] *= g0;
      for (size_t pi = pairStart[static_cast<size_t>(b)]; pi < pairStart[static_cast<size_t>(b) + 1]; ++pi) {
        {
          const int64_t j = pairs[pi].j;
          float E = 0, G = 0;
          for (int64_t t = pairs[pi].first; t < pairs[pi].last; ++t) {
            E += edgeE_[static_cast<size_t>(t * H_ + h)];
            G += edgeG_[static_cast<size_t>(t * H_ + h)];
          }
          const float k = static_cast<float>(pairs[pi].last - pairs[pi].first);
          const float sij = pairS[pi * static_cast<size_t>(H_) + static_cast<size_t>(h)];
          const float L0 = sij + bE[h], Le = sij + E / k;
          const float ge = sigmoid(G / k);
          if (Le > mi) {
            const float r = std::exp(mi - Le);
            zi *= r;
            for (int c = 0; c < dh; ++c) ai[c] *= r;
            mi = Le;
          }
          const float a = std::exp(Le - mi), a0 = expNeg(L0 - mi);
          zi += a - a0;
          const float *vj = &V_[static_cast<size_t>(j * d_ + h * dh)];
          for (int c = 0; c < dh; ++c) ai[c] += (a * ge - a0 * g0) * vj[c];
        }
      }
      for (int c = 0; c < dh; ++c) att[static_cast<size_t>(b * d_ + h * dh + c)] = ai[c] / zi;
      m_[static_cast<size_t>(i * H_ + h)] = mi;
      Z_[static_cast<size_t>(i * H_ + h)] = zi;
    }
  }

  // Long-range candidates: the head-averaged attention weight of every
  // non-neighbour, from the rows' final normalisers; the K best of each row.
  if (desc_.topk > 0) {
    const size_t K = static_cast<size_t>(desc_.topk);
    std::vector<float> weight(static_cast<size_t>(H_));
    for (int h = 0; h < H_; ++h) weight[static_cast<size_t>(h)] = sigmoid(bG[h]) / static_cast<float>(H_);
    v16 sum[kCols / kW];
    for (int b = 0; b < nb; ++b) {
      const int64_t i = i0 + b;
      std::vector<Candidate> best;  // descending score, then ascending j
      const int32_t *pre = over_->preIndex.as<int32_t>();
      int64_t s = over_->rowStart.as<int64_t>()[i];
      const int64_t s1 = s + over_->rowLen.as<int32_t>()[i];
      for (int64_t j0 = 0; j0 < N; j0 += kCols) {
        const int nv = static_cast<int>((std::min<int64_t>(kCols, NP - j0) + kW - 1) / kW);
        for (int v = 0; v < nv; ++v) sum[v] = splat(0.0f);
        for (int h = 0; h < H_; ++h) {
          logits(&Q_[static_cast<size_t>(i * d_ + h * dh)], &KT_[static_cast<size_t>(h * dh) * static_cast<size_t>(NP)],
                 j0, nv, bE[h]);
          const float mh = m_[static_cast<size_t>(i * H_ + h)];
          const float w = weight[static_cast<size_t>(h)] / Z_[static_cast<size_t>(i * H_ + h)];
          for (int v = 0; v < nv; ++v) sum[v] += w * expNeg(tile[v] - mh);
        }
        const int jn = static_cast<int>(std::min<int64_t>(kCols, N - j0));
        for (int jj = 0; jj < jn; ++jj) {
          const int64_t j = j0 + jj;
          const float sc = sum[jj / kW][jj % kW];
          while (s < s1 && pre[s] < j) ++s;
          if (j == i || (s < s1 && pre[s] == j)) continue;
          if (best.size() == K && !(sc > best.back().score)) continue;
          Candidate cand{static_cast<int32_t>(i), static_cast<int32_t>(j), sc};
          auto at = std::upper_bound(best.begin(), best.end(), cand,
                                     [](const Candidate &x, const Candidate &y) { return x.score > y.score; });
          best.insert(at, cand);
          if (best.size() > K) best.pop_back();
        }
      }
      std::sort(best.begin(), best.end(), [](const Candidate &x, const Candidate &y) { return x.pre < y.pre; });
      found.insert(found.end(), best.begin(), best.end());
    }
  }

  // The embeddings: attention output, then the feed-forward block.
  const float *Wo = params["Wo"], *bo = params["bo"];
  const float *W1 = params["W1"], *b1 = params["b1"], *W2 = params["W2"], *b2 = params["b2"];
  std::vector<float> o(static_cast<size_t>(d_));
  float *hAll = emb_->as<float>();
  for (int b = 0; b < nb; ++b) {
    float *h = hAll + (i0 + b) * d_;
    affine(Wo, bo, &att[static_cast<size_t>(b * d_)], d_, d_, o.data());
    for (int c = 0; c < d_; ++c) h[c] += o[static_cast<size_t>(c)];
    feedForward(W1, b1, W2, b2, d_, h);
  }
}

void Attention::edgeUpdate(const float *logits, float *e) const {
  std::vector<float> add(static_cast<size_t>(de_));
  affine(params["WOe"], params["bOe"], logits, de_, H_, add.data());
  for (int c = 0; c < de_; ++c) e[c] += add[static_cast<size_t>(c)];
  feedForward(params["We1"], params["be1"], params["We2"], params["be2"], de_, e);
}

void Attention::updateEdges() {
  if (!over_) return;
  const int64_t rows = over_->post().size();
  float *e = edges_->as<float>();
  const int32_t *pre = over_->preIndex.as<int32_t>();
#pragma omp parallel for schedule(static)
  for (int64_t i = 0; i < rows; ++i) {
    std::vector<float> L(static_cast<size_t>(H_));
    const int64_t s0 = over_->rowStart.as<int64_t>()[i], s1 = s0 + over_->rowLen.as<int32_t>()[i];
    for (int64_t s = s0; s < s1;) {
      const int64_t j = pre[s];
      int64_t t = s;
      while (t < s1 && pre[t] == j) ++t;
      scores(i, j, L.data());
      for (int h = 0; h < H_; ++h) {
        float E = 0;
        for (int64_t u = s; u < t; ++u) E += edgeE_[static_cast<size_t>(u * H_ + h)];
        L[static_cast<size_t>(h)] += E / static_cast<float>(t - s);
      }
      for (int64_t u = s; u < t; ++u) edgeUpdate(L.data(), e + u * de_);
      s = t;
    }
  }
}

std::vector<Attention::Candidate> Attention::step() {
  auto t0 = std::chrono::steady_clock::now();
  const int64_t N = pop_->size();
  std::vector<Candidate> found;
  if (N == 0) return found;
  project();
  edgeTerms();
  m_.assign(static_cast<size_t>(N * H_), 0.0f);
  Z_.assign(static_cast<size_t>(N * H_), 0.0f);
  const int64_t blocks = (N + kRows - 1) / kRows;
  std::vector<std::vector<Candidate>> perBlock(static_cast<size_t>(blocks));
#pragma omp parallel for schedule(dynamic, 1)
  for (int64_t blk = 0; blk < blocks; ++blk)
    denseRows(blk * kRows, std::min(N, (blk + 1) * kRows), perBlock[static_cast<size_t>(blk)]);
  // Edge channels from the logits of this step's (old) embeddings.
  updateEdges();
  for (auto &v : perBlock) found.insert(found.end(), v.begin(), v.end());
  seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  ++calls;
  return found;
}

void Attention::initialiseEdge(int64_t slot, int32_t post, int32_t pre) {
  std::vector<float> L(static_cast<size_t>(H_));
  scores(post, pre, L.data());
  const float *bE = params["bE"];
  for (int h = 0; h < H_; ++h) L[static_cast<size_t>(h)] += bE[h];
  float *e = edges_->as<float>() + slot * de_;
  std::fill(e, e + de_, 0.0f);
  edgeUpdate(L.data(), e);
}

} // namespace ndprt
