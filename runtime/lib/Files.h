#ifndef NDPRT_FILES_H
#define NDPRT_FILES_H

#include <string>

namespace ndprt {

/// Reads a whole file; throws a Fault saying which `what` could not be read.
std::string readFile(const std::string &path, const char *what);
/// Writes through `path.tmp.PID` and a rename: a reader never sees half a file,
/// and a kill leaves the previous file whole. Temporaries of killed runs are
/// removed on the next write.
void writeFileAtomically(const std::string &path, const std::string &data);
/// Removes the files of `dir` whose names start with `prefix` and contain
/// ".tmp.": what writeFileAtomically left when its process was killed.
void removeStaleTemporaries(const std::string &dir, const std::string &prefix);
/// Creates a folder and its parents; throws a Fault on failure.
void makeDirectories(const std::string &path);
/// `path` itself if absolute, else `base/path`.
std::string resolvePath(const std::string &base, const std::string &path);

} // namespace ndprt

#endif
