// The parser's entry point: source text to an owned AST, never throwing.
#ifndef NDPC_PARSE_PARSER_H
#define NDPC_PARSE_PARSER_H

#include "ndpc/AST/Decl.h"

#include <memory>

namespace ndpc {

class SourceManager;
class DiagnosticEngine;

/// Limits that keep the recursive-descent parser and every later recursive pass
/// inside the stack on any input (see docs/design.md, "Robustness").
struct ParseLimits {
  size_t maxFileBytes = 4u << 20;    // 4 MiB
  unsigned maxNesting = 256;         // ( [ { levels
  unsigned maxStatementTokens = 1000;
};

/// Parses buffer `fileId` of `sm` into an owned AST. Never throws. Reports every
/// lexical and syntax error to `diags`; returns null when there was any, so later
/// stages only ever see well-formed trees. The ANTLR parse tree is gone on return.
std::unique_ptr<ast::SourceFile> parseSourceFile(const SourceManager &sm, uint32_t fileId,
                                                 DiagnosticEngine &diags,
                                                 const ParseLimits &limits = {});

} // namespace ndpc

#endif
