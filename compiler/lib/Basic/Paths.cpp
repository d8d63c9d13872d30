// Paths and safe source reads (Paths.h).
#include "ndpc/Basic/Paths.h"

#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <sys/stat.h>
#include <unistd.h>

namespace ndpc {

bool isDirectory(const std::string &p) {
  struct stat st;
  return ::stat(p.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

bool isRegularFile(const std::string &p) {
  struct stat st;
  return ::stat(p.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

std::string dirName(const std::string &p) {
  size_t slash = p.find_last_of('/');
  return slash == std::string::npos ? "." : slash == 0 ? "/" : p.substr(0, slash);
}

std::string baseName(const std::string &p) {
  size_t slash = p.find_last_of('/');
  return slash == std::string::npos ? p : p.substr(slash + 1);
}

std::string canonicalPath(const std::string &p) {
  char buf[PATH_MAX];
  return ::realpath(p.c_str(), buf) ? std::string(buf) : p;
}

bool canWriteFile(const std::string &path, std::string &why) {
  if (isDirectory(path)) {
    why = "it is a folder; give a file name";
    return false;
  }
  const std::string probe = dirName(path) + "/.ndpc-probe." + std::to_string(::getpid());
  int fd = ::open(probe.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0) {
    why = std::string(std::strerror(errno)) + " (the folder '" + dirName(path) + "' must exist and be writable)";
    return false;
  }
  ::close(fd);
  ::unlink(probe.c_str());
  return true;
}

SourceRead readSourceFile(const std::string &path, uint64_t maxBytes) {
  SourceRead r;
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return r;
  struct stat st;
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    r.status = SourceRead::NotRegular;
    return r;
  }
  r.size = static_cast<uint64_t>(st.st_size);
  if (r.size > maxBytes) {
    ::close(fd);
    r.status = SourceRead::TooLarge;
    return r;
  }
  r.text.resize(static_cast<size_t>(r.size));
  size_t got = 0;
  while (got < r.text.size()) {
    ssize_t n = ::read(fd, &r.text[got], r.text.size() - got);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    got += static_cast<size_t>(n);
  }
  ::close(fd);
  r.text.resize(got);
  r.status = SourceRead::Ok;
  return r;
}

std::string sourceTooLargeMessage(uint64_t size, uint64_t maxBytes) {
  return "file is " + std::to_string(size) + " bytes, over the limit of " + std::to_string(maxBytes) +
         " bytes for one source file; split the model into files with 'import'";
}

bool writeFileAtomically(const std::string &path, const std::string &data, std::string &error) {
  std::string tmp = path + ".tmp." + std::to_string(::getpid());
  {
    std::ofstream out(tmp, std::ios::binary);
    out.write(data.data(), static_cast<std::streamsize>(data.size()));
    if (!out) {
      error = "cannot write '" + tmp + "'";
      std::remove(tmp.c_str());
      return false;
    }
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    error = "cannot rename '" + tmp + "' to '" + path + "'";
    std::remove(tmp.c_str());
    return false;
  }
  return true;
}

} // namespace ndpc
