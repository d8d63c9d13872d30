// Reading inputs defensively and writing outputs atomically (Files.h).
#include "Files.h"

#include "Error.h"

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

namespace ndprt {

InputFile::InputFile(const std::string &path, const char *what) : name_(std::string(what) + " '" + path + "'") {
  fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd_ < 0) throw Fault("cannot open " + name_ + ": " + std::strerror(errno));
  struct stat st;
  if (::fstat(fd_, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd_);
    fd_ = -1;
    throw Fault("cannot read " + name_ + ": it is not a regular file (a folder, a device or a pipe); give a file");
  }
  size_ = static_cast<uint64_t>(st.st_size);
}

InputFile::~InputFile() {
  if (fd_ >= 0) ::close(fd_);
}

std::string InputFile::read(uint64_t offset, uint64_t n) {
  if (offset > size_ || n > size_ - offset)
    throw Fault("cannot read " + name_ + ": it is " + std::to_string(size_) + " bytes, too short for the " +
                std::to_string(n) + " bytes its header announces at byte " + std::to_string(offset));
  std::string data(static_cast<size_t>(n), '\0');
  size_t got = 0;
  while (got < data.size()) {
    ssize_t k = ::pread(fd_, &data[got], data.size() - got, static_cast<off_t>(offset + got));
    if (k < 0 && errno == EINTR) continue;
    if (k < 0) throw Fault("cannot read " + name_ + ": " + std::strerror(errno));
    if (k == 0) throw Fault("cannot read " + name_ + ": it ended early (it changed while being read)");
    got += static_cast<size_t>(k);
  }
  return data;
}

std::string readFile(const std::string &path, const char *what, uint64_t maxBytes) {
  InputFile f(path, what);
  if (f.size() > maxBytes)
    throw Fault("cannot read " + f.name() + ": it is " + std::to_string(f.size()) + " bytes, more than the " +
                std::to_string(maxBytes) + " its format allows");
  return f.read(0, f.size());
}

namespace {

/// The pid in a temporary's name `PREFIX.tmp.PID`, or 0 when there is none.
pid_t temporaryOwner(const char *name) {
  const char *t = std::strstr(name, ".tmp.");
  if (!t) return 0;
  char *end = nullptr;
  long pid = std::strtol(t + 5, &end, 10);
  return *end == '\0' && pid > 0 ? static_cast<pid_t>(pid) : 0;
}

bool running(pid_t pid) { return ::kill(pid, 0) == 0 || errno == EPERM; }

} // namespace

void removeStaleTemporaries(const std::string &dir, const std::string &prefix) {
  DIR *d = ::opendir(dir.empty() ? "." : dir.c_str());
  if (!d) return;
  while (dirent *e = ::readdir(d)) {
    if (std::strncmp(e->d_name, prefix.c_str(), prefix.size()) != 0) continue;
    pid_t owner = temporaryOwner(e->d_name);
    if (owner && owner != ::getpid() && !running(owner)) std::remove((dir + "/" + e->d_name).c_str());
  }
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
  const int err = errno;
  ok = std::fclose(f) == 0 && ok;
  if (!ok || std::rename(tmp.c_str(), path.c_str()) != 0) {
    const int why = ok ? errno : err;
    std::remove(tmp.c_str());
    throw Fault("cannot write '" + path + "': " + std::strerror(why));
  }
}

void keepPrevious(const std::string &path) {
  struct stat st;
  if (::stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return;
  const std::string prev = path + ".prev", tmp = prev + ".tmp." + std::to_string(::getpid());
  std::remove(tmp.c_str());
  if (::link(path.c_str(), tmp.c_str()) != 0 || std::rename(tmp.c_str(), prev.c_str()) != 0) {
    const int why = errno;
    std::remove(tmp.c_str());
    throw Fault("cannot keep the previous checkpoint as '" + prev + "': " + std::strerror(why));
  }
}

void makeDirectories(const std::string &path) {
  if (path.empty()) return;
  std::string cur;
  for (size_t i = 0; i <= path.size(); ++i) {
    if ((i == path.size() || path[i] == '/') && !cur.empty()) {
      struct stat st;
      if (::mkdir(cur.c_str(), 0755) != 0 && errno != EEXIST)
        throw Fault("cannot create folder '" + cur + "': " + std::strerror(errno));
      if (::stat(cur.c_str(), &st) != 0 || !S_ISDIR(st.st_mode))
        throw Fault("cannot create folder '" + cur + "': a file of that name is in the way");
    }
    if (i < path.size()) cur.push_back(path[i]);
  }
}

void checkWritableFolder(const std::string &dir, const std::string &what) {
  const std::string d = dir.empty() ? "." : dir;
  makeDirectories(d);
  const std::string probe = d + "/.ndpc-probe.tmp." + std::to_string(::getpid());
  FILE *f = std::fopen(probe.c_str(), "wb");
  bool ok = f && std::fputc('x', f) != EOF;
  const int err = errno;
  ok = f && std::fclose(f) == 0 && ok;
  std::remove(probe.c_str());
  if (!ok)
    throw Fault("cannot write " + what + " in '" + d + "': " + std::strerror(err) +
                "; choose a writable folder (--out-dir) before the run starts");
}

std::string folderOf(const std::string &path) {
  size_t slash = path.find_last_of('/');
  return slash == std::string::npos ? "." : slash == 0 ? "/" : path.substr(0, slash);
}

std::string resolvePath(const std::string &base, const std::string &path) {
  if (path.empty() || path[0] == '/' || base.empty() || base == ".") return path;
  return base + "/" + path;
}

FolderLock::FolderLock(const std::string &dir) {
  const std::string path = (dir.empty() ? std::string(".") : dir) + "/.ndpc.lock";
  fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd_ < 0) throw Fault("cannot create the lock file '" + path + "': " + std::strerror(errno));
  if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
    char buf[32] = {0};
    ssize_t n = ::pread(fd_, buf, sizeof buf - 1, 0);
    std::string holder = n > 0 ? std::string(buf, static_cast<size_t>(n)) : std::string();
    while (!holder.empty() && (holder.back() == '\n' || holder.back() == ' ')) holder.pop_back();
    ::close(fd_);
    fd_ = -1;
    throw Fault("another run" + (holder.empty() ? std::string() : " (pid " + holder + ")") + " is writing to '" +
                (dir.empty() ? "." : dir) + "'; wait for it to end or give this run another --out-dir");
  }
  const std::string pid = std::to_string(::getpid()) + "\n";
  if (::ftruncate(fd_, 0) == 0) {
    ssize_t w = ::pwrite(fd_, pid.data(), pid.size(), 0);
    (void)w;  // the pid is only for the message above; the flock is the lock
  }
}

FolderLock::~FolderLock() {
  if (fd_ >= 0) ::close(fd_);
}

FolderLock::FolderLock(FolderLock &&other) noexcept : fd_(other.fd_) { other.fd_ = -1; }

FolderLock &FolderLock::operator=(FolderLock &&other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = other.fd_;
    other.fd_ = -1;
  }
  return *this;
}

} // namespace ndprt
