#include "ndpc/AST/ASTDumper.h"
#include "ndpc/Basic/Diagnostics.h"
#include "ndpc/Basic/SourceManager.h"
#include "ndpc/Parse/Parser.h"
#include "ndpc/Sema/Sema.h"

#include <gtest/gtest.h>

#include <sstream>

using namespace ndpc;

namespace {

struct Parsed {
  SourceManager sm;
  std::ostringstream errs;
  std::unique_ptr<ast::SourceFile> file;
  unsigned errors = 0;
};

std::unique_ptr<Parsed> parse(const std::string &text, ParseLimits limits = {}) {
  auto p = std::make_unique<Parsed>();
  uint32_t id = p->sm.addBuffer("t.ndp", text);
  DiagnosticEngine d(p->sm, p->errs);
  p->file = parseSourceFile(p->sm, id, d, limits);
  p->errors = d.errorCount();
  return p;
}

} // namespace

TEST(Parser, BuildsDeclarationsWithRanges) {
  auto p = parse("model m;\nparam eta: f32 = 0.5;\n");
  ASSERT_TRUE(p->file) << p->errs.str();
  ASSERT_EQ(p->file->decls.size(), 2u);
  auto *param = ast::dynDecl<ast::ParamDecl>(p->file->decls[1].get());
  ASSERT_NE(param, nullptr);
  EXPECT_EQ(param->name, "eta");
  EXPECT_EQ(param->range.begin.line, 2u);
  EXPECT_EQ(param->range.begin.col, 1u);
  EXPECT_EQ(param->nameRange.begin.col, 7u);
  EXPECT_EQ(param->nameRange.end.col, 10u);
  auto *lit = ast::dyn<ast::FloatLit>(param->init.get());
  ASSERT_NE(lit, nullptr);
  EXPECT_DOUBLE_EQ(lit->value, 0.5);
}

TEST(Parser, PrecedenceFollowsC) {
  auto p = parse("model m;\nparam x: f32 = 1 + 2 * 3 - 4;\n");
  ASSERT_TRUE(p->file);
  auto *param = ast::dynDecl<ast::ParamDecl>(p->file->decls[1].get());
  // (1 + (2 * 3)) - 4
  auto *sub = ast::dyn<ast::BinaryExpr>(param->init.get());
  ASSERT_TRUE(sub && sub->op == ast::BinaryOp::Sub);
  auto *add = ast::dyn<ast::BinaryExpr>(sub->lhs.get());
  ASSERT_TRUE(add && add->op == ast::BinaryOp::Add);
  auto *mul = ast::dyn<ast::BinaryExpr>(add->rhs.get());
  ASSERT_TRUE(mul && mul->op == ast::BinaryOp::Mul);
}

TEST(Parser, TernaryIsRightAssociative) {
  auto p = parse("model m;\nfn f(a: bool, b: bool) -> f32 = a ? 1.0 : b ? 2.0 : 3.0;\n");
  ASSERT_TRUE(p->file);
  auto *fn = ast::dynDecl<ast::FnDecl>(p->file->decls[1].get());
  auto *c = ast::dyn<ast::CondExpr>(fn->body.get());
  ASSERT_NE(c, nullptr);
  EXPECT_NE(ast::dyn<ast::CondExpr>(c->elseExpr.get()), nullptr);
  EXPECT_EQ(ast::dyn<ast::CondExpr>(c->thenExpr.get()), nullptr);
}

TEST(Parser, SoftKeywordsAreNames) {
  auto p = parse("model m;\nneuron N { state p: f32 = 0.0; state every: f32; }\n"
                 "population fanin: N[2];\n");
  ASSERT_TRUE(p->file) << p->errs.str();
  auto *n = ast::dynDecl<ast::NeuronDecl>(p->file->decls[1].get());
  ASSERT_EQ(n->states.size(), 2u);
  EXPECT_EQ(n->states[0].name, "p");
  EXPECT_EQ(n->states[1].name, "every");
}

TEST(Parser, NestingLimitGivesAnError) {
  ParseLimits limits;
  limits.maxNesting = 8;
  auto p = parse("model m;\nparam x: f32 = ((((((((((1))))))))));\n", limits);
  EXPECT_FALSE(p->file);
  EXPECT_EQ(p->errors, 1u);
  EXPECT_NE(p->errs.str().find("nesting is deeper than 8 levels"), std::string::npos);
}

TEST(Parser, FileSizeLimitGivesAnError) {
  ParseLimits limits;
  limits.maxFileBytes = 16;
  auto p = parse("model m; // this is longer than sixteen bytes\n", limits);
  EXPECT_FALSE(p->file);
  EXPECT_NE(p->errs.str().find("over the limit of 16 bytes"), std::string::npos);
}

TEST(Parser, InvalidUtf8IsLocated) {
  auto p = parse("model m;\nparam x: f32 = 1; // \xC3\x28\n");
  EXPECT_FALSE(p->file);
  EXPECT_NE(p->errs.str().find("t.ndp:2:22: error: invalid UTF-8 byte 0xC3"), std::string::npos)
      << p->errs.str();
}

TEST(Sema, CheckBufferResolvesNamesAndTypes) {
  SourceManager sm;
  uint32_t id = sm.addBuffer("t.ndp",
                             "model m;\nparam g: f64 = 2.0;\n"
                             "neuron N { state v: f64 = 0.0; on step { v = g * v + 0.5; } }\n"
                             "population p: N[3];\n");
  std::ostringstream errs;
  DiagnosticEngine d(sm, errs);
  std::unique_ptr<ast::Program> prog = checkBuffer(id, sm, d, SemaOptions{});
  ASSERT_TRUE(prog) << errs.str();
  auto *n = ast::dynDecl<ast::NeuronDecl>(prog->globals.at("N"));
  const ast::Stmt &st = n->onStep->stmts[0];
  EXPECT_EQ(st.rhs->type, ast::Type::f64());
  auto *add = ast::dyn<ast::BinaryExpr>(st.rhs.get());
  ASSERT_NE(add, nullptr);
  // The literal 0.5 takes the f64 type of the other operand.
  EXPECT_EQ(add->rhs->type, ast::Type::f64());
  EXPECT_EQ(prog->populations.size(), 1u);
  EXPECT_EQ(prog->populations[0]->size.intValue, 3);
}
