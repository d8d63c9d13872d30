// The attention layer against a plain dense double-precision implementation of
// docs/attention.md, written here: N not a multiple of the vector width (the
// padding), parallel synapses (their edge terms are averaged), a neuron with
// no synapses, and the same bits with 1 and 2 threads. Runs in the sanitizer
// build too (no code generator needed).
#include "Attention.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <random>
#include <set>

using namespace ndprt;

extern "C" void omp_set_num_threads(int);

namespace {

constexpr int N = 37, D = 16, H = 4, DE = 3;

struct Net {
  Population pop;
  Projection proj;
  Net(const PopDesc &pd, const ProjDesc &qd) : pop(pd, 0), proj(qd, 0, pop, pop) {}
};

std::unique_ptr<Net> makeNet(unsigned seed) {
  PopDesc pd;
  pd.name = "c";
  pd.size = pd.max = N;
  pd.states.push_back({"emb", "f32", D});
  pd.channels = {VarDesc{"in", "f32", 1}};
  ProjDesc qd;
  qd.name = "q";
  qd.pre = qd.post = "c";
  qd.multiplicity = 2;
  qd.states.push_back({"w", "f32", 1});
  qd.states.push_back({"attend.0.e", "f32", DE});
  auto net = std::make_unique<Net>(pd, qd);
  net->pop.grow(N);
  std::mt19937 rng(seed);
  std::normal_distribution<float> normal(0.0f, 1.0f);
  float *emb = net->pop.find(ValueKind::State, "emb")->as<float>();
  for (int k = 0; k < N * D; ++k) emb[k] = normal(rng);
  std::set<std::pair<int64_t, int64_t>> pairs;
  for (int k = 0; k < 3 * N; ++k) {
    int64_t i = rng() % N, j = rng() % N;
    if (i != j && i != 5) pairs.insert({i, j});  // neuron 5 receives nothing
  }
  net->proj.build(std::vector<std::pair<int64_t, int64_t>>(pairs.begin(), pairs.end()));
  float *e = net->proj.states[1].as<float>();
  for (int64_t s : net->proj.liveSlots())
    for (int c = 0; c < DE; ++c) e[s * DE + c] = normal(rng);
  return net;
}

// --- the reference, in double ---
using Vec = std::vector<double>;

Vec affine(const float *W, const float *b, const Vec &x, int rows, int cols) {
  Vec out(static_cast<size_t>(rows));
  for (int r = 0; r < rows; ++r) {
    double s = b ? b[r] : 0.0;
    for (int c = 0; c < cols; ++c) s += static_cast<double>(W[r * cols + c]) * x[static_cast<size_t>(c)];
    out[static_cast<size_t>(r)] = s;
  }
  return out;
}
Vec norm(const Vec &x) {
  double m = 0, v = 0;
  for (double a : x) m += a;
  m /= static_cast<double>(x.size());
  for (double a : x) v += (a - m) * (a - m);
  v /= static_cast<double>(x.size());
  Vec out;
  for (double a : x) out.push_back((a - m) / std::sqrt(v + 1e-5));
  return out;
}
void ffn(const float *W1, const float *b1, const float *W2, const float *b2, Vec &x) {
  int n = static_cast<int>(x.size());
  Vec hid = affine(W1, b1, norm(x), 2 * n, n);
  for (double &a : hid) a = a > 0 ? a : std::expm1(a);
  Vec o = affine(W2, b2, hid, n, 2 * n);
  for (int k = 0; k < n; ++k) x[static_cast<size_t>(k)] += o[static_cast<size_t>(k)];
}
double sig(double x) { return 1.0 / (1.0 + std::exp(-x)); }

struct Reference {
  std::vector<Vec> h;                                    // new embeddings
  std::map<int64_t, Vec> e;                              // new edge channels, by slot
  std::vector<std::vector<std::pair<double, int>>> score;  // per row, (score, j) of non-neighbours
};

Reference reference(Net &net, const AttentionParams &P) {
  const float *emb = net.pop.find(ValueKind::State, "emb")->as<float>();
  Projection &q = net.proj;
  const float *e = q.states[1].as<float>();
  const int dh = D / H;
  std::vector<Vec> Q(N), K(N), V(N);
  for (int i = 0; i < N; ++i) {
    Vec h(emb + i * D, emb + (i + 1) * D);
    Q[i] = affine(P["Wq"], nullptr, h, D, D);
    K[i] = affine(P["Wk"], nullptr, h, D, D);
    V[i] = affine(P["Wv"], nullptr, h, D, D);
  }
  // Pair terms: the mean over parallel synapses of Lin(LN(e)).
  std::map<std::pair<int, int>, std::vector<int64_t>> slots;
  for (int64_t s : q.liveSlots()) slots[{q.postOf.as<int32_t>()[s], q.preIndex.as<int32_t>()[s]}].push_back(s);
  Reference ref;
  ref.score.resize(N);
  std::vector<std::vector<Vec>> L(N, std::vector<Vec>(N, Vec(H))), G = L;
  for (int i = 0; i < N; ++i)
    for (int j = 0; j < N; ++j)
      for (int hd = 0; hd < H; ++hd) {
        double s = 0;
        for (int c = hd * dh; c < (hd + 1) * dh; ++c) s += Q[i][c] * K[j][c];
        s = std::min(5.0, std::max(-5.0, s / std::sqrt(static_cast<double>(dh))));
        L[i][j][hd] = s + P["bE"][hd];
        G[i][j][hd] = P["bG"][hd];
      }
  for (auto &[pair, ss] : slots) {
    Vec Em(H, 0.0), Gm(H, 0.0);
    for (int64_t s : ss) {
      Vec x = norm(Vec(e + s * DE, e + (s + 1) * DE));
      Vec a = affine(P["WE"], P["bEl"], x, H, DE), g = affine(P["WG"], P["bGl"], x, H, DE);
      for (int hd = 0; hd < H; ++hd) Em[hd] += a[hd] / ss.size(), Gm[hd] += g[hd] / ss.size();
    }
    for (int hd = 0; hd < H; ++hd) {
      L[pair.first][pair.second][hd] += Em[hd] - P["bE"][hd];
      G[pair.first][pair.second][hd] = Gm[hd];
    }
  }
  for (int i = 0; i < N; ++i) {
    Vec att(D, 0.0), avg(N, 0.0);
    for (int hd = 0; hd < H; ++hd) {
      double m = -1e300, z = 0;
      for (int j = 0; j < N; ++j) m = std::max(m, L[i][j][hd]);
      for (int j = 0; j < N; ++j) z += std::exp(L[i][j][hd] - m);
      for (int j = 0; j < N; ++j) {
        double a = std::exp(L[i][j][hd] - m) / z * sig(G[i][j][hd]);
        avg[j] += a / H;
        for (int c = hd * dh; c < (hd + 1) * dh; ++c) att[c] += a * V[j][c];
      }
    }
    Vec h(emb + i * D, emb + (i + 1) * D), o = affine(P["Wo"], P["bo"], att, D, D);
    for (int c = 0; c < D; ++c) h[c] += o[c];
    ffn(P["W1"], P["b1"], P["W2"], P["b2"], h);
    ref.h.push_back(h);
    for (int j = 0; j < N; ++j)
      if (j != i && !slots.count({i, j})) ref.score[i].push_back({avg[j], j});
  }
  for (auto &[pair, ss] : slots)
    for (int64_t s : ss) {
      Vec x(e + s * DE, e + (s + 1) * DE), add = affine(P["WOe"], P["bOe"], L[pair.first][pair.second], DE, H);
      for (int c = 0; c < DE; ++c) x[c] += add[c];
      ffn(P["We1"], P["be1"], P["We2"], P["be2"], x);
      ref.e[s] = x;
    }
  return ref;
}

AttendDesc attendDesc() {
  AttendDesc d;
  d.pop = "c";
  d.embedding = "emb";
  d.proj = "q";
  d.edgeState = "attend.0.e";
  d.heads = H;
  d.edgeDim = DE;
  d.topk = 3;
  return d;
}

} // namespace

TEST(Attention, MatchesADenseDoubleReference) {
  auto net = makeNet(7);
  Attention att(attendDesc(), 0, net->pop, &net->proj, 11);
  // Non-zero biases and non-edge terms, so that every parameter matters.
  std::mt19937 rng(3);
  std::normal_distribution<float> small(0.0f, 0.3f);
  for (const char *b : {"bo", "b1", "b2", "bEl", "bGl", "bE", "bG", "bOe", "be1", "be2"}) {
    const auto &layout = att.params.layout();
    auto it = std::find_if(layout.begin(), layout.end(), [&](auto &e) { return e.name == b; });
    for (int k = 0; k < it->rows; ++k) att.params[b][k] = small(rng);
  }
  Reference ref = reference(*net, att.params);
  std::vector<Attention::Candidate> found = att.step();

  const float *emb = net->pop.find(ValueKind::State, "emb")->as<float>();
  double worst = 0;
  for (int i = 0; i < N; ++i)
    for (int c = 0; c < D; ++c) worst = std::max(worst, std::fabs(emb[i * D + c] - ref.h[i][c]) / (1 + std::fabs(ref.h[i][c])));
  EXPECT_LT(worst, 1e-5) << "embeddings";
  const float *e = net->proj.states[1].as<float>();
  worst = 0;
  for (auto &[s, x] : ref.e)
    for (int c = 0; c < DE; ++c) worst = std::max(worst, std::fabs(e[s * DE + c] - x[c]) / (1 + std::fabs(x[c])));
  EXPECT_LT(worst, 1e-5) << "edge channels";
  // topk 3: the three best non-neighbours of every row, in pre order.
  std::map<int, std::set<int>> got;
  for (const Attention::Candidate &c : found) got[c.post].insert(c.pre);
  for (int i = 0; i < N; ++i) {
    auto sc = ref.score[i];
    std::sort(sc.begin(), sc.end(), [](auto &a, auto &b) { return a.first > b.first || (a.first == b.first && a.second < b.second); });
    std::set<int> want;
    for (size_t k = 0; k < 3 && k < sc.size(); ++k) want.insert(sc[k].second);
    EXPECT_EQ(got[i], want) << "row " << i;
  }
}

TEST(Attention, SameBitsWithOneAndTwoThreads) {
  std::vector<float> result[2];
  for (int threads : {1, 2}) {
    omp_set_num_threads(threads);
    auto net = makeNet(9);
    Attention att(attendDesc(), 0, net->pop, &net->proj, 5);
    att.step();
    att.step();
    const float *emb = net->pop.find(ValueKind::State, "emb")->as<float>();
    result[threads - 1].assign(emb, emb + N * D);
  }
  EXPECT_EQ(result[0], result[1]);
}
