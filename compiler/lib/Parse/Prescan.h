// What must be refused before the ANTLR runtime reads a buffer.
#ifndef NDPC_LIB_PARSE_PRESCAN_H
#define NDPC_LIB_PARSE_PRESCAN_H

#include <cstddef>
#include <cstdint>

namespace ndpc {

class SourceManager;
class DiagnosticEngine;

/// Rejects what the ANTLR runtime cannot take safely: buffers over `maxBytes`,
/// invalid UTF-8 (its decoder throws) and NUL bytes. Reports each problem with its
/// line and column; returns false if there was any.
bool prescanBuffer(const SourceManager &sm, uint32_t fileId, DiagnosticEngine &diags,
                   size_t maxBytes);

} // namespace ndpc

#endif
