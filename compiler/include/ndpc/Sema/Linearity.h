// Which synapse state `split` halves: the one `transmit` is linear in.
#ifndef NDPC_SEMA_LINEARITY_H
#define NDPC_SEMA_LINEARITY_H

#include "ndpc/AST/Decl.h"

#include <vector>

namespace ndpc {

/// Indices of the synapse states that `transmit` is linear in (homogeneous of
/// degree one: scaling the state by c scales the contribution by c). `split`
/// halves that state on a dividing neuron's outgoing synapses (Net2Net), so it
/// needs exactly one.
std::vector<int> linearStates(const ast::SynapseDecl &s);

/// True when `e` does not read state `index` of its synapse.
bool independentOfState(const ast::Expr &e, int index);

} // namespace ndpc

#endif
