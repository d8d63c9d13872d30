// Syntax errors as located, actionable diagnostics (SyntaxErrors.h).
#include "SyntaxErrors.h"

#include "NdpParser.h"

#include "ndpc/Basic/SourceManager.h"
#include "ndpc/Basic/Suggest.h"

#include <cctype>
#include <set>

namespace ndpc {

using antlr4::Token;

SourceLoc tokenBegin(Token *t, uint32_t file) {
  return SourceLoc{file, static_cast<uint32_t>(t->getLine()),
                   static_cast<uint32_t>(t->getCharPositionInLine() + 1)};
}

SourceLoc tokenEnd(Token *t, uint32_t file) {
  SourceLoc b = tokenBegin(t, file);
  if (t->getType() == Token::EOF) return b;
  b.col += static_cast<uint32_t>(codePointCount(t->getText()));
  return b;
}

SourceRange tokenRange(Token *t, uint32_t file) { return {tokenBegin(t, file), tokenEnd(t, file)}; }

namespace {

std::string describeToken(Token *t) {
  if (!t || t->getType() == Token::EOF) return "end of file";
  return "'" + t->getText() + "'";
}

bool isIdentLike(size_t type) {
  return type == NdpParser::ID || (type >= NdpParser::FANIN && type <= NdpParser::STEP);
}

std::string tokenDisplay(antlr4::Parser *p, size_t type) {
  switch (type) {
  case NdpParser::ID: return "a name";
  case NdpParser::NUMBER: return "a number";
  case NdpParser::STRING: return "a string";
  case Token::EOF: return "end of file";
  default: break;
  }
  std::string lit = p->getVocabulary().getLiteralName(type);
  return lit.empty() ? p->getVocabulary().getDisplayName(type) : lit;
}

/// What the parser was reading, in the words of docs/language.md.
std::string ruleDescription(size_t rule) {
  switch (rule) {
  case NdpParser::RuleFile:
  case NdpParser::RuleDecl:
    return "a declaration ('model', 'import', 'param', 'fn', 'neuron', 'synapse', "
           "'population', 'memory', 'project', 'attend', 'grow', 'prune' or 'run')";
  case NdpParser::RuleNeuronMember:
    return "a neuron member ('state', 'input', 'channel', 'out', 'on step' or 'spike when')";
  case NdpParser::RuleSynapseMember:
    return "a synapse member ('state', 'multiplicity', 'transmit' or 'on step')";
  case NdpParser::RuleBlock:
  case NdpParser::RuleStmt:
    return "an assignment 'name = expression;'";
  case NdpParser::RuleExpr:
  case NdpParser::RulePrimary:
  case NdpParser::RuleArg:
    return "an expression";
  case NdpParser::RuleTypeRef: return "a type such as 'f32' or 'f32[16]'";
  case NdpParser::RuleNeuronDecl:
    return "a neuron member ('state', 'input', 'channel', 'out', 'on step' or 'spike when') or '}'";
  case NdpParser::RuleSynapseDecl:
    return "a synapse member ('state', 'multiplicity', 'transmit' or 'on step') or '}'";
  case NdpParser::RuleRunDecl: return "a run item ('seed', 'steps', 'dt', 'feed', 'record', "
                                      "'snapshot', 'checkpoint' or 'report') or '}'";
  case NdpParser::RuleGrowDecl: return "a grow rule ('remove when', 'divide when' or 'connect when') or '}'";
  case NdpParser::RuleIdent: return "a name";
  default: return "";
  }
}

/// "; did you mean 'population'?" when `found` is a name close to one of the
/// keywords the parser would take here (the keyword goes into `fix`).
std::string keywordHint(antlr4::Parser *p, Token *found, const antlr4::misc::IntervalSet &expected,
                        std::string &fix) {
  if (!found || found->getType() != NdpParser::ID) return "";
  std::vector<std::string> words;
  for (ssize_t t : expected.toList()) {
    std::string lit = p->getVocabulary().getLiteralName(static_cast<size_t>(t));
    if (lit.size() > 3 && lit.front() == '\'' && std::isalpha(static_cast<unsigned char>(lit[1])))
      words.push_back(lit.substr(1, lit.size() - 2));
  }
  std::string c = closestName(found->getText(), words);
  if (c.empty()) return "";
  fix = c;
  return "; did you mean '" + c + "'?";
}

} // namespace

void NdpErrorStrategy::reportExpected(antlr4::Parser *p, Token *found,
                                      const antlr4::misc::IntervalSet &expected) {
  std::vector<size_t> types;
  bool hasId = expected.contains(static_cast<size_t>(NdpParser::ID));
  if (hasId && found && found->getType() >= NdpParser::MODEL && found->getType() <= NdpParser::OR) {
    sink_(tokenRange(found, file_), "'" + found->getText() +
                                        "' is a reserved word and cannot be used as a name; choose another name",
          "");
    return;
  }
  for (ssize_t t : expected.toList()) {
    if (hasId && t != NdpParser::ID && isIdentLike(static_cast<size_t>(t))) continue;
    types.push_back(static_cast<size_t>(t));
  }

  // A missing ';' (or ')' etc.) belongs right after the token it should follow.
  if (types.size() == 1 && types[0] != NdpParser::ID && types[0] != Token::EOF) {
    Token *prev = p->getTokenStream()->LT(-1);
    std::string want = tokenDisplay(p, types[0]);
    if (prev && found && (found->getLine() != prev->getLine() || found->getType() == Token::EOF)) {
      SourceLoc at = tokenEnd(prev, file_);
      std::string fix = want.size() > 2 ? want.substr(1, want.size() - 2) : want;
      sink_(SourceRange(at), "expected " + want + " after '" + prev->getText() + "'", fix);
      return;
    }
    sink_(tokenRange(found, file_), "expected " + want + ", found " + describeToken(found), "");
    return;
  }

  std::string what;
  antlr4::ParserRuleContext *ctx = p->getContext();
  std::string described = ctx ? ruleDescription(ctx->getRuleIndex()) : "";
  if (hasId && types.size() > 1 && !described.empty()) {
    what = described;
  } else if (!types.empty() && types.size() <= 5) {
    std::vector<std::string> names;
    for (size_t t : types) names.push_back(tokenDisplay(p, t));
    what = joinOr(names);
  } else {
    what = described;
  }
  std::string fix;
  std::string hint = keywordHint(p, found, expected, fix);
  if (what.empty())
    sink_(tokenRange(found, file_), "unexpected " + describeToken(found) + hint, fix);
  else
    sink_(tokenRange(found, file_), "expected " + what + ", found " + describeToken(found) + hint, fix);
}

void NdpErrorStrategy::reportNoViableAlternative(antlr4::Parser *p,
                                                 const antlr4::NoViableAltException &e) {
  Token *found = e.getOffendingToken();
  antlr4::ParserRuleContext *ctx = p->getContext();
  std::string what = ctx ? ruleDescription(ctx->getRuleIndex()) : "";
  if (what.empty()) what = "an expression";
  std::string fix;
  std::string hint = keywordHint(p, found, e.getExpectedTokens(), fix);
  sink_(tokenRange(found, file_), "expected " + what + ", found " + describeToken(found) + hint, fix);
}

void NdpErrorStrategy::reportInputMismatch(antlr4::Parser *p,
                                           const antlr4::InputMismatchException &e) {
  reportExpected(p, e.getOffendingToken(), e.getExpectedTokens());
}

void NdpErrorStrategy::reportFailedPredicate(antlr4::Parser *,
                                             const antlr4::FailedPredicateException &e) {
  sink_(tokenRange(e.getOffendingToken(), file_), "unexpected " + describeToken(e.getOffendingToken()), "");
}

void NdpErrorStrategy::reportUnwantedToken(antlr4::Parser *p) {
  if (inErrorRecoveryMode(p)) return;
  beginErrorCondition(p);
  Token *t = p->getCurrentToken();
  antlr4::ParserRuleContext *ctx = p->getContext();
  std::string what = ctx ? ruleDescription(ctx->getRuleIndex()) : "";
  std::string fix;
  std::string hint = keywordHint(p, t, getExpectedTokens(p), fix);
  if (what.empty())
    sink_(tokenRange(t, file_), "unexpected " + describeToken(t) + hint, fix);
  else
    sink_(tokenRange(t, file_), "expected " + what + ", found " + describeToken(t) + hint, fix);
}

void NdpErrorStrategy::reportMissingToken(antlr4::Parser *p) {
  if (inErrorRecoveryMode(p)) return;
  beginErrorCondition(p);
  reportExpected(p, p->getCurrentToken(), getExpectedTokens(p));
}

} // namespace ndpc
