// A stand-in for the CUDA driver (libcuda.so.1) for tests on machines without
// a GPU. A program compiled with `ndpc compile --target=gpu --gpu-emulation`
// carries host copies of its GPU kernels (`ndp_emu_NAME`); this library runs
// them where the driver would run the PTX, one block and one thread after
// the other, so the compiled launches, the runtime's device memory and the
// GPU arithmetic run and can be checked against the CPU. It checks what a real
// driver would reject: a kernel the PTX does not declare, memory it did not
// hand out, a grid of zero blocks. Managed memory comes back filled with junk,
// so a run that relies on fresh memory being zero fails here too.
//
// With NDPC_FAKE_CUDA_TRAFFIC=1 it also models unified memory's page moves:
// each 4 KiB page of managed memory belongs to the host or to the device; a
// page the other side touches moves (a page fault, caught with mprotect and
// SIGSEGV) and is counted. At exit it prints the bytes moved each way, so the
// host-device traffic of a GPU run is measured without a GPU (a lower bound:
// a real driver moves up to 2 MiB at a time).
#include "gpu/CudaDriver.h"  // the types, so that the signatures are the runtime's to the letter

#include <dlfcn.h>
#include <signal.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <mutex>
#include <string>
#include <vector>

using Cu = ndprt::gpu::CudaDriver;

namespace {

enum : int {
  kSuccess = 0, kInvalidValue = 1, kOutOfMemory = 2, kInvalidDevice = 101, kInvalidImage = 200,
  kInvalidHandle = 400, kNotFound = 500
};

struct Module { std::string ptx; };
using Entry = void (*)(void **params, const int64_t *ids);

constexpr size_t kPage = 4096;
enum Owner : uint8_t { kUntouched, kHost, kDevice };

struct Allocation {
  size_t bytes;
  std::vector<uint8_t> owner;  // per page (traffic model only)
};

std::map<uintptr_t, Allocation> &managed() {  // start -> allocation
  static std::map<uintptr_t, Allocation> m;
  return m;
}
std::mutex lock;

Allocation *find(uintptr_t p, uintptr_t *base) {
  auto &m = managed();
  auto it = m.upper_bound(p);
  if (it == m.begin()) return nullptr;
  --it;
  *base = it->first;
  return p < it->first + it->second.bytes ? &it->second : nullptr;
}

bool inManaged(uintptr_t p, size_t bytes) {
  uintptr_t base = 0;
  Allocation *a = find(p, &base);
  return a && p + bytes <= base + a->bytes;
}

// The traffic model (NDPC_FAKE_CUDA_TRAFFIC=1).
const bool traffic = std::getenv("NDPC_FAKE_CUDA_TRAFFIC") != nullptr;
Owner running = kHost;  // who executes now: the host, or a kernel / device memset
unsigned long long moved[3] = {0, 0, 0};  // bytes moved to the host, to the device; prefetched
unsigned long long launches = 0;

/// Pages are readable by whoever runs now only if they own them.
void protect(uintptr_t base, Allocation &a) {
  size_t pages = a.owner.size();
  for (size_t i = 0; i < pages;) {
    size_t j = i;
    const bool open = a.owner[i] == running;
    while (j < pages && (a.owner[j] == running) == open) ++j;
    ::mprotect(reinterpret_cast<void *>(base + i * kPage), (j - i) * kPage, open ? PROT_READ | PROT_WRITE : PROT_NONE);
    i = j;
  }
}

void switchTo(Owner who) {
  if (!traffic || running == who) return;
  running = who;
  for (auto &[base, a] : managed()) protect(base, a);
}

void onFault(int sig, siginfo_t *info, void *) {
  uintptr_t addr = reinterpret_cast<uintptr_t>(info->si_addr), base = 0;
  Allocation *a = find(addr, &base);
  if (!a) {  // not ours: the default action
    ::signal(sig, SIG_DFL);
    return;
  }
  size_t page = (addr - base) / kPage;
  if (a->owner[page] != kUntouched) moved[running == kHost ? 0 : 1] += kPage;
  a->owner[page] = running;
  ::mprotect(reinterpret_cast<void *>(base + page * kPage), kPage, PROT_READ | PROT_WRITE);
}

struct Report {
  Report() {
    if (!traffic) return;
    struct sigaction sa = {};
    sa.sa_sigaction = onFault;
    sa.sa_flags = SA_SIGINFO;
    ::sigaction(SIGSEGV, &sa, nullptr);
  }
  ~Report() {
    if (traffic)
      std::fprintf(stderr, "fake-cuda: %llu launches; moved %llu bytes to the device, %llu to the host; prefetched %llu\n",
                   launches, moved[1], moved[0], moved[2]);
  }
} report;

} // namespace

extern "C" {

int cuInit(unsigned) { return kSuccess; }
int cuDeviceGet(int *dev, int ordinal) {
  if (ordinal != 0) return kInvalidDevice;
  *dev = 0;
  return kSuccess;
}
int cuDeviceGetName(char *name, int len, int) {
  std::snprintf(name, static_cast<size_t>(len), "host emulation (ndpc test driver)");
  return kSuccess;
}
int cuDeviceGetAttribute(int *value, int attribute, int) {
  // Managed memory: yes. Compute capability 9.0, or NDPC_FAKE_CUDA_CC (e.g. 80).
  const char *cc = std::getenv("NDPC_FAKE_CUDA_CC");
  const int capability = cc ? std::atoi(cc) : 90;
  *value = attribute == 83 ? 1 : attribute == 75 ? capability / 10 : attribute == 76 ? capability % 10 : 0;
  return kSuccess;
}
int cuDevicePrimaryCtxRetain(Cu::Context *ctx, int) {
  static char theContext;
  *ctx = reinterpret_cast<Cu::Context>(&theContext);
  return kSuccess;
}
int cuDevicePrimaryCtxRelease_v2(int) { return kSuccess; }
int cuCtxSetCurrent(Cu::Context) { return kSuccess; }
int cuCtxSynchronize() { return kSuccess; }
int cuGetErrorString(int r, const char **text) {
  switch (r) {
  case kInvalidValue: *text = "invalid argument"; break;
  case kOutOfMemory: *text = "out of memory"; break;
  case kInvalidImage: *text = "device kernel image is invalid"; break;
  case kNotFound: *text = "named symbol not found"; break;
  default: *text = "unknown error";
  }
  return kSuccess;
}

int cuModuleLoadData(Cu::Module *module, const void *image) {
  const char *ptx = static_cast<const char *>(image);
  if (!ptx || !std::strstr(ptx, ".version") || !std::strstr(ptx, ".target")) return kInvalidImage;
  *module = reinterpret_cast<Cu::Module>(new Module{ptx});
  return kSuccess;
}
int cuModuleUnload(Cu::Module module) {
  delete reinterpret_cast<Module *>(module);
  return kSuccess;
}
int cuModuleGetFunction(Cu::Function *function, Cu::Module module, const char *name) {
  if (!module) return kInvalidHandle;
  const std::string &ptx = reinterpret_cast<Module *>(module)->ptx;
  if (ptx.find(".visible .entry " + std::string(name) + "(") == std::string::npos) return kNotFound;
  void *entry = ::dlsym(RTLD_DEFAULT, ("ndp_emu_" + std::string(name)).c_str());
  if (!entry) return kNotFound;  // compiled without --gpu-emulation
  *function = reinterpret_cast<Cu::Function>(entry);
  return kSuccess;
}

int cuMemAllocManaged(Cu::DevicePtr *ptr, size_t bytes, unsigned) {
  if (bytes == 0) return kInvalidValue;
  size_t rounded = (bytes + kPage - 1) / kPage * kPage;  // whole pages: protection must not reach a neighbour
  void *p = std::aligned_alloc(kPage, rounded);
  if (!p) return kOutOfMemory;
  std::memset(p, 0xA5, rounded);
  std::lock_guard<std::mutex> g(lock);
  Allocation &a = managed()[reinterpret_cast<uintptr_t>(p)];
  a.bytes = bytes;
  if (traffic) {
    a.owner.assign(rounded / kPage, kUntouched);
    protect(reinterpret_cast<uintptr_t>(p), a);
  }
  *ptr = reinterpret_cast<uintptr_t>(p);
  return kSuccess;
}
int cuMemFree_v2(Cu::DevicePtr ptr) {
  std::lock_guard<std::mutex> g(lock);
  auto it = managed().find(static_cast<uintptr_t>(ptr));
  if (it == managed().end()) return kInvalidValue;
  if (traffic) ::mprotect(reinterpret_cast<void *>(it->first), it->second.owner.size() * kPage, PROT_READ | PROT_WRITE);
  managed().erase(it);
  std::free(reinterpret_cast<void *>(static_cast<uintptr_t>(ptr)));
  return kSuccess;
}
int cuMemAllocHost_v2(void **ptr, size_t bytes) {
  *ptr = std::malloc(bytes ? bytes : 1);
  return *ptr ? kSuccess : kOutOfMemory;
}
int cuMemFreeHost(void *ptr) {
  std::free(ptr);
  return kSuccess;
}
int cuMemsetD8_v2(Cu::DevicePtr ptr, unsigned char value, size_t bytes) {
  std::lock_guard<std::mutex> g(lock);
  if (!inManaged(static_cast<uintptr_t>(ptr), bytes)) return kInvalidValue;
  switchTo(kDevice);
  std::memset(reinterpret_cast<void *>(static_cast<uintptr_t>(ptr)), value, bytes);
  switchTo(kHost);
  return kSuccess;
}

int cuMemcpy(Cu::DevicePtr to, Cu::DevicePtr from, size_t bytes) {
  std::lock_guard<std::mutex> g(lock);
  if (!inManaged(static_cast<uintptr_t>(to), bytes) || !inManaged(static_cast<uintptr_t>(from), bytes))
    return kInvalidValue;  // the runtime copies only between its columns
  switchTo(kDevice);
  std::memcpy(reinterpret_cast<void *>(static_cast<uintptr_t>(to)),
              reinterpret_cast<const void *>(static_cast<uintptr_t>(from)), bytes);
  switchTo(kHost);
  return kSuccess;
}

int cuMemPrefetchAsync(Cu::DevicePtr ptr, size_t bytes, Cu::Device device, Cu::Stream) {
  std::lock_guard<std::mutex> g(lock);
  uintptr_t base = 0;
  Allocation *a = find(static_cast<uintptr_t>(ptr), &base);
  if (device != 0 || !a || ptr + bytes > base + a->bytes) return kInvalidValue;
  if (traffic) {
    for (size_t i = (ptr - base) / kPage; i * kPage < ptr - base + bytes; ++i) {
      if (a->owner[i] == kHost) moved[2] += kPage;
      if (a->owner[i] != kUntouched) a->owner[i] = kDevice;
    }
    protect(base, *a);
  }
  return kSuccess;
}

int cuStreamCreate(Cu::Stream *stream, unsigned) {
  static char theStream;
  *stream = reinterpret_cast<Cu::Stream>(&theStream);
  return kSuccess;
}
int cuStreamSynchronize(Cu::Stream) { return kSuccess; }
int cuStreamDestroy_v2(Cu::Stream) { return kSuccess; }

int cuLaunchKernel(Cu::Function function, unsigned gx, unsigned gy, unsigned gz, unsigned bx, unsigned by,
                   unsigned bz, unsigned sharedBytes, Cu::Stream, void **params, void **extra) {
  if (!function) return kInvalidHandle;
  if (!gx || !gy || !gz || !bx || !by || !bz || bx * by * bz > 1024 || sharedBytes || extra) return kInvalidValue;
  Entry entry = reinterpret_cast<Entry>(function);
  ++launches;
  switchTo(kDevice);
  int64_t ids[12] = {0, 0, 0, 0, 0, 0, bx, by, bz, gx, gy, gz};
  for (ids[2] = 0; ids[2] < gz; ++ids[2])
    for (ids[1] = 0; ids[1] < gy; ++ids[1])
      for (ids[0] = 0; ids[0] < gx; ++ids[0])
        for (ids[5] = 0; ids[5] < bz; ++ids[5])
          for (ids[4] = 0; ids[4] < by; ++ids[4])
            for (ids[3] = 0; ids[3] < bx; ++ids[3]) entry(params, ids);
  switchTo(kHost);
  return kSuccess;
}

} // extern "C"
