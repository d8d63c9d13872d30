// File-system helpers of the frontend: paths, and reading sources safely.
#ifndef NDPC_BASIC_PATHS_H
#define NDPC_BASIC_PATHS_H

#include <cstdint>
#include <string>

namespace ndpc {

bool isDirectory(const std::string &path);
bool isRegularFile(const std::string &path);
/// The folder part of a path ("." when there is none).
std::string dirName(const std::string &path);
std::string baseName(const std::string &path);
/// The resolved absolute path, or `path` itself when it does not exist.
std::string canonicalPath(const std::string &path);

/// Whether a file can be created at `path` (its folder exists and takes a
/// new file, and `path` is not a folder); `why` says what is wrong. Leaves
/// nothing behind.
bool canWriteFile(const std::string &path, std::string &why);

/// Writes `data` to `path` through a temporary file and a rename, so that a
/// failure never leaves a half-written output; `error` says why it failed.
bool writeFileAtomically(const std::string &path, const std::string &data, std::string &error);

/// A source file read for the parser, or why it was not: only a regular file
/// is read (a device such as /dev/zero never ends), and only up to the
/// parser's size limit, checked before reading.
struct SourceRead {
  enum Status { Ok, Unreadable, NotRegular, TooLarge } status = Unreadable;
  std::string text;
  uint64_t size = 0;  // the file's size (TooLarge: the whole, unread)
};
SourceRead readSourceFile(const std::string &path, uint64_t maxBytes);
/// The message for a source file over the limit (the parser's own words).
std::string sourceTooLargeMessage(uint64_t size, uint64_t maxBytes);

} // namespace ndpc

#endif
