// Token locations and the parser's error listener.
#ifndef NDPC_LIB_PARSE_SYNTAXERRORS_H
#define NDPC_LIB_PARSE_SYNTAXERRORS_H

#include "ndpc/Basic/SourceLocation.h"

#include "antlr4-runtime.h"

#include <functional>
#include <string>

namespace ndpc {

class SourceManager;

/// Location helpers shared by the parser's error reporting and the AST builder.
SourceLoc tokenBegin(antlr4::Token *t, uint32_t file);
SourceLoc tokenEnd(antlr4::Token *t, uint32_t file);
SourceRange tokenRange(antlr4::Token *t, uint32_t file);

/// ANTLR's default recovery with messages of our own: what was expected in words
/// ("a neuron member ('state', 'input', ...)"), the token found, and a missing ';'
/// reported right after the token it should follow.
class NdpErrorStrategy : public antlr4::DefaultErrorStrategy {
public:
  using Sink = std::function<void(SourceRange, std::string, std::string /*fixit*/)>;
  NdpErrorStrategy(uint32_t file, Sink sink) : file_(file), sink_(std::move(sink)) {}

protected:
  void reportNoViableAlternative(antlr4::Parser *p, const antlr4::NoViableAltException &e) override;
  void reportInputMismatch(antlr4::Parser *p, const antlr4::InputMismatchException &e) override;
  void reportFailedPredicate(antlr4::Parser *p, const antlr4::FailedPredicateException &e) override;
  void reportUnwantedToken(antlr4::Parser *p) override;
  void reportMissingToken(antlr4::Parser *p) override;

private:
  void reportExpected(antlr4::Parser *p, antlr4::Token *found,
                      const antlr4::misc::IntervalSet &expected);
  uint32_t file_;
  Sink sink_;
};

} // namespace ndpc

#endif
