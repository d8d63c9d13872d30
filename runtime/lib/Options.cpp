// The compiled program's flags: each value is checked against its range here,
// before anything runs, so that a huge number is an error and never a silent
// saturation (a run of 2^63 steps, a wrapped thread count, an infinite param).
#include "Options.h"

#include "Descriptor.h"
#include "Error.h"

#include <cerrno>
#include <cfloat>
#include <cmath>
#include <cstdlib>
#include <thread>

namespace ndprt {

namespace {

int64_t parseInt(const std::string &flag, const std::string &v, int64_t lo, int64_t hi) {
  char *end = nullptr;
  errno = 0;
  long long x = std::strtoll(v.c_str(), &end, 10);
  if (v.empty() || *end != '\0' || errno == ERANGE || x < lo || x > hi)
    throw UsageError(flag + " needs an integer from " + std::to_string(lo) + " to " + std::to_string(hi) +
                     ", not '" + v + "'");
  return x;
}

std::pair<std::string, std::string> paramPair(const std::string &kv) {
  size_t e = kv.find('=');
  if (e == std::string::npos || e == 0) throw UsageError("--param needs NAME=VALUE, not '" + kv + "'");
  return {kv.substr(0, e), kv.substr(e + 1)};
}

} // namespace

Options parseOptions(int argc, const char *const *argv, int hardwareThreads) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i] ? argv[i] : "";
    const size_t eq = a.find('=');
    const std::string flag = a.substr(0, eq);
    // `--flag=value` or `--flag value`.
    auto value = [&]() -> std::string {
      if (eq != std::string::npos) return a.substr(eq + 1);
      if (i + 1 >= argc || !argv[i + 1]) throw UsageError(flag + " needs a value");
      return argv[++i];
    };
    if (a == "-h" || a == "--help") {
      o.help = true;
      return o;
    }
    if (flag == "--steps") {
      o.steps = parseInt("--steps", value(), 0, kMaxSteps);
    } else if (flag == "--seed") {
      o.seed = parseInt("--seed", value(), 0, kMaxSeed);
      o.seedSet = true;
    } else if (flag == "--out-dir") {
      o.outDir = value();
      if (o.outDir.empty()) throw UsageError("--out-dir needs a folder, not ''");
    } else if (flag == "--data-dir") {
      o.dataDir = value();
      if (o.dataDir.empty()) throw UsageError("--data-dir needs a folder, not ''");
    } else if (flag == "--threads") {
      o.threads = static_cast<int>(parseInt("--threads", value(), 1, kMaxThreadsFlag));
      const int hw = hardwareThreads > 0 ? hardwareThreads : static_cast<int>(std::thread::hardware_concurrency());
      // More threads than cores only makes every parallel step wait on the scheduler.
      if (hw > 0 && o.threads > hw) {
        o.warnings.push_back("--threads " + std::to_string(o.threads) + " is more than this machine's " +
                             std::to_string(hw) + " hardware threads; using " + std::to_string(hw));
        o.threads = hw;
      }
    } else if (flag == "--param-file") {
      o.paramFiles.push_back(value());
      if (o.paramFiles.back().empty()) throw UsageError("--param-file needs a .npz file, not ''");
    } else if (flag == "--resume") {
      o.resume = value();
    } else if (flag == "--device") {
      const std::string d = value();
      if (d == "cpu") o.device = Device::Cpu;
      else if (d == "gpu") o.device = Device::Gpu;
      else throw UsageError("--device is cpu or gpu, not '" + d + "'");
    } else if (a == "--quiet") {
      o.quiet = true;
    } else if (a == "--stats") {
      o.stats = true;
    } else if (a == "--param") {
      if (i + 1 >= argc || !argv[i + 1]) throw UsageError("--param needs NAME=VALUE");
      o.params.push_back(paramPair(argv[++i]));
    } else if (flag == "--param") {
      o.params.push_back(paramPair(a.substr(eq + 1)));
    } else {
      throw UsageError("unknown option '" + a + "'");
    }
  }
  return o;
}

std::string usageText(const std::string &program) {
  return "usage: " + program +
         " [--steps N] [--seed S] [--param NAME=VALUE]... [--param-file FILE.npz]...\n"
         "          [--out-dir DIR] [--data-dir DIR] [--threads N] [--resume CKPT] [--device cpu|gpu]\n"
         "          [--quiet] [--stats]\n"
         "Runs the compiled model; relative paths of its run block resolve against --out-dir\n"
         "(default: the current folder), those of the files it reads (feed, load, from) against\n"
         "--data-dir (default: --out-dir). Prints the report at the end.\n";
}

std::string paramRangeError(const ParamDesc &p, double v) {
  if (std::isnan(v)) return "param '" + p.name + "' is not a number";
  if (p.type == "bool" && v != 0.0 && v != 1.0) return "param '" + p.name + "' is a bool; give true or false (1 or 0)";
  if (p.type == "i32" && (v != std::floor(v) || v < -2147483648.0 || v > 2147483647.0))
    return "param '" + p.name + "' is an i32; give an integer from -2147483648 to 2147483647";
  if (p.type == "f32" && (!std::isfinite(v) || std::fabs(v) > FLT_MAX))
    return "param '" + p.name + "' is an f32; give a number of magnitude at most 3.40282e+38";
  if (!std::isfinite(v)) return "param '" + p.name + "' is an " + p.type + "; give a finite number";
  return {};
}

double paramValue(const ParamDesc &p, const std::string &text) {
  const std::string where = "--param " + p.name + "=" + text + ": ";
  if (p.type == "bool" && (text == "true" || text == "false")) return text == "true" ? 1.0 : 0.0;
  char *end = nullptr;
  const double v = std::strtod(text.c_str(), &end);
  if (text.empty() || *end != '\0' || std::isnan(v)) throw ValueFault(where + "'" + text + "' is not a number");
  if (std::string why = paramRangeError(p, v); !why.empty()) throw ValueFault(where + why);
  return v;
}

} // namespace ndprt
