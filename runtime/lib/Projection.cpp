#include "Projection.h"

#include "Error.h"

#include <algorithm>

namespace ndprt {

Projection::Projection(const ProjDesc &desc, int index, Population &pre, Population &post)
    : desc_(desc), index_(index), pre_(&pre), post_(&post) {
  for (const VarDesc &v : desc_.states) states.emplace_back(v.name, v.type, v.width);
}

void Projection::ensureSlots(int64_t n) {
  if (n <= preIndex.size()) return;
  for (Column *c : {&preIndex, &postOf, &par}) c->resize(n);
  for (Column &c : states) c.resize(n);
}

void Projection::resizeRows() {
  int64_t n = post_->size();
  int64_t old = rowStart.size();
  for (Column *c : {&rowStart, &rowLen, &rowCap, &next}) c->resize(n);
  for (int64_t p = old; p < n; ++p) rowStart.as<int64_t>()[p] = used_;  // empty rows
}

std::vector<int64_t> Projection::build(std::vector<std::pair<int64_t, int64_t>> pairs) {
  std::sort(pairs.begin(), pairs.end());
  int64_t nPost = post_->size();
  int64_t k = desc_.multiplicity;
  rowStart.resize(nPost);
  rowLen.resize(nPost);
  rowCap.resize(nPost);
  next.resize(nPost);
  std::vector<int64_t> count(static_cast<size_t>(nPost), 0);
  for (auto &pr : pairs) count[static_cast<size_t>(pr.first)] += k;
  // Slack of about 1/16 per row: growth appends in place most of the time.
  int64_t total = 0;
  for (int64_t p = 0; p < nPost; ++p) {
    int64_t c = count[static_cast<size_t>(p)];
    int64_t cap = c + c / 16 + (c > 0 ? 1 : 0);
    rowStart.as<int64_t>()[p] = total;
    rowLen.as<int32_t>()[p] = 0;
    rowCap.as<int32_t>()[p] = static_cast<int32_t>(cap);
    total += cap;
  }
  ensureSlots(total);
  used_ = total;
  std::vector<int64_t> order;
  order.reserve(pairs.size() * static_cast<size_t>(k));
  for (auto &pr : pairs)
    for (int32_t m = 0; m < k; ++m) {
      int64_t p = pr.first;
      int64_t s = rowStart.as<int64_t>()[p] + rowLen.as<int32_t>()[p]++;
      preIndex.as<int32_t>()[s] = static_cast<int32_t>(pr.second);
      postOf.as<int32_t>()[s] = static_cast<int32_t>(p);
      par.as<int32_t>()[s] = m;
      order.push_back(s);
    }
  live_ = static_cast<int64_t>(order.size());
  byPreValid = false;
  nextValid = false;
  return order;
}

void Projection::moveSlot(int64_t from, int64_t to) {
  for (Column *c : {&preIndex, &postOf, &par}) c->copyElement(from, to);
  for (Column &c : states) c.copyElement(from, to);
}

int64_t Projection::add(int64_t post, int64_t pre, int32_t parNum) {
  int64_t *start = rowStart.as<int64_t>();
  int32_t *len = rowLen.as<int32_t>(), *cap = rowCap.as<int32_t>();
  if (len[post] == cap[post]) {
    // Full: move the row to the end with twice the room.
    int64_t newCap = std::max<int64_t>(4, 2 * static_cast<int64_t>(cap[post]));
    int64_t dest = used_;
    ensureSlots(used_ + newCap);
    start = rowStart.as<int64_t>();
    len = rowLen.as<int32_t>();
    cap = rowCap.as<int32_t>();
    for (int32_t i = 0; i < len[post]; ++i) moveSlot(start[post] + i, dest + i);
    start[post] = dest;
    cap[post] = static_cast<int32_t>(newCap);
    used_ += newCap;
  }
  // Insert in (pre, par) order, shifting the tail of the row by one.
  int64_t s = start[post] + len[post];
  while (s > start[post]) {
    int32_t p0 = preIndex.as<int32_t>()[s - 1], m0 = par.as<int32_t>()[s - 1];
    if (p0 < pre || (p0 == pre && m0 < parNum)) break;
    moveSlot(s - 1, s);
    --s;
  }
  preIndex.as<int32_t>()[s] = static_cast<int32_t>(pre);
  postOf.as<int32_t>()[s] = static_cast<int32_t>(post);
  par.as<int32_t>()[s] = parNum;
  for (Column &c : states) std::memset(static_cast<char *>(c.data()) + s * c.elementBytes(), 0, c.elementBytes());
  ++len[post];
  ++live_;
  byPreValid = false;
  nextValid = false;
  if (used_ > 2 * live_ + 1024) compact();
  return s;
}

void Projection::remove(int64_t slot) {
  int64_t post = postOf.as<int32_t>()[slot];
  int64_t end = rowStart.as<int64_t>()[post] + rowLen.as<int32_t>()[post];
  for (int64_t s = slot; s + 1 < end; ++s) moveSlot(s + 1, s);
  --rowLen.as<int32_t>()[post];
  --live_;
  byPreValid = false;
  nextValid = false;
}

void Projection::compact() {
  int64_t nPost = post_->size();
  int64_t total = 0;
  for (int64_t p = 0; p < nPost; ++p) total += rowCap.as<int32_t>()[p];
  // Rows go to fresh columns in post order; then the columns are swapped in.
  Projection fresh(desc_, index_, *pre_, *post_);
  fresh.ensureSlots(total);
  int64_t at = 0;
  for (int64_t p = 0; p < nPost; ++p) {
    int64_t s0 = rowStart.as<int64_t>()[p];
    int32_t len = rowLen.as<int32_t>()[p];
    for (int32_t i = 0; i < len; ++i) {
      for (auto [src, dst] : {std::pair<Column *, Column *>{&preIndex, &fresh.preIndex},
                              {&postOf, &fresh.postOf}, {&par, &fresh.par}})
        std::memcpy(static_cast<char *>(dst->data()) + (at + i) * dst->elementBytes(),
                    static_cast<char *>(src->data()) + (s0 + i) * src->elementBytes(), src->elementBytes());
      for (size_t k = 0; k < states.size(); ++k)
        std::memcpy(static_cast<char *>(fresh.states[k].data()) + (at + i) * states[k].elementBytes(),
                    static_cast<char *>(states[k].data()) + (s0 + i) * states[k].elementBytes(),
                    states[k].elementBytes());
    }
    rowStart.as<int64_t>()[p] = at;
    at += rowCap.as<int32_t>()[p];
  }
  preIndex = std::move(fresh.preIndex);
  postOf = std::move(fresh.postOf);
  par = std::move(fresh.par);
  for (size_t k = 0; k < states.size(); ++k) states[k] = std::move(fresh.states[k]);
  used_ = total;
  byPreValid = false;
}

void Projection::rebuildByPre() {
  int64_t nPre = pre_->size(), nPost = post_->size();
  byPreStart.resize(nPre);
  byPreLen.resize(nPre);
  byPre.resize(live_);
  std::vector<int64_t> count(static_cast<size_t>(nPre), 0);
  for (int64_t p = 0; p < nPost; ++p) {
    int64_t s0 = rowStart.as<int64_t>()[p];
    for (int32_t i = 0; i < rowLen.as<int32_t>()[p]; ++i) ++count[static_cast<size_t>(preIndex.as<int32_t>()[s0 + i])];
  }
  int64_t total = 0;
  for (int64_t j = 0; j < nPre; ++j) {
    byPreStart.as<int64_t>()[j] = total;
    byPreLen.as<int32_t>()[j] = 0;
    total += count[static_cast<size_t>(j)];
  }
  // Visiting rows in post order lists each pre neuron's synapses by post.
  for (int64_t p = 0; p < nPost; ++p) {
    int64_t s0 = rowStart.as<int64_t>()[p];
    for (int32_t i = 0; i < rowLen.as<int32_t>()[p]; ++i) {
      int32_t j = preIndex.as<int32_t>()[s0 + i];
      byPre.as<int64_t>()[byPreStart.as<int64_t>()[j] + byPreLen.as<int32_t>()[j]++] = s0 + i;
    }
  }
  byPreValid = true;
}

std::vector<int64_t> Projection::liveSlots() const {
  std::vector<int64_t> out;
  out.reserve(static_cast<size_t>(live_));
  for (int64_t p = 0; p < post_->size(); ++p) {
    int64_t s0 = rowStart.as<int64_t>()[p];
    for (int32_t i = 0; i < rowLen.as<int32_t>()[p]; ++i) out.push_back(s0 + i);
  }
  return out;
}

size_t Projection::bytesPerSynapse() const {
  size_t b = preIndex.elementBytes() + postOf.elementBytes() + par.elementBytes();
  for (const Column &c : states) b += c.elementBytes();
  return b;
}

} // namespace ndprt
