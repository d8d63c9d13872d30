#include "Rng.h"

#include <gtest/gtest.h>

#include <set>

using namespace ndprt;

// Known answers from an independent implementation: numpy.random.Philox with
// key [42, 7] and counter [4, 9, 1234567, 3] (random_raw() increments the
// counter before its first block), i.e. the block of counter [5, 9, 1234567, 3].
// test/Integration/philox.test checks more counters against NumPy live.
TEST(Philox, MatchesNumPy) {
  uint64_t key[2] = {42, 7}, ctr[4] = {5, 9, 1234567, 3}, out[4];
  Philox::block(key, ctr, out);
  EXPECT_EQ(out[0], 12432473870535971227ull);
  EXPECT_EQ(out[1], 1419915291216215645ull);
  EXPECT_EQ(out[2], 15939413941348907427ull);
  EXPECT_EQ(out[3], 14082545723578021428ull);
}

TEST(Draw, DependsOnlyOnItsKey) {
  Draw a{1, kSiteConnect}, b{1, kSiteConnect}, c{2, kSiteConnect};
  EXPECT_EQ(a.unit(0, 1, 2, 3), b.unit(0, 1, 2, 3));
  EXPECT_NE(a.unit(0, 1, 2, 3), c.unit(0, 1, 2, 3));
  EXPECT_NE(a.unit(0, 1, 2, 3), a.unit(0, 1, 2, 4));
}

TEST(Draw, UnitIsInRangeAndSpread) {
  Draw d{9, kSiteTaskPattern};
  double sum = 0;
  std::set<double> seen;
  for (uint64_t i = 0; i < 20000; ++i) {
    double u = d.unit(0, 0, i, 0);
    ASSERT_GE(u, 0.0);
    ASSERT_LT(u, 1.0);
    sum += u;
    seen.insert(u);
  }
  EXPECT_NEAR(sum / 20000, 0.5, 0.01);
  EXPECT_EQ(seen.size(), 20000u);
}
