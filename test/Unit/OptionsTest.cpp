// The compiled program's command line: every number is checked against its
// range (language.md section 9 and the run block's own limits).
#include "Descriptor.h"
#include "Error.h"
#include "Options.h"

#include <gtest/gtest.h>

using namespace ndprt;

namespace {

Options parse(std::vector<const char *> args, int hardwareThreads = 8) {
  args.insert(args.begin(), "prog");
  return parseOptions(static_cast<int>(args.size()), args.data(), hardwareThreads);
}

std::string usageError(std::vector<const char *> args) {
  try {
    parse(std::move(args));
  } catch (const UsageError &e) {
    return e.what();
  }
  return "no error";
}

} // namespace

TEST(Options, ParsesEveryFlagInBothSpellings) {
  Options o = parse({"--steps", "10", "--seed=7", "--param", "a=1", "--param=b=2", "--out-dir", "d", "--threads=2",
                     "--resume", "c.ckpt", "--device", "gpu", "--quiet", "--stats"});
  EXPECT_EQ(o.steps, 10);
  EXPECT_TRUE(o.seedSet);
  EXPECT_EQ(o.seed, 7);
  ASSERT_EQ(o.params.size(), 2u);
  EXPECT_EQ(o.params[1], (std::pair<std::string, std::string>{"b", "2"}));
  EXPECT_EQ(o.outDir, "d");
  EXPECT_EQ(o.threads, 2);
  EXPECT_EQ(o.resume, "c.ckpt");
  EXPECT_EQ(o.device, Device::Gpu);
  EXPECT_TRUE(o.quiet && o.stats && !o.help);
  EXPECT_TRUE(o.warnings.empty());
  EXPECT_TRUE(parse({"--help"}).help);
}

// Numbers past their range used to saturate (2^63 - 1 steps) or wrap (a
// thread count of 2^32 + 1 became 1).
TEST(Options, OutOfRangeNumbersAreErrorsNamingTheRange) {
  EXPECT_EQ(usageError({"--steps", "99999999999999999999"}),
            "--steps needs an integer from 0 to 2147483647, not '99999999999999999999'");
  EXPECT_EQ(usageError({"--steps", "2147483648"}), "--steps needs an integer from 0 to 2147483647, not '2147483648'");
  EXPECT_EQ(parse({"--steps", "2147483647"}).steps, 2147483647);
  EXPECT_EQ(usageError({"--seed", "9007199254740993"}),
            "--seed needs an integer from 0 to 9007199254740992, not '9007199254740993'");
  EXPECT_EQ(usageError({"--threads", "4294967297"}), "--threads needs an integer from 1 to 65536, not '4294967297'");
  EXPECT_EQ(usageError({"--threads", "0"}), "--threads needs an integer from 1 to 65536, not '0'");
  EXPECT_EQ(usageError({"--steps", "12abc"}), "--steps needs an integer from 0 to 2147483647, not '12abc'");
  EXPECT_EQ(usageError({"--steps"}), "--steps needs a value");
  EXPECT_EQ(usageError({"--device", "tpu"}), "--device is cpu or gpu, not 'tpu'");
  EXPECT_EQ(usageError({"--param", "=3"}), "--param needs NAME=VALUE, not '=3'");
  EXPECT_EQ(usageError({"--out-dir="}), "--out-dir needs a folder, not ''");
}

TEST(Options, MoreThreadsThanTheMachineHasAreCappedWithAWarning) {
  Options o = parse({"--threads", "1000"}, 2);
  EXPECT_EQ(o.threads, 2);
  ASSERT_EQ(o.warnings.size(), 1u);
  EXPECT_EQ(o.warnings[0], "--threads 1000 is more than this machine's 2 hardware threads; using 2");
  EXPECT_TRUE(parse({"--threads", "2"}, 2).warnings.empty());
}

TEST(Options, ParamValuesFitTheirType) {
  ParamDesc f32{"x", "f32", 0}, f64{"y", "f64", 0}, i32{"n", "i32", 0}, b{"on", "bool", 0};
  auto fault = [](const ParamDesc &p, const char *text) -> std::string {
    try {
      paramValue(p, text);
    } catch (const Fault &e) {
      return e.what();
    }
    return "no error";
  };
  EXPECT_EQ(paramValue(f32, "3.4e38"), 3.4e38);
  EXPECT_EQ(fault(f32, "1e39"), "--param x=1e39: param 'x' is an f32; give a number of magnitude at most 3.40282e+38");
  EXPECT_EQ(paramValue(f64, "1e39"), 1e39);
  EXPECT_EQ(fault(f64, "1e400"), "--param y=1e400: param 'y' is an f64; give a finite number");
  EXPECT_EQ(fault(f32, "inf"), "--param x=inf: param 'x' is an f32; give a number of magnitude at most 3.40282e+38");
  EXPECT_EQ(fault(f32, "nan"), "--param x=nan: 'nan' is not a number");
  EXPECT_EQ(fault(i32, "2.5"), "--param n=2.5: param 'n' is an i32; give an integer from -2147483648 to 2147483647");
  EXPECT_EQ(fault(i32, "3000000000"),
            "--param n=3000000000: param 'n' is an i32; give an integer from -2147483648 to 2147483647");
  EXPECT_EQ(paramValue(i32, "-2147483648"), -2147483648.0);
  EXPECT_EQ(paramValue(b, "true"), 1.0);
  EXPECT_EQ(fault(f32, ""), "--param x=: '' is not a number");
}
