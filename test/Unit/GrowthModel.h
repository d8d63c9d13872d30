// A hand-written model that grows, prunes and connects: a descriptor and C++
// kernels in place of compiled ones, so that the runtime's structural work
// and its checkpoints run in the sanitizer build, which has no code generator.
#ifndef NDPC_TEST_UNIT_GROWTHMODEL_H
#define NDPC_TEST_UNIT_GROWTHMODEL_H

#include "ndp/abi.h"

#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

namespace growth_model {

template <class T> inline T *at(const ndp_view *v, int i) { return static_cast<T *>(v[i].aligned); }
inline int64_t size(const ndp_view *v, int i) { return v[i].size; }
inline int64_t begin(const ndp_view *v) { return at<int64_t>(v, 0)[NDP_CTX_BEGIN]; }
inline int64_t end(const ndp_view *v) { return at<int64_t>(v, 0)[NDP_CTX_END]; }

// Kernels, in the binding order the descriptor below gives each one.
inline void popInit(const ndp_view *v) {  // ctx ids v
  for (int64_t i = begin(v); i < end(v); ++i) at<float>(v, 2)[i] = 0.1f * static_cast<float>(at<int64_t>(v, 1)[i] % 5);
}
inline void popOut(const ndp_view *v) {  // ctx v y
  for (int64_t i = begin(v); i < end(v); ++i) at<float>(v, 2)[i] = std::tanh(at<float>(v, 1)[i]);
}
inline void popUpdate(const ndp_view *v) {  // ctx v in y importance
  for (int64_t i = begin(v); i < end(v); ++i) {
    float x = 0.5f * at<float>(v, 1)[i] + at<float>(v, 2)[i] + 0.05f;
    at<float>(v, 1)[i] = x;
    at<float>(v, 3)[i] = std::tanh(x);
    at<float>(v, 4)[i] = 0.9f * at<float>(v, 4)[i] + 0.1f * std::fabs(std::tanh(x));
  }
}
inline void projInit(const ndp_view *v) {  // init_slots pre post_of par w
  for (int64_t k = 0; k < size(v, 0); ++k) {
    int64_t s = at<int64_t>(v, 0)[k];
    int sum = at<int32_t>(v, 1)[s] + at<int32_t>(v, 2)[s] + at<int32_t>(v, 3)[s];
    at<float>(v, 4)[s] = 0.1f * static_cast<float>(sum % 7 - 3);
  }
}
inline void projTransmit(const ndp_view *v) {  // ctx in row_start row_len pre w y
  for (int64_t p = begin(v); p < end(v); ++p) {
    float sum = 0;
    int64_t s0 = at<int64_t>(v, 2)[p];
    for (int64_t s = s0; s < s0 + at<int32_t>(v, 3)[p]; ++s)
      sum += at<float>(v, 5)[s] * at<float>(v, 6)[at<int32_t>(v, 4)[s]];
    at<float>(v, 1)[p] += sum;
  }
}
inline void projUpdate(const ndp_view *v) {  // ctx row_start row_len w
  for (int64_t p = begin(v); p < end(v); ++p) {
    int64_t s0 = at<int64_t>(v, 1)[p];
    for (int64_t s = s0; s < s0 + at<int32_t>(v, 2)[p]; ++s) at<float>(v, 3)[s] *= 0.97f;
  }
}
inline void projPrune(const ndp_view *v) {  // ctx counter row_start row_len w dead_rows
  for (int64_t p = begin(v); p < end(v); ++p) {
    bool dead = false;
    int64_t s0 = at<int64_t>(v, 2)[p];
    for (int64_t s = s0; s < s0 + at<int32_t>(v, 3)[p]; ++s) {
      int32_t &c = at<int32_t>(v, 1)[s];
      c = std::fabs(at<float>(v, 4)[s]) < 0.05f ? c + 1 : 0;
      dead |= c >= 3;
    }
    at<uint8_t>(v, 5)[p] = dead;
  }
}
inline void growSelect(const ndp_view *v) {  // ctx importance flags
  for (int64_t i = begin(v); i < end(v); ++i) at<uint8_t>(v, 2)[i] = at<float>(v, 1)[i] > 0.2f;
}
inline void growChild(const ndp_view *v) {  // ctx edit_parent edit_child v
  for (int64_t k = 0; k < size(v, 2); ++k)
    at<float>(v, 3)[at<int32_t>(v, 2)[k]] = 0.5f * at<float>(v, 3)[at<int32_t>(v, 1)[k]];
}
inline void growRemove(const ndp_view *v) {  // ctx ids flags
  for (int64_t i = begin(v); i < end(v); ++i) at<uint8_t>(v, 2)[i] = at<int64_t>(v, 1)[i] % 9 == 4;
}
inline void growConnect(const ndp_view *v) {  // ctx cand_a cand_b cand_ok
  for (int64_t k = 0; k < size(v, 3); ++k) at<uint8_t>(v, 3)[k] = (at<int32_t>(v, 1)[k] + at<int32_t>(v, 2)[k]) % 3 == 0;
}

inline void *const kKernels[] = {reinterpret_cast<void *>(&popInit),     reinterpret_cast<void *>(&popOut),
                          reinterpret_cast<void *>(&popUpdate),   reinterpret_cast<void *>(&projInit),
                          reinterpret_cast<void *>(&projTransmit), reinterpret_cast<void *>(&projUpdate),
                          reinterpret_cast<void *>(&projPrune),   reinterpret_cast<void *>(&growSelect),
                          reinterpret_cast<void *>(&growChild),   reinterpret_cast<void *>(&growConnect),
                          reinterpret_cast<void *>(&growRemove)};

inline std::string descriptor(bool split) {
  return std::string("ndp-descriptor 1\nmodel fake\n"
                     "population src In 3 3 0.9 0 0\n  state v f32 1\n  channel in f32 1\n  out y f32 1\n"
                     "population c Cell 4 200 0.9 0 0\n  state v f32 1\n  channel in f32 1\n  out y f32 1\n"
                     "projection p0 src c W fanin 2 2 in 0 0 w\n  state w f32 1\n"
                     "projection p1 c c W fanin 3 2 in 0 0 w\n  state w f32 1\n  state prune.0 i32 1\n"
                     "  state provenance.stamp i32 1\n"
                     "projection p2 c src W all - 1 in 0 0 w\n  state w f32 1\n"
                     "kernel 0 pop_init src 3 ctx pop:src:ids pop:src:state:v\n"
                     "kernel 1 pop_out src 3 ctx pop:src:state:v pop:src:out:y\n"
                     "kernel 2 pop_update src 5 ctx pop:src:state:v pop:src:channel:in pop:src:out:y pop:src:importance\n"
                     "kernel 3 pop_init c 3 ctx pop:c:ids pop:c:state:v\n"
                     "kernel 4 pop_out c 3 ctx pop:c:state:v pop:c:out:y\n"
                     "kernel 5 pop_update c 5 ctx pop:c:state:v pop:c:channel:in pop:c:out:y pop:c:importance\n") +
         [] {
           std::string k;
           int i = 6;
           for (const char *q : {"p0", "p1", "p2"}) {
             std::string pre = std::string(q) == "p0" ? "src" : "c", post = std::string(q) == "p2" ? "src" : "c";
             std::string b = std::string("proj:") + q + ":";
             k += "kernel " + std::to_string(i++) + " proj_init " + q + " 5 " + b + "init_slots " + b + "pre " + b +
                  "post_of " + b + "par " + b + "state:w\n";
             k += "kernel " + std::to_string(i++) + " proj_transmit " + q + " 7 ctx pop:" + post + ":channel:in " +
                  b + "row_start " + b + "row_len " + b + "pre " + b + "state:w pop:" + pre + ":out:y\n";
             k += "kernel " + std::to_string(i++) + " proj_update " + q + " 4 ctx " + b + "row_start " + b +
                  "row_len " + b + "state:w\n";
           }
           k += "kernel 15 proj_prune p1 6 ctx proj:p1:state:prune.0 proj:p1:row_start proj:p1:row_len "
                "proj:p1:state:w proj:p1:dead_rows\n";
           k += "kernel 16 grow_select c 3 ctx pop:c:importance pop:c:flags\n";
           k += "kernel 17 grow_child c 4 ctx pop:c:edit_parent pop:c:edit_child pop:c:state:v\n";
           k += "kernel 18 grow_connect c 4 ctx pop:c:cand_a pop:c:cand_b pop:c:cand_ok\n";
           k += "kernel 19 grow_select c 3 ctx pop:c:ids pop:c:flags\n";
           return k;
         }() +
         "grow c 5\n  remove 19\n  divide 16 17 " + (split ? "1" : "0") +
         " 0\n  connect p1 18\nprune p1 prune.0 3 15\nrun 9 60 1\nrecord c state v 3 \"v.npy\"\n"
         "snapshot 20 \"snap\"\ncheckpoint 30 \"c.ckpt\"\nend\n";
}

/// The kernel table in descriptor order: kernel i of the text is kKernels' entry for its kind.
inline std::vector<void *> table() {
  std::vector<void *> t;
  for (int i : {0, 1, 2, 0, 1, 2}) t.push_back(kKernels[i]);
  for (int q = 0; q < 3; ++q)
    for (int i : {3, 4, 5}) t.push_back(kKernels[i]);
  for (int i : {6, 7, 8, 9, 10}) t.push_back(kKernels[i]);
  return t;
}

} // namespace growth_model

#endif
