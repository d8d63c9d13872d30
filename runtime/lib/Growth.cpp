// Pruning and growth (Growth.h); docs/design.md, "Growth", has the wiring rules.
#include "Growth.h"

#include "Error.h"
#include "Rng.h"

#include <algorithm>
#include <climits>

namespace ndprt {

namespace {

Column *stateColumn(Projection &q, const std::string &name) {
  for (Column &c : q.states)
    if (c.name() == name) return &c;
  return nullptr;
}

/// Distinct values of [begin, end) (sorted input), appended to `out`.
void appendDistinct(const int32_t *begin, const int32_t *end, std::vector<int64_t> &out) {
  for (const int32_t *p = begin; p != end; ++p)
    if (p == begin || *p != p[-1]) out.push_back(*p);
}

/// Pre neurons of row `post`, one per pair, ascending.
void rowPres(Projection &q, int64_t post, std::vector<int64_t> &out) {
  const int32_t *row = q.preIndex.as<int32_t>() + q.rowStart.as<int64_t>()[post];
  appendDistinct(row, row + q.rowLen.as<int32_t>()[post], out);
}

void sortUnique(std::vector<int64_t> &v) {
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
}

/// A neuron's neighbours in `q` (incoming and outgoing), ascending, at most
/// `limit`, into `out` (reused: growth calls this once per child).
void neighbours(Projection &q, int64_t x, size_t limit, std::vector<int64_t> &out) {
  out.clear();
  rowPres(q, x, out);
  appendDistinct(q.outBegin(x), q.outEnd(x), out);
  sortUnique(out);
  if (out.size() > limit) out.resize(limit);
}

constexpr size_t kTwoHopCandidates = 16, kSampledCandidates = 16, kScanNeighbours = 64;

} // namespace

Growth::Growth(const ModelDesc &desc, Graph &graph, KernelTable &kernels, uint64_t seed, bool lazySpikes)
    : clipped(graph.pops.size(), 0), removed(graph.pops.size(), 0), desc_(desc), graph_(graph), kernels_(kernels), seed_(seed),
      lazySpikes_(lazySpikes), newSynapses_(graph.projs.size()) {
  for (const GrowDesc &g : desc_.grows)
    if (!graph_.population(g.pop)) throw Fault("the model descriptor grows an unknown population '" + g.pop + "'");
}

void Growth::added(Projection &q, int64_t post, int64_t pre, int32_t par) {
  newSynapses_[static_cast<size_t>(q.index())].push_back({post, pre, par});
}

void Growth::prune() {
  for (const PruneDesc &pr : desc_.prunes) {
    Projection *q = graph_.projection(pr.proj);
    if (!q || q->post().size() == 0) continue;
    Column *counter = stateColumn(*q, pr.counter);
    if (!counter) throw Fault("the model descriptor prunes with an unknown counter '" + pr.counter + "'");
    kernels_.call(pr.kernel, 0, q->post().size());
    const uint8_t *dead = q->deadRows.as<uint8_t>();
    const int32_t *count = counter->as<int32_t>();
    for (int64_t p = 0; p < q->post().size(); ++p) {
      if (!dead[p]) continue;
      int64_t s0 = q->rowStart.as<int64_t>()[p];
      for (int32_t i = 0; i < q->rowLen.as<int32_t>()[p]; ++i)
        if (count[s0 + i] >= pr.steps) q->kill(s0 + i);
    }
  }
  for (auto &q : graph_.projs) q->fold();
}

void Growth::grow(int64_t step) {
  step_ = step;
  bool grew = false;
  for (const GrowDesc &g : desc_.grows) {
    if ((step_ + 1) % g.every != 0) continue;
    Population &pop = *graph_.population(g.pop);
    for (const GrowRuleDesc &r : g.rules) {
      switch (r.kind) {
      case GrowRuleKind::Remove: remove(pop, r); break;
      case GrowRuleKind::Divide: divide(pop, r); break;
      case GrowRuleKind::Connect: connect(pop, r); break;
      }
    }
    grew = true;
  }
  if (grew)
    for (auto &q : graph_.projs) q->maybeCompact();
}

int64_t Growth::rowLimit(const Projection &q) const {
  if (q.desc().conn != Connectivity::Fanin) return INT64_MAX;
  return q.desc().fanin * q.desc().multiplicity;
}

void Growth::afterGrowth(Population &pop, int64_t first) {
  for (auto &q : graph_.projs)
    if (&q->pre() == &pop || &q->post() == &pop) q->resizeRows();
  // The children's outs, from the state they copied and were assigned.
  const PopKernels &pk = kernels_.pop(pop);
  if (pk.out >= 0) kernels_.call(pk.out, first, pop.size());
  // A child that copied a spike delivers it, like its parent, next step.
  if (pop.desc().spiking) pop.collectSpikes(lazySpikes_);
}

void Growth::remove(Population &pop, const GrowRuleDesc &rule) {
  const int64_t n = pop.size();
  if (n == 0) return;
  kernels_.call(rule.select, 0, n);
  const uint8_t *flags = pop.flags.as<uint8_t>();
  std::vector<int64_t> newIndex(static_cast<size_t>(n));
  int64_t kept = 0;
  for (int64_t i = 0; i < n; ++i) newIndex[static_cast<size_t>(i)] = flags[i] ? -1 : kept++;
  if (kept == n) return;
  // Projections first: they read the population's old size.
  for (auto &q : graph_.projs) {
    const bool pre = &q->pre() == &pop, post = &q->post() == &pop;
    if (pre || post)
      q->removeNeurons(pre ? &newIndex : nullptr, post ? &newIndex : nullptr, post ? kept : q->post().size());
  }
  pop.removeNeurons(newIndex, kept);
  removed[static_cast<size_t>(pop.index())] += n - kept;
}

void Growth::divide(Population &pop, const GrowRuleDesc &rule) {
  const int64_t n0 = pop.size();
  if (n0 == 0) return;
  kernels_.call(rule.select, 0, n0);
  const uint8_t *flags = pop.flags.as<uint8_t>();
  std::vector<int64_t> parents;
  for (int64_t i = 0; i < n0; ++i)
    if (flags[i]) parents.push_back(i);
  const int64_t room = std::max<int64_t>(0, pop.desc().max - n0);
  if (static_cast<int64_t>(parents.size()) > room) {
    clipped[static_cast<size_t>(pop.index())] += static_cast<int64_t>(parents.size()) - room;
    parents.resize(static_cast<size_t>(room));
  }
  if (parents.empty()) return;
  const int64_t first = pop.grow(static_cast<int64_t>(parents.size()), step_);
  std::vector<int32_t> &editParent = listA_, &editChild = listB_;
  editParent.clear();
  editChild.clear();
  for (size_t k = 0; k < parents.size(); ++k) {
    int64_t child = first + static_cast<int64_t>(k);
    pop.copyValues(parents[k], child);
    pop.parent.as<int64_t>()[child] = pop.ids.as<int64_t>()[parents[k]];
    pop.root.as<int64_t>()[child] = pop.root.as<int64_t>()[parents[k]];
    editParent.push_back(static_cast<int32_t>(parents[k]));
    editChild.push_back(static_cast<int32_t>(child));
  }
  if (rule.child >= 0) {
    KernelLists edits;
    edits.first = &editParent;
    edits.second = &editChild;
    kernels_.call(rule.child, 0, 0, edits);
  }
  afterGrowth(pop, first);
  // Parents that changed as they divided get outs that match their new state.
  const PopKernels &pk = kernels_.pop(pop);
  if (rule.assignsParent && pk.out >= 0) kernels_.call(pk.out, 0, first);
  for (auto &q : graph_.projs)
    if (&q->pre() == &pop || &q->post() == &pop) q->setProvenance(SynapseOrigin::Divide, step_);
  for (size_t k = 0; k < parents.size(); ++k)
    for (auto &q : graph_.projs) {
      if (&q->pre() != &pop && &q->post() != &pop) continue;
      if (rule.split) wireSplit(*q, pop, parents[k], first + static_cast<int64_t>(k));
      else wireFresh(*q, pop, parents[k], first + static_cast<int64_t>(k));
    }
  initNew();
}

void Growth::wireSplit(Projection &q, Population &pop, int64_t parent, int64_t child) {
  std::vector<char> bytes;
  std::vector<std::pair<int32_t, std::vector<char>>> copies;
  // Outgoing first: halve each parent -> m and give the child the other half,
  // so that m's input is unchanged. On a self-projection this also makes
  // child -> parent, which the incoming copy below turns into child -> child,
  // as Net2Net widening does.
  if (&q.pre() == &pop) {
    Column *lin = stateColumn(q, q.desc().linear);
    if (!lin)
      throw Fault("'split' needs the state that the transmit of synapse type '" + q.desc().synapse +
                  "' is linear in; recompile the model");
    std::vector<int64_t> posts;
    appendDistinct(q.outBegin(parent), q.outEnd(parent), posts);
    for (int64_t m : posts) {
      auto [firstSlot, lastSlot] = q.pairSlots(m, parent);
      copies.clear();
      for (int64_t s = firstSlot; s < lastSlot; ++s) {
        for (int l = 0; l < lin->width(); ++l) lin->set(s, l, lin->get(s, l) * 0.5);
        q.readStates(s, bytes);
        copies.push_back({q.par.as<int32_t>()[s], bytes});
      }
      for (auto &[parNum, b] : copies) {
        const int64_t slot = q.add(m, child, parNum);
        q.writeStates(slot, b);
        q.stamp(slot);  // a copy of the parent's synapse, made by this division
      }
    }
  }
  // Incoming: the child receives a copy of every synapse the parent receives.
  if (&q.post() == &pop) {
    copies.clear();
    std::vector<int64_t> pres;
    int64_t s0 = q.rowStart.as<int64_t>()[parent];
    for (int32_t i = 0; i < q.rowLen.as<int32_t>()[parent]; ++i) {
      q.readStates(s0 + i, bytes);
      pres.push_back(q.preIndex.as<int32_t>()[s0 + i]);
      copies.push_back({q.par.as<int32_t>()[s0 + i], bytes});
    }
    for (size_t k = 0; k < copies.size(); ++k) {
      const int64_t slot = q.add(child, pres[k], copies[k].first);
      q.writeStates(slot, copies[k].second);
      q.stamp(slot);
    }
  }
}

void Growth::wireFresh(Projection &q, Population &pop, int64_t parent, int64_t child) {
  const int64_t limit = rowLimit(q), k = q.desc().multiplicity;
  auto room = [&](int64_t post) { return q.rowLen.as<int32_t>()[post] + k <= limit; };
  // The developmental-program rule: the child connects to its parent and to the
  // parent's neighbours, in both directions: the parent first, then the
  // neighbours from the youngest (highest id) down, so that where a fanin cap
  // stops the wiring, a child is wired to its near relatives.
  std::vector<int64_t> &from = scratchFrom_, &to = scratchTo_;
  from.clear();
  to.clear();
  if (q.selfProjection()) {
    neighbours(q, parent, SIZE_MAX, from);
    from.erase(std::remove_if(from.begin(), from.end(), [&](int64_t c) { return c == child || c == parent; }),
               from.end());
    std::reverse(from.begin(), from.end());
    from.insert(from.begin(), parent);
    to = from;
  } else {
    if (&q.post() == &pop) rowPres(q, parent, from);
    if (&q.pre() == &pop) appendDistinct(q.outBegin(parent), q.outEnd(parent), to);
    std::reverse(from.begin(), from.end());
    std::reverse(to.begin(), to.end());
  }
  // The child's inputs: as many as its row may take, added in pre order so that
  // each one appends to the row.
  if (!from.empty()) {
    int64_t take = static_cast<int64_t>(from.size());
    if (limit != INT64_MAX) take = std::min(take, (limit - q.rowLen.as<int32_t>()[child]) / k);
    from.resize(static_cast<size_t>(std::max<int64_t>(0, take)));
    std::sort(from.begin(), from.end());
    q.reserveRow(child, static_cast<int64_t>(from.size()) * k);
    for (int64_t c : from) addFresh(q, child, c);
  }
  // Whether c has room does not depend on the other candidates: add in id order,
  // which appends to the child's outgoing index.
  std::sort(to.begin(), to.end());
  for (int64_t c : to)
    if (room(c)) addFresh(q, c, child);
}

void Growth::addFresh(Projection &q, int64_t post, int64_t pre) {
  auto &made = newSynapses_[static_cast<size_t>(q.index())];
  for (int32_t m = 0; m < q.desc().multiplicity; ++m) {
    q.add(post, pre, m);
    made.push_back({post, pre, m});
  }
}

void Growth::initNew() {
  for (auto &q : graph_.projs) {
    auto &made = newSynapses_[static_cast<size_t>(q->index())];
    if (made.empty()) continue;
    ProjKernels &qk = kernels_.proj(*q);
    if (qk.init >= 0) {
      // Slots move while rows grow: find each synapse's now that the edits are done.
      std::vector<int64_t> &slots = slots_;
      slots.clear();
      for (auto &[post, pre, parNum] : made) {
        auto [firstSlot, lastSlot] = q->pairSlots(post, pre);
        for (int64_t s = firstSlot; s < lastSlot; ++s)
          if (q->par.as<int32_t>()[s] == parNum) slots.push_back(s);
      }
      KernelLists init;
      init.slots = &slots;
      kernels_.call(qk.init, 0, 0, init);
    }
    made.clear();
  }
}

void Growth::connect(Population &pop, const GrowRuleDesc &rule) {
  Projection *q = graph_.projection(rule.proj);
  if (!q) throw Fault("the model descriptor connects through an unknown projection '" + rule.proj + "'");
  const int64_t n = pop.size();
  if (n < 2) return;
  q->setProvenance(SynapseOrigin::Connect, step_);
  const Draw draw{seed_, kSiteCandidates};
  const uint64_t group = (uint64_t(kEntityCandidate) << 32) | static_cast<uint64_t>(pop.index());
  const int64_t *ids = pop.ids.as<int64_t>();
  // In chunks of b, so that the candidate arrays stay small at any size.
  const int64_t chunk = int64_t(1) << 16;
  std::vector<int64_t> cands, first, second;
  for (int64_t b0 = 0; b0 < n; b0 += chunk) {
    const int64_t b1 = std::min(n, b0 + chunk);
    std::vector<int32_t> &candA = listA_, &candB = listB_;
    candA.clear();
    candB.clear();
    for (int64_t b = b0; b < b1; ++b) {
      // b's neighbours' neighbours (the lowest ids), and neurons drawn at random.
      cands.clear();
      neighbours(*q, b, kScanNeighbours, first);
      for (int64_t x : first) {
        neighbours(*q, x, kScanNeighbours, second);
        cands.insert(cands.end(), second.begin(), second.end());
      }
      sortUnique(cands);
      cands.erase(std::remove(cands.begin(), cands.end(), b), cands.end());
      if (cands.size() > kTwoHopCandidates) cands.resize(kTwoHopCandidates);
      for (uint64_t d = 0; d < kSampledCandidates; ++d) {
        double u = draw.unit(static_cast<uint64_t>(step_), group, static_cast<uint64_t>(ids[b]), d);
        int64_t a = std::min(n - 1, static_cast<int64_t>(u * static_cast<double>(n)));
        if (a != b) cands.push_back(a);
      }
      sortUnique(cands);
      for (int64_t a : cands) {
        candA.push_back(static_cast<int32_t>(a));
        candB.push_back(static_cast<int32_t>(b));
      }
    }
    ok_.assign(candA.size(), 0);
    KernelLists pairs;
    pairs.first = &candA;
    pairs.second = &candB;
    pairs.ok = &ok_;
    kernels_.call(rule.connect, 0, 0, pairs);
    auto &made = newSynapses_[static_cast<size_t>(q->index())];
    for (size_t k = 0; k < candA.size(); ++k) {
      if (!ok_[k]) continue;
      int64_t a = candA[k], b = candB[k];
      int32_t parNum = q->freeParallel(b, a);
      if (parNum < 0) continue;  // the pair has `multiplicity` synapses already
      q->add(b, a, parNum);
      made.push_back({b, a, parNum});
    }
    initNew();
  }
}

} // namespace ndprt
