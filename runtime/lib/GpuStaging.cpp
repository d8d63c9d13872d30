// A GPU run's kernel arguments (docs/gpu.md): columns are managed memory the
// device reaches; what is not a column (ctx, params, spike lists, scratch,
// the NaN flag) goes through page-locked copies, which the device reads and
// writes in place.
#include "Error.h"
#include "Kernels.h"

#include <algorithm>
#include <cstring>

namespace ndprt {

size_t KernelTable::stagedElementBytes(const Binding &b) {
  switch (b.kind) {
  case Binding::Ctx: case Binding::Scalars: case Binding::InitSlots: return 8;
  case Binding::Status: case Binding::Spikes: case Binding::FirstList: case Binding::SecondList:
  case Binding::ScoreList: case Binding::ParamArray: return 4;
  case Binding::OkList: return 1;
  default: return 0;  // a column: device memory already
  }
}

void KernelTable::stageIn(Kernel &k, ndp_view *v) {
  k.staged.resize(k.bindings.size(), {nullptr, 0});
  k.prefetched.resize(k.bindings.size(), nullptr);
  for (size_t i = 0; i < k.bindings.size(); ++i) {
    const Binding &b = k.bindings[i];
    const size_t elem = stagedElementBytes(b);
    if (!elem) {
      if (&b.col->memory() != device_ && v[i].aligned)
        throw Fault("internal error: column '" + b.col->name() + "' of kernel " + kernelKindName(k.kind) + " " + k.target +
                    " is not in device memory");
      // A column made or moved on the host (the build, growth) goes to the
      // device in one transfer, not page fault by page fault.
      if (k.prefetched[i] != b.col->data()) {
        device_->prefetch(b.col->data(), static_cast<size_t>(b.col->capacity()) * b.col->elementBytes());
        k.prefetched[i] = b.col->data();
      }
      continue;
    }
    const size_t bytes = static_cast<size_t>(v[i].size) * elem;
    auto &[p, cap] = k.staged[i];
    if (bytes > cap) {
      device_->releaseHost(p);
      const size_t grown = std::max(bytes, 2 * cap);
      p = device_->allocateHost(grown);
      cap = p ? grown : 0;
      if (!p) throw Fault(std::string("out of page-locked host memory for kernel ") + kernelKindName(k.kind) + " " + k.target);
    }
    if (bytes) std::memcpy(p, v[i].aligned, bytes);
    v[i].allocated = v[i].aligned = p;
  }
}

void KernelTable::stageOut(Kernel &k, ndp_view *v, const KernelLists &lists) {
  for (size_t i = 0; i < k.bindings.size(); ++i) {
    const Binding &b = k.bindings[i];
    void *host = nullptr;  // what kernels write; the rest they only read
    switch (b.kind) {
    case Binding::Status: host = &status; break;
    case Binding::OkList: host = lists.ok ? lists.ok->data() : nullptr; break;
    default: continue;
    }
    if (v[i].size) std::memcpy(host, k.staged[i].first, static_cast<size_t>(v[i].size) * stagedElementBytes(b));
  }
}

} // namespace ndprt
