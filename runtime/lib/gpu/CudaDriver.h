#ifndef NDPRT_GPU_CUDADRIVER_H
#define NDPRT_GPU_CUDADRIVER_H

#include <string>

namespace ndprt::gpu {

/// The few CUDA driver API entry points the GPU runtime needs, loaded at run
/// time with dlopen("libcuda.so.1"): a program built here runs (on the CPU)
/// where no driver is installed, and needs no CUDA toolkit to build. The
/// types are declared here with the driver's ABI (cuda.h is not in Debian).
class CudaDriver {
public:
  using Result = int;  // CUresult; 0 is CUDA_SUCCESS
  using Device = int;
  struct Opaque;
  using Context = Opaque *;
  using Module = Opaque *;
  using Function = Opaque *;

  /// Loads the driver and makes a context on device 0; false with `why`
  /// (no driver, no device, ...) otherwise.
  bool open(std::string &why);
  ~CudaDriver();

  /// Loads a PTX module (the driver compiles it for the device) and looks up
  /// `entry`; false with `why` on failure.
  bool loadPTX(const std::string &ptx, const std::string &entry, std::string &why);

private:
  std::string error(const char *call, Result r) const;

  void *lib_ = nullptr;
  Context ctx_ = nullptr;
  Result (*init_)(unsigned) = nullptr;
  Result (*deviceGet_)(Device *, int) = nullptr;
  Result (*deviceGetName_)(char *, int, Device) = nullptr;
  Result (*ctxCreate_)(Context *, unsigned, Device) = nullptr;
  Result (*ctxDestroy_)(Context) = nullptr;
  Result (*moduleLoadData_)(Module *, const void *) = nullptr;
  Result (*moduleGetFunction_)(Function *, Module, const char *) = nullptr;
  Result (*moduleUnload_)(Module) = nullptr;
  Result (*getErrorString_)(Result, const char **) = nullptr;

public:
  std::string deviceName;
};

} // namespace ndprt::gpu

#endif
