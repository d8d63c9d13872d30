// Populations: growth with stable ids, copies for division, the spike list,
// and the checks a restored population must pass (Population.h).
#include "Population.h"

#include <cstring>
#include <string>

namespace ndprt {

Population::Population(const PopDesc &desc, int index) : desc_(desc), index_(index) {
  for (const VarDesc &v : desc_.states) states.emplace_back(v.name, v.type, v.width);
  for (const std::string &i : desc_.inputs) inputs.emplace_back(i, "f32", 1);
  for (const VarDesc &c : desc_.channels) channels.emplace_back(c.name, c.type, c.width);
  for (const VarDesc &v : desc_.outs) outs.emplace_back(v.name, v.type, v.width);
}

int64_t Population::grow(int64_t count, int64_t step) {
  int64_t first = n_;
  n_ += count;
  for (Column *c : allColumns()) c->resize(n_);
  flags.resize(n_);
  for (int64_t i = first; i < n_; ++i) {
    ids.as<int64_t>()[i] = nextId_++;
    parent.as<int64_t>()[i] = -1;
    born.as<int64_t>()[i] = step;
    root.as<int64_t>()[i] = ids.as<int64_t>()[i];
  }
  return first;
}

void Population::removeNeurons(const std::vector<int64_t> &newIndex, int64_t kept) {
  std::vector<Column *> cols = allColumns();
  cols.push_back(&flags);
  for (int64_t i = 0; i < n_; ++i) {
    const int64_t to = newIndex[static_cast<size_t>(i)];
    if (to < 0 || to == i) continue;
    for (Column *c : cols) c->copyElement(i, to);
  }
  n_ = kept;
  for (Column *c : cols) c->resize(n_);
  collectSpikes(spikesStale_);
}

void Population::copyValues(int64_t from, int64_t to) {
  for (auto *cols : {&states, &inputs, &channels, &outs})
    for (Column &c : *cols)
      std::memcpy(static_cast<char *>(c.data()) + to * c.elementBytes(),
                  static_cast<char *>(c.data()) + from * c.elementBytes(), c.elementBytes());
  importance.copyElement(from, to);
  spiked.copyElement(from, to);
}

std::vector<Column *> Population::allColumns() {
  std::vector<Column *> out;
  for (auto *cols : {&states, &inputs, &channels, &outs})
    for (Column &c : *cols) out.push_back(&c);
  for (Column *c : {&importance, &spiked, &ids, &parent, &born, &root}) out.push_back(c);
  return out;
}

void Population::restore(int64_t size, int64_t nextId) {
  n_ = size;
  nextId_ = nextId;
  for (Column *c : allColumns()) c->resize(n_);
  flags.resize(n_);
}

std::string Population::checkRestored(int64_t step) const {
  const int64_t *id = ids.as<int64_t>(), *par = parent.as<int64_t>(), *when = born.as<int64_t>(),
                *first = root.as<int64_t>();
  auto neuron = [&](int64_t i) { return "neuron " + std::to_string(i) + " "; };
  for (int64_t i = 0; i < n_; ++i) {
    if (id[i] < 0 || id[i] >= nextId_ || (i > 0 && id[i] <= id[i - 1]))
      return neuron(i) + "has id " + std::to_string(id[i]) + "; ids rise from 0 and stay below the next id " +
             std::to_string(nextId_);
    if (par[i] < -1 || par[i] >= id[i])
      return neuron(i) + "(id " + std::to_string(id[i]) + ") has parent " + std::to_string(par[i]) +
             "; a parent is -1 or an older neuron";
    if (first[i] < 0 || first[i] > id[i] || (par[i] < 0 && first[i] != id[i]))
      return neuron(i) + "(id " + std::to_string(id[i]) + ") has lineage root " + std::to_string(first[i]) +
             "; a root is the neuron's own id or an older neuron's";
    if (when[i] < -1 || when[i] >= step)
      return neuron(i) + "was born at step " + std::to_string(when[i]) + ", not before step " + std::to_string(step);
  }
  auto boolColumn = [&](const Column &c) -> std::string {
    const uint8_t *b = static_cast<const uint8_t *>(c.data());
    for (int64_t e = 0; e < n_ * c.width(); ++e)
      if (b[e] > 1) return neuron(e / c.width()) + "has '" + c.name() + "' = " + std::to_string(b[e]) + ", not 0 or 1";
    return {};
  };
  for (auto *cols : {&states, &outs})
    for (const Column &c : *cols)
      if (c.type() == "bool")
        if (std::string why = boolColumn(c); !why.empty()) return why;
  if (std::string why = boolColumn(spiked); !why.empty()) return why;
  for (size_t k = 0; k < spikes.size(); ++k)
    if (spikes[k] < 0 || spikes[k] >= n_ || (k > 0 && spikes[k] <= spikes[k - 1]))
      return "the spike list names neuron " + std::to_string(spikes[k]) + " out of order or outside [0, " +
             std::to_string(n_) + ")";
  return {};
}

Column *Population::find(ValueKind kind, const std::string &name) {
  auto in = [&](std::vector<Column> &cols) -> Column * {
    for (Column &c : cols)
      if (c.name() == name) return &c;
    return nullptr;
  };
  switch (kind) {
  case ValueKind::State: return in(states);
  case ValueKind::Input: return in(inputs);
  case ValueKind::Channel: return in(channels);
  case ValueKind::Out: return in(outs);
  case ValueKind::Importance: return &importance;
  case ValueKind::Spiked: return &spiked;
  }
  return nullptr;
}

void Population::collectSpikes(bool lazily) {
  spikesStale_ = lazily;
  if (lazily) return;
  spikes.clear();
  const uint8_t *s = spiked.as<uint8_t>();
  int64_t i = 0;
  // Spikes are rare: skip eight silent neurons at a time.
  for (; i + 8 <= n_; i += 8) {
    uint64_t word;
    std::memcpy(&word, s + i, sizeof word);
    if (!word) continue;
    for (int64_t k = i; k < i + 8; ++k)
      if (s[k]) spikes.push_back(static_cast<int32_t>(k));
  }
  for (; i < n_; ++i)
    if (s[i]) spikes.push_back(static_cast<int32_t>(i));
}

size_t Population::bytesAllocated() const {
  size_t b = 0;
  for (auto *cols : {&states, &inputs, &channels, &outs})
    for (const Column &c : *cols) b += static_cast<size_t>(c.capacity()) * c.elementBytes();
  for (const Column *c : {&importance, &spiked, &ids, &parent, &born, &root, &flags})
    b += static_cast<size_t>(c->capacity()) * c->elementBytes();
  return b;
}

size_t Population::bytesPerNeuron() const {
  size_t b = importance.elementBytes() + spiked.elementBytes() + ids.elementBytes() + parent.elementBytes() +
             born.elementBytes() + root.elementBytes() + flags.elementBytes();
  for (auto *cols : {&states, &inputs, &channels, &outs})
    for (const Column &c : *cols) b += c.elementBytes();
  return b;
}

} // namespace ndprt
