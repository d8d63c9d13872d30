// Matching diagnostics against expected-* comments (DiagnosticVerifier.h).
#include "ndpc/Basic/DiagnosticVerifier.h"
#include "ndpc/Basic/SourceManager.h"

#include <cstdlib>
#include <string>

namespace ndpc {

namespace {

struct Expectation {
  Severity severity;
  uint32_t file, line, col;  // col 0: any column
  uint32_t dirLine;          // where the directive is written
  std::string text;
  bool matched = false;
};

const char *kindWord(Severity s) {
  return s == Severity::Error ? "error" : s == Severity::Warning ? "warning" : "note";
}

/// Parses `@+N`, `@-N`, `@N`, each optionally followed by `:COL`.
bool parseWhere(const std::string &t, size_t &i, uint32_t dirLine, uint32_t &line,
                uint32_t &col) {
  line = dirLine;
  col = 0;
  if (i >= t.size() || t[i] != '@') return true;
  ++i;
  int sign = 0;
  if (i < t.size() && (t[i] == '+' || t[i] == '-')) sign = t[i++] == '+' ? 1 : -1;
  size_t start = i;
  while (i < t.size() && isdigit(static_cast<unsigned char>(t[i]))) ++i;
  if (start == i) return false;
  long n = std::strtol(t.substr(start, i - start).c_str(), nullptr, 10);
  long l = sign == 0 ? n : static_cast<long>(dirLine) + sign * n;
  if (l <= 0) return false;
  line = static_cast<uint32_t>(l);
  if (i < t.size() && t[i] == ':') {
    size_t cs = ++i;
    while (i < t.size() && isdigit(static_cast<unsigned char>(t[i]))) ++i;
    if (cs == i) return false;
    col = static_cast<uint32_t>(std::strtol(t.substr(cs, i - cs).c_str(), nullptr, 10));
  }
  return true;
}

void collect(const SourceManager &sm, uint32_t file, std::vector<Expectation> &out,
             std::ostream &os, bool &ok) {
  static const std::pair<const char *, Severity> kinds[] = {
      {"expected-error", Severity::Error},
      {"expected-warning", Severity::Warning},
      {"expected-note", Severity::Note}};
  for (uint32_t ln = 1; ln <= sm.numLines(file); ++ln) {
    std::string t(sm.lineText(file, ln));
    for (auto &k : kinds) {
      size_t pos = 0;
      while ((pos = t.find(k.first, pos)) != std::string::npos) {
        size_t i = pos + std::string(k.first).size();
        Expectation e{k.second, file, 0, 0, ln, {}};
        if (!parseWhere(t, i, ln, e.line, e.col)) {
          os << sm.path(file) << ':' << ln << ": error: malformed location in '"
             << k.first << "' directive\n";
          ok = false;
          break;
        }
        size_t open = t.find("{{", i), close = t.find("}}", i);
        if (open == std::string::npos || close == std::string::npos || close < open) {
          os << sm.path(file) << ':' << ln << ": error: '" << k.first
             << "' directive needs {{text}}\n";
          ok = false;
          break;
        }
        e.text = t.substr(open + 2, close - open - 2);
        out.push_back(e);
        pos = close + 2;
      }
    }
  }
}

} // namespace

bool verifyDiagnostics(const SourceManager &sm, const std::vector<Diagnostic> &diags,
                       std::ostream &os) {
  bool ok = true;
  std::vector<Expectation> exp;
  for (uint32_t f = 1; f <= sm.numFiles(); ++f) collect(sm, f, exp, os, ok);

  for (const Diagnostic &d : diags) {
    bool found = false;
    for (Expectation &e : exp) {
      if (e.matched || e.severity != d.severity) continue;
      if (!d.range.valid() || e.file != d.range.begin.file || e.line != d.range.begin.line)
        continue;
      if (e.col != 0 && e.col != d.range.begin.col) continue;
      if (d.message.find(e.text) == std::string::npos) continue;
      e.matched = found = true;
      break;
    }
    if (!found && d.fromContext) continue;
    if (!found) {
      ok = false;
      os << (d.range.valid() ? sm.path(d.range.begin.file) + ":" +
                                   std::to_string(d.range.begin.line) + ":" +
                                   std::to_string(d.range.begin.col)
                             : std::string("<no location>"))
         << ": error: unexpected " << kindWord(d.severity) << ": " << d.message << '\n';
    }
  }
  for (const Expectation &e : exp) {
    if (e.matched) continue;
    ok = false;
    os << sm.path(e.file) << ':' << e.dirLine << ": error: expected " << kindWord(e.severity)
       << " not produced (line " << e.line;
    if (e.col) os << ", column " << e.col;
    os << "): " << e.text << '\n';
  }
  return ok;
}

} // namespace ndpc
