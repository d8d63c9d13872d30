// The byte-level checks before ANTLR sees a file (Prescan.h).
#include "Prescan.h"

#include "ndpc/Basic/Diagnostics.h"
#include "ndpc/Basic/Paths.h"
#include "ndpc/Basic/SourceManager.h"

#include <cstdio>
#include <string>

namespace ndpc {


bool prescanBuffer(const SourceManager &sm, uint32_t fileId, DiagnosticEngine &diags,
                   size_t maxBytes) {
  const std::string &text = sm.text(fileId);
  if (text.size() > maxBytes) {
    diags.error(SourceRange(SourceLoc{fileId, 1, 1}), sourceTooLargeMessage(text.size(), maxBytes));
    return false;
  }
  bool ok = true;
  for (size_t i = 0; i < text.size() && !diags.limitReached();) {
    if (text[i] == '\0') {
      diags.error(SourceRange(sm.locForOffset(fileId, i)),
                  "NUL byte in source file; remove it (is this a binary file?)");
      ok = false;
      ++i;
      continue;
    }
    size_t len = utf8SequenceLength(text, i);
    if (len == 0) {
      char hex[8];
      std::snprintf(hex, sizeof hex, "0x%02X", static_cast<unsigned char>(text[i]));
      diags.error(SourceRange(sm.locForOffset(fileId, i)),
                  std::string("invalid UTF-8 byte ") + hex +
                      "; save the file as UTF-8");
      ok = false;
      ++i;
      continue;
    }
    i += len;
  }
  return ok;
}

} // namespace ndpc
