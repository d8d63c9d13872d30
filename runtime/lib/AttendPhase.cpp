// Phase 6 of a step: each attend block whose `every` fires runs one attention
// layer (Attention.cpp); with `connect topk` the candidates it found are tested
// by the compiled condition and become synapses of the `over` projection, in
// (post, pre) order, each starting with the edge channels of its logits.
#include "RunParts.h"

#include "Error.h"

namespace ndprt {

void attendPhase(RunParts &run, int64_t step) {
  for (auto &att : run.attentions) {
    Attention &a = *att;
    const AttendDesc &d = a.desc();
    if ((step + 1) % d.every != 0) continue;
    std::vector<Attention::Candidate> found = a.step();
    if (found.empty()) continue;
    Projection &q = *run.graph.projection(d.proj);
    std::vector<float> scores;
    for (const Attention::Candidate &c : found) scores.push_back(c.score);
    std::vector<uint8_t> ok(found.size(), 1);
    KernelLists lists;
    lists.score = &scores;
    lists.ok = &ok;
    if (d.cond >= 0) run.kernels.call(d.cond, 0, 0, lists);
    std::vector<std::array<int32_t, 3>> made;  // (post, pre, parallel number)
    q.setProvenance(SynapseOrigin::Attend, step);
    for (size_t k = 0; k < found.size(); ++k) {
      if (!ok[k]) continue;
      int32_t par = q.freeParallel(found[k].post, found[k].pre);
      if (par < 0) continue;
      q.add(found[k].post, found[k].pre, par);
      run.growth.added(q, found[k].post, found[k].pre, par);
      made.push_back({found[k].post, found[k].pre, par});
    }
    run.growth.initNew();
    for (auto &[post, pre, par] : made) {
      auto [first, last] = q.pairSlots(post, pre);
      for (int64_t s = first; s < last; ++s)
        if (q.par.as<int32_t>()[s] == par) a.initialiseEdge(s, post, pre);
    }
  }
}

} // namespace ndprt
