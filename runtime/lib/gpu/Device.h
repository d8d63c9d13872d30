// The GPU a `--device gpu` run uses.
#ifndef NDPRT_GPU_DEVICE_H
#define NDPRT_GPU_DEVICE_H

#include "Column.h"
#include "gpu/CudaDriver.h"

#include <cstdint>
#include <map>
#include <string>
#include <utility>

namespace ndprt::gpu {

/// GPU 0 as a run with `--device gpu` uses it (docs/gpu.md): columns live in
/// managed memory, which the driver moves to the device when kernels touch it
/// and back when the host reads it (records, growth); the compiled launches
/// reach the driver through the mgpu* functions (Mgpu.cpp), which use the
/// current Device.
class Device final : public ColumnMemory {
public:
  /// Opens GPU 0; false with `why` where there is no driver or device.
  bool open(std::string &why);
  ~Device() override;

  void *allocate(size_t bytes) override;  // managed memory
  void release(void *p) override;
  /// Page-locked host memory the device reads and writes in place: for the
  /// small arrays the host changes at every launch (ctx, params, spike lists).
  void *allocateHost(size_t bytes);
  void releaseHost(void *p);
  /// Moves managed memory to the device ahead of the kernels (a hint: the
  /// kernels' page faults would move it too, more slowly).
  void prefetch(const void *p, size_t bytes);
  /// Copies `bytes` bytes between managed arrays on the device; finished
  /// when it returns.
  void copy(void *to, const void *from, size_t bytes);
  /// Sets `bytes` bytes at `p` (managed) to 0 on the device.
  void zero(void *p, size_t bytes);

  // For the mgpu* functions the compiled launches call.
  /// The module of this PTX (the driver JIT-compiles it once; kept loaded).
  void *module(const void *ptx);
  void *function(void *module, const char *name);
  void launch(void *function, const int64_t grid[3], const int64_t block[3], unsigned sharedBytes, void **params);
  void synchronize();

  /// The first failure since the last call (empty if none); the launches
  /// after a failure are skipped.
  std::string takeFailure();
  const std::string &name() const { return cu_.deviceName; }
  int64_t launches() const { return launches_; }

  /// The device of the run on this thread (the mgpu* functions have no
  /// argument for it); null outside a GPU run.
  static Device *current();
  class Scope {
  public:
    explicit Scope(Device *d);
    ~Scope();
    Scope(const Scope &) = delete;
    Scope &operator=(const Scope &) = delete;

  private:
    Device *saved_;
  };

private:
  bool check(const char *call, CudaDriver::Result r);

  CudaDriver cu_;
  bool open_ = false;
  CudaDriver::Stream stream_ = nullptr;
  std::map<const void *, CudaDriver::Module> modules_;
  std::map<std::pair<void *, std::string>, CudaDriver::Function> functions_;
  std::string failure_;
  int64_t launches_ = 0;
};

} // namespace ndprt::gpu

#endif
