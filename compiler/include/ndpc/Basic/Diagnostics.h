// Diagnostics as users see them: FILE:LINE:COL, the line, a caret and the fix
// (language.md section 7).
#ifndef NDPC_BASIC_DIAGNOSTICS_H
#define NDPC_BASIC_DIAGNOSTICS_H

#include "ndpc/Basic/SourceLocation.h"

#include <ostream>
#include <set>
#include <string>
#include <vector>

namespace ndpc {

class SourceManager;
class DiagnosticEngine;

enum class Severity { Error, Warning, Note };

struct Diagnostic {
  Severity severity;
  SourceRange range;   // may be invalid: then the message names no place
  std::string message;
  std::string fixit;   // replacement text shown under the caret, if any
  bool fromContext = false;  // a note added by DiagnosticContext
};

/// Reports diagnostics as `FILE:LINE:COL: error: MESSAGE`, the source line and a
/// caret (language.md section 7). Stops printing after `errorLimit` errors so that
/// one run shows all independent errors but a broken file does not flood the screen.
class DiagnosticEngine {
public:
  DiagnosticEngine(const SourceManager &sm, std::ostream &os, unsigned errorLimit = 20)
      : sm_(sm), os_(&os), errorLimit_(errorLimit) {}

  /// Collects diagnostics instead of printing them (for `-verify`).
  void setCollecting(bool on) { collecting_ = on; }
  const std::vector<Diagnostic> &collected() const { return collected_; }

  void error(SourceRange r, std::string msg, std::string fixit = {}) {
    report({Severity::Error, r, std::move(msg), std::move(fixit)});
  }
  void warning(SourceRange r, std::string msg, std::string fixit = {}) {
    report({Severity::Warning, r, std::move(msg), std::move(fixit)});
  }
  /// A note attaches to the diagnostic before it and is dropped with it.
  void note(SourceRange r, std::string msg) {
    report({Severity::Note, r, std::move(msg), {}});
  }
  /// An error about no place in any file (missing input, bad flag).
  void error(std::string msg) { error(SourceRange(), std::move(msg)); }

  void report(Diagnostic d);

  unsigned errorCount() const { return errors_; }
  unsigned warningCount() const { return warnings_; }
  bool hasErrors() const { return errors_ != 0; }
  /// True once the error limit is reached; callers may stop early.
  bool limitReached() const { return errorLimit_ != 0 && errors_ >= errorLimit_; }

  /// Formats one diagnostic exactly as it is printed.
  std::string format(const Diagnostic &d) const;

  /// While a context is pushed, every error and warning is followed by a note
  /// naming it ("in projection a -> b"), like a compiler's instantiation notes.
  void pushContext(SourceRange r, std::string msg) {
    contexts_.push_back({Severity::Note, r, std::move(msg), {}, true});
  }
  void popContext() { contexts_.pop_back(); }

private:
  const SourceManager &sm_;
  std::ostream *os_;
  unsigned errorLimit_;
  unsigned errors_ = 0;
  unsigned warnings_ = 0;
  bool collecting_ = false;
  bool suppressNotes_ = false;
  bool limitAnnounced_ = false;
  std::vector<Diagnostic> collected_;
  std::set<std::string> seen_;  // an identical diagnostic is reported once
  std::vector<Diagnostic> contexts_;
};

/// Scoped DiagnosticEngine::pushContext.
class DiagnosticContext {
public:
  DiagnosticContext(DiagnosticEngine &d, SourceRange r, std::string msg) : d_(d) {
    d_.pushContext(r, std::move(msg));
  }
  ~DiagnosticContext() { d_.popContext(); }
  DiagnosticContext(const DiagnosticContext &) = delete;
  DiagnosticContext &operator=(const DiagnosticContext &) = delete;

private:
  DiagnosticEngine &d_;
};

} // namespace ndpc

#endif
