// A stand-in for the CUDA driver (libcuda.so.1) for tests on machines without
// a GPU. A program compiled with `ndpc compile --target=gpu --gpu-emulation`
// carries host copies of its GPU kernels (`ndp_emu_NAME`); this library runs
// them where the driver would run the PTX, one block and one thread after
// the other, so the compiled launches, the runtime's device memory and the
// GPU arithmetic run and can be checked against the CPU. It checks what a real
// driver would reject: a kernel the PTX does not declare, memory it did not
// hand out, a grid of zero blocks. Managed memory comes back filled with junk,
// so a run that relies on fresh memory being zero fails here too.
#include <dlfcn.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <mutex>
#include <string>

namespace {

enum : int {
  kSuccess = 0, kInvalidValue = 1, kOutOfMemory = 2, kInvalidDevice = 101, kInvalidImage = 200,
  kInvalidHandle = 400, kNotFound = 500
};

struct Module { std::string ptx; };
using Entry = void (*)(void **params, const int64_t *ids);

std::map<uintptr_t, size_t> &managed() {  // start -> bytes
  static std::map<uintptr_t, size_t> m;
  return m;
}
std::mutex lock;

bool inManaged(uintptr_t p, size_t bytes) {
  auto &m = managed();
  auto it = m.upper_bound(p);
  if (it == m.begin()) return false;
  --it;
  return p + bytes <= it->first + it->second;
}

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
  *value = attribute == 83 ? 1 : 0;  // managed memory: yes
  return kSuccess;
}
int cuDevicePrimaryCtxRetain(void **ctx, int) {
  static char theContext;
  *ctx = &theContext;
  return kSuccess;
}
int cuDevicePrimaryCtxRelease_v2(int) { return kSuccess; }
int cuCtxSetCurrent(void *) { return kSuccess; }
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

int cuModuleLoadData(void **module, const void *image) {
  const char *ptx = static_cast<const char *>(image);
  if (!ptx || !std::strstr(ptx, ".version") || !std::strstr(ptx, ".target")) return kInvalidImage;
  *module = new Module{ptx};
  return kSuccess;
}
int cuModuleUnload(void *module) {
  delete static_cast<Module *>(module);
  return kSuccess;
}
int cuModuleGetFunction(void **function, void *module, const char *name) {
  if (!module) return kInvalidHandle;
  const std::string &ptx = static_cast<Module *>(module)->ptx;
  if (ptx.find(".visible .entry " + std::string(name) + "(") == std::string::npos) return kNotFound;
  void *entry = ::dlsym(RTLD_DEFAULT, ("ndp_emu_" + std::string(name)).c_str());
  if (!entry) return kNotFound;  // compiled without --gpu-emulation
  *function = entry;
  return kSuccess;
}

int cuMemAllocManaged(unsigned long long *ptr, size_t bytes, unsigned) {
  if (bytes == 0) return kInvalidValue;
  size_t rounded = (bytes + 255) / 256 * 256;
  void *p = std::aligned_alloc(256, rounded);
  if (!p) return kOutOfMemory;
  std::memset(p, 0xA5, rounded);
  std::lock_guard<std::mutex> g(lock);
  managed()[reinterpret_cast<uintptr_t>(p)] = bytes;
  *ptr = reinterpret_cast<uintptr_t>(p);
  return kSuccess;
}
int cuMemFree_v2(unsigned long long ptr) {
  std::lock_guard<std::mutex> g(lock);
  auto it = managed().find(static_cast<uintptr_t>(ptr));
  if (it == managed().end()) return kInvalidValue;
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
int cuMemsetD8_v2(unsigned long long ptr, unsigned char value, size_t bytes) {
  std::lock_guard<std::mutex> g(lock);
  if (!inManaged(static_cast<uintptr_t>(ptr), bytes)) return kInvalidValue;
  std::memset(reinterpret_cast<void *>(static_cast<uintptr_t>(ptr)), value, bytes);
  return kSuccess;
}

int cuMemPrefetchAsync(unsigned long long ptr, size_t bytes, int device, void *) {
  std::lock_guard<std::mutex> g(lock);
  return device == 0 && inManaged(static_cast<uintptr_t>(ptr), bytes) ? kSuccess : kInvalidValue;
}

int cuStreamCreate(void **stream, unsigned) {
  static char theStream;
  *stream = &theStream;
  return kSuccess;
}
int cuStreamSynchronize(void *) { return kSuccess; }
int cuStreamDestroy_v2(void *) { return kSuccess; }

int cuLaunchKernel(void *function, unsigned gx, unsigned gy, unsigned gz, unsigned bx, unsigned by, unsigned bz,
                   unsigned sharedBytes, void *, void **params, void **extra) {
  if (!function) return kInvalidHandle;
  if (!gx || !gy || !gz || !bx || !by || !bz || bx * by * bz > 1024 || sharedBytes || extra) return kInvalidValue;
  Entry entry = reinterpret_cast<Entry>(function);
  int64_t ids[12] = {0, 0, 0, 0, 0, 0, bx, by, bz, gx, gy, gz};
  for (ids[2] = 0; ids[2] < gz; ++ids[2])
    for (ids[1] = 0; ids[1] < gy; ++ids[1])
      for (ids[0] = 0; ids[0] < gx; ++ids[0])
        for (ids[5] = 0; ids[5] < bz; ++ids[5])
          for (ids[4] = 0; ids[4] < by; ++ids[4])
            for (ids[3] = 0; ids[3] < bx; ++ids[3]) entry(params, ids);
  return kSuccess;
}

} // extern "C"
