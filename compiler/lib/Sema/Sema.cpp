// Sema's entry points and the order of its checks.
#include "SemaImpl.h"

#include "ndpc/Basic/Paths.h"
#include "ndpc/Basic/SourceManager.h"
#include "ndpc/Basic/Suggest.h"
#include "ndpc/Parse/Parser.h"

#include <climits>
#include <cstdlib>
#include <unistd.h>

namespace ndpc {


std::string defaultStdlibDir(const char *argv0) {
  std::vector<std::string> candidates;
  char self[4096];
  ssize_t n = ::readlink("/proc/self/exe", self, sizeof self - 1);
  std::string exe = n > 0 ? std::string(self, static_cast<size_t>(n)) : std::string(argv0 ? argv0 : "");
  std::string bin = dirName(exe);
  candidates.push_back(bin + "/../share/ndpc/stdlib");
  candidates.push_back(bin + "/../../stdlib");  // build tree: build/bin/ndpc
#ifdef NDPC_SOURCE_STDLIB_DIR
  candidates.push_back(NDPC_SOURCE_STDLIB_DIR);
#endif
  for (const std::string &c : candidates)
    if (isDirectory(c + "/std")) return c;
  return candidates.back();
}

std::unique_ptr<ast::Program> loadProgram(const std::string &mainPath, SourceManager &sm,
                                          DiagnosticEngine &diags, const SemaOptions &opts) {
  if (isDirectory(mainPath)) {
    diags.error("'" + mainPath + "' is a directory; give the path of a .ndp file");
    return nullptr;
  }
  const uint64_t limit = ParseLimits{}.maxFileBytes;
  SourceRead r = readSourceFile(mainPath, limit);
  switch (r.status) {
  case SourceRead::Unreadable:
    diags.error("cannot open '" + mainPath + "': no such file or not readable");
    return nullptr;
  case SourceRead::NotRegular:
    diags.error("'" + mainPath + "' is not a regular file (a device, a pipe or a socket); give the path of a .ndp file");
    return nullptr;
  case SourceRead::TooLarge: {
    uint32_t id = sm.addBuffer(mainPath, "");
    diags.error(SourceRange(SourceLoc{id, 1, 1}), sourceTooLargeMessage(r.size, limit));
    return nullptr;
  }
  case SourceRead::Ok: break;
  }
  uint32_t id = sm.addBuffer(mainPath, std::move(r.text));
  return checkBuffer(id, sm, diags, opts);
}

std::unique_ptr<ast::Program> checkBuffer(uint32_t fileId, SourceManager &sm,
                                          DiagnosticEngine &diags, const SemaOptions &opts) {
  sema::Sema s(sm, diags, opts);
  return s.run(fileId);
}

namespace sema {

std::string sourceText(const SourceManager &sm, SourceRange r) {
  if (!r.valid() || r.begin.line != r.end.line) return "...";
  std::string_view line = sm.lineText(r.begin.file, r.begin.line);
  // Columns count code points; walk to byte offsets.
  size_t b = 0, cp = 1;
  while (b < line.size() && cp < r.begin.col) {
    ++b;
    while (b < line.size() && (static_cast<unsigned char>(line[b]) & 0xC0) == 0x80) ++b;
    ++cp;
  }
  size_t e = b;
  while (e < line.size() && cp < r.end.col) {
    ++e;
    while (e < line.size() && (static_cast<unsigned char>(line[e]) & 0xC0) == 0x80) ++e;
    ++cp;
  }
  return std::string(line.substr(b, e - b));
}

std::unique_ptr<Program> Sema::run(uint32_t mainFile) {
  prog_ = std::make_unique<Program>();
  unsigned errorsBefore = diags_.errorCount();

  std::unique_ptr<SourceFile> main = parseSourceFile(sm_, mainFile, diags_);
  if (!main) return nullptr;
  main->isMain = true;
  prog_->main = main.get();
  std::string canon = canonicalPath(sm_.path(mainFile));
  loaded_[canon] = main.get();
  prog_->files.push_back(std::move(main));

  std::vector<std::string> stack{canon};
  loadImports(*prog_->main, stack);
  if (diags_.limitReached()) return nullptr;

  collectGlobals();

  // Types and params first: everything else refers to them.
  for (auto &f : prog_->files)
    for (DeclPtr &d : f->decls)
      if (auto *p = dynDecl<ParamDecl>(d.get())) checkParam(*p);
  for (auto &f : prog_->files)
    for (DeclPtr &d : f->decls) {
      if (diags_.limitReached()) return nullptr;
      if (auto *fn = dynDecl<FnDecl>(d.get())) checkFn(*fn);
      else if (auto *n = dynDecl<NeuronDecl>(d.get())) checkNeuron(*n);
      else if (auto *s = dynDecl<SynapseDecl>(d.get())) checkSynapse(*s);
    }

  // Instances in declaration order: that order is the run order (section 5).
  for (DeclPtr &d : prog_->main->decls) {
    if (diags_.limitReached()) return nullptr;
    switch (d->kind) {
    case DeclKind::Population: checkPopulation(static_cast<PopulationDecl &>(*d)); break;
    case DeclKind::Memory: checkMemory(static_cast<MemoryDecl &>(*d)); break;
    default: break;
    }
  }
  // Projections before the rest: they tell synapse bodies their pre/post types.
  for (DeclPtr &d : prog_->main->decls) {
    if (diags_.limitReached()) return nullptr;
    if (d->kind == DeclKind::Project) checkProject(static_cast<ProjectDecl &>(*d));
  }
  for (DeclPtr &d : prog_->main->decls) {
    if (diags_.limitReached()) return nullptr;
    switch (d->kind) {
    case DeclKind::Attend: checkAttend(static_cast<AttendDecl &>(*d)); break;
    case DeclKind::Grow: checkGrow(static_cast<GrowDecl &>(*d)); break;
    case DeclKind::Prune: checkPrune(static_cast<PruneDecl &>(*d)); break;
    case DeclKind::Run: checkRun(static_cast<RunDecl &>(*d)); break;
    default: break;
    }
  }
  checkUnusedSynapses();

  if (diags_.errorCount() != errorsBefore) return nullptr;
  return std::move(prog_);
}

void Sema::collectGlobals() {
  bool sawModel = false, sawRun = false;
  // Imported files first, so that a clash is reported in the user's own file.
  std::vector<SourceFile *> order;
  for (size_t i = 1; i < prog_->files.size(); ++i) order.push_back(prog_->files[i].get());
  order.push_back(prog_->files[0].get());
  for (SourceFile *f : order) {
    bool first = true;
    for (DeclPtr &d : f->decls) {
      bool isFirst = first;
      first = false;
      switch (d->kind) {
      case DeclKind::Model:
        if (!f->isMain) {
          diags_.error(d->range, "an imported file has no 'model' declaration; remove it or "
                                 "compile this file on its own");
        } else if (sawModel) {
          diags_.error(d->range, "a file declares one model; remove this second 'model'");
          diags_.note(prog_->model->range, "the model is declared here");
        } else if (!isFirst) {
          diags_.error(d->range, "'model " + d->name + ";' must be the first declaration of the file");
          sawModel = true;
          prog_->model = static_cast<ModelDecl *>(d.get());
        } else {
          sawModel = true;
          prog_->model = static_cast<ModelDecl *>(d.get());
        }
        continue;
      case DeclKind::Import:
        continue;
      case DeclKind::Param:
      case DeclKind::Fn:
      case DeclKind::Neuron:
      case DeclKind::Synapse:
        break;
      default:
        if (!f->isMain) {
          diags_.error(d->range, std::string("an imported file may declare only fn, param, neuron "
                                             "and synapse; move this '") +
                                     declKindName(d->kind) + "' into the model file");
          continue;
        }
        break;
      }
      if (d->kind == DeclKind::Run) {
        if (sawRun) {
          diags_.error(d->range, "a model has one 'run' block; merge the two");
          diags_.note(prog_->run->range, "the first 'run' block is here");
        } else {
          sawRun = true;
          prog_->run = static_cast<RunDecl *>(d.get());
        }
        continue;
      }
      if (d->kind == DeclKind::Project || d->kind == DeclKind::Attend ||
          d->kind == DeclKind::Grow || d->kind == DeclKind::Prune)
        continue;

      if (isBuiltinName(d->name)) {
        diags_.error(d->nameRange, "'" + d->name + "' is a built-in function; choose another name");
        continue;
      }
      auto it = prog_->globals.find(d->name);
      if (it != prog_->globals.end()) {
        diags_.error(d->nameRange, "'" + d->name + "' is already declared (as a " +
                                       declKindName(it->second->kind) + "); rename one of them");
        diags_.note(it->second->nameRange, "'" + d->name + "' is first declared here");
        continue;
      }
      prog_->globals[d->name] = d.get();
      if (auto *p = dynDecl<ParamDecl>(d.get())) prog_->params.push_back(p);
    }
  }
  // A file without `model` that declares only fn, param, neuron and synapse is a
  // library (like the stdlib): it checks on its own but cannot be compiled.
  if (!sawModel) {
    const DeclPtr *first = nullptr;
    for (const DeclPtr &d : prog_->main->decls)
      if (d->kind != DeclKind::Import && d->kind != DeclKind::Param && d->kind != DeclKind::Fn &&
          d->kind != DeclKind::Neuron && d->kind != DeclKind::Synapse) {
        first = &d;
        break;
      }
    if (prog_->main->decls.empty()) {
      diags_.error(SourceRange(SourceLoc{prog_->main->fileId, 1, 1}),
                   "'" + prog_->main->path + "' declares nothing; a model file starts with 'model NAME;' "
                   "(a library file declares fn, param, neuron or synapse)");
    } else if (first) {
      diags_.error((*first)->range, "this file has no 'model NAME;' declaration; add one as its first "
                                    "declaration (only a library of fn, param, neuron and synapse "
                                    "declarations may go without)");
    }
  }
  for (DeclPtr &d : prog_->main->decls) {
    switch (d->kind) {
    case DeclKind::Population:
    case DeclKind::Memory: prog_->populations.push_back(static_cast<PopulationDecl *>(d.get())); break;
    case DeclKind::Project: prog_->projections.push_back(static_cast<ProjectDecl *>(d.get())); break;
    case DeclKind::Attend: prog_->attends.push_back(static_cast<AttendDecl *>(d.get())); break;
    case DeclKind::Grow: prog_->grows.push_back(static_cast<GrowDecl *>(d.get())); break;
    case DeclKind::Prune: prog_->prunes.push_back(static_cast<PruneDecl *>(d.get())); break;
    default: break;
    }
  }
}

Decl *Sema::lookupGlobal(const std::string &name) const {
  auto it = prog_->globals.find(name);
  return it == prog_->globals.end() ? nullptr : it->second;
}

std::vector<std::string> Sema::globalNames(DeclKind k1, DeclKind k2) const {
  std::vector<std::string> out;
  for (auto &[name, d] : prog_->globals)
    if (d->kind == k1 || d->kind == k2) out.push_back(name);
  return out;
}

const PopulationDecl *Sema::findPopulation(const std::string &name, SourceRange r, const char *role) {
  Decl *d = lookupGlobal(name);
  if (auto *p = dynDecl<PopulationDecl>(d)) return p;
  if (d) {
    diags_.error(r, std::string(role) + " '" + name + "' is a " + declKindName(d->kind) +
                        ", not a population");
    diags_.note(d->nameRange, "'" + name + "' is declared here");
    return nullptr;
  }
  diags_.error(r, "unknown population '" + name + "'" +
                      didYouMean(name, globalNames(DeclKind::Population, DeclKind::Memory)));
  return nullptr;
}

const SynapseDecl *Sema::findSynapse(const std::string &name, SourceRange r) {
  Decl *d = lookupGlobal(name);
  if (auto *s = dynDecl<SynapseDecl>(d)) return s;
  if (d) {
    diags_.error(r, "'" + name + "' is a " + std::string(declKindName(d->kind)) +
                        ", not a synapse type");
    diags_.note(d->nameRange, "'" + name + "' is declared here");
    return nullptr;
  }
  diags_.error(r, "unknown synapse type '" + name + "'" + didYouMean(name, globalNames(DeclKind::Synapse)));
  return nullptr;
}

} // namespace sema
} // namespace ndpc
