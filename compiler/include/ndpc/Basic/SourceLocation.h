// Source positions and ranges, carried from the AST to MLIR locations.
#ifndef NDPC_BASIC_SOURCELOCATION_H
#define NDPC_BASIC_SOURCELOCATION_H

#include <cstdint>

namespace ndpc {

/// A position in a source buffer. Lines and columns are 1-based; columns count
/// Unicode code points, as editors do. File 0 means "no location".
struct SourceLoc {
  uint32_t file = 0;
  uint32_t line = 0;
  uint32_t col = 0;

  bool valid() const { return file != 0 && line != 0; }
  bool operator==(const SourceLoc &o) const {
    return file == o.file && line == o.line && col == o.col;
  }
  bool operator<(const SourceLoc &o) const {
    if (file != o.file) return file < o.file;
    if (line != o.line) return line < o.line;
    return col < o.col;
  }
};

/// A half-open range: `end` is one past the last character.
struct SourceRange {
  SourceLoc begin;
  SourceLoc end;

  SourceRange() = default;
  SourceRange(SourceLoc b, SourceLoc e) : begin(b), end(e) {}
  explicit SourceRange(SourceLoc b) : begin(b), end(b) {}
  bool valid() const { return begin.valid(); }
};

/// The smallest range covering both (same file assumed).
inline SourceRange join(SourceRange a, SourceRange b) {
  if (!a.valid()) return b;
  if (!b.valid()) return a;
  SourceRange r = a;
  if (b.begin < r.begin) r.begin = b.begin;
  if (r.end < b.end) r.end = b.end;
  return r;
}

} // namespace ndpc

#endif
