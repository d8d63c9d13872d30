// A GPU run's device: managed columns, page-locked staging, launches and
// the NaN flag over the CUDA driver (Device.h, docs/gpu.md).
#include "gpu/Device.h"

#include <cstdlib>
#include <cstring>

namespace ndprt::gpu {

namespace {
thread_local Device *currentDevice = nullptr;
constexpr unsigned kAttachGlobal = 1;  // CU_MEM_ATTACH_GLOBAL: any stream may touch it

CudaDriver::DevicePtr devicePtr(const void *p) {
  return static_cast<CudaDriver::DevicePtr>(reinterpret_cast<uintptr_t>(p));
}
} // namespace

Device *Device::current() { return currentDevice; }
Device::Scope::Scope(Device *d) : saved_(currentDevice) {
  currentDevice = d;
  if (d && d->open_) d->check("cuCtxSetCurrent", d->cu_.makeCurrent());
}
Device::Scope::~Scope() { currentDevice = saved_; }

bool Device::open(std::string &why) {
  if (!cu_.open(why)) return false;
  if (CudaDriver::Result r = cu_.streamCreate(&stream_, 0)) return why = cu_.error("cuStreamCreate", r), false;
  open_ = true;
  return true;
}

Device::~Device() {
  if (!open_) return;
  cu_.ctxSynchronize();
  for (auto &[ptx, m] : modules_) cu_.moduleUnload(m);
  cu_.streamDestroy(stream_);
}

bool Device::check(const char *call, CudaDriver::Result r) {
  if (r == 0) return true;
  if (failure_.empty()) failure_ = cu_.error(call, r);
  return false;
}

void *Device::allocate(size_t bytes) {
  CudaDriver::DevicePtr p = 0;
  if (cu_.memAllocManaged(&p, (bytes + 63) / 64 * 64, kAttachGlobal) != 0) return nullptr;
  return reinterpret_cast<void *>(static_cast<uintptr_t>(p));
}

void Device::release(void *p) {
  if (p) cu_.memFree(devicePtr(p));
}

void *Device::allocateHost(size_t bytes) {
  void *p = nullptr;
  return cu_.memAllocHost(&p, bytes ? bytes : 1) == 0 ? p : nullptr;
}

void Device::releaseHost(void *p) {
  if (p) cu_.memFreeHost(p);
}

void Device::prefetch(const void *p, size_t bytes) {
  if (p && bytes && cu_.memPrefetchAsync)
    check("cuMemPrefetchAsync", cu_.memPrefetchAsync(devicePtr(p), bytes, cu_.device, stream_));
}

void Device::zero(void *p, size_t bytes) {
  // A device memset does not wait for the host; the host may touch the memory next.
  if (p && bytes && check("cuMemsetD8", cu_.memsetD8(devicePtr(p), 0, bytes)))
    check("cuCtxSynchronize", cu_.ctxSynchronize());
}

void Device::copy(void *to, const void *from, size_t bytes) {
  // Device-to-device copies do not wait for the host either.
  if (to && from && bytes && check("cuMemcpy", cu_.memcpy(devicePtr(to), devicePtr(from), bytes)))
    check("cuCtxSynchronize", cu_.ctxSynchronize());
}

void *Device::module(const void *ptx) {
  auto it = modules_.find(ptx);
  if (it != modules_.end()) return it->second;
  // PTX for sm_XY runs on compute capability X.Y and later only: say so
  // rather than pass on the JIT's failure.
  const char *target = std::strstr(static_cast<const char *>(ptx), ".target sm_");
  const int needs = target ? std::atoi(target + 11) : 0;
  if (needs > cu_.computeCapability) {
    if (failure_.empty())
      failure_ = "GPU '" + name() + "' has compute capability " + std::to_string(cu_.computeCapability / 10) + "." +
                 std::to_string(cu_.computeCapability % 10) + "; this program's kernels are PTX for sm_" +
                 std::to_string(needs) + " and need " + std::to_string(needs / 10) + "." +
                 std::to_string(needs % 10) + " or newer (run it with --device cpu)";
    return nullptr;
  }
  CudaDriver::Module m = nullptr;
  if (!check("cuModuleLoadData", cu_.moduleLoadData(&m, ptx))) return nullptr;
  modules_[ptx] = m;
  return m;
}

void *Device::function(void *module, const char *name) {
  if (!module) return nullptr;
  auto key = std::make_pair(module, std::string(name));
  auto it = functions_.find(key);
  if (it != functions_.end()) return it->second;
  CudaDriver::Function f = nullptr;
  if (!check("cuModuleGetFunction", cu_.moduleGetFunction(&f, static_cast<CudaDriver::Module>(module), name)))
    return nullptr;
  functions_[key] = f;
  return f;
}

void Device::launch(void *function, const int64_t grid[3], const int64_t block[3], unsigned sharedBytes,
                    void **params) {
  if (!function || !failure_.empty()) return;
  // An empty range (no neurons yet, no synapses) is no launch: the driver
  // rejects a grid of zero blocks.
  if (grid[0] <= 0 || grid[1] <= 0 || grid[2] <= 0) return;
  ++launches_;
  check("cuLaunchKernel",
        cu_.launchKernel(static_cast<CudaDriver::Function>(function), static_cast<unsigned>(grid[0]),
                         static_cast<unsigned>(grid[1]), static_cast<unsigned>(grid[2]),
                         static_cast<unsigned>(block[0]), static_cast<unsigned>(block[1]),
                         static_cast<unsigned>(block[2]), sharedBytes, stream_, params, nullptr));
}

void Device::synchronize() { check("cuStreamSynchronize", cu_.streamSynchronize(stream_)); }

std::string Device::takeFailure() {
  std::string f;
  f.swap(failure_);
  return f;
}

} // namespace ndprt::gpu
