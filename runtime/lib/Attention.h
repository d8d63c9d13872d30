// The runtime's attention layer (docs/attention.md): an attend block's weights
// as one flat vector and the layer that updates every embedding from all
// neurons with a streaming softmax, never an N x N matrix.
#ifndef NDPRT_ATTENTION_H
#define NDPRT_ATTENTION_H

#include "Descriptor.h"
#include "Population.h"
#include "Projection.h"

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace ndprt {

/// The parameters of one attend block in one flat float array, so that the
/// runtime can save, restore and (later) evolve them as one vector. Every
/// matrix is row-major [rows][cols] and maps cols inputs to rows outputs.
class AttentionParams {
public:
  struct Entry {
    std::string name;
    size_t offset;
    int rows, cols;  // cols = fan-in of a matrix; a bias has cols = 1
    bool matrix;
  };

  AttentionParams() = default;
  AttentionParams(int d, int heads, int edgeDim);
  /// normal(0, 1/sqrt(fan-in)) for matrices, 0 for biases, from Philox at
  /// (seed, site 0x8000000000000005; 2^64-1, 7 << 32 | block, entry, element).
  void initialise(uint64_t seed, int block);

  const float *operator[](const std::string &name) const;
  float *operator[](const std::string &name);
  const std::vector<Entry> &layout() const { return layout_; }
  std::vector<float> data;

private:
  std::vector<Entry> layout_;
};

/// One attend block at run time: its settings, parameters and the kernel of
/// one attention layer (docs/attention.md has the equations and the algorithm).
class Attention {
public:
  Attention(const AttendDesc &desc, int index, Population &pop, Projection *over, uint64_t seed);

  const AttendDesc &desc() const { return desc_; }
  AttentionParams params;

  /// A candidate long-range synapse j -> i found by `connect topk` and its score.
  struct Candidate {
    int32_t post, pre;
    float score;
  };

  /// One layer: updates the embeddings and the edge channels of `over`, and
  /// (with topk) returns each neuron's best non-neighbours, post-major.
  std::vector<Candidate> step();
  /// The edge channels a new synapse j -> i starts with: the update of a zero
  /// edge by its logits, as computed by the last step() (from its values).
  void initialiseEdge(int64_t slot, int32_t post, int32_t pre);

  /// Seconds spent in step() so far, for --stats.
  double seconds = 0;
  int64_t calls = 0;

private:
  void project();
  void edgeTerms();
  void denseRows(int64_t i0, int64_t i1, std::vector<Candidate> &found);
  void updateEdges();
  /// Logits of pair (j, i) per head from the step's Q and K, before the edge term.
  void scores(int64_t i, int64_t j, float *s) const;
  void edgeUpdate(const float *logits, float *e) const;

  AttendDesc desc_;
  int index_;
  Population *pop_;
  Projection *over_;
  Column *emb_ = nullptr, *edges_ = nullptr;
  int d_, H_, dh_, de_;
  // Per step: Q, K and V (N x d), K and V transposed per head (H x dh x N),
  // each slot's edge logit and gate terms (slots x H).
  std::vector<float> Q_, K_, V_, KT_, VT_, edgeE_, edgeG_;
  std::vector<float> m_, Z_;  // per row and head, after the edge terms
  int64_t paddedN_ = 0;       // N rounded up to whole vectors: the row length of KT_ and VT_
};

} // namespace ndprt

#endif
