// The user's driver: `ndpc check`, `ndpc compile`, `ndpc FILE -emit=STAGE`.
#include "ndpc/AST/ASTDumper.h"
#include "ndpc/Basic/DiagnosticVerifier.h"
#include "ndpc/Basic/Diagnostics.h"
#include "ndpc/Basic/SourceManager.h"
#include "ndpc/Driver/Codegen.h"
#include "ndpc/Driver/Options.h"
#include "ndpc/Sema/Sema.h"

#include <iostream>

#ifndef NDPC_VERSION
#define NDPC_VERSION "0.1"
#endif

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
  if (!prog->model) {
    std::cerr << "ndpc: error: '" << opts.input
              << "' has no 'model' declaration: it is a library of declarations to import, "
                 "and only a model file can be compiled\n";
    return 1;
  }
  return runCodegen(*prog, opts, sm, argv[0]);
}
