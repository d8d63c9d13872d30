// The container of graph snapshots: .npz files that numpy.load opens.
#ifndef NDPRT_ZIP_H
#define NDPRT_ZIP_H

#include <cstdint>
#include <string>
#include <vector>

namespace ndprt {

/// Builds an uncompressed ("stored") zip archive in memory: the container of
/// NumPy's .npz files, which numpy.load, zipfile and every zip tool read.
class ZipWriter {
public:
  void add(const std::string &name, const std::string &data);
  /// The archive; throws a Fault when it would need ZIP64 (4 GiB or more).
  std::string finish();

private:
  struct Entry {
    std::string name;
    uint32_t crc, size, offset;
  };
  std::string out_;
  std::vector<Entry> entries_;
};

/// One entry of an archive readZip read.
struct ZipEntry {
  std::string name, data;
};

/// The entries of a zip archive held in `bytes` (an .npz file), as numpy.savez
/// writes them: stored, uncompressed (ZIP64 sizes in local headers are fine;
/// the central directory's are used). Throws a Fault naming `path` for a
/// compressed entry (numpy.savez_compressed), a damaged or a 4 GiB archive.
std::vector<ZipEntry> readZip(const std::string &bytes, const std::string &path);

} // namespace ndprt

#endif
