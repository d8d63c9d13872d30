// The compiler/runtime contract (ndp/Descriptor.h): the descriptor's text
// parses into the structs and prints back to the same bytes, for every line
// kind and for the descriptor of every example as the compiler writes it
// (Inputs/descriptors, kept current by test/Conversion/example-descriptors.test);
// binding names build and parse back; malformed text is refused.
#include "ndp/Descriptor.h"

#include <gtest/gtest.h>

#include <dirent.h>
#include <fstream>
#include <sstream>

using namespace ndpabi;

namespace {

const char *const kEveryLine =
    "ndp-descriptor 1\n"
    "model m\n"
    "param eta f32 0.01\n"
    "population cortex Cell 8 100 0.94999999999999996 1 0\n"
    "  state v f32 1\n  state e f32 4\n  input x\n  channel in f32 1\n  channel ge f32 1\n  out y f32 1\n"
    "  load v \"v 0.npy\"\n"
    "projection p0 cortex cortex S fanin 3 2 ge 1 0 w\n  state w f32 1\n  state prune.0 i32 1\n"
    "projection p1 cortex cortex S p 0.25 1 in 0 1 -\n  state w f32 1\n  load w \"w \\\"q\\\".npy\"\n"
    "projection p2 cortex cortex S from \"edges.npy\" 1 in 0 0 w\n  state w f32 1\n"
    "projection p3 cortex cortex S none - 1 in 0 0 w\n  state w f32 1\n"
    "kernel 0 pop_init cortex 2 ctx pop:cortex:state:v\n"
    "kernel 1 proj_event_gather p0 3 ctx proj:p0:by_pre_state:w scalars\n"
    "grow cortex 100\n  remove 6\n  divide 3 -1 1 1\n  connect p0 4\n"
    "prune p0 prune.0 200 5\n"
    "memory cortex cortex out y cortex 2 -1\n"
    "attend cortex e 2 4 10 p0 attend.0.e 3 1\n"
    "attend cortex e 1 1 1 - - 0 -1\n"
    "run 7 100 0.5\n"
    "record cortex out y 10 \"y.npy\"\n"
    "feed cortex x task \"patterns\" 5 8 2 0.10000000000000001 1\n"
    "snapshot 500 \"growth\"\n"
    "feed cortex x file \"in.npy\"\n"
    "report accuracy \"accuracy(a, b)\" cortex out y cortex input x -1 -1\n"
    "record cortex importance - 1 \"imp.npy\"\n"
    "record_synapses S w 5 \"w.npz\"\n"
    "report neurons \"neurons(cortex)\" cortex\n"
    "report synapses \"synapses(S)\" S\n"
    "report mse \"mse(a, b, from=5, to=9)\" cortex out y cortex input x 5 9\n"
    "checkpoint 1000 \"m.ckpt\"\n"
    "end\n";

std::string readText(const std::string &path) {
  std::ifstream in(path);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

} // namespace

TEST(Descriptor, ParsesEveryLineKind) {
  ModelDesc m = parseDescriptor(kEveryLine);
  EXPECT_EQ(m.name, "m");
  ASSERT_EQ(m.params.size(), 1u);
  EXPECT_DOUBLE_EQ(m.params[0].value, 0.01);
  ASSERT_EQ(m.pops.size(), 1u);
  const PopDesc &p = m.pops[0];
  EXPECT_EQ(p.max, 100);
  EXPECT_TRUE(p.spiking);
  EXPECT_EQ(p.states[1].width, 4);
  EXPECT_EQ(p.channels, (std::vector<VarDesc>{{"in", "f32", 1}, {"ge", "f32", 1}}));
  EXPECT_EQ(p.loads[0].file, "v 0.npy");
  ASSERT_EQ(m.projs.size(), 4u);
  EXPECT_EQ(m.projs[0].conn, Connectivity::Fanin);
  EXPECT_EQ(m.projs[0].fanin, 3);
  EXPECT_EQ(m.projs[0].multiplicity, 2);
  EXPECT_EQ(m.projs[0].channel, "ge");
  EXPECT_TRUE(m.projs[0].eventDriven);
  EXPECT_EQ(m.projs[0].linear, "w");
  EXPECT_EQ(m.projs[0].states[1].type, "i32");
  EXPECT_EQ(m.projs[1].conn, Connectivity::Prob);
  EXPECT_EQ(m.projs[1].prob, 0.25);
  EXPECT_TRUE(m.projs[1].fused);
  EXPECT_EQ(m.projs[1].linear, "");
  EXPECT_EQ(m.projs[1].loads[0].file, "w \"q\".npy");
  EXPECT_EQ(m.projs[2].file, "edges.npy");
  EXPECT_EQ(m.projs[3].conn, Connectivity::None);
  EXPECT_EQ(m.kernels[1].kind, KernelKind::ProjEventGather);
  EXPECT_EQ(m.kernels[0].bindings[1], "pop:cortex:state:v");
  ASSERT_EQ(m.grows.size(), 1u);
  ASSERT_EQ(m.grows[0].rules.size(), 3u);
  EXPECT_EQ(m.grows[0].rules[0].kind, GrowRuleKind::Remove);
  EXPECT_EQ(m.grows[0].rules[0].select, 6);
  EXPECT_EQ(m.grows[0].rules[1].kind, GrowRuleKind::Divide);
  EXPECT_EQ(m.grows[0].rules[1].child, -1);
  EXPECT_TRUE(m.grows[0].rules[1].split);
  EXPECT_TRUE(m.grows[0].rules[1].assignsParent);
  EXPECT_EQ(m.grows[0].rules[2].kind, GrowRuleKind::Connect);
  EXPECT_EQ(m.grows[0].rules[2].proj, "p0");
  EXPECT_EQ(m.prunes[0].steps, 200);
  EXPECT_EQ(m.memories[0].keyKind, ValueKind::Out);
  EXPECT_EQ(m.attends[0].edgeState, "attend.0.e");
  EXPECT_EQ(m.attends[1].proj, "");
  EXPECT_EQ(m.run.seed, 7);
  EXPECT_EQ(m.run.dt, 0.5);
  ASSERT_EQ(m.run.feeds.size(), 2u);
  EXPECT_TRUE(m.run.feeds[0].target);
  EXPECT_EQ(m.run.feeds[1].file, "in.npy");
  EXPECT_EQ(m.run.records[1].kind, ValueKind::Importance);
  EXPECT_EQ(m.run.records[1].name, "");
  ASSERT_EQ(m.run.records.size(), 3u);
  EXPECT_TRUE(m.run.records[2].synapses);
  EXPECT_EQ(m.run.records[2].pop, "S");
  EXPECT_EQ(m.run.records[2].name, "w");
  EXPECT_EQ(m.run.records[2].every, 5);
  EXPECT_EQ(m.run.records[2].path, "w.npz");
  EXPECT_EQ(m.run.reports[0].kind, ReportDesc::Kind::Accuracy);
  EXPECT_EQ(m.run.reports[0].kind2, ValueKind::Input);
  EXPECT_EQ(m.run.reports[2].kind, ReportDesc::Kind::Synapses);
  EXPECT_EQ(m.run.reports[0].from, -1);
  EXPECT_EQ(m.run.reports[3].kind, ReportDesc::Kind::Mse);
  EXPECT_EQ(m.run.reports[3].from, 5);
  EXPECT_EQ(m.run.reports[3].to, 9);
  EXPECT_EQ(m.run.snapshot.every, 500);
  EXPECT_EQ(m.run.checkpoint.path, "m.ckpt");
}

// One writer and one reader: the text prints back byte for byte (the run
// block's order too, since a checkpoint carries the text's hash), and the
// structs survive print -> parse.
TEST(Descriptor, PrintsBackWhatItParsed) {
  ModelDesc m = parseDescriptor(kEveryLine);
  EXPECT_EQ(printDescriptor(m), kEveryLine);
  EXPECT_EQ(parseDescriptor(printDescriptor(m).c_str()), m);
  // Built by hand (no run order): the canonical order, and still a round trip.
  ModelDesc built;
  built.name = "built";
  built.pops.push_back(m.pops[0]);
  built.run.records = m.run.records;
  built.run.feeds = m.run.feeds;
  built.run.checkpoint = m.run.checkpoint;
  const std::string text = printDescriptor(built);
  EXPECT_LT(text.find("feed cortex x task"), text.find("record cortex out y"));
  EXPECT_EQ(parseDescriptor(text.c_str()), built);
  EXPECT_EQ(printDescriptor(parseDescriptor(text.c_str())), text);
}

TEST(Descriptor, EveryExampleRoundTrips) {
  DIR *dir = ::opendir(NDPC_EXAMPLE_DESCRIPTORS);
  ASSERT_NE(dir, nullptr) << NDPC_EXAMPLE_DESCRIPTORS;
  int checked = 0;
  while (dirent *e = ::readdir(dir)) {
    std::string name = e->d_name;
    if (name.size() < 5 || name.substr(name.size() - 4) != ".txt") continue;
    const std::string text = readText(std::string(NDPC_EXAMPLE_DESCRIPTORS) + "/" + name);
    ModelDesc m = parseDescriptor(text.c_str());
    EXPECT_EQ(printDescriptor(m), text) << name;
    EXPECT_EQ(parseDescriptor(printDescriptor(m).c_str()), m) << name;
    EXPECT_FALSE(m.kernels.empty()) << name;
    ++checked;
  }
  ::closedir(dir);
  EXPECT_GE(checked, 10);
}

TEST(Descriptor, RefusesMalformedText) {
  auto refused = [](const char *text) -> std::string {
    try {
      parseDescriptor(text);
    } catch (const DescriptorError &e) {
      return e.what();
    }
    return "accepted";
  };
  EXPECT_EQ(refused("ndp-descriptor 1\nmodel m\n"), "the model descriptor is incomplete; recompile the model");
  EXPECT_NE(refused("ndp-descriptor 1\nparam eta f32\nend\n").find("line 2 is too short"), std::string::npos);
  EXPECT_NE(refused("ndp-descriptor 1\nparam eta f32 fast\nend\n").find("line 2 has a malformed number 'fast'"),
            std::string::npos);
  EXPECT_NE(refused("ndp-descriptor 1\nkernel 0 pop_frob p 0\nend\n").find("unknown kernel kind 'pop_frob'"),
            std::string::npos);
  EXPECT_NE(refused("ndp-descriptor 1\nprojection q a a S ring - 1 in 0 0 -\nend\n").find("unknown connectivity 'ring'"),
            std::string::npos);
  EXPECT_NE(refused("ndp-descriptor 1\nwidget 3\nend\n").find("unknown word 'widget'"), std::string::npos);
  EXPECT_NE(refused("ndp-descriptor 1\n  load w \"w.npy\"\nend\n").find("unknown word 'load'"), std::string::npos);
  EXPECT_NE(refused("ndp-descriptor 1\nkernel 0 pop_init p 99 ctx\nend\n").find("binding count"), std::string::npos);
  EXPECT_EQ(refused("ndp-descriptor 2\nend\n"), "this runtime reads descriptor version 1; recompile the model");
}

TEST(Descriptor, BindingNamesBuildAndParseBack) {
  for (int f = 0; f <= static_cast<int>(PopField::CandScore); ++f) {
    const auto field = static_cast<PopField>(f);
    const bool named = field == PopField::State || field == PopField::Input || field == PopField::Channel ||
                       field == PopField::Out;
    const std::string text = popBinding("cortex", field, named ? "v" : "");
    std::optional<Binding> b = parseBinding(text);
    ASSERT_TRUE(b) << text;
    EXPECT_EQ(b->scope, Binding::Scope::Pop);
    EXPECT_EQ(b->target, "cortex");
    EXPECT_EQ(b->pop, field) << text;
    EXPECT_EQ(b->name, named ? "v" : "");
  }
  for (int f = 0; f <= static_cast<int>(ProjField::ByPreState); ++f) {
    const auto field = static_cast<ProjField>(f);
    const bool named = field == ProjField::State || field == ProjField::ByPreState;
    const std::string text = projBinding("p0", field, named ? "w" : "");
    std::optional<Binding> b = parseBinding(text);
    ASSERT_TRUE(b) << text;
    EXPECT_EQ(b->proj, field) << text;
  }
  EXPECT_EQ(popBinding("c", PopField::EditParent), "pop:c:edit_parent");
  EXPECT_EQ(projBinding("q", ProjField::ByPreState, "w"), "proj:q:by_pre_state:w");
  EXPECT_EQ(parseBinding("scalars")->scope, Binding::Scope::Scalars);
  for (const char *bad : {"pop:c:frob", "pop:c:state", "pop:c:ids:x", "proj:q:state", "edge:q:pre", "pop::ids", "ctx:1",
                          "param:", "param:W:x"})
    EXPECT_FALSE(parseBinding(bad)) << bad;
  std::optional<Binding> w = parseBinding(paramBinding("W"));
  ASSERT_TRUE(w);
  EXPECT_EQ(w->scope, Binding::Scope::Param);
  EXPECT_EQ(w->target, "W");
}

TEST(Descriptor, ArrayParamsRoundTrip) {
  ModelDesc m;
  ArrayParamDesc fill{"b", 8, 0, ArrayParamDesc::Init::Fill, 0.25, 0, ""};
  ArrayParamDesc normal{"W", 8, 16, ArrayParamDesc::Init::Normal, 0.0, 0.1, ""};
  ArrayParamDesc uniform{"U", 2, 3, ArrayParamDesc::Init::Uniform, -1.0, 1.0, ""};
  ArrayParamDesc file{"F", 4, 4, ArrayParamDesc::Init::File, 0, 0, "dir with space/f.npy"};
  m.arrayParams = {fill, normal, uniform, file};
  const std::string text = printDescriptor(m);
  EXPECT_NE(text.find("param_array W 8 16 normal 0 0.1"), std::string::npos) << text;
  ModelDesc back = parseDescriptor(text.c_str());
  EXPECT_TRUE(back == m);
  EXPECT_EQ(back.arrayParams[3].file, "dir with space/f.npy");
  EXPECT_EQ(back.arrayParams[1].size(), 128);
  EXPECT_EQ(back.arrayParams[0].size(), 8);
  EXPECT_THROW(parseDescriptor("ndp-descriptor 1\nparam_array W 0 3 fill 0\nend\n"), DescriptorError);
  EXPECT_THROW(parseDescriptor("ndp-descriptor 1\nparam_array W 2 3 gamma 0\nend\n"), DescriptorError);
}

TEST(Descriptor, KindsHaveOneWordEach) {
  for (int k = 0; k <= static_cast<int>(KernelKind::MemoryCond); ++k)
    EXPECT_EQ(parseKernelKind(kernelKindName(static_cast<KernelKind>(k))), static_cast<KernelKind>(k));
  for (int k = 0; k <= static_cast<int>(ValueKind::Spiked); ++k)
    EXPECT_EQ(parseValueKind(valueKindName(static_cast<ValueKind>(k))), static_cast<ValueKind>(k));
  for (int k = 0; k <= static_cast<int>(Connectivity::None); ++k)
    EXPECT_EQ(parseConnectivity(connectivityName(static_cast<Connectivity>(k))), static_cast<Connectivity>(k));
  EXPECT_TRUE(isPopulationKernel(KernelKind::PopOut));
  EXPECT_FALSE(isPopulationKernel(KernelKind::GrowSelect));
}
