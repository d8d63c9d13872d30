// The user's driver: `ndpc check`, `ndpc compile`, `ndpc FILE -emit=STAGE`.
#include "ndpc/AST/ASTDumper.h"
#include "ndpc/Basic/DiagnosticVerifier.h"
#include "ndpc/Basic/Diagnostics.h"
#include "ndpc/Basic/Paths.h"
#include "ndpc/Basic/SourceManager.h"
#include "ndpc/Driver/Codegen.h"
#include "ndpc/Driver/Options.h"
#include "ndpc/Sema/Sema.h"

#include <iostream>

#ifndef NDPC_VERSION
#define NDPC_VERSION "0.1"
#endif

namespace {

/// An output that would overwrite a source, or that cannot be written, is
/// refused before any work (the linker's own words would come last and say
/// less).
bool checkOutputPath(const std::string &out, const ndpc::SourceManager &sm) {
  using namespace ndpc;
  if (out.empty() || out == "-") return true;
  const std::string canon = canonicalPath(out);
  for (uint32_t f = 1; f <= sm.numFiles(); ++f)
    if (canonicalPath(sm.path(f)) == canon) {
      std::cerr << "ndpc: error: -o '" << out << "' is " << (f == 1 ? "the model's source file" : "a file the model imports")
                << "; writing there would destroy it: give the output another name\n";
      return false;
    }
  std::string why;
  if (!canWriteFile(out, why)) {
    std::cerr << "ndpc: error: cannot write '" << out << "': " << why << "\n";
    return false;
  }
  return true;
}

/// Make's escaping of a path in a rule: spaces, '#' and '$'.
std::string makeEscaped(const std::string &path) {
  std::string out;
  for (char c : path) {
    if (c == ' ' || c == '#') out.push_back('\\');
    if (c == '$') out.push_back('$');
    out.push_back(c);
  }
  return out;
}

/// The depfile of a compiled model: the output depends on every file read.
int writeDepfile(const std::string &depfile, const std::string &output, const ndpc::SourceManager &sm) {
  std::string text = makeEscaped(ndpc::canonicalPath(output)) + ":";
  for (uint32_t f = 1; f <= sm.numFiles(); ++f) text += " \\\n  " + makeEscaped(ndpc::canonicalPath(sm.path(f)));
  std::string error;
  if (ndpc::writeFileAtomically(depfile, text + "\n", error)) return 0;
  std::cerr << "ndpc: error: " << error << "\n";
  return 1;
}

} // namespace

int main(int argc, char **argv) {
  using namespace ndpc;
  DriverOptions opts;
  std::string error;
  if (!parseDriverOptions(argc, argv, opts, error)) {
    std::cerr << "ndpc: error: " << error << "\n" << kUsage;
    return 2;
  }
  if (opts.command == DriverOptions::Command::Help) {
    std::cout << kUsage;
    return 0;
  }
  if (opts.command == DriverOptions::Command::Version) {
    std::cout << "ndpc " << NDPC_VERSION << " (NDP language version 0)\n";
    return 0;
  }

  SourceManager sm;
  DiagnosticEngine diags(sm, std::cerr, opts.verify ? 0 : 20);
  diags.setCollecting(opts.verify);
  SemaOptions sema;
  sema.includeDirs = opts.includeDirs;
  sema.stdlibDir = defaultStdlibDir(argv[0]);
  std::unique_ptr<ast::Program> prog = loadProgram(opts.input, sm, diags, sema);

  if (opts.verify) {
    // Expected diagnostics are the point of -verify; success means they all matched.
    return verifyDiagnostics(sm, diags.collected(), std::cerr) ? 0 : 1;
  }
  if (!prog) return 1;
  if (opts.emit == "ast") {
    ast::dumpFile(*prog->main, std::cout);
    return 0;
  }
  if (opts.command == DriverOptions::Command::Check) return 0;
  if (!checkOutputPath(opts.output, sm) || !checkOutputPath(opts.depfile, sm)) return 1;
  if (!prog->model) {
    std::cerr << "ndpc: error: '" << opts.input
              << "' has no 'model' declaration: it is a library of declarations to import, "
                 "and only a model file can be compiled\n";
    return 1;
  }
  int rc = runCodegen(*prog, opts, sm, argv[0]);
  if (rc == 0 && !opts.depfile.empty()) rc = writeDepfile(opts.depfile, opts.output.empty() ? opts.input + ".o" : opts.output, sm);
  return rc;
}
