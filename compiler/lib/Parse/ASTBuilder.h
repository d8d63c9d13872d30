// The only place that turns ANTLR's parse tree into the AST.
#ifndef NDPC_LIB_PARSE_ASTBUILDER_H
#define NDPC_LIB_PARSE_ASTBUILDER_H

#include "ndpc/AST/Decl.h"

#include "NdpParser.h"

namespace ndpc {

class SourceManager;
class DiagnosticEngine;

/// Turns a well-formed ANTLR parse tree into the owned AST. Reports what the
/// grammar accepts but the language does not (unknown options, repeated options,
/// `&&`, bad escapes, out-of-range literals) and drops the offending piece.
class ASTBuilder {
public:
  ASTBuilder(const SourceManager &sm, uint32_t file, DiagnosticEngine &diags)
      : sm_(sm), file_(file), diags_(diags) {}

  std::unique_ptr<ast::SourceFile> build(NdpParser::FileContext *ctx);

private:
  SourceRange range(antlr4::ParserRuleContext *ctx) const;
  SourceRange range(antlr4::Token *t) const;
  std::string name(NdpParser::IdentContext *ctx) const { return ctx->getText(); }

  ast::DeclPtr buildDecl(NdpParser::DeclContext *ctx);
  ast::DeclPtr buildParam(NdpParser::ParamDeclContext *ctx);
  ast::DeclPtr buildFn(NdpParser::FnDeclContext *ctx);
  ast::DeclPtr buildNeuron(NdpParser::NeuronDeclContext *ctx);
  ast::DeclPtr buildSynapse(NdpParser::SynapseDeclContext *ctx);
  ast::DeclPtr buildPopulation(NdpParser::PopulationDeclContext *ctx);
  ast::DeclPtr buildMemory(NdpParser::MemoryDeclContext *ctx);
  ast::DeclPtr buildProject(NdpParser::ProjectDeclContext *ctx);
  ast::DeclPtr buildAttend(NdpParser::AttendDeclContext *ctx);
  ast::DeclPtr buildGrow(NdpParser::GrowDeclContext *ctx);
  ast::DeclPtr buildPrune(NdpParser::PruneDeclContext *ctx);
  ast::DeclPtr buildRun(NdpParser::RunDeclContext *ctx);

  ast::TypeRef buildTypeRef(NdpParser::TypeRefContext *ctx);
  ast::VarDecl buildState(NdpParser::StateDeclContext *ctx);
  std::unique_ptr<ast::Block> buildBlock(NdpParser::BlockContext *ctx);
  ast::ExprPtr buildExpr(NdpParser::ExprContext *ctx);
  ast::ExprPtr buildPrimary(NdpParser::PrimaryContext *ctx);
  ast::ExprPtr buildNumber(antlr4::Token *t);
  ast::ExprPtr buildString(antlr4::Token *t);

  /// Fills `s` from `word expr;` unless it was already given (then reports it).
  void setOnce(ast::Setting &s, antlr4::ParserRuleContext *opt, NdpParser::ExprContext *e,
               const char *word);
  bool once(SourceRange &seen, antlr4::ParserRuleContext *opt, const char *word);
  /// `snapshot every N to "dir";` and `checkpoint every N to "file";`
  void setPeriodic(std::optional<ast::Periodic> &p, antlr4::ParserRuleContext *opt,
                   NdpParser::ExprContext *every, NdpParser::ExprContext *path, const char *word);
  /// Reports an option the grammar's catch-all accepted.
  void unknownOption(NdpParser::IdentContext *word, antlr4::ParserRuleContext *opt,
                     const char *where,
                     const std::vector<std::pair<std::string, std::string>> &known);

  const SourceManager &sm_;
  uint32_t file_;
  DiagnosticEngine &diags_;
};

} // namespace ndpc

#endif
