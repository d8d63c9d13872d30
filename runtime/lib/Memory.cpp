// Memory regions: matching keys, k-winner-take-all, one-shot writes and
// recall (Memory.h, docs/memory.md).
#include "Memory.h"

#include "Error.h"

#include <algorithm>
#include <cmath>

namespace ndprt {

MemoryRegion::MemoryRegion(const MemoryDesc &desc, Population &slots, Population &key, Population &value)
    : desc_(desc), slots_(&slots), key_(&key), value_(&value) {
  keyCol_ = key.find(desc.keyKind, desc.keyName);
  if (!keyCol_ || keyCol_->width() != 1)
    throw Fault("memory '" + slots.name() + "': its key " + key.name() + "." + desc.keyName + " is not a scalar value");
  if (value.outs.empty() || value.outs[0].width() != 1)
    throw Fault("memory '" + slots.name() + "': the first out of '" + value.name() + "' is not a scalar to bind");
  valueOut_ = &value.outs[0];
  written.assign(static_cast<size_t>(slots.size()), 0);
  fitWidths();
}

void MemoryRegion::fitWidths() {
  const int64_t S = slots_->size(), kw = key_->size(), vw = value_->size();
  auto widen = [&](std::vector<float> &rows, int64_t &width, int64_t want) {
    if (want == width && static_cast<int64_t>(rows.size()) == S * want) return;
    std::vector<float> fresh(static_cast<size_t>(S * want), 0.0f);
    for (int64_t s = 0; s < S && width > 0; ++s)
      std::copy_n(rows.begin() + s * width, std::min(width, want), fresh.begin() + s * want);
    rows.swap(fresh);
    width = want;
  };
  widen(keys, keyWidth, kw);
  widen(values, valueWidth, vw);
}

void MemoryRegion::readKey() {
  x_.resize(static_cast<size_t>(key_->size()));
  for (int64_t n = 0; n < key_->size(); ++n) x_[static_cast<size_t>(n)] = static_cast<float>(keyCol_->get(n));
}

float MemoryRegion::match() {
  fitWidths();
  const int64_t S = slots_->size();
  readKey();
  const std::vector<float> &x = x_;
  double xx = 0;
  for (float v : x) xx += static_cast<double>(v) * v;
  float *in = slots_->channels[0].as<float>();
  float best = -INFINITY;
  for (int64_t s = 0; s < S; ++s) {
    in[s] = 0.0f;
    if (!written[static_cast<size_t>(s)]) continue;
    const float *k = &keys[static_cast<size_t>(s * keyWidth)];
    double xk = 0, kk = 0;
    for (int64_t n = 0; n < keyWidth; ++n) {
      xk += static_cast<double>(x[static_cast<size_t>(n)]) * k[n];
      kk += static_cast<double>(k[n]) * k[n];
    }
    const float c = xx > 0 && kk > 0 ? static_cast<float>(xk / std::sqrt(xx * kk)) : 0.0f;
    in[s] = c;
    best = std::max(best, c);
  }
  // An all-zero key carries no pattern: nothing is new.
  if (xx == 0) return 0.0f;
  return best == -INFINITY ? 1.0f : 1.0f - best;
}

void MemoryRegion::winnersTakeAll(const std::vector<float> &before) {
  const int64_t S = slots_->size();
  Column &first = slots_->outs[0];
  std::vector<int64_t> &order = order_;
  order.resize(static_cast<size_t>(S));
  for (int64_t s = 0; s < S; ++s) order[static_cast<size_t>(s)] = s;
  // The k largest first outs, ties to the lower slot (a NaN out ranks last; the
  // status check after the phase reports it).
  auto rank = [&](int64_t s) {
    const double v = first.get(s);
    return std::isnan(v) ? -INFINITY : v;
  };
  const int64_t k = std::min<int64_t>(desc_.sparsity, S);
  std::partial_sort(order.begin(), order.begin() + k, order.end(), [&](int64_t a, int64_t b) {
    const double ra = rank(a), rb = rank(b);
    return ra > rb || (ra == rb && a < b);
  });
  std::vector<uint8_t> keep(static_cast<size_t>(S), 0);
  for (int64_t r = 0; r < k; ++r) keep[static_cast<size_t>(order[static_cast<size_t>(r)])] = 1;
  const bool spiking = slots_->desc().spiking;
  for (int64_t s = 0; s < S; ++s) {
    if (!keep[static_cast<size_t>(s)]) {
      for (Column &c : slots_->outs)
        for (int l = 0; l < c.width(); ++l) c.set(s, l, 0.0);
      if (spiking) slots_->spiked.set(s, 0, 0.0);  // a slot that lost does not fire either
    }
    // Importance: the frequency of being active, from what was kept.
    const double d = slots_->desc().decay;
    const double a = spiking ? slots_->spiked.get(s) : std::fabs(first.get(s));
    slots_->importance.set(s, 0,
                           static_cast<float>(d) * before[static_cast<size_t>(s)] + static_cast<float>(1.0 - d) * static_cast<float>(a));
  }
}

int64_t MemoryRegion::write() {
  fitWidths();
  const int64_t S = slots_->size();
  int64_t slot = -1;
  for (int64_t s = 0; s < S && slot < 0; ++s)
    if (!written[static_cast<size_t>(s)]) slot = s;
  if (slot < 0) {  // evict the least important, ties to the lower slot
    slot = 0;
    for (int64_t s = 1; s < S; ++s)
      if (slots_->importance.get(s) < slots_->importance.get(slot)) slot = s;
  }
  std::copy(x_.begin(), x_.end(), keys.begin() + slot * keyWidth);
  for (int64_t n = 0; n < value_->size(); ++n)
    values[static_cast<size_t>(slot * valueWidth + n)] = static_cast<float>(valueOut_->get(n));
  written[static_cast<size_t>(slot)] = 1;
  // A new memory starts fully important and fades unless it is recalled.
  slots_->importance.set(slot, 0, 1.0);
  ++writes;
  return slot;
}

void MemoryRegion::recall() {
  fitWidths();
  const int64_t S = slots_->size(), n = value_->size();
  const Column &first = slots_->outs[0];
  float *in = value_->channels[0].as<float>();
  for (int64_t s = 0; s < S; ++s) {
    const float w = static_cast<float>(first.get(s));
    if (w == 0.0f || !written[static_cast<size_t>(s)]) continue;
    const float *v = &values[static_cast<size_t>(s * valueWidth)];
    for (int64_t k = 0; k < n; ++k) in[k] += w * v[k];
  }
}

} // namespace ndprt
