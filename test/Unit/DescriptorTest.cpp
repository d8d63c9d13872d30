#include "Descriptor.h"
#include "Error.h"

#include <gtest/gtest.h>

using namespace ndprt;

TEST(Descriptor, ParsesEveryLineKind) {
  const char *text =
      "ndp-descriptor 1\n"
      "model m\n"
      "param eta f32 0.01\n"
      "population cortex Cell 8 100 0.95 1 0\n"
      "  state v f32 1\n  state e f32 4\n  input x\n  channel in\n  channel ge\n  out y f32 1\n"
      "  load v \"v 0.npy\"\n"
      "projection p0 cortex cortex S fanin 3 2 ge 1 0 w\n  state w f32 1\n  state prune.0 i32 1\n"
      "kernel 0 pop_init cortex 2 ctx pop:cortex:state:v\n"
      "grow cortex 100\n  divide 3 -1 1\n  connect p0 4\n"
      "prune p0 prune.0 200 5\n"
      "run 7 100 0.5\n"
      "feed cortex x task \"patterns\" 5 8 2 0.1 1\n"
      "record cortex out y 10 \"y.npy\"\n"
      "report accuracy \"accuracy(a, b)\" cortex out y cortex input x\n"
      "report neurons \"neurons(cortex)\" cortex\n"
      "snapshot 500 \"growth\"\n"
      "checkpoint 1000 \"m.ckpt\"\n"
      "end\n";
  ModelDesc m = parseDescriptor(text);
  EXPECT_EQ(m.name, "m");
  ASSERT_EQ(m.params.size(), 1u);
  EXPECT_DOUBLE_EQ(m.params[0].value, 0.01);
  ASSERT_EQ(m.pops.size(), 1u);
  const PopDesc &p = m.pops[0];
  EXPECT_EQ(p.max, 100);
  EXPECT_TRUE(p.spiking);
  EXPECT_EQ(p.states[1].width, 4);
  EXPECT_EQ(p.channels, (std::vector<std::string>{"in", "ge"}));
  EXPECT_EQ(p.loads[0].second, "v 0.npy");
  ASSERT_EQ(m.projs.size(), 1u);
  EXPECT_EQ(m.projs[0].arg, "3");
  EXPECT_EQ(m.projs[0].multiplicity, 2);
  EXPECT_TRUE(m.projs[0].eventDriven);
  EXPECT_EQ(m.kernels[0].bindings[1], "pop:cortex:state:v");
  EXPECT_EQ(m.run.seed, 7);
  EXPECT_TRUE(m.run.feeds[0].target);
  EXPECT_EQ(m.run.records[0].every, 10);
  EXPECT_EQ(m.run.reports[0].name2, "x");
  EXPECT_EQ(m.projs[0].linear, "w");
  EXPECT_EQ(m.projs[0].states[1].type, "i32");
  ASSERT_EQ(m.grows.size(), 1u);
  EXPECT_EQ(m.grows[0].every, 100);
  ASSERT_EQ(m.grows[0].rules.size(), 2u);
  EXPECT_TRUE(m.grows[0].rules[0].divide);
  EXPECT_EQ(m.grows[0].rules[0].child, -1);
  EXPECT_TRUE(m.grows[0].rules[0].split);
  EXPECT_EQ(m.grows[0].rules[1].proj, "p0");
  EXPECT_EQ(m.grows[0].rules[1].connect, 4);
  ASSERT_EQ(m.prunes.size(), 1u);
  EXPECT_EQ(m.prunes[0].steps, 200);
  EXPECT_EQ(m.prunes[0].kernel, 5);
  EXPECT_EQ(m.run.snapshot.every, 500);
  EXPECT_EQ(m.run.checkpoint.path, "m.ckpt");
}

TEST(Descriptor, RejectsATruncatedDescriptor) {
  EXPECT_THROW(parseDescriptor("ndp-descriptor 1\nmodel m\n"), Fault);
  EXPECT_THROW(parseDescriptor("ndp-descriptor 1\nparam eta f32\nend\n"), Fault);
}
