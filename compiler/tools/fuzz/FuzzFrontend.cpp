// libFuzzer target over parse + sema + AST dump: any input must end in
// diagnostics or a program, never a crash, a hang, a leak or undefined behaviour.
#include "ndpc/AST/ASTDumper.h"
#include "ndpc/Basic/Diagnostics.h"
#include "ndpc/Basic/SourceManager.h"
#include "ndpc/Sema/Sema.h"

#include <cstddef>
#include <cstdint>
#include <sstream>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  ndpc::SourceManager sm;
  std::ostringstream sink;
  ndpc::DiagnosticEngine diags(sm, sink);
  uint32_t id = sm.addBuffer("fuzz.ndp", std::string(reinterpret_cast<const char *>(data), size));
  ndpc::SemaOptions opts;
  opts.stdlibDir = NDPC_SOURCE_STDLIB_DIR;
  std::unique_ptr<ndpc::ast::Program> prog = ndpc::checkBuffer(id, sm, diags, opts);
  if (prog) ndpc::ast::dumpFile(*prog->main, sink);
  return 0;
}
