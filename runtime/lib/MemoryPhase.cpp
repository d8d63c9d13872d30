// Phase 5 of a step (language.md section 4, docs/memory.md): for each memory
// region in declaration order, the slots see the key's cosines, run their `on
// step`, k-winner-take-all keeps the strongest, and the compiled write
// condition decides from the novelty whether the key is stored.
#include "RunParts.h"

namespace ndprt {

void memoryPhase(RunParts &run, bool lazySpikes) {
  for (auto &mem : run.memories) {
    MemoryRegion &m = *mem;
    Population &slots = m.slots();
    const float novelty = m.match();
    const float *imp = slots.importance.as<float>();
    std::vector<float> before(imp, imp + slots.size());
    run.kernels.call(run.kernels.pop(slots).update, 0, slots.size());
    m.winnersTakeAll(before);
    if (slots.desc().spiking) slots.collectSpikes(lazySpikes);
    const std::vector<float> score{novelty};
    std::vector<uint8_t> ok{0};
    KernelLists lists;
    lists.score = &score;
    lists.ok = &ok;
    run.kernels.call(m.desc().cond, 0, 0, lists);
    if (ok[0]) m.write();
  }
}

} // namespace ndprt
