#include "Projection.h"

#include <gtest/gtest.h>

#include <algorithm>

#include <map>
#include <random>
#include <set>
#include <tuple>

using namespace ndprt;

namespace {

PopDesc pop(const std::string &name, int64_t n) {
  PopDesc d;
  d.name = name;
  d.size = n;
  d.max = n;
  d.channels = {VarDesc{"in", "f32", 1}};
  return d;
}

ProjDesc proj(int64_t multiplicity) {
  ProjDesc d;
  d.name = "q";
  d.pre = "a";
  d.post = "b";
  d.multiplicity = multiplicity;
  d.states.push_back(VarDesc{"w", "f32", 1});
  return d;
}

/// The reference: for each post neuron, the multiset of (pre, par, w).
using Ref = std::map<int64_t, std::multiset<std::tuple<int64_t, int32_t, float>>>;

void expectSame(Projection &q, const Ref &ref, int64_t nPost) {
  int64_t total = 0;
  for (int64_t p = 0; p < nPost; ++p) {
    std::multiset<std::tuple<int64_t, int32_t, float>> got;
    int64_t s0 = q.rowStart.as<int64_t>()[p];
    int32_t len = q.rowLen.as<int32_t>()[p];
    ASSERT_LE(len, q.rowCap.as<int32_t>()[p]);
    for (int32_t i = 0; i < len; ++i) {
      int64_t s = s0 + i;
      got.insert({q.preIndex.as<int32_t>()[s], q.par.as<int32_t>()[s], q.states[0].as<float>()[s]});
      EXPECT_EQ(q.postOf.as<int32_t>()[s], p);
      if (i > 0) {  // rows stay sorted by (pre, par)
        auto prev = std::make_pair(q.preIndex.as<int32_t>()[s - 1], q.par.as<int32_t>()[s - 1]);
        EXPECT_LT(prev, std::make_pair(q.preIndex.as<int32_t>()[s], q.par.as<int32_t>()[s]));
      }
    }
    auto it = ref.find(p);
    EXPECT_EQ(got, it == ref.end() ? decltype(got){} : it->second) << "row " << p;
    total += len;
  }
  EXPECT_EQ(total, q.synapses());
}

} // namespace

TEST(Projection, BuildLaysOutRowsInEdgeOrder) {
  Population a(pop("a", 4), 0), b(pop("b", 3), 1);
  a.grow(4);
  b.grow(3);
  Projection q(proj(2), 0, a, b);
  std::vector<int64_t> order = q.build({{2, 1}, {0, 3}, {0, 1}});
  ASSERT_EQ(order.size(), 6u);
  // Edge order: by post, then pre, then parallel number.
  std::vector<std::tuple<int, int, int>> seen;
  for (int64_t s : order)
    seen.push_back({q.postOf.as<int32_t>()[s], q.preIndex.as<int32_t>()[s], q.par.as<int32_t>()[s]});
  std::vector<std::tuple<int, int, int>> want{{0, 1, 0}, {0, 1, 1}, {0, 3, 0}, {0, 3, 1}, {2, 1, 0}, {2, 1, 1}};
  EXPECT_EQ(seen, want);
  EXPECT_EQ(q.liveSlots(), order);
}

/// The outgoing index agrees with the rows: pre j lists post p once per synapse.
void expectOutgoing(Projection &q, const Ref &ref, int64_t nPre) {
  std::map<int64_t, std::multiset<int64_t>> want;
  for (auto &[post, row] : ref)
    for (auto &t : row) want[std::get<0>(t)].insert(post);
  for (int64_t j = 0; j < nPre; ++j) {
    std::vector<int64_t> got(q.outBegin(j), q.outEnd(j));
    EXPECT_TRUE(std::is_sorted(got.begin(), got.end())) << "pre " << j;
    std::multiset<int64_t> g(got.begin(), got.end());
    auto it = want.find(j);
    EXPECT_EQ(g, it == want.end() ? std::multiset<int64_t>{} : it->second) << "pre " << j;
  }
}

// Long random sequences of adds, deletes (tombstones folded at a step boundary),
// compactions and population growth, checked against a simple reference.
TEST(Projection, RandomEditsMatchReference) {
  int64_t nPre = 40, nPost = 30;
  Population a(pop("a", 1000), 0), b(pop("b", 1000), 1);
  a.grow(nPre);
  b.grow(nPost);
  Projection q(proj(3), 0, a, b);
  q.build({{0, 0}, {5, 7}});
  Ref ref;
  for (int64_t s : q.liveSlots()) {
    q.states[0].as<float>()[s] = 1.0f;
    ref[q.postOf.as<int32_t>()[s]].insert({q.preIndex.as<int32_t>()[s], q.par.as<int32_t>()[s], 1.0f});
  }
  std::mt19937_64 rng(12345);
  bool outgoingUsed = false;
  for (int round = 0; round < 20000; ++round) {
    int op = static_cast<int>(rng() % 20);
    if (op < 11) {
      int64_t post = static_cast<int64_t>(rng() % nPost), pre = static_cast<int64_t>(rng() % nPre);
      int32_t par = q.freeParallel(post, pre);
      auto &row = ref[post];
      int32_t want = 0;  // the lowest parallel number the reference does not use
      while (want < 3 && std::any_of(row.begin(), row.end(), [&](auto &t) {
               return std::get<0>(t) == pre && std::get<1>(t) == want;
             }))
        ++want;
      ASSERT_EQ(par, want < 3 ? want : -1);
      if (par < 0) continue;
      float w = static_cast<float>(round);
      int64_t s = q.add(post, pre, par);
      q.states[0].as<float>()[s] = w;
      row.insert({pre, par, w});
    } else if (op < 17) {
      // Kill a few synapses, then fold them in, as the prune phase does.
      std::vector<int64_t> live = q.liveSlots();
      for (int k = 0; k < 3 && !live.empty(); ++k) {
        size_t i = rng() % live.size();
        int64_t s = live[i];
        live.erase(live.begin() + static_cast<std::ptrdiff_t>(i));
        int64_t post = q.postOf.as<int32_t>()[s];
        ref[post].erase(ref[post].find({q.preIndex.as<int32_t>()[s], q.par.as<int32_t>()[s],
                                        q.states[0].as<float>()[s]}));
        q.kill(s);
      }
      q.fold();
    } else if (op == 17) {
      q.compact();
      // No holes left: the rows follow each other in post order.
      int64_t at = 0;
      for (int64_t p = 0; p < nPost; ++p) {
        EXPECT_EQ(q.rowStart.as<int64_t>()[p], at);
        at += q.rowCap.as<int32_t>()[p];
      }
      EXPECT_EQ(q.slotsUsed(), at);
    } else if (op == 18) {
      // Either population grows by a neuron; new rows start empty.
      if (rng() % 2) a.grow(1), ++nPre;
      else b.grow(1), ++nPost;
      q.resizeRows();
    } else {
      q.maybeCompact();
      if (!outgoingUsed || rng() % 8 == 0) {
        expectOutgoing(q, ref, nPre);
        outgoingUsed = true;
      }
    }
    if (round % 997 == 0) expectSame(q, ref, nPost);
  }
  expectSame(q, ref, nPost);
  expectOutgoing(q, ref, nPre);
  // Amortised growth: the slot arrays stay within a small factor of the live synapses.
  q.maybeCompact();
  EXPECT_LE(q.slotsUsed(), 2 * (q.synapses() + nPost * 8) + 1024);
}

TEST(Projection, PairSlotsFindParallelSynapses) {
  Population a(pop("a", 4), 0), b(pop("b", 2), 1);
  a.grow(4);
  b.grow(2);
  Projection q(proj(3), 0, a, b);
  q.build({{1, 2}, {1, 0}});
  auto [first, last] = q.pairSlots(1, 2);
  EXPECT_EQ(last - first, 3);
  for (int64_t s = first; s < last; ++s) EXPECT_EQ(q.preIndex.as<int32_t>()[s], 2);
  EXPECT_EQ(q.freeParallel(1, 2), -1);  // multiplicity 3, all used
  EXPECT_EQ(q.freeParallel(0, 2), 0);
  q.kill(first + 1);
  q.fold();
  EXPECT_EQ(q.freeParallel(1, 2), 1);  // the gap left by the removed one
  EXPECT_EQ(q.synapses(), 5);
}

TEST(Projection, ByPreIndexListsOutgoingSynapsesByPost) {
  Population a(pop("a", 5), 0), b(pop("b", 5), 1);
  a.grow(5);
  b.grow(5);
  Projection q(proj(1), 0, a, b);
  q.build({{4, 2}, {1, 2}, {3, 0}, {2, 2}});
  q.rebuildByPre();
  ASSERT_TRUE(q.byPreValid);
  EXPECT_EQ(q.byPreLen.as<int32_t>()[2], 3);
  EXPECT_EQ(q.byPreLen.as<int32_t>()[0], 1);
  EXPECT_EQ(q.byPreLen.as<int32_t>()[1], 0);
  int64_t start = q.byPreStart.as<int64_t>()[2];
  std::vector<int> posts;
  for (int i = 0; i < 3; ++i) posts.push_back(q.postOf.as<int32_t>()[q.byPre.as<int64_t>()[start + i]]);
  EXPECT_EQ(posts, (std::vector<int>{1, 2, 4}));
  q.add(0, 2, 0);
  EXPECT_FALSE(q.byPreValid);
}

// Removing neurons from a population (the `remove` rule): projections from,
// to and within it drop the removed neurons' synapses and renumber the rest;
// checked against a reference kept by stable id through rounds of removals
// and additions.
TEST(Projection, RemovingNeuronsMatchesReference) {
  Population a(pop("a", 1000), 0), b(pop("b", 1000), 1);
  a.grow(50);
  b.grow(20);
  ProjDesc within = proj(2), into = proj(1);
  within.pre = within.post = "a";
  Projection qa(within, 0, a, a), qb(into, 1, a, b);
  std::mt19937_64 rng(77);
  std::vector<std::pair<int64_t, int64_t>> pairsA, pairsB;
  for (int k = 0; k < 300; ++k) pairsA.push_back({static_cast<int64_t>(rng() % 50), static_cast<int64_t>(rng() % 50)});
  for (int k = 0; k < 100; ++k) pairsB.push_back({static_cast<int64_t>(rng() % 20), static_cast<int64_t>(rng() % 50)});
  std::sort(pairsA.begin(), pairsA.end());
  pairsA.erase(std::unique(pairsA.begin(), pairsA.end()), pairsA.end());
  std::sort(pairsB.begin(), pairsB.end());
  pairsB.erase(std::unique(pairsB.begin(), pairsB.end()), pairsB.end());
  // The reference by stable id: (post id, pre id, par) -> w.
  std::map<std::tuple<int64_t, int64_t, int32_t>, float> refA, refB;
  auto load = [](Projection &q, const std::vector<std::pair<int64_t, int64_t>> &pairs, auto &ref) {
    for (int64_t s : q.build(pairs)) {
      q.states[0].as<float>()[s] = static_cast<float>(s) + 0.5f;
      ref[{q.postOf.as<int32_t>()[s], q.preIndex.as<int32_t>()[s], q.par.as<int32_t>()[s]}] =
          static_cast<float>(s) + 0.5f;
    }
  };
  load(qa, pairsA, refA);
  load(qb, pairsB, refB);
  auto check = [&](Projection &q, const auto &ref) {
    const int64_t *preId = q.pre().ids.as<int64_t>(), *postId = q.post().ids.as<int64_t>();
    std::map<std::tuple<int64_t, int64_t, int32_t>, float> got;
    for (int64_t s : q.liveSlots())
      got[{postId[q.postOf.as<int32_t>()[s]], preId[q.preIndex.as<int32_t>()[s]], q.par.as<int32_t>()[s]}] =
          q.states[0].as<float>()[s];
    EXPECT_EQ(got, ref);
    EXPECT_EQ(q.checkRestored(), "");
    // The outgoing index, rebuilt after the removal, agrees with the rows.
    std::multiset<std::pair<int64_t, int64_t>> out, want;
    for (int64_t j = 0; j < q.pre().size(); ++j)
      for (const int32_t *p = q.outBegin(j); p != q.outEnd(j); ++p) out.insert({preId[j], postId[*p]});
    for (auto &[k, w] : ref) want.insert({std::get<1>(k), std::get<0>(k)});
    EXPECT_EQ(out, want);
  };
  for (int round = 0; round < 12; ++round) {
    std::vector<int64_t> newIndex(static_cast<size_t>(a.size()));
    int64_t kept = 0;
    std::set<int64_t> goneIds;
    for (int64_t i = 0; i < a.size(); ++i) {
      bool gone = rng() % 5 == 0;
      newIndex[static_cast<size_t>(i)] = gone ? -1 : kept++;
      if (gone) goneIds.insert(a.ids.as<int64_t>()[i]);
    }
    for (auto *ref : {&refA, &refB})
      for (auto it = ref->begin(); it != ref->end();) {
        bool touches = goneIds.count(std::get<1>(it->first)) ||
                       (ref == &refA && goneIds.count(std::get<0>(it->first)));
        it = touches ? ref->erase(it) : std::next(it);
      }
    qa.removeNeurons(&newIndex, &newIndex, kept);
    qb.removeNeurons(&newIndex, nullptr, b.size());
    a.removeNeurons(newIndex, kept);
    ASSERT_EQ(a.size(), kept);
    EXPECT_EQ(a.checkRestored(1000), "");
    for (int64_t i = 0; i < a.size(); ++i) EXPECT_EQ(goneIds.count(a.ids.as<int64_t>()[i]), 0u);
    check(qa, refA);
    check(qb, refB);
    // Growth goes on from there: new neurons get fresh ids, and synapses land in the right rows.
    int64_t first = a.grow(3, round);
    qa.resizeRows();
    qb.resizeRows();
    for (int k = 0; k < 40 && a.size() > 1; ++k) {
      int64_t post = static_cast<int64_t>(rng() % static_cast<uint64_t>(a.size()));
      int64_t pre = k < 3 ? first + k : static_cast<int64_t>(rng() % static_cast<uint64_t>(a.size()));
      int32_t par = qa.freeParallel(post, pre);
      if (par < 0) continue;
      int64_t s = qa.add(post, pre, par);
      qa.states[0].as<float>()[s] = static_cast<float>(round * 100 + k);
      refA[{a.ids.as<int64_t>()[post], a.ids.as<int64_t>()[pre], par}] = static_cast<float>(round * 100 + k);
    }
    check(qa, refA);
  }
  EXPECT_EQ(a.nextId(), 50 + 12 * 3);
}
