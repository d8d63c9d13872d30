// libFuzzer target over parse + sema + AST dump: any input must end in
// diagnostics or a program, never a crash, a hang, a leak or undefined behaviour.
#include "ndpc/AST/ASTDumper.h"
#include "ndpc/Basic/Diagnostics.h"
#include "ndpc/Basic/SourceManager.h"
#include "ndpc/Sema/Sema.h"

#include "CheckInput.h"

#include <cstddef>
#include <cstdint>
#include <sstream>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  ndpc::SourceManager sm;
  std::ostringstream sink;
  ndpc::DiagnosticEngine diags(sm, sink);
  std::unique_ptr<ndpc::ast::Program> prog = ndpc::fuzz::checkInput(data, size, sm, diags);
  if (prog) ndpc::ast::dumpFile(*prog->main, sink);
  return 0;
}
