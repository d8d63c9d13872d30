// The functions MLIR's gpu-to-llvm lowering makes the compiled launches call
// (the names and signatures of MLIR 19's CUDA runtime wrappers), on the
// current gpu::Device. They cannot return an error; the Device keeps the
// first failure, and the simulator reports it after the kernel returns.
#include "gpu/Device.h"

#include <cstddef>
#include <cstdint>

using ndprt::gpu::Device;

namespace {
/// The one stream handed out: launches run in order and synchronize after
/// each kernel, so a stream per launch would buy nothing.
char theStream;
} // namespace

extern "C" {

void *mgpuModuleLoadJIT(void *ptx, int /*optLevel*/) {
  Device *d = Device::current();
  return d ? d->module(ptx) : nullptr;
}

void *mgpuModuleLoad(void *data, size_t /*bytes*/) { return mgpuModuleLoadJIT(data, 0); }

void mgpuModuleUnload(void * /*module*/) {}  // kept loaded for the next call

void *mgpuModuleGetFunction(void *module, const char *name) {
  Device *d = Device::current();
  return d ? d->function(module, name) : nullptr;
}

void *mgpuStreamCreate() { return &theStream; }
void mgpuStreamDestroy(void * /*stream*/) {}

void mgpuStreamSynchronize(void * /*stream*/) {
  if (Device *d = Device::current()) d->synchronize();
}

void mgpuLaunchKernel(void *function, intptr_t gridX, intptr_t gridY, intptr_t gridZ, intptr_t blockX,
                      intptr_t blockY, intptr_t blockZ, int32_t sharedBytes, void * /*stream*/, void **params,
                      void ** /*extra*/, size_t /*paramCount*/) {
  Device *d = Device::current();
  if (!d) return;
  const int64_t grid[3] = {gridX, gridY, gridZ}, block[3] = {blockX, blockY, blockZ};
  d->launch(function, grid, block, static_cast<unsigned>(sharedBytes), params);
}

} // extern "C"
