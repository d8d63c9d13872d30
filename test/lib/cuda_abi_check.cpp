// Compiled (not run) by test/GPU/cuda-abi.test where a CUDA toolkit's cuda.h
// exists: the runtime declares the driver API itself (runtime/lib/gpu/
// CudaDriver.h, Debian has no cuda.h); this checks those declarations against
// the real header: the same argument and result sizes for every call, the
// symbol names cuda.h maps the calls to, and the constants.
#include <cuda.h>

#include "gpu/CudaDriver.h"

#include <cstring>

using ndprt::gpu::CudaDriver;

template <class R, class... A, class S, class... B> constexpr bool sameABI(R (*)(A...), S (*)(B...)) {
  if constexpr (sizeof...(A) != sizeof...(B)) {
    return false;
  } else {
    return sizeof(R) == sizeof(S) && ((sizeof(A) == sizeof(B)) && ... && true);
  }
}

#define CHECK(field, fn) \
  static_assert(sameABI(static_cast<decltype(CudaDriver::field)>(nullptr), &fn), #fn " differs from cuda.h")
void checks() {
  CHECK(moduleLoadData, cuModuleLoadData);
  CHECK(moduleGetFunction, cuModuleGetFunction);
  CHECK(moduleUnload, cuModuleUnload);
  CHECK(memAllocManaged, cuMemAllocManaged);
  CHECK(memFree, cuMemFree);
  CHECK(memAllocHost, cuMemAllocHost);
  CHECK(memFreeHost, cuMemFreeHost);
  CHECK(memsetD8, cuMemsetD8);
  CHECK(memcpy, cuMemcpy);
  CHECK(launchKernel, cuLaunchKernel);
  CHECK(streamCreate, cuStreamCreate);
  CHECK(streamSynchronize, cuStreamSynchronize);
  CHECK(streamDestroy, cuStreamDestroy);
  CHECK(ctxSynchronize, cuCtxSynchronize);
}

#define NAME_(x) #x
#define NAME(x) NAME_(x)
constexpr bool same(const char *a, const char *b) { return *a == *b && (*a == 0 || same(a + 1, b + 1)); }
// The names CudaDriver.cpp passes to dlsym are the ones cuda.h compiles calls to.
static_assert(same(NAME(cuMemFree), "cuMemFree_v2"));
static_assert(same(NAME(cuMemAllocHost), "cuMemAllocHost_v2"));
static_assert(same(NAME(cuMemsetD8), "cuMemsetD8_v2"));
static_assert(same(NAME(cuStreamDestroy), "cuStreamDestroy_v2"));
static_assert(same(NAME(cuDevicePrimaryCtxRelease), "cuDevicePrimaryCtxRelease_v2"));
static_assert(same(NAME(cuLaunchKernel), "cuLaunchKernel"));
static_assert(same(NAME(cuModuleLoadData), "cuModuleLoadData"));
static_assert(same(NAME(cuMemcpy), "cuMemcpy"));
static_assert(sizeof(CUdeviceptr) == sizeof(CudaDriver::DevicePtr));
static_assert(sizeof(CUresult) == sizeof(CudaDriver::Result));
static_assert(CU_DEVICE_ATTRIBUTE_MANAGED_MEMORY == 83 && CU_MEM_ATTACH_GLOBAL == 1);
