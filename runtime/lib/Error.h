// The runtime's exceptions: a fault the user can act on, and the two kinds an
// embedding program tells apart (ndp/abi.h's error kinds).
#ifndef NDPRT_ERROR_H
#define NDPRT_ERROR_H

#include <stdexcept>
#include <string>
#include <vector>

namespace ndprt {

/// A run-time fault with a message naming what to fix (population, neuron,
/// step, variable, file). The program prints it and exits non-zero.
struct Fault : std::runtime_error {
  explicit Fault(const std::string &m) : std::runtime_error(m) {}
};

/// A name the model does not have (population, value, param, projection).
struct NameFault : Fault {
  explicit NameFault(const std::string &m) : Fault(m) {}
};

/// "unknown param 'gian' (did you mean 'gain'?); the params are: ..." (ParamArrays.cpp).
NameFault unknownParam(const std::string &name, const std::vector<std::string> &names);

/// A value that does not fit where it was given (a param's range, an array's size).
struct ValueFault : Fault {
  explicit ValueFault(const std::string &m) : Fault(m) {}
};

} // namespace ndprt

#endif
