// The source buffers of one compilation and their line tables.
#ifndef NDPC_BASIC_SOURCEMANAGER_H
#define NDPC_BASIC_SOURCEMANAGER_H

#include "ndpc/Basic/SourceLocation.h"

#include <string>
#include <string_view>
#include <vector>

namespace ndpc {

/// Owns every source buffer of a compilation (the main file and its imports) so
/// that diagnostics can show any line of any of them.
class SourceManager {
public:
  /// Adds a buffer; `path` is what diagnostics print. Returns its file id (>= 1).
  uint32_t addBuffer(std::string path, std::string text);

  const std::string &path(uint32_t file) const;
  const std::string &text(uint32_t file) const;
  uint32_t numFiles() const { return static_cast<uint32_t>(files_.size()); }

  /// The bytes of 1-based line `line` without its newline; empty if out of range.
  std::string_view lineText(uint32_t file, uint32_t line) const;
  uint32_t numLines(uint32_t file) const;

  /// Location of byte `offset` of a buffer (column in code points).
  SourceLoc locForOffset(uint32_t file, size_t offset) const;

private:
  struct File {
    std::string path;
    std::string text;
    std::vector<size_t> lineStarts;
  };
  const File &get(uint32_t file) const;
  std::vector<File> files_;
};

/// Number of code points in a UTF-8 byte string (invalid bytes count as one each).
size_t codePointCount(std::string_view utf8);

/// Length of the valid UTF-8 sequence starting at byte `i`, or 0 if it is invalid
/// (truncated, overlong, a surrogate, or above U+10FFFF).
size_t utf8SequenceLength(std::string_view s, size_t i);

} // namespace ndpc

#endif
