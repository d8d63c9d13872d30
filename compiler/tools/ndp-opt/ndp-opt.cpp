// ndp-opt: runs any ndp pass (or upstream pass) on .mlir input, for tests.
#include "ndpc/Conversion/Passes.h"
#include "ndpc/Dialect/NDP/IR/NDPDialect.h"
#include "ndpc/Dialect/NDP/Transforms/Passes.h"
#include "ndpc/Pipelines/Pipelines.h"
#include "ndpc/Transforms/Passes.h"

#include "mlir/InitAllDialects.h"
#include "mlir/InitAllPasses.h"
#include "mlir/Tools/mlir-opt/MlirOptMain.h"

int main(int argc, char **argv) {
  mlir::registerAllPasses();
  ndpc::ndp::registerNDPPasses();
  ndpc::registerNDPConversionPasses();
  ndpc::registerNDPKernelTransformsPasses();
  ndpc::registerNDPPipelines();
  mlir::DialectRegistry registry;
  mlir::registerAllDialects(registry);
  registry.insert<ndpc::ndp::NDPDialect>();
  return mlir::asMainReturnCode(mlir::MlirOptMain(argc, argv, "ndp optimizer driver\n", registry));
}
