// The runtime's structural work (divide with and without split, connect,
// prune, snapshots, checkpoints) driven by the hand-written model of
// GrowthModel.h, so that these paths also run in the sanitizer build.
#include "Error.h"
#include "Files.h"
#include "GrowthModel.h"
#include "Simulator.h"
#include "TempDir.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>
#include <string>
#include <tuple>

using namespace ndprt;
using growth_model::descriptor;
using growth_model::table;

namespace {

/// Every projection's rows are sorted by (pre, parallel number), hold live
/// synapses of at most `multiplicity` per pair, and agree with the outgoing
/// index; p0's rows never pass its fanin cap (2 pairs of 2).
void expectConsistent(Simulator &sim) {
  for (const char *name : {"p0", "p1", "p2"}) {
    Projection &q = *sim.projection(name);
    std::map<int64_t, std::multiset<int64_t>> out;
    int64_t live = 0;
    for (int64_t p = 0; p < q.post().size(); ++p) {
      int64_t s0 = q.rowStart.as<int64_t>()[p];
      int32_t len = q.rowLen.as<int32_t>()[p];
      if (std::string(name) == "p0") {
        EXPECT_LE(len, 4) << "row " << p;
      }
      for (int32_t i = 0; i < len; ++i) {
        int64_t s = s0 + i;
        int32_t pre = q.preIndex.as<int32_t>()[s], par = q.par.as<int32_t>()[s];
        EXPECT_EQ(q.postOf.as<int32_t>()[s], p);
        EXPECT_TRUE(par >= 0 && par < q.desc().multiplicity) << name << " slot " << s;
        EXPECT_TRUE(pre >= 0 && pre < q.pre().size());
        if (i > 0) {
          EXPECT_LT(std::make_pair(q.preIndex.as<int32_t>()[s - 1], q.par.as<int32_t>()[s - 1]),
                    std::make_pair(pre, par))
              << name << " row " << p;
        }
        out[pre].insert(p);
        ++live;
      }
    }
    EXPECT_EQ(live, q.synapses()) << name;
    for (int64_t j = 0; j < q.pre().size(); ++j) {
      std::multiset<int64_t> got(q.outBegin(j), q.outEnd(j));
      EXPECT_EQ(got, out[j]) << name << " outgoing of " << j;
    }
  }
}

} // namespace

struct GrowthRun : ::testing::TestWithParam<bool> {};

TEST_P(GrowthRun, GrowsPrunesConnectsAndResumesBitForBit) {
  const std::string desc = descriptor(GetParam());
  std::vector<void *> kernels = table();
  TempDir tmpA("ndprt-growth"), tmpB("ndprt-growth");
  const std::string &dirA = tmpA.path(), &dirB = tmpB.path();

  Options a;
  a.outDir = dirA;
  a.quiet = true;
  Simulator straight(desc.c_str(), kernels.data(), a);
  straight.run(-1);
  std::string reportA = straight.finish();
  Population &c = *straight.population("c");
  EXPECT_GT(c.size(), 4) << "the population should have grown";
  EXPECT_LE(c.size(), 200);
  // Children know their parents, which are older.
  for (int64_t i = 0; i < c.size(); ++i) {
    int64_t parent = c.parent.as<int64_t>()[i];
    if (i < 4) EXPECT_EQ(parent, -1);
    else EXPECT_TRUE(parent >= 0 && parent < c.ids.as<int64_t>()[i]);
  }
  // The remove rule took the ids 4, 13, 22, ... at the growth step after
  // their birth; only those born at the last growth step are left.
  EXPECT_GT(c.nextId(), c.size() + 2) << "the remove rule should have removed neurons";
  int64_t lastGrowth = -1;
  for (int64_t i = 0; i < c.size(); ++i) lastGrowth = std::max(lastGrowth, c.born.as<int64_t>()[i]);
  for (int64_t i = 0; i < c.size(); ++i)
    if (c.ids.as<int64_t>()[i] % 9 == 4) EXPECT_EQ(c.born.as<int64_t>()[i], lastGrowth) << "id " << c.ids.as<int64_t>()[i];
  EXPECT_EQ(c.checkRestored(straight.step()), "");
  // Provenance: initial synapses join initial neurons; a division's join its
  // child (born then); a connect rule's come at or after both ends' birth.
  {
    Projection &q = *straight.projection("p1");
    ASSERT_TRUE(q.keepsProvenance());
    std::vector<int64_t> slots = q.liveSlots(), pre, post, born;
    std::vector<uint8_t> origin;
    q.stableIds(slots, pre, post);
    q.provenance(slots, origin, born);
    std::map<int64_t, int64_t> bornOf;
    for (int64_t i = 0; i < c.size(); ++i) bornOf[c.ids.as<int64_t>()[i]] = c.born.as<int64_t>()[i];
    std::set<int> seen;
    for (size_t k = 0; k < slots.size(); ++k) {
      const int64_t later = std::max(bornOf[pre[k]], bornOf[post[k]]);
      seen.insert(origin[k]);
      switch (static_cast<SynapseOrigin>(origin[k])) {
      case SynapseOrigin::Initial: EXPECT_TRUE(born[k] == -1 && later == -1) << k; break;
      case SynapseOrigin::Divide: EXPECT_EQ(born[k], later) << k; break;
      case SynapseOrigin::Connect: EXPECT_TRUE(born[k] >= later && born[k] < straight.step()) << k; break;
      default: ADD_FAILURE() << "origin " << int(origin[k]);
      }
    }
    EXPECT_TRUE(seen.count(int(SynapseOrigin::Divide)) && seen.count(int(SynapseOrigin::Connect)));
  }

  // The same run stopped after 30 steps and resumed from its checkpoint.
  Options b = a;
  b.outDir = dirB;
  b.steps = 30;
  {
    Simulator first(desc.c_str(), kernels.data(), b);
    first.run(-1);
    first.finish();
  }
  b.steps = -1;
  b.resume = dirB + "/c.ckpt";
  Simulator resumed(desc.c_str(), kernels.data(), b);
  EXPECT_EQ(resumed.step(), 30);
  resumed.run(-1);
  EXPECT_EQ(resumed.finish(), reportA);
  for (const char *f : {"/v.npy", "/c.ckpt", "/snap/snapshot_00000060.npz"})
    EXPECT_EQ(readFile(dirA + f, "output"), readFile(dirB + f, "output")) << f;

  // A truncated checkpoint is refused.
  std::string ckpt = readFile(dirA + "/c.ckpt", "checkpoint");
  TempDir tmpC("ndprt-growth");
  writeFileAtomically(tmpC.path() + "/bad.ckpt", ckpt.substr(0, ckpt.size() - 9));
  Options bad = a;
  bad.outDir = tmpC.path();
  bad.resume = tmpC.path() + "/bad.ckpt";
  try {
    Simulator refused(desc.c_str(), kernels.data(), bad);
    ADD_FAILURE() << "a truncated checkpoint was accepted";
  } catch (const Fault &f) {
    EXPECT_NE(std::string(f.what()).find("it is truncated"), std::string::npos) << f.what();
  }
  expectConsistent(straight);
  expectConsistent(resumed);
}

INSTANTIATE_TEST_SUITE_P(PlainAndSplit, GrowthRun, ::testing::Values(false, true));
