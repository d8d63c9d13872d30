#include "Files.h"

#include "Error.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <dirent.h>
#include <fstream>
#include <sstream>
#include <sys/stat.h>
#include <unistd.h>

namespace ndprt {

std::string readFile(const std::string &path, const char *what) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Fault(std::string("cannot open ") + what + " '" + path + "': " + std::strerror(errno));
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void removeStaleTemporaries(const std::string &dir, const std::string &prefix) {
  DIR *d = ::opendir(dir.empty() ? "." : dir.c_str());
  if (!d) return;
  while (dirent *e = ::readdir(d))
    if (std::strncmp(e->d_name, prefix.c_str(), prefix.size()) == 0 && std::strstr(e->d_name, ".tmp."))
      std::remove((dir + "/" + e->d_name).c_str());
  ::closedir(d);
}

void writeFileAtomically(const std::string &path, const std::string &data) {
  size_t slash = path.find_last_of('/');
  if (slash == std::string::npos) removeStaleTemporaries(".", path + ".tmp.");
  else removeStaleTemporaries(path.substr(0, slash), path.substr(slash + 1) + ".tmp.");
  std::string tmp = path + ".tmp." + std::to_string(::getpid());
  FILE *f = std::fopen(tmp.c_str(), "wb");
  if (!f) throw Fault("cannot write '" + path + "': " + std::strerror(errno));
  bool ok = std::fwrite(data.data(), 1, data.size(), f) == data.size();
  ok = std::fflush(f) == 0 && ok;
  ok = ::fsync(fileno(f)) == 0 && ok;
  ok = std::fclose(f) == 0 && ok;
  if (!ok || std::rename(tmp.c_str(), path.c_str()) != 0) {
    std::remove(tmp.c_str());
    throw Fault("cannot write '" + path + "': " + std::strerror(errno));
  }
}

void makeDirectories(const std::string &path) {
  if (path.empty()) return;
  std::string cur;
  for (size_t i = 0; i <= path.size(); ++i) {
    if (i == path.size() || path[i] == '/') {
      if (!cur.empty() && ::mkdir(cur.c_str(), 0755) != 0 && errno != EEXIST)
        throw Fault("cannot create folder '" + cur + "': " + std::strerror(errno));
    }
    if (i < path.size()) cur.push_back(path[i]);
  }
}

std::string resolvePath(const std::string &base, const std::string &path) {
  if (path.empty() || path[0] == '/' || base.empty() || base == ".") return path;
  return base + "/" + path;
}

} // namespace ndprt
