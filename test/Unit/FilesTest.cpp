// The runtime's file helpers on hostile inputs and shared folders: devices and
// folders are never read, a folder is held by one run, and one run never
// removes another's temporary files.
#include "Error.h"
#include "Files.h"
#include "TempDir.h"

#include <gtest/gtest.h>

#include <fstream>
#include <functional>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace ndprt;

namespace {

std::string faultOf(const std::function<void()> &f) {
  try {
    f();
  } catch (const Fault &e) {
    return e.what();
  }
  return "no error";
}

bool exists(const std::string &p) {
  struct stat st;
  return ::stat(p.c_str(), &st) == 0;
}

} // namespace

TEST(Files, ReadsOnlyRegularFilesWithinTheirLimit) {
  TempDir dir("ndprt-files");
  EXPECT_NE(faultOf([] { readFile("/dev/zero", "checkpoint"); }).find("checkpoint '/dev/zero': it is not a regular file"),
            std::string::npos);
  EXPECT_NE(faultOf([&] { readFile(dir.path(), "input file"); }).find("not a regular file"), std::string::npos);
  const std::string f = dir.path() + "/ten";
  std::ofstream(f) << "0123456789";
  EXPECT_EQ(readFile(f, "input file"), "0123456789");
  EXPECT_NE(faultOf([&] { readFile(f, "input file", 9); }).find("it is 10 bytes, more than the 9"), std::string::npos);
  InputFile in(f, "input file");
  EXPECT_EQ(in.read(8, 2), "89");
  EXPECT_NE(faultOf([&] { in.read(8, 3); }).find("too short"), std::string::npos);
  EXPECT_NE(faultOf([&] { in.read(UINT64_MAX, 2); }).find("too short"), std::string::npos);
}

TEST(Files, AFolderIsHeldByOneRunAtATime) {
  TempDir dir("ndprt-files");
  {
    FolderLock first(dir.path());
    const std::string why = faultOf([&] { FolderLock second(dir.path()); });
    EXPECT_NE(why.find("another run (pid " + std::to_string(::getpid()) + ") is writing to '" + dir.path() + "'"),
              std::string::npos)
        << why;
  }
  // Released with its holder, also when that process dies without cleaning up.
  EXPECT_NO_THROW(FolderLock again(dir.path()));
  pid_t child = ::fork();
  if (child == 0) {
    FolderLock held(dir.path());
    ::_exit(0);  // no destructor runs
  }
  int status = 0;
  ::waitpid(child, &status, 0);
  EXPECT_NO_THROW(FolderLock afterKill(dir.path()));
}

TEST(Files, OnlyTemporariesOfEndedRunsAreRemoved) {
  TempDir dir("ndprt-files");
  pid_t ended = ::fork();
  if (ended == 0) ::_exit(0);
  ::waitpid(ended, nullptr, 0);
  const std::string mine = dir.path() + "/v.npy.tmp." + std::to_string(::getppid());  // a live process
  const std::string stale = dir.path() + "/v.npy.tmp." + std::to_string(ended);
  std::ofstream(mine) << "x";
  std::ofstream(stale) << "x";
  writeFileAtomically(dir.path() + "/v.npy", "data");
  EXPECT_TRUE(exists(mine)) << "a running process's temporary was removed";
  EXPECT_FALSE(exists(stale)) << "a dead process's temporary was left";
  EXPECT_EQ(readFile(dir.path() + "/v.npy", "output"), "data");
}

TEST(Files, UnwritableFoldersAreFoundBeforeTheRun) {
  TempDir dir("ndprt-files");
  const std::string file = dir.path() + "/plain";
  std::ofstream(file) << "x";
  EXPECT_NE(faultOf([&] { checkWritableFolder(file, "recordings"); }).find("a file of that name is in the way"),
            std::string::npos);
  EXPECT_NE(faultOf([&] { checkWritableFolder(file + "/sub", "recordings"); }).find("cannot create folder"),
            std::string::npos);
  EXPECT_NO_THROW(checkWritableFolder(dir.path() + "/new/deeper", "recordings"));
  EXPECT_TRUE(exists(dir.path() + "/new/deeper"));
  // /proc is not writable even for root.
  EXPECT_NE(faultOf([] { checkWritableFolder("/proc", "checkpoints"); }).find("cannot write checkpoints in '/proc'"),
            std::string::npos);
}
