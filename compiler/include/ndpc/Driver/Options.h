// The driver's command line (language.md section 9).
#ifndef NDPC_DRIVER_OPTIONS_H
#define NDPC_DRIVER_OPTIONS_H

#include <string>
#include <vector>

namespace ndpc {

/// What `ndpc` was asked to do (language.md section 9).
struct DriverOptions {
  enum class Command { None, Check, Compile, Help, Version } command = Command::None;
  std::string input;
  std::string output;                 // -o
  std::string depfile;                // --depfile FILE: the files the model was read from, in Make's syntax
  std::string emit;                   // -emit=STAGE (empty: link a program)
  std::string target = "cpu";         // --target=cpu|gpu
  int optLevel = 3;                   // -O0..-O3
  bool shared = false;                // --shared
  bool verify = false;                // -verify: check expected-* comments instead of printing
  bool printLocations = false;        // -mlir-print-debuginfo: show each op's source location
  bool gpuEmulation = false;          // --gpu-emulation: host copies of the GPU kernels (tests; docs/gpu.md)
  std::vector<std::string> includeDirs;
};

/// Parses argv; on a usage error prints it to stderr and returns false.
bool parseDriverOptions(int argc, char **argv, DriverOptions &opts, std::string &error);

extern const char *const kUsage;

} // namespace ndpc

#endif
