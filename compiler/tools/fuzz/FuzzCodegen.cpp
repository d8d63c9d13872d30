// libFuzzer target past checking: parse + sema, then MLIRGen, the ndp passes
// and the lowering to the LLVM dialect. An input that checks cleanly must also
// lower, in bounded time and memory (-timeout, -rss_limit_mb): a model that
// checks instantly but expands without bound in code generation is a finding.
#include "ndpc/Basic/Diagnostics.h"
#include "ndpc/Basic/SourceManager.h"
#include "ndpc/MLIRGen/MLIRGen.h"
#include "ndpc/Pipelines/Pipelines.h"
#include "ndpc/Sema/Sema.h"

#include "CheckInput.h"

#include "mlir/IR/MLIRContext.h"
#include "mlir/Pass/PassManager.h"

#include <cstddef>
#include <cstdint>
#include <sstream>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  ndpc::SourceManager sm;
  std::ostringstream sink;
  ndpc::DiagnosticEngine diags(sm, sink);
  std::unique_ptr<ndpc::ast::Program> prog = ndpc::fuzz::checkInput(data, size, sm, diags);
  if (!prog || !prog->model) return 0;

  mlir::MLIRContext ctx;
  ctx.printOpOnDiagnostic(false);
  ndpc::loadPipelineDialects(ctx);
  // Diagnostics of the passes go nowhere: a located error is a fine outcome.
  mlir::ScopedDiagnosticHandler quiet(&ctx, [](mlir::Diagnostic &) { return mlir::success(); });
  mlir::OwningOpRef<mlir::ModuleOp> module = ndpc::buildModule(ctx, *prog, sm, diags);
  if (!module) return 0;
  mlir::PassManager pm(&ctx);
  ndpc::addNDPPasses(pm, ndpc::PipelineOptions{});
  ndpc::addKernelLowering(pm);
  ndpc::addLLVMLowering(pm);
  (void)pm.run(*module);
  return 0;
}
