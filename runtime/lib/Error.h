// The one exception type of the runtime: a fault the user can act on.
#ifndef NDPRT_ERROR_H
#define NDPRT_ERROR_H

#include <stdexcept>
#include <string>

namespace ndprt {

/// A run-time fault with a message naming what to fix (population, neuron,
/// step, variable, file). The program prints it and exits non-zero.
struct Fault : std::runtime_error {
  explicit Fault(const std::string &m) : std::runtime_error(m) {}
};

} // namespace ndprt

#endif
