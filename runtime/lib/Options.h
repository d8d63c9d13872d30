// The compiled program's command line (language.md section 9), parsed and
// range-checked in one place, so that the program and the shared library's
// ndp_create accept exactly the same arguments and refuse the same mistakes.
#ifndef NDPRT_OPTIONS_H
#define NDPRT_OPTIONS_H

#include "Descriptor.h"

#include <cstdint>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace ndprt {

enum class Device { Cpu, Gpu };

// The ranges the compiler allows in a run block (Sema's RunBlock.cpp), so that
// a flag can set exactly what a model file could.
constexpr int64_t kMaxSteps = 2147483647;
constexpr int64_t kMaxSeed = int64_t(1) << 53;
constexpr int64_t kMaxThreadsFlag = 65536;

/// What the compiled program's command line sets.
struct Options {
  int64_t steps = -1;  // -1: the run block's
  bool seedSet = false;
  int64_t seed = 0;
  std::vector<std::pair<std::string, std::string>> params;  // --param NAME=VALUE, validated by paramValue
  std::vector<std::string> paramFiles;  // --param-file FILE.npz, applied in order before --param
  std::string outDir = ".";
  std::string dataDir;  // --data-dir: where feed, load() and `from` files are; empty: outDir
  /// The folder relative input files of the run block resolve against.
  const std::string &inputDir() const { return dataDir.empty() ? outDir : dataDir; }
  int threads = 0;  // 0: OpenMP's default
  bool quiet = false, stats = false, help = false;
  Device device = Device::Cpu;
  std::string resume;
  /// What the parser changed and the user should know (a capped --threads).
  std::vector<std::string> warnings;
};

/// A mistake on the command line: the program prints it with its usage and exits 2.
struct UsageError : std::runtime_error {
  explicit UsageError(const std::string &m) : std::runtime_error(m) {}
};

/// Parses argv[1..argc); throws UsageError naming the flag and its range.
/// `hardwareThreads` caps --threads (with a warning); 0 asks the machine.
Options parseOptions(int argc, const char *const *argv, int hardwareThreads = 0);

/// The usage text, with `program` as the program's name.
std::string usageText(const std::string &program);

/// The value `--param NAME=TEXT` gives a param of the model: a number in the
/// param's type's range (true/false for bool); throws a Fault naming the param.
double paramValue(const ParamDesc &param, const std::string &text);
/// Why `value` is outside the range of the param's type; empty when it fits.
std::string paramRangeError(const ParamDesc &param, double value);

} // namespace ndprt

#endif
