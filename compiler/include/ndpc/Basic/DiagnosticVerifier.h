// `ndpc check -verify`: diagnostics compared with expected-* comments, for tests.
#ifndef NDPC_BASIC_DIAGNOSTICVERIFIER_H
#define NDPC_BASIC_DIAGNOSTICVERIFIER_H

#include "ndpc/Basic/Diagnostics.h"

#include <ostream>
#include <vector>

namespace ndpc {

class SourceManager;

/// Checks collected diagnostics against `expected-error`, `expected-warning` and
/// `expected-note` comments in the sources, in the style of MLIR's
/// -verify-diagnostics:
///
///   x = 1 +;   // expected-error {{...}}         (this line)
///   // expected-error@+1 {{...}}                  (next line; also @-N, @N)
///   // expected-error@+1:7 {{...}}                (and column 7)
///
/// The text between `{{` and `}}` must occur in the message. Context notes ("in
/// projection a -> b") may be expected but need not be. Prints every mismatch
/// to `os` and returns true when all expectations were met and nothing else was
/// reported.
bool verifyDiagnostics(const SourceManager &sm, const std::vector<Diagnostic> &diags,
                       std::ostream &os);

} // namespace ndpc

#endif
