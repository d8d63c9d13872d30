// Parsing the driver's command line (Options.h).
#include "ndpc/Driver/Options.h"

#include <cstring>

namespace ndpc {

const char *const kUsage =
    "usage: ndpc check FILE [-I DIR]...\n"
    "       ndpc compile FILE -o OUT [--shared] [-O0|-O1|-O2|-O3] [--target=cpu|gpu] [-I DIR]...\n"
    "                    [--depfile DEP]\n"
    "       ndpc [compile] FILE -emit=ast|ndp|lowered|llvm-dialect|llvm-ir|asm|obj|ptx [-o OUT]\n"
    "\n"
    "  check     parse and check FILE; exit 0 when clean, 1 on errors\n"
    "  compile   build a program (or with --shared a shared library) from FILE\n"
    "  -emit=S   print stage S instead of linking (obj is written to -o, or FILE.o)\n"
    "  -I DIR    add DIR to the import search path (std/... is always found)\n"
    "  --depfile DEP  after compiling, write 'OUT: FILE IMPORTS...' (Make's syntax, absolute paths) to DEP\n"
    "  -verify   check 'expected-error' comments in the sources instead of printing\n"
    "  -mlir-print-debuginfo  with -emit=ndp|lowered|llvm-dialect: print each op's source location\n"
    "  --target=gpu  the program runs on the CPU or, with '--device gpu', on an NVIDIA GPU (docs/gpu.md)\n"
    "  --gpu-emulation  with --target=gpu: also host copies of the GPU kernels, which a test driver runs\n"
    "                   in place of a GPU (for testing the GPU path without one)\n";

namespace {

const char *const kStages[] = {"ast", "ndp", "lowered", "llvm-dialect", "llvm-ir", "asm", "obj", "ptx"};

} // namespace

bool parseDriverOptions(int argc, char **argv, DriverOptions &opts, std::string &error) {
  int i = 1;
  if (i < argc) {
    std::string a = argv[i];
    if (a == "check") { opts.command = DriverOptions::Command::Check; ++i; }
    else if (a == "compile") { opts.command = DriverOptions::Command::Compile; ++i; }
  }
  for (; i < argc; ++i) {
    std::string a = argv[i];
    auto value = [&](const std::string &flag) -> std::string {
      if (a.size() > flag.size()) return a.substr(flag.size() + (a[flag.size()] == '=' ? 1 : 0));
      if (i + 1 < argc) return argv[++i];
      error = "'" + flag + "' needs a value";
      return {};
    };
    if (a == "-h" || a == "--help") { opts.command = DriverOptions::Command::Help; return true; }
    if (a == "--version") { opts.command = DriverOptions::Command::Version; return true; }
    if (a == "-o") { opts.output = value("-o"); }
    else if (a.rfind("--depfile", 0) == 0) { opts.depfile = value("--depfile"); }
    else if (a.rfind("-I", 0) == 0) { opts.includeDirs.push_back(value("-I")); }
    else if (a.rfind("-emit=", 0) == 0 || a.rfind("--emit=", 0) == 0) {
      opts.emit = a.substr(a.find('=') + 1);
      bool known = false;
      for (const char *s : kStages) known = known || opts.emit == s;
      if (!known) {
        error = "unknown stage '" + opts.emit + "' for -emit; use ast, ndp, lowered, llvm-dialect, llvm-ir, asm, obj or ptx";
        return false;
      }
    }
    else if (a.rfind("--target=", 0) == 0) {
      opts.target = a.substr(9);
      if (opts.target != "cpu" && opts.target != "gpu") {
        error = "unknown target '" + opts.target + "'; use --target=cpu or --target=gpu";
        return false;
      }
    }
    else if (a.size() == 3 && a[0] == '-' && a[1] == 'O' && a[2] >= '0' && a[2] <= '3') { opts.optLevel = a[2] - '0'; }
    else if (a == "--shared" || a == "-shared") { opts.shared = true; }
    else if (a == "-verify" || a == "--verify") { opts.verify = true; }
    else if (a == "-mlir-print-debuginfo" || a == "--mlir-print-debuginfo") { opts.printLocations = true; }
    else if (a == "--gpu-emulation") { opts.gpuEmulation = true; }
    else if (!a.empty() && a[0] == '-' && a != "-") {
      error = "unknown option '" + a + "'";
      return false;
    } else if (opts.input.empty()) {
      opts.input = a;
    } else {
      error = "more than one input file ('" + opts.input + "' and '" + a + "')";
      return false;
    }
    if (!error.empty()) return false;
  }
  if (opts.command == DriverOptions::Command::None) {
    if (opts.input.empty()) {
      error = "no command or input file";
      return false;
    }
    if (opts.emit.empty()) {
      error = "say what to do with '" + opts.input + "': 'ndpc check FILE', 'ndpc compile FILE -o OUT' or 'ndpc FILE -emit=STAGE'";
      return false;
    }
    opts.command = DriverOptions::Command::Compile;
  }
  if (opts.input.empty()) {
    error = "no input file";
    return false;
  }
  if (opts.command == DriverOptions::Command::Check && !opts.emit.empty() && opts.emit != "ast") {
    error = "'ndpc check' only parses and checks; use 'ndpc compile FILE -emit=" + opts.emit + "'";
    return false;
  }
  if (opts.command == DriverOptions::Command::Compile && opts.emit.empty() && opts.output.empty()) {
    error = "'ndpc compile' needs an output file: -o OUT";
    return false;
  }
  if (opts.gpuEmulation && opts.target != "gpu") {
    error = "--gpu-emulation needs --target=gpu";
    return false;
  }
  if (opts.emit == "ptx" && opts.target != "gpu") {
    error = "-emit=ptx needs --target=gpu";
    return false;
  }
  return true;
}

} // namespace ndpc
