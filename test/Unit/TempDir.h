#ifndef NDPC_TEST_UNIT_TEMPDIR_H
#define NDPC_TEST_UNIT_TEMPDIR_H

#include "Error.h"

#include <cstdlib>
#include <filesystem>
#include <string>

/// A fresh folder under /tmp for one test's output, removed with everything in
/// it when the test ends (also when an assertion stops it early).
class TempDir {
public:
  explicit TempDir(const std::string &prefix) {
    std::string tmpl = "/tmp/" + prefix + "-XXXXXX";
    if (!::mkdtemp(tmpl.data())) throw ndprt::Fault("mkdtemp failed");
    path_ = tmpl;
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  TempDir(const TempDir &) = delete;
  TempDir &operator=(const TempDir &) = delete;
  const std::string &path() const { return path_; }

private:
  std::string path_;
};

#endif
