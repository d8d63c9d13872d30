#include "ndpc/Basic/DiagnosticVerifier.h"
#include "ndpc/Basic/Diagnostics.h"
#include "ndpc/Basic/SourceManager.h"

#include <gtest/gtest.h>

#include <sstream>

using namespace ndpc;

namespace {
SourceRange at(uint32_t file, uint32_t line, uint32_t col, uint32_t endCol) {
  return {SourceLoc{file, line, col}, SourceLoc{file, line, endCol}};
}
} // namespace

TEST(SourceManager, LinesAndOffsets) {
  SourceManager sm;
  uint32_t f = sm.addBuffer("m.ndp", "ab\ncdé\r\nx");
  EXPECT_EQ(sm.numLines(f), 3u);
  EXPECT_EQ(sm.lineText(f, 2), "cdé");  // no \r
  EXPECT_EQ(sm.lineText(f, 4), "");
  SourceLoc l = sm.locForOffset(f, 7);  // after the two bytes of é
  EXPECT_EQ(l.line, 2u);
  EXPECT_EQ(l.col, 4u);  // code points, not bytes
}

TEST(Diagnostics, FormatsLocationLineCaretAndFixit) {
  SourceManager sm;
  uint32_t f = sm.addBuffer("m.ndp", "model m;\n  v = eat * 2;\n");
  std::ostringstream os;
  DiagnosticEngine d(sm, os);
  d.error(at(f, 2, 7, 10), "unknown name 'eat'; did you mean 'eta'?", "eta");
  EXPECT_EQ(os.str(),
            "m.ndp:2:7: error: unknown name 'eat'; did you mean 'eta'?\n"
            "  v = eat * 2;\n"
            "      ^~~\n"
            "      eta\n");
  EXPECT_EQ(d.errorCount(), 1u);
}

TEST(Diagnostics, CaretFollowsTabsAndUnicode) {
  SourceManager sm;
  uint32_t f = sm.addBuffer("m.ndp", "\tλ = x;\n");
  std::ostringstream os;
  DiagnosticEngine d(sm, os);
  d.warning(at(f, 1, 6, 7), "w");
  EXPECT_EQ(os.str(), "m.ndp:1:6: warning: w\n\tλ = x;\n\t    ^\n");
}

TEST(Diagnostics, StopsAfterTheErrorLimitAndDropsTheirNotes) {
  SourceManager sm;
  uint32_t f = sm.addBuffer("m.ndp", "x\n");
  std::ostringstream os;
  DiagnosticEngine d(sm, os, 2);
  for (int i = 0; i < 5; ++i) {
    d.error(at(f, 1, 1, 2), "e" + std::to_string(i));
    d.note(at(f, 1, 1, 2), "n" + std::to_string(i));
  }
  EXPECT_EQ(d.errorCount(), 2u);
  EXPECT_TRUE(d.limitReached());
  std::string out = os.str();
  EXPECT_NE(out.find("e1"), std::string::npos);
  EXPECT_EQ(out.find("e2"), std::string::npos);
  EXPECT_EQ(out.find("n2"), std::string::npos);
  EXPECT_NE(out.find("too many errors (2)"), std::string::npos);
}

TEST(Diagnostics, ReportsAnIdenticalErrorOnce) {
  SourceManager sm;
  uint32_t f = sm.addBuffer("m.ndp", "x\n");
  std::ostringstream os;
  DiagnosticEngine d(sm, os);
  d.error(at(f, 1, 1, 2), "same");
  d.note(at(f, 1, 1, 2), "attached");
  d.error(at(f, 1, 1, 2), "same");
  d.note(at(f, 1, 1, 2), "attached");
  EXPECT_EQ(d.errorCount(), 1u);
  EXPECT_NE(os.str().find("attached"), std::string::npos);
  EXPECT_EQ(os.str().find("attached"), os.str().rfind("attached"));
}

TEST(Verifier, MatchesLineColumnAndText) {
  SourceManager sm;
  uint32_t f = sm.addBuffer("m.ndp",
                            "// expected-error@+1:3 {{bad thing}}\n"
                            "  x\n"
                            "y // expected-warning {{odd}}\n");
  std::vector<Diagnostic> diags{{Severity::Error, at(f, 2, 3, 4), "a bad thing here", ""},
                                {Severity::Warning, at(f, 3, 1, 2), "odd", ""}};
  std::ostringstream os;
  EXPECT_TRUE(verifyDiagnostics(sm, diags, os)) << os.str();
}

TEST(Verifier, ReportsMissingAndUnexpected) {
  SourceManager sm;
  uint32_t f = sm.addBuffer("m.ndp", "// expected-error@+1 {{wanted}}\nx\n");
  std::vector<Diagnostic> diags{{Severity::Error, at(f, 1, 1, 2), "unwanted", ""}};
  std::ostringstream os;
  EXPECT_FALSE(verifyDiagnostics(sm, diags, os));
  EXPECT_NE(os.str().find("expected error not produced (line 2): wanted"), std::string::npos);
  EXPECT_NE(os.str().find("unexpected error: unwanted"), std::string::npos);
}

TEST(Verifier, WrongColumnDoesNotMatch) {
  SourceManager sm;
  uint32_t f = sm.addBuffer("m.ndp", "x // expected-error:5 {{e}}\n");
  // ":5" without '@' is not a location: the directive is for this line, any column.
  std::vector<Diagnostic> ok{{Severity::Error, at(f, 1, 1, 2), "e", ""}};
  std::ostringstream os;
  EXPECT_TRUE(verifyDiagnostics(sm, ok, os)) << os.str();

  uint32_t g = sm.addBuffer("n.ndp", "// expected-error@+1:5 {{e}}\nx\n");
  std::vector<Diagnostic> off{{Severity::Error, at(g, 2, 1, 2), "e", ""}};
  std::ostringstream os2;
  EXPECT_FALSE(verifyDiagnostics(sm, off, os2));
}
