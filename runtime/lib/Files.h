// File helpers for everything the runtime reads and writes: inputs are read
// only when they are regular files within a size the caller allows, outputs
// are written atomically, and an out-dir is held by one run at a time.
#ifndef NDPRT_FILES_H
#define NDPRT_FILES_H

#include <cstdint>
#include <string>

namespace ndprt {

/// An input opened for reading: only a regular file (a device, a pipe or a
/// folder is refused), read in the pieces its format's header asks for, so
/// that a size a header claims is checked against the file before anything
/// is allocated.
class InputFile {
public:
  /// Throws a Fault naming `what` and `path`.
  InputFile(const std::string &path, const char *what);
  ~InputFile();
  InputFile(const InputFile &) = delete;
  InputFile &operator=(const InputFile &) = delete;
  uint64_t size() const { return size_; }
  /// "checkpoint 'run/model.ckpt'"
  const std::string &name() const { return name_; }
  /// Bytes [offset, offset + n); throws a Fault when the file has fewer.
  std::string read(uint64_t offset, uint64_t n);

private:
  int fd_ = -1;
  uint64_t size_ = 0;
  std::string name_;
};

/// Reads a whole file; throws a Fault saying which `what` could not be read.
/// Refuses anything but a regular file (a device, a pipe, a folder) and a
/// file larger than `maxBytes`, before reading.
std::string readFile(const std::string &path, const char *what, uint64_t maxBytes = UINT64_MAX);
/// Writes through `path.tmp.PID` and a rename: a reader never sees half a file,
/// and a kill leaves the previous file whole. Temporaries of killed runs are
/// removed on the next write.
void writeFileAtomically(const std::string &path, const std::string &data);
/// Keeps the file at `path`, if there is one, as `path`.prev (replacing an
/// older one) without ever leaving `path` missing: a hard link, renamed into place.
void keepPrevious(const std::string &path);
/// Removes the files of `dir` whose names start with `prefix` and contain
/// ".tmp.PID" for a process that no longer runs: what writeFileAtomically
/// left when its process was killed (a live run's temporaries stay).
void removeStaleTemporaries(const std::string &dir, const std::string &prefix);
/// Creates a folder and its parents; throws a Fault on failure, also when a
/// file stands where a folder should be.
void makeDirectories(const std::string &path);
/// Creates `dir` and checks that a file can be written there (a probe file,
/// written and removed); throws a Fault naming `what` it is for.
void checkWritableFolder(const std::string &dir, const std::string &what);
/// The folder of `path` ("." when it has none).
std::string folderOf(const std::string &path);
/// `path` itself if absolute, else `base/path`.
std::string resolvePath(const std::string &base, const std::string &path);

/// An exclusive hold on a folder for one run (a lock file, `.ndpc.lock`, with
/// the holder's pid): a second run in the same folder is refused instead of
/// overwriting the first one's files. Released when the object goes or the
/// process dies (flock), so a killed run never blocks the next.
class FolderLock {
public:
  FolderLock() = default;
  /// Throws a Fault naming the pid that holds `dir`.
  explicit FolderLock(const std::string &dir);
  ~FolderLock();
  FolderLock(FolderLock &&other) noexcept;
  FolderLock &operator=(FolderLock &&other) noexcept;
  FolderLock(const FolderLock &) = delete;
  FolderLock &operator=(const FolderLock &) = delete;

private:
  int fd_ = -1;
};

} // namespace ndprt

#endif
