// The CUDA driver API as the GPU runtime reaches it, without a toolkit.
#ifndef NDPRT_GPU_CUDADRIVER_H
#define NDPRT_GPU_CUDADRIVER_H

#include <cstddef>
#include <cstdint>
#include <string>

namespace ndprt::gpu {

/// The CUDA driver API entry points the GPU runtime needs, loaded at run time
/// with dlopen("libcuda.so.1"): a program built here runs (on the CPU) where
/// no driver is installed, and needs no CUDA toolkit to build. The types are
/// declared here with the driver's ABI (cuda.h is not in Debian).
class CudaDriver {
public:
  using Result = int;  // CUresult; 0 is CUDA_SUCCESS
  using Device = int;
  using DevicePtr = unsigned long long;  // CUdeviceptr
  struct Opaque;
  using Context = Opaque *;
  using Module = Opaque *;
  using Function = Opaque *;
  using Stream = Opaque *;

  /// Loads the driver and makes the primary context of device 0 current;
  /// false with `why` (no driver, no device, ...) otherwise.
  bool open(std::string &why);
  ~CudaDriver();

  /// Loads a PTX module (the driver compiles it for the device) and looks up
  /// `entry`; false with `why` on failure.
  bool loadPTX(const std::string &ptx, const std::string &entry, std::string &why);

  /// Makes the context current on the calling thread (the driver keeps one
  /// per thread; a simulation may be driven from another thread than the
  /// one that opened it).
  Result makeCurrent() { return ctxSetCurrent_(ctx_); }

  /// "CALL failed: the driver's text for r".
  std::string error(const char *call, Result r) const;

  std::string deviceName;
  Device device = 0;
  int computeCapability = 0;  // 10 * major + minor (90: Hopper)

  // The driver functions, for Device (null until open() succeeds).
  Result (*moduleLoadData)(Module *, const void *) = nullptr;
  Result (*moduleGetFunction)(Function *, Module, const char *) = nullptr;
  Result (*moduleUnload)(Module) = nullptr;
  Result (*memAllocManaged)(DevicePtr *, size_t, unsigned) = nullptr;
  Result (*memFree)(DevicePtr) = nullptr;
  Result (*memAllocHost)(void **, size_t) = nullptr;
  Result (*memFreeHost)(void *) = nullptr;
  Result (*memsetD8)(DevicePtr, unsigned char, size_t) = nullptr;
  Result (*memcpy)(DevicePtr, DevicePtr, size_t) = nullptr;
  Result (*launchKernel)(Function, unsigned, unsigned, unsigned, unsigned, unsigned, unsigned, unsigned, Stream,
                         void **, void **) = nullptr;
  Result (*streamCreate)(Stream *, unsigned) = nullptr;
  Result (*streamSynchronize)(Stream) = nullptr;
  Result (*streamDestroy)(Stream) = nullptr;
  Result (*ctxSynchronize)() = nullptr;
  /// Optional (null where the driver lacks it): moves managed pages ahead of use.
  Result (*memPrefetchAsync)(DevicePtr, size_t, Device, Stream) = nullptr;

private:
  void *lib_ = nullptr;
  Context ctx_ = nullptr;
  Result (*init_)(unsigned) = nullptr;
  Result (*deviceGet_)(Device *, int) = nullptr;
  Result (*deviceGetName_)(char *, int, Device) = nullptr;
  Result (*deviceGetAttribute_)(int *, int, Device) = nullptr;
  Result (*primaryCtxRetain_)(Context *, Device) = nullptr;
  Result (*primaryCtxRelease_)(Device) = nullptr;
  Result (*ctxSetCurrent_)(Context) = nullptr;
  Result (*getErrorString_)(Result, const char **) = nullptr;
};

} // namespace ndprt::gpu

#endif
