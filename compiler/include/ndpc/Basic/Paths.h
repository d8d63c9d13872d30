#ifndef NDPC_BASIC_PATHS_H
#define NDPC_BASIC_PATHS_H

#include <string>

namespace ndpc {

bool isDirectory(const std::string &path);
bool isRegularFile(const std::string &path);
/// The folder part of a path ("." when there is none).
std::string dirName(const std::string &path);
std::string baseName(const std::string &path);
/// The resolved absolute path, or `path` itself when it does not exist.
std::string canonicalPath(const std::string &path);

} // namespace ndpc

#endif
