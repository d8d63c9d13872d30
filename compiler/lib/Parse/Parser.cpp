// Parsing a buffer: prescan, lexing with limits, ANTLR's parser, the AST
// builder; every exception of the ANTLR runtime stays in here.
#include "ndpc/Parse/Parser.h"

#include "ASTBuilder.h"
#include "Prescan.h"
#include "SyntaxErrors.h"

#include "NdpLexer.h"
#include "NdpParser.h"

#include "ndpc/Basic/Diagnostics.h"
#include "ndpc/Basic/SourceManager.h"

namespace ndpc {

namespace {

/// Reports the lexer's error tokens and enforces the nesting and statement-length
/// limits before the recursive-descent parser sees the tokens.
bool checkTokens(const std::vector<antlr4::Token *> &tokens, uint32_t file,
                 DiagnosticEngine &diags, const ParseLimits &limits) {
  bool ok = true;
  unsigned depth = 0, statementTokens = 0;
  for (antlr4::Token *t : tokens) {
    if (diags.limitReached()) return false;
    SourceRange r = tokenRange(t, file);
    switch (t->getType()) {
    case NdpLexer::UNTERMINATED_COMMENT:
      diags.error(SourceRange(r.begin, SourceLoc{file, r.begin.line, r.begin.col + 2}),
                  "unterminated comment; add '*/' to close the comment that starts here");
      ok = false;
      continue;
    case NdpLexer::UNTERMINATED_STRING:
      diags.error(r, "unterminated string; add '\"' before the end of the line", "\"");
      ok = false;
      continue;
    case NdpLexer::BAD_NUMBER:
      diags.error(r, "malformed number '" + t->getText() +
                         "'; write digits after '.' and after an exponent, as in '1.0' or '1e-3'");
      ok = false;
      continue;
    case NdpLexer::STRAY: {
      std::string c = t->getText();
      std::string hint;
      if (c == "&") hint = "; logical and is written 'and'";
      else if (c == "|") hint = "; logical or is written 'or'";
      else if (c == "'") hint = "; strings are written in double quotes";
      else if (c == "#") hint = "; comments start with '//'";
      diags.error(r, "stray character '" + c + "' in the source" + hint);
      ok = false;
      continue;
    }
    default: break;
    }
    const std::string text = t->getText();
    if (text == "(" || text == "[" || text == "{") {
      if (++depth > limits.maxNesting) {
        diags.error(r, "nesting is deeper than " + std::to_string(limits.maxNesting) +
                           " levels; split the expression with 'fn' declarations");
        return false;
      }
    } else if ((text == ")" || text == "]" || text == "}") && depth > 0) {
      --depth;
    }
    if (text == ";" || text == "{" || text == "}") {
      statementTokens = 0;
    } else if (++statementTokens > limits.maxStatementTokens) {
      diags.error(r, "statement is longer than " + std::to_string(limits.maxStatementTokens) +
                         " tokens; split it with 'fn' declarations");
      return false;
    }
  }
  return ok;
}

} // namespace

std::unique_ptr<ast::SourceFile> parseSourceFile(const SourceManager &sm, uint32_t fileId,
                                                 DiagnosticEngine &diags,
                                                 const ParseLimits &limits) {
  if (!prescanBuffer(sm, fileId, diags, limits.maxFileBytes)) return nullptr;
  try {
    antlr4::ANTLRInputStream input(sm.text(fileId));
    NdpLexer lexer(&input);
    lexer.removeErrorListeners();
    antlr4::CommonTokenStream tokens(&lexer);
    tokens.fill();
    if (!checkTokens(tokens.getTokens(), fileId, diags, limits)) return nullptr;

    NdpParser parser(&tokens);
    parser.removeErrorListeners();
    unsigned syntaxErrors = 0;
    auto strategy = std::make_shared<NdpErrorStrategy>(
        fileId, [&](SourceRange r, std::string msg, std::string fixit) {
          ++syntaxErrors;
          diags.error(r, std::move(msg), std::move(fixit));
        });
    parser.setErrorHandler(strategy);
    NdpParser::FileContext *tree = parser.file();
    if (syntaxErrors != 0) return nullptr;

    ASTBuilder builder(sm, fileId, diags);
    return builder.build(tree);
  } catch (const std::exception &e) {
    diags.error(SourceRange(SourceLoc{fileId, 1, 1}),
                std::string("internal error while parsing: ") + e.what() +
                    "; please report this file");
  } catch (...) {
    diags.error(SourceRange(SourceLoc{fileId, 1, 1}),
                "internal error while parsing; please report this file");
  }
  return nullptr;
}

} // namespace ndpc
