// The back half of a frontend-only ndpc (the sanitizer build): checks work,
// compiling says why it cannot.
#include "ndpc/Driver/Codegen.h"

#include <iostream>

namespace ndpc {

int runCodegen(const ast::Program &, const DriverOptions &opts, SourceManager &, const char *) {
  std::cerr << "ndpc: error: this ndpc was built without the MLIR code generator (a frontend-only "
               "build), so it cannot "
            << (opts.emit.empty() ? "compile" : "emit '" + opts.emit + "'")
            << "; reconfigure with -DNDPC_ENABLE_MLIR=ON\n";
  return 1;
}

} // namespace ndpc
