// What both fuzz targets do first: check one input as `ndpc check` would.
#ifndef NDPC_TOOLS_FUZZ_CHECKINPUT_H
#define NDPC_TOOLS_FUZZ_CHECKINPUT_H

#include "ndpc/Basic/Diagnostics.h"
#include "ndpc/Basic/SourceManager.h"
#include "ndpc/Sema/Sema.h"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

namespace ndpc::fuzz {

/// Parses and checks `data` as the file fuzz.ndp (std/... found in the source
/// tree); diagnostics go to `diags`. Null when it has errors.
inline std::unique_ptr<ast::Program> checkInput(const uint8_t *data, size_t size, SourceManager &sm,
                                                DiagnosticEngine &diags) {
  uint32_t id = sm.addBuffer("fuzz.ndp", std::string(reinterpret_cast<const char *>(data), size));
  SemaOptions opts;
  opts.stdlibDir = NDPC_SOURCE_STDLIB_DIR;
  return checkBuffer(id, sm, diags, opts);
}

} // namespace ndpc::fuzz

#endif
