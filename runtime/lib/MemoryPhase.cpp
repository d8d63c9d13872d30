// Phase 5 of a step (language.md section 4, docs/memory.md): for each memory
// region in declaration order, the slots see the key's cosines, run their `on
// step`, k-winner-take-all keeps the strongest, and the compiled write
// condition decides from the novelty whether the key is stored.
#include "Simulator.h"

namespace ndprt {

void Simulator::memoryPhase() {
  for (auto &mem : memories_) {
    MemoryRegion &m = *mem;
    Population &slots = m.slots();
    const float novelty = m.match();
    const float *imp = slots.importance.as<float>();
    std::vector<float> before(imp, imp + slots.size());
    kernels_->call(kernels_->pop(slots).update, 0, slots.size());
    m.winnersTakeAll(before);
    if (slots.desc().spiking) slots.collectSpikes(device_ != nullptr);
    const std::vector<float> score{novelty};
    std::vector<uint8_t> ok{0};
    KernelLists lists;
    lists.score = &score;
    lists.ok = &ok;
    kernels_->call(m.desc().cond, 0, 0, lists);
    if (ok[0]) m.write();
  }
  if (!memories_.empty()) checkStatus("memory region update");
}

} // namespace ndprt
