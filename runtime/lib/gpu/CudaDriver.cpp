// Loading the CUDA driver API at run time (CudaDriver.h).
#include "CudaDriver.h"

#include <dlfcn.h>

namespace ndprt::gpu {

namespace {
template <class F> bool bind(void *lib, const char *name, F &fn) {
  fn = reinterpret_cast<F>(::dlsym(lib, name));
  return fn != nullptr;
}

constexpr int kAttributeManagedMemory = 83;  // CU_DEVICE_ATTRIBUTE_MANAGED_MEMORY
constexpr int kAttributeMajor = 75, kAttributeMinor = 76;  // CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_*
} // namespace

std::string CudaDriver::error(const char *call, Result r) const {
  const char *text = nullptr;
  if (getErrorString_) getErrorString_(r, &text);
  return std::string(call) + " failed: " + (text ? text : "error " + std::to_string(r));
}

bool CudaDriver::open(std::string &why) {
  lib_ = ::dlopen("libcuda.so.1", RTLD_NOW | RTLD_LOCAL);
  if (!lib_) {
    why = "no CUDA driver (libcuda.so.1 not found): install the NVIDIA driver, or run with --device cpu";
    return false;
  }
  // The _v2 names are the driver's current ABI of these calls (cuda.h maps the plain names to them).
  bool all = bind(lib_, "cuInit", init_) && bind(lib_, "cuDeviceGet", deviceGet_) &&
             bind(lib_, "cuDeviceGetName", deviceGetName_) && bind(lib_, "cuDeviceGetAttribute", deviceGetAttribute_) &&
             bind(lib_, "cuDevicePrimaryCtxRetain", primaryCtxRetain_) &&
             bind(lib_, "cuDevicePrimaryCtxRelease_v2", primaryCtxRelease_) &&
             bind(lib_, "cuCtxSetCurrent", ctxSetCurrent_) && bind(lib_, "cuGetErrorString", getErrorString_) &&
             bind(lib_, "cuModuleLoadData", moduleLoadData) && bind(lib_, "cuModuleGetFunction", moduleGetFunction) &&
             bind(lib_, "cuModuleUnload", moduleUnload) && bind(lib_, "cuMemAllocManaged", memAllocManaged) &&
             bind(lib_, "cuMemFree_v2", memFree) && bind(lib_, "cuMemAllocHost_v2", memAllocHost) &&
             bind(lib_, "cuMemFreeHost", memFreeHost) && bind(lib_, "cuMemsetD8_v2", memsetD8) &&
             bind(lib_, "cuMemcpy", memcpy) &&
             bind(lib_, "cuLaunchKernel", launchKernel) && bind(lib_, "cuStreamCreate", streamCreate) &&
             bind(lib_, "cuStreamSynchronize", streamSynchronize) &&
             bind(lib_, "cuStreamDestroy_v2", streamDestroy) && bind(lib_, "cuCtxSynchronize", ctxSynchronize);
  bind(lib_, "cuMemPrefetchAsync", memPrefetchAsync);  // the pre-CUDA-13 signature, which drivers keep
  if (!all) {
    why = "libcuda.so.1 lacks a driver API function ndpc needs; update the NVIDIA driver";
    return false;
  }
  if (Result r = init_(0)) return why = error("cuInit", r), false;
  if (Result r = deviceGet_(&device, 0)) return why = error("cuDeviceGet (no GPU?)", r), false;
  char name[256] = {0};
  deviceGetName_(name, sizeof name - 1, device);
  deviceName = name;
  int managed = 0, major = 0, minor = 0;
  deviceGetAttribute_(&managed, kAttributeManagedMemory, device);
  deviceGetAttribute_(&major, kAttributeMajor, device);
  deviceGetAttribute_(&minor, kAttributeMinor, device);
  computeCapability = 10 * major + minor;
  if (!managed) return why = "GPU '" + deviceName + "' has no managed memory, which ndpc's GPU runtime needs", false;
  if (Result r = primaryCtxRetain_(&ctx_, device)) return why = error("cuDevicePrimaryCtxRetain", r), false;
  if (Result r = ctxSetCurrent_(ctx_)) return why = error("cuCtxSetCurrent", r), false;
  return true;
}

bool CudaDriver::loadPTX(const std::string &ptx, const std::string &entry, std::string &why) {
  Module mod = nullptr;
  if (Result r = moduleLoadData(&mod, ptx.c_str())) return why = error("cuModuleLoadData", r), false;
  Function fn = nullptr;
  Result r = moduleGetFunction(&fn, mod, entry.c_str());
  moduleUnload(mod);
  if (r) return why = error(("cuModuleGetFunction(" + entry + ")").c_str(), r), false;
  return true;
}

CudaDriver::~CudaDriver() {
  if (ctx_ && primaryCtxRelease_) primaryCtxRelease_(device);
  if (lib_) ::dlclose(lib_);
}

} // namespace ndprt::gpu
