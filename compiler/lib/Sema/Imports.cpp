// Finding and loading imported files, and import cycles.
#include "SemaImpl.h"

#include "ndpc/Basic/Paths.h"
#include "ndpc/Basic/SourceManager.h"
#include "ndpc/Parse/Parser.h"

#include <algorithm>
#include <filesystem>
#include <regex>

namespace ndpc::sema {


std::optional<std::string> Sema::resolveImport(const std::string &path, const SourceFile &from,
                                               std::vector<std::string> &tried) const {
  if (!path.empty() && path[0] == '/') {
    tried.push_back(path);
    return isRegularFile(path) ? std::optional<std::string>(path) : std::nullopt;
  }
  std::vector<std::string> dirs{dirName(from.path)};
  dirs.insert(dirs.end(), opts_.includeDirs.begin(), opts_.includeDirs.end());
  if (!opts_.stdlibDir.empty()) dirs.push_back(opts_.stdlibDir);
  for (const std::string &d : dirs) {
    std::string candidate = d + "/" + path;
    tried.push_back(candidate);
    if (isRegularFile(candidate)) return candidate;
  }
  return std::nullopt;
}

std::string Sema::stdlibFileDefining(const std::string &fn) const {
  // The standard library's files, scanned for `fn NAME(`: a hint only, so a
  // plain text search is enough (the file is parsed when it is imported).
  if (opts_.stdlibDir.empty()) return "";
  const std::regex def("(^|\\n)\\s*fn\\s+" + fn + "\\s*\\(");
  std::vector<std::string> files;
  std::error_code ec;
  for (const auto &f : std::filesystem::directory_iterator(opts_.stdlibDir + "/std", ec))
    if (f.path().extension() == ".ndp") files.push_back("std/" + f.path().filename().string());
  std::sort(files.begin(), files.end());
  for (const std::string &file : files) {
    SourceRead r = readSourceFile(opts_.stdlibDir + "/" + file, ParseLimits{}.maxFileBytes);
    if (r.status == SourceRead::Ok && std::regex_search(r.text, def)) return file;
  }
  return "";
}

bool Sema::loadImports(SourceFile &file, std::vector<std::string> &stack) {
  bool ok = true;
  for (DeclPtr &d : file.decls) {
    auto *imp = dynDecl<ImportDecl>(d.get());
    if (!imp) continue;
    if (diags_.limitReached()) return false;
    std::vector<std::string> tried;
    std::optional<std::string> found = resolveImport(imp->path, file, tried);
    if (!found) {
      std::string where;
      for (size_t i = 0; i < tried.size(); ++i) where += (i ? ", " : "") + tried[i];
      diags_.error(imp->pathRange, "cannot find '" + imp->path + "' (looked for " + where +
                                       "); check the path or add a search folder with -I DIR");
      ok = false;
      continue;
    }
    std::string canon = canonicalPath(*found);
    auto onStack = std::find(stack.begin(), stack.end(), canon);
    if (onStack != stack.end()) {
      std::string cycle;
      for (auto it = onStack; it != stack.end(); ++it) cycle += baseName(*it) + " -> ";
      cycle += baseName(canon);
      diags_.error(imp->pathRange, "import cycle: " + cycle + "; remove one of these imports");
      ok = false;
      continue;
    }
    auto done = loaded_.find(canon);
    if (done != loaded_.end()) {
      imp->resolvedFile = done->second->fileId;
      continue;
    }
    const uint64_t limit = ParseLimits{}.maxFileBytes;
    SourceRead r = readSourceFile(*found, limit);
    if (r.status != SourceRead::Ok) {
      diags_.error(imp->pathRange, r.status == SourceRead::TooLarge
                                       ? "cannot import '" + *found + "': " + sourceTooLargeMessage(r.size, limit)
                                       : "cannot read '" + *found + "'");
      ok = false;
      continue;
    }
    uint32_t id = sm_.addBuffer(*found, std::move(r.text));
    imp->resolvedFile = id;
    std::unique_ptr<SourceFile> sf = parseSourceFile(sm_, id, diags_);
    if (!sf) {
      diags_.note(imp->range, "imported from here");
      ok = false;
      continue;
    }
    SourceFile *raw = sf.get();
    loaded_[canon] = raw;
    prog_->files.push_back(std::move(sf));
    stack.push_back(canon);
    ok = loadImports(*raw, stack) && ok;
    stack.pop_back();
  }
  return ok;
}

} // namespace ndpc::sema
