// Projections: ragged rows with slack, adding, killing, folding and
// compacting synapses, the by-pre index, and the checks a restored projection
// must pass (Projection.h).
#include "Projection.h"

#include "Error.h"

#include <algorithm>
#include <cstring>
#include <string>

namespace ndprt {

Projection::Projection(const ProjDesc &desc, int index, Population &pre, Population &post)
    : desc_(desc), index_(index), pre_(&pre), post_(&post) {
  for (const VarDesc &v : desc_.states) {
    if (v.name == ndpabi::kProvenanceState) stampIndex_ = static_cast<int>(states.size());
    states.emplace_back(v.name, v.type, v.width);
  }
}

void Projection::setProvenance(SynapseOrigin origin, int64_t step) {
  const int64_t last = (int64_t(INT32_MAX) - 3) / 4 - 1;  // later steps share the last stamp
  stampValue_ = static_cast<int32_t>((std::min(step, last) + 1) * 4 + static_cast<int32_t>(origin));
}

void Projection::provenance(const std::vector<int64_t> &slots, std::vector<uint8_t> &origin,
                            std::vector<int64_t> &born) const {
  origin.clear();
  born.clear();
  if (stampIndex_ < 0) return;
  const int32_t *stamps = states[static_cast<size_t>(stampIndex_)].as<int32_t>();
  for (int64_t s : slots) {
    origin.push_back(static_cast<uint8_t>(stamps[s] & 3));
    born.push_back(stamps[s] / 4 - 1);
  }
}

void Projection::stamp(int64_t slot) {
  if (stampIndex_ >= 0) states[static_cast<size_t>(stampIndex_)].as<int32_t>()[slot] = stampValue_;
}

void Projection::ensureSlots(int64_t n) {
  if (n <= preIndex.size()) return;
  for (Column *c : {&preIndex, &postOf, &par}) c->resize(n);
  for (Column &c : states) c.resize(n);
}

void Projection::resizeRows() {
  int64_t n = post_->size();
  int64_t old = rowStart.size();
  if (n > old) {
    for (Column *c : {&rowStart, &rowLen, &rowCap, &next, &deadRows}) c->resize(n);
    for (int64_t p = old; p < n; ++p) rowStart.as<int64_t>()[p] = used_;  // empty rows
  }
  if (outValid_) out_.resizeRows(pre_->size());
}

std::vector<int64_t> Projection::build(std::vector<std::pair<int64_t, int64_t>> pairs) {
  std::sort(pairs.begin(), pairs.end());
  int64_t nPost = post_->size();
  int64_t k = desc_.multiplicity;
  for (Column *c : {&rowStart, &rowLen, &rowCap, &next, &deadRows}) c->resize(nPost);
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
  holes_ = 0;
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
  outValid_ = false;
  out_.clear();
  return order;
}

void Projection::moveSlot(int64_t from, int64_t to) {
  for (Column *c : {&preIndex, &postOf, &par}) c->copyElement(from, to);
  for (Column &c : states) c.copyElement(from, to);
}

void Projection::relocateRow(int64_t post, int64_t newCap) {
  int64_t *start = rowStart.as<int64_t>();
  int32_t *len = rowLen.as<int32_t>(), *cap = rowCap.as<int32_t>();
  int64_t dest = used_;
  ensureSlots(used_ + newCap);
  for (int32_t i = 0; i < len[post]; ++i) moveSlot(start[post] + i, dest + i);
  holes_ += cap[post];
  start[post] = dest;
  cap[post] = static_cast<int32_t>(newCap);
  used_ += newCap;
}

void Projection::reserveRow(int64_t post, int64_t extra) {
  int64_t need = rowLen.as<int32_t>()[post] + extra;
  if (need > rowCap.as<int32_t>()[post]) relocateRow(post, need);
}

int64_t Projection::add(int64_t post, int64_t pre, int32_t parNum) {
  // Full: move the row to the end with twice the room.
  if (rowLen.as<int32_t>()[post] == rowCap.as<int32_t>()[post])
    relocateRow(post, std::max<int64_t>(4, 2 * static_cast<int64_t>(rowCap.as<int32_t>()[post])));
  int64_t *start = rowStart.as<int64_t>();
  int32_t *len = rowLen.as<int32_t>();
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
  stamp(s);
  ++len[post];
  ++live_;
  if (outValid_) out_.insert(pre, static_cast<int32_t>(post));
  byPreValid = false;
  nextValid = false;
  return s;
}

void Projection::kill(int64_t slot) {
  if (par.as<int32_t>()[slot] < 0) return;
  par.as<int32_t>()[slot] = -1;
  dirtyRows_.push_back(postOf.as<int32_t>()[slot]);
}

void Projection::fold() {
  if (dirtyRows_.empty()) return;
  std::sort(dirtyRows_.begin(), dirtyRows_.end());
  dirtyRows_.erase(std::unique(dirtyRows_.begin(), dirtyRows_.end()), dirtyRows_.end());
  int32_t *parNum = par.as<int32_t>();
  for (int64_t p : dirtyRows_) {
    int64_t s0 = rowStart.as<int64_t>()[p];
    int32_t len = rowLen.as<int32_t>()[p], kept = 0;
    for (int32_t i = 0; i < len; ++i) {
      int64_t s = s0 + i;
      if (parNum[s] < 0) {
        if (outValid_) out_.erase(preIndex.as<int32_t>()[s], static_cast<int32_t>(p));
        continue;
      }
      if (kept != i) moveSlot(s, s0 + kept);
      ++kept;
    }
    live_ -= len - kept;
    rowLen.as<int32_t>()[p] = kept;
  }
  dirtyRows_.clear();
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
    auto copy = [&](const Column &src, Column &dst) {
      if (len == 0) return;
      std::memcpy(static_cast<char *>(dst.data()) + at * dst.elementBytes(),
                  static_cast<const char *>(src.data()) + s0 * src.elementBytes(),
                  static_cast<size_t>(len) * src.elementBytes());
    };
    copy(preIndex, fresh.preIndex);
    copy(postOf, fresh.postOf);
    copy(par, fresh.par);
    for (size_t k = 0; k < states.size(); ++k) copy(states[k], fresh.states[k]);
    rowStart.as<int64_t>()[p] = at;
    at += rowCap.as<int32_t>()[p];
  }
  takeSlots(fresh);
  used_ = total;
  holes_ = 0;
  byPreValid = false;
}

void Projection::takeSlots(Projection &fresh) {
  preIndex = std::move(fresh.preIndex);
  postOf = std::move(fresh.postOf);
  par = std::move(fresh.par);
  for (size_t k = 0; k < states.size(); ++k) states[k] = std::move(fresh.states[k]);
}

void Projection::removeNeurons(const std::vector<int64_t> *preMap, const std::vector<int64_t> *postMap,
                               int64_t newPostSize) {
  const int64_t nPost = post_->size();
  auto newPost = [&](int64_t p) { return postMap ? (*postMap)[static_cast<size_t>(p)] : p; };
  int64_t total = 0;
  for (int64_t p = 0; p < nPost; ++p)
    if (newPost(p) >= 0) total += rowCap.as<int32_t>()[p];
  Projection fresh(desc_, index_, *pre_, *post_);
  fresh.ensureSlots(total);
  int64_t *start = rowStart.as<int64_t>();
  int32_t *len = rowLen.as<int32_t>(), *cap = rowCap.as<int32_t>();
  int64_t at = 0, live = 0;
  // New row indices never pass old ones: the row columns are rewritten in place.
  for (int64_t p = 0; p < nPost; ++p) {
    const int64_t np = newPost(p);
    if (np < 0) continue;
    int32_t kept = 0;
    for (int32_t i = 0; i < len[p]; ++i) {
      const int64_t s = start[p] + i, d = at + kept;
      const int32_t pre = preIndex.as<int32_t>()[s];
      const int64_t npre = preMap ? (*preMap)[static_cast<size_t>(pre)] : pre;
      if (npre < 0) continue;
      fresh.preIndex.as<int32_t>()[d] = static_cast<int32_t>(npre);
      fresh.postOf.as<int32_t>()[d] = static_cast<int32_t>(np);
      fresh.par.as<int32_t>()[d] = par.as<int32_t>()[s];
      for (size_t k = 0; k < states.size(); ++k)
        std::memcpy(static_cast<char *>(fresh.states[k].data()) + d * states[k].elementBytes(),
                    static_cast<const char *>(states[k].data()) + s * states[k].elementBytes(), states[k].elementBytes());
      ++kept;
    }
    start[np] = at;
    len[np] = kept;
    cap[np] = cap[p];
    at += cap[p];
    live += kept;
  }
  takeSlots(fresh);
  for (Column *c : {&rowStart, &rowLen, &rowCap, &next, &deadRows}) c->resize(newPostSize);
  used_ = total;
  live_ = live;
  holes_ = 0;
  dirtyRows_.clear();
  byPreValid = false;
  nextValid = false;
  outValid_ = false;
  out_.clear();
}

void Projection::maybeCompact() {
  if (holes_ > 1024 && 2 * holes_ > used_) compact();
}

void Projection::rebuildByPre() {
  int64_t nPre = pre_->size(), nPost = post_->size();
  byPreStart.resize(nPre);
  byPreLen.resize(nPre);
  byPre.resize(live_);
  byPrePost.resize(live_);
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
      const int64_t k = byPreStart.as<int64_t>()[j] + byPreLen.as<int32_t>()[j]++;
      byPre.as<int64_t>()[k] = s0 + i;
      byPrePost.as<int32_t>()[k] = static_cast<int32_t>(p);
    }
  }
  for (size_t c = 0; c < byPreStates.size(); ++c) {
    Column &copy = byPreStates[c];
    const Column &state = states[byPreStateOf[c]];
    copy.resize(live_);
    const size_t bytes = state.elementBytes();
    const int64_t *slots = byPre.as<int64_t>();
    for (int64_t k = 0; k < live_; ++k)
      std::memcpy(static_cast<char *>(copy.data()) + k * bytes,
                  static_cast<const char *>(state.data()) + slots[k] * bytes, bytes);
  }
  byPreValid = true;
}

Column *Projection::byPreState(const std::string &name) {
  for (size_t c = 0; c < byPreStates.size(); ++c)
    if (states[byPreStateOf[c]].name() == name) return &byPreStates[c];
  for (size_t i = 0; i < states.size(); ++i)
    if (states[i].name() == name) {
      byPreStates.emplace_back("by_pre_state." + name, states[i].type(), states[i].width());
      byPreStateOf.push_back(i);
      byPreValid = false;
      return &byPreStates.back();
    }
  return nullptr;
}

std::pair<int64_t, int64_t> Projection::pairSlots(int64_t post, int64_t pre) const {
  int64_t s0 = rowStart.as<int64_t>()[post];
  const int32_t *row = preIndex.as<int32_t>() + s0;
  const int32_t *end = row + rowLen.as<int32_t>()[post];
  auto range = std::equal_range(row, end, static_cast<int32_t>(pre));
  return {s0 + (range.first - row), s0 + (range.second - row)};
}

int32_t Projection::freeParallel(int64_t post, int64_t pre) const {
  auto [first, last] = pairSlots(post, pre);
  // The pair's parallel numbers are sorted: the first gap is the free one.
  int32_t want = 0;
  for (int64_t s = first; s < last; ++s, ++want)
    if (par.as<int32_t>()[s] != want) break;
  return want < desc_.multiplicity ? want : -1;
}

void Projection::buildOutgoing() {
  out_.clear();
  out_.resizeRows(pre_->size());
  // Rows in post order: each pre's posts arrive ascending, so inserts append.
  for (int64_t p = 0; p < post_->size(); ++p) {
    int64_t s0 = rowStart.as<int64_t>()[p];
    for (int32_t i = 0; i < rowLen.as<int32_t>()[p]; ++i)
      if (par.as<int32_t>()[s0 + i] >= 0) out_.insert(preIndex.as<int32_t>()[s0 + i], static_cast<int32_t>(p));
  }
  outValid_ = true;
}

const int32_t *Projection::outBegin(int64_t pre) {
  if (!outValid_) buildOutgoing();
  return out_.begin(pre);
}

const int32_t *Projection::outEnd(int64_t pre) {
  if (!outValid_) buildOutgoing();
  return out_.end(pre);
}

void Projection::readStates(int64_t slot, std::vector<char> &bytes) const {
  bytes.clear();
  for (const Column &c : states) {
    const char *p = static_cast<const char *>(c.data()) + slot * c.elementBytes();
    bytes.insert(bytes.end(), p, p + c.elementBytes());
  }
}

void Projection::writeStates(int64_t slot, const std::vector<char> &bytes) {
  size_t at = 0;
  for (Column &c : states) {
    std::memcpy(static_cast<char *>(c.data()) + slot * c.elementBytes(), bytes.data() + at, c.elementBytes());
    at += c.elementBytes();
  }
}

std::vector<int64_t> Projection::liveSlots() const {
  std::vector<int64_t> out;
  out.reserve(static_cast<size_t>(live_));
  for (int64_t p = 0; p < post_->size(); ++p) {
    int64_t s0 = rowStart.as<int64_t>()[p];
    for (int32_t i = 0; i < rowLen.as<int32_t>()[p]; ++i)
      if (par.as<int32_t>()[s0 + i] >= 0) out.push_back(s0 + i);
  }
  return out;
}

void Projection::stableIds(const std::vector<int64_t> &slots, std::vector<int64_t> &pre,
                           std::vector<int64_t> &post) const {
  pre.resize(slots.size());
  post.resize(slots.size());
  for (size_t e = 0; e < slots.size(); ++e) {
    pre[e] = pre_->ids.as<int64_t>()[preIndex.as<int32_t>()[slots[e]]];
    post[e] = post_->ids.as<int64_t>()[postOf.as<int32_t>()[slots[e]]];
  }
}

size_t Projection::bytesPerSynapse() const {
  size_t b = preIndex.elementBytes() + postOf.elementBytes() + par.elementBytes();
  for (const Column &c : states) b += c.elementBytes();
  return b;
}

size_t Projection::bytesAllocated() const {
  size_t b = 0;
  for (const Column *c : {&preIndex, &postOf, &par, &rowStart, &rowLen, &rowCap, &next, &deadRows, &byPreStart,
                          &byPreLen, &byPre, &byPrePost})
    b += static_cast<size_t>(c->capacity()) * c->elementBytes();
  for (const Column &c : byPreStates) b += static_cast<size_t>(c.capacity()) * c.elementBytes();
  for (const Column &c : states) b += static_cast<size_t>(c.capacity()) * c.elementBytes();
  return b + out_.bytes();
}

void Projection::restore(const Counts &c) {
  used_ = c.used;
  live_ = c.live;
  holes_ = c.holes;
  dirtyRows_.clear();
  out_.clear();
  outValid_ = false;
  byPreValid = false;
}

std::string Projection::checkRestored() const {
  if (used_ < 0 || live_ < 0 || holes_ < 0 || live_ > used_ || holes_ > used_)
    return "its slot counts (used " + std::to_string(used_) + ", live " + std::to_string(live_) + ", holes " +
           std::to_string(holes_) + ") contradict each other";
  const int64_t nPost = post_->size(), nPre = pre_->size();
  const int64_t *start = rowStart.as<int64_t>();
  const int32_t *len = rowLen.as<int32_t>(), *cap = rowCap.as<int32_t>();
  const int32_t *pre = preIndex.as<int32_t>(), *post = postOf.as<int32_t>(), *parNum = par.as<int32_t>();
  auto row = [](int64_t p) { return "row " + std::to_string(p) + " "; };
  int64_t caps = 0, lens = 0;
  std::vector<std::pair<int64_t, int64_t>> spans;  // (start, cap) of the rows with room
  for (int64_t p = 0; p < nPost; ++p) {
    if (cap[p] < 0 || len[p] < 0 || len[p] > cap[p] || start[p] < 0 || start[p] > used_ || cap[p] > used_ - start[p])
      return row(p) + "(start " + std::to_string(start[p]) + ", " + std::to_string(len[p]) + " of " +
             std::to_string(cap[p]) + " slots) lies outside the " + std::to_string(used_) + " slots";
    caps += cap[p];
    lens += len[p];
    if (cap[p] > 0) spans.push_back({start[p], cap[p]});
    for (int32_t i = 0; i < len[p]; ++i) {
      const int64_t s = start[p] + i;
      if (pre[s] < 0 || pre[s] >= nPre)
        return row(p) + "has a synapse from neuron index " + std::to_string(pre[s]) + ", outside the " +
               std::to_string(nPre) + " neurons of '" + desc_.pre + "'";
      if (post[s] != p) return row(p) + "holds slot " + std::to_string(s) + " of row " + std::to_string(post[s]);
      if (parNum[s] < 0 || parNum[s] >= desc_.multiplicity)
        return row(p) + "has parallel synapse number " + std::to_string(parNum[s]) + "; multiplicity is " +
               std::to_string(desc_.multiplicity);
      if (i > 0 && (pre[s - 1] > pre[s] || (pre[s - 1] == pre[s] && parNum[s - 1] >= parNum[s])))
        return row(p) + "is not sorted by (pre, parallel number) at slot " + std::to_string(s);
    }
  }
  if (caps + holes_ != used_ || lens != live_)
    return "its rows hold " + std::to_string(caps) + " slots and " + std::to_string(lens) +
           " synapses, but it counts " + std::to_string(used_ - holes_) + " and " + std::to_string(live_);
  std::sort(spans.begin(), spans.end());
  for (size_t k = 1; k < spans.size(); ++k)
    if (spans[k - 1].first + spans[k - 1].second > spans[k].first) return "two of its rows overlap";
  return {};
}

} // namespace ndprt
