#include "Population.h"

#include <cstring>

namespace ndprt {

Population::Population(const PopDesc &desc, int index) : desc_(desc), index_(index) {
  for (const VarDesc &v : desc_.states) states.emplace_back(v.name, v.type, v.width);
  for (const std::string &i : desc_.inputs) inputs.emplace_back(i, "f32", 1);
  for (const std::string &c : desc_.channels) channels.emplace_back(c, "f32", 1);
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
  }
  return first;
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
  for (Column *c : {&importance, &spiked, &ids, &parent, &born}) out.push_back(c);
  return out;
}

void Population::restore(int64_t size, int64_t nextId) {
  n_ = size;
  nextId_ = nextId;
  for (Column *c : allColumns()) c->resize(n_);
  flags.resize(n_);
}

Column *Population::find(const std::string &kind, const std::string &name) {
  auto in = [&](std::vector<Column> &cols) -> Column * {
    for (Column &c : cols)
      if (c.name() == name) return &c;
    return nullptr;
  };
  if (kind == "state") return in(states);
  if (kind == "input") return in(inputs);
  if (kind == "channel") return in(channels);
  if (kind == "out") return in(outs);
  if (kind == "importance") return &importance;
  if (kind == "spiked") return &spiked;
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
  for (const Column *c : {&importance, &spiked, &ids, &parent, &born, &flags})
    b += static_cast<size_t>(c->capacity()) * c->elementBytes();
  return b;
}

size_t Population::bytesPerNeuron() const {
  size_t b = importance.elementBytes() + spiked.elementBytes() + ids.elementBytes() + parent.elementBytes() +
             born.elementBytes() + flags.elementBytes();
  for (auto *cols : {&states, &inputs, &channels, &outs})
    for (const Column &c : *cols) b += c.elementBytes();
  return b;
}

} // namespace ndprt
