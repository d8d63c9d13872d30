// The graph a run grows: its populations and projections in declaration order
// (the order of every phase of the step loop), found by name. The components
// of a run (kernels, growth, run I/O, checkpoints) share it by reference.
#ifndef NDPRT_GRAPH_H
#define NDPRT_GRAPH_H

#include "Population.h"
#include "Projection.h"

#include <memory>
#include <string>
#include <vector>

namespace ndprt {

struct Graph {
  std::vector<std::unique_ptr<Population>> pops;
  std::vector<std::unique_ptr<Projection>> projs;

  /// Null when there is none of that name.
  Population *population(const std::string &name) const {
    for (auto &p : pops)
      if (p->name() == name) return p.get();
    return nullptr;
  }
  Projection *projection(const std::string &name) const {
    for (auto &q : projs)
      if (q->name() == name) return q.get();
    return nullptr;
  }
};

} // namespace ndprt

#endif
