// The words of the contract's enums, and the binding names kernels take
// (ndp/Descriptor.h): one table each, read by the compiler and the runtime.
#include "ndp/Descriptor.h"

#include <cstring>

namespace ndpabi {

namespace {

template <class E, size_t N>
std::optional<E> lookup(const std::pair<E, const char *> (&table)[N], std::string_view word) {
  for (const auto &[value, name] : table)
    if (word == name) return value;
  return std::nullopt;
}

template <class E, size_t N> const char *nameOf(const std::pair<E, const char *> (&table)[N], E value) {
  for (const auto &[v, name] : table)
    if (v == value) return name;
  return "?";
}

const std::pair<KernelKind, const char *> kKernelKinds[] = {
    {KernelKind::PopInit, "pop_init"},
    {KernelKind::PopOut, "pop_out"},
    {KernelKind::PopUpdate, "pop_update"},
    {KernelKind::ProjInit, "proj_init"},
    {KernelKind::ProjTransmit, "proj_transmit"},
    {KernelKind::ProjEvent, "proj_event"},
    {KernelKind::ProjEventGather, "proj_event_gather"},
    {KernelKind::ProjUpdate, "proj_update"},
    {KernelKind::ProjFused, "proj_fused"},
    {KernelKind::ProjPrune, "proj_prune"},
    {KernelKind::GrowSelect, "grow_select"},
    {KernelKind::GrowChild, "grow_child"},
    {KernelKind::GrowConnect, "grow_connect"},
    {KernelKind::AttendCond, "attend_cond"},
    {KernelKind::MemoryCond, "memory_cond"},
};

const std::pair<ValueKind, const char *> kValueKinds[] = {
    {ValueKind::State, "state"},           {ValueKind::Input, "input"}, {ValueKind::Channel, "channel"},
    {ValueKind::Out, "out"},               {ValueKind::Importance, "importance"},
    {ValueKind::Spiked, "spiked"},
};

const std::pair<Connectivity, const char *> kConnectivities[] = {
    {Connectivity::All, "all"},   {Connectivity::OneToOne, "one_to_one"}, {Connectivity::Fanin, "fanin"},
    {Connectivity::Prob, "p"},    {Connectivity::File, "from"},           {Connectivity::None, "none"},
};

const std::pair<PopField, const char *> kPopFields[] = {
    {PopField::State, "state"},          {PopField::Input, "input"},         {PopField::Channel, "channel"},
    {PopField::Out, "out"},              {PopField::Importance, "importance"}, {PopField::Spiked, "spiked"},
    {PopField::Ids, "ids"},              {PopField::Flags, "flags"},         {PopField::Spikes, "spikes"},
    {PopField::EditParent, "edit_parent"}, {PopField::EditChild, "edit_child"}, {PopField::CandA, "cand_a"},
    {PopField::CandB, "cand_b"},         {PopField::CandOk, "cand_ok"},      {PopField::CandScore, "cand_score"},
};

const std::pair<ProjField, const char *> kProjFields[] = {
    {ProjField::RowStart, "row_start"},      {ProjField::RowLen, "row_len"},
    {ProjField::Next, "next"},               {ProjField::DeadRows, "dead_rows"},
    {ProjField::Pre, "pre"},                 {ProjField::PostOf, "post_of"},
    {ProjField::Par, "par"},                 {ProjField::ByPreStart, "by_pre_start"},
    {ProjField::ByPreLen, "by_pre_len"},     {ProjField::ByPre, "by_pre"},
    {ProjField::ByPrePost, "by_pre_post"},   {ProjField::InitSlots, "init_slots"},
    {ProjField::State, "state"},             {ProjField::ByPreState, "by_pre_state"},
};

/// Fields that name one of several arrays (a state, a channel, ...).
bool popFieldTakesName(PopField f) {
  return f == PopField::State || f == PopField::Input || f == PopField::Channel || f == PopField::Out;
}
bool projFieldTakesName(ProjField f) { return f == ProjField::State || f == ProjField::ByPreState; }

std::vector<std::string> splitColons(const std::string &s) {
  std::vector<std::string> out(1);
  for (char c : s) {
    if (c == ':') out.emplace_back();
    else out.back().push_back(c);
  }
  return out;
}

} // namespace

const char *kernelKindName(KernelKind kind) { return nameOf(kKernelKinds, kind); }
std::optional<KernelKind> parseKernelKind(std::string_view word) { return lookup(kKernelKinds, word); }
bool isPopulationKernel(KernelKind kind) {
  return kind == KernelKind::PopInit || kind == KernelKind::PopOut || kind == KernelKind::PopUpdate;
}

bool isRowParallelKernel(KernelKind kind) {
  // Each post row is summed and updated by one thread, with no atomics.
  return isPopulationKernel(kind) || kind == KernelKind::ProjTransmit || kind == KernelKind::ProjUpdate ||
         kind == KernelKind::ProjFused;
}

const char *valueKindName(ValueKind kind) { return nameOf(kValueKinds, kind); }
std::optional<ValueKind> parseValueKind(std::string_view word) { return lookup(kValueKinds, word); }

const char *connectivityName(Connectivity c) { return nameOf(kConnectivities, c); }
std::optional<Connectivity> parseConnectivity(std::string_view word) { return lookup(kConnectivities, word); }

std::string popBinding(const std::string &pop, PopField field, const std::string &name) {
  return "pop:" + pop + ":" + nameOf(kPopFields, field) + (name.empty() ? "" : ":" + name);
}

std::string projBinding(const std::string &proj, ProjField field, const std::string &name) {
  return "proj:" + proj + ":" + nameOf(kProjFields, field) + (name.empty() ? "" : ":" + name);
}

std::string paramBinding(const std::string &param) { return "param:" + param; }

std::optional<Binding> parseBinding(const std::string &text) {
  Binding b;
  if (text.rfind("param:", 0) == 0) {
    if (text.size() == 6 || text.find(':', 6) != std::string::npos) return std::nullopt;
    b.scope = Binding::Scope::Param;
    b.target = text.substr(6);
    return b;
  }
  if (text == "ctx") b.scope = Binding::Scope::Ctx;
  else if (text == "scalars") b.scope = Binding::Scope::Scalars;
  else if (text == "status") b.scope = Binding::Scope::Status;
  if (text == "ctx" || text == "scalars" || text == "status") return b;
  std::vector<std::string> w = splitColons(text);
  if (w.size() < 3 || w.size() > 4 || w[1].empty()) return std::nullopt;
  b.target = w[1];
  if (w.size() == 4) b.name = w[3];
  if (w[0] == "pop") {
    auto f = lookup(kPopFields, w[2]);
    if (!f || popFieldTakesName(*f) != (w.size() == 4)) return std::nullopt;
    b.scope = Binding::Scope::Pop;
    b.pop = *f;
    return b;
  }
  if (w[0] == "proj") {
    auto f = lookup(kProjFields, w[2]);
    if (!f || projFieldTakesName(*f) != (w.size() == 4)) return std::nullopt;
    b.scope = Binding::Scope::Proj;
    b.proj = *f;
    return b;
  }
  return std::nullopt;
}

PopField popFieldOf(ValueKind kind) {
  switch (kind) {
  case ValueKind::State: return PopField::State;
  case ValueKind::Input: return PopField::Input;
  case ValueKind::Channel: return PopField::Channel;
  case ValueKind::Out: return PopField::Out;
  case ValueKind::Importance: return PopField::Importance;
  case ValueKind::Spiked: return PopField::Spiked;
  }
  return PopField::State;
}

} // namespace ndpabi
