// Checking a program: imports, names, types, contexts, constants.
#ifndef NDPC_SEMA_SEMA_H
#define NDPC_SEMA_SEMA_H

#include "ndpc/AST/Decl.h"

#include <memory>
#include <string>
#include <vector>

namespace ndpc {

class SourceManager;
class DiagnosticEngine;

struct SemaOptions {
  std::vector<std::string> includeDirs;  // -I DIR, searched after the importing file's folder
  std::string stdlibDir;                 // holds std/...; searched last
};

/// Reads `mainPath`, parses it and everything it imports, and checks the whole
/// program (names, types, contexts, references, constants). Returns the program
/// when there were no errors, null otherwise; every problem is reported to `diags`.
std::unique_ptr<ast::Program> loadProgram(const std::string &mainPath, SourceManager &sm,
                                          DiagnosticEngine &diags, const SemaOptions &opts);

/// The same for a buffer already in `sm` (used by the fuzzer and unit tests).
std::unique_ptr<ast::Program> checkBuffer(uint32_t fileId, SourceManager &sm,
                                          DiagnosticEngine &diags, const SemaOptions &opts);

/// The stdlib folder found next to the running program or in the source tree.
std::string defaultStdlibDir(const char *argv0);

} // namespace ndpc

#endif
