#include "CudaDriver.h"

#include <dlfcn.h>

namespace ndprt::gpu {

namespace {
template <class F> bool bind(void *lib, const char *name, F &fn) {
  fn = reinterpret_cast<F>(::dlsym(lib, name));
  return fn != nullptr;
}
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
  if (!bind(lib_, "cuInit", init_) || !bind(lib_, "cuDeviceGet", deviceGet_) ||
      !bind(lib_, "cuDeviceGetName", deviceGetName_) || !bind(lib_, "cuCtxCreate_v2", ctxCreate_) ||
      !bind(lib_, "cuCtxDestroy_v2", ctxDestroy_) || !bind(lib_, "cuModuleLoadData", moduleLoadData_) ||
      !bind(lib_, "cuModuleGetFunction", moduleGetFunction_) || !bind(lib_, "cuModuleUnload", moduleUnload_) ||
      !bind(lib_, "cuGetErrorString", getErrorString_)) {
    why = "libcuda.so.1 lacks a driver API function ndpc needs; update the NVIDIA driver";
    return false;
  }
  if (Result r = init_(0)) return why = error("cuInit", r), false;
  Device dev = 0;
  if (Result r = deviceGet_(&dev, 0)) return why = error("cuDeviceGet (no GPU?)", r), false;
  char name[256] = {0};
  deviceGetName_(name, sizeof name - 1, dev);
  deviceName = name;
  if (Result r = ctxCreate_(&ctx_, 0, dev)) return why = error("cuCtxCreate", r), false;
  return true;
}

bool CudaDriver::loadPTX(const std::string &ptx, const std::string &entry, std::string &why) {
  Module mod = nullptr;
  if (Result r = moduleLoadData_(&mod, ptx.c_str())) return why = error("cuModuleLoadData", r), false;
  Function fn = nullptr;
  Result r = moduleGetFunction_(&fn, mod, entry.c_str());
  moduleUnload_(mod);
  if (r) return why = error(("cuModuleGetFunction(" + entry + ")").c_str(), r), false;
  return true;
}

CudaDriver::~CudaDriver() {
  if (ctx_ && ctxDestroy_) ctxDestroy_(ctx_);
  if (lib_) ::dlclose(lib_);
}

} // namespace ndprt::gpu
