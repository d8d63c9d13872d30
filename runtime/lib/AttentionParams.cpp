// An attend block's weights (their layout and their seeded initial values) and
// its construction; the layer itself is Attention.cpp.
#include "Attention.h"

#include "Error.h"
#include "Rng.h"

#include <cmath>

namespace ndprt {

AttentionParams::AttentionParams(int d, int heads, int de) {
  size_t at = 0;
  auto add = [&](const char *name, int rows, int cols, bool matrix) {
    layout_.push_back({name, at, rows, cols, matrix});
    at += static_cast<size_t>(rows) * static_cast<size_t>(cols);
  };
  add("Wq", d, d, true);
  add("Wk", d, d, true);
  add("Wv", d, d, true);
  add("Wo", d, d, true);
  add("bo", d, 1, false);
  add("W1", 2 * d, d, true);
  add("b1", 2 * d, 1, false);
  add("W2", d, 2 * d, true);
  add("b2", d, 1, false);
  add("WE", heads, de, true);
  add("bEl", heads, 1, false);
  add("WG", heads, de, true);
  add("bGl", heads, 1, false);
  add("bE", heads, 1, false);
  add("bG", heads, 1, false);
  add("WOe", de, heads, true);
  add("bOe", de, 1, false);
  add("We1", 2 * de, de, true);
  add("be1", 2 * de, 1, false);
  add("We2", de, 2 * de, true);
  add("be2", de, 1, false);
  data.assign(at, 0.0f);
}

void AttentionParams::initialise(uint64_t seed, int block) {
  const Draw draw{seed, kSiteAttend};
  const uint64_t group = (uint64_t(kEntityAttend) << 32) | static_cast<uint64_t>(block);
  for (size_t e = 0; e < layout_.size(); ++e) {
    const Entry &en = layout_[e];
    size_t n = static_cast<size_t>(en.rows) * static_cast<size_t>(en.cols);
    for (size_t k = 0; k < n; ++k) {
      if (!en.matrix) {
        data[en.offset + k] = 0.0f;
        continue;
      }
      // Box-Muller as the kernels' normal(): u1 in (0, 1] from x0, u2 from x1.
      uint64_t w[4];
      draw.words(~uint64_t(0), group, e, k, w);
      double u1 = (static_cast<double>(w[0] >> 11) + 1.0) * 0x1p-53, u2 = static_cast<double>(w[1] >> 11) * 0x1p-53;
      double z = std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * M_PI * u2);
      data[en.offset + k] = static_cast<float>(z / std::sqrt(static_cast<double>(en.cols)));
    }
  }
}

const float *AttentionParams::operator[](const std::string &name) const {
  for (const Entry &e : layout_)
    if (e.name == name) return data.data() + e.offset;
  throw Fault("no attention parameter '" + name + "'");
}

float *AttentionParams::operator[](const std::string &name) {
  return const_cast<float *>(static_cast<const AttentionParams &>(*this)[name]);
}

Attention::Attention(const AttendDesc &desc, int index, Population &pop, Projection *over, uint64_t seed)
    : desc_(desc), index_(index), pop_(&pop), over_(over) {
  emb_ = pop.find(ValueKind::State, desc.embedding);
  if (!emb_ || emb_->type() != "f32")
    throw Fault("attend: '" + desc.embedding + "' is not an f32 vector state of population '" + pop.name() + "'");
  d_ = emb_->width();
  H_ = static_cast<int>(desc.heads);
  de_ = static_cast<int>(desc.edgeDim);
  if (d_ % H_ != 0) throw Fault("attend: heads must divide the embedding size");
  dh_ = d_ / H_;
  if (over_) {
    for (Column &c : over_->states)
      if (c.name() == desc.edgeState) edges_ = &c;
    if (!edges_ || edges_->width() != de_) throw Fault("attend: the projection has no edge channels '" + desc.edgeState + "'");
  }
  params = AttentionParams(d_, H_, de_);
  params.initialise(seed, index_);
}

} // namespace ndprt
