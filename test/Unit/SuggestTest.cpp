#include "ndpc/Basic/Suggest.h"

#include <gtest/gtest.h>

using namespace ndpc;

TEST(EditDistance, CountsInsertionsDeletionsSubstitutions) {
  EXPECT_EQ(editDistance("kitten", "sitting", 10), 3u);
  EXPECT_EQ(editDistance("", "abc", 10), 3u);
  EXPECT_EQ(editDistance("abc", "abc", 10), 0u);
}

TEST(EditDistance, TranspositionIsOneEdit) {
  EXPECT_EQ(editDistance("eat", "eta", 10), 1u);
  EXPECT_EQ(editDistance("fanim", "fanin", 10), 1u);
}

TEST(EditDistance, StopsAtTheCap) {
  EXPECT_EQ(editDistance("aaaaaaaa", "bbbbbbbb", 2), 3u);
  EXPECT_EQ(editDistance("a", "aaaaaaaaaa", 3), 4u);
}

TEST(ClosestName, SuggestsLikelyTypos) {
  std::vector<std::string> names{"eta", "tanh", "importance", "in"};
  EXPECT_EQ(closestName("eat", names), "eta");
  EXPECT_EQ(closestName("tahn", names), "tanh");
  EXPECT_EQ(closestName("importanse", names), "importance");
  EXPECT_EQ(closestName("inn", names), "in");
}

TEST(ClosestName, StaysQuietForUnrelatedOrShortNames) {
  std::vector<std::string> names{"eta", "v", "w"};
  EXPECT_EQ(closestName("zebra", names), "");
  EXPECT_EQ(closestName("q", names), "");  // one letter matches anything one edit away
  EXPECT_EQ(closestName("eta", names), "");  // the name itself is no suggestion
}

TEST(JoinOr, ListsInEnglish) {
  EXPECT_EQ(joinOr({"a"}), "a");
  EXPECT_EQ(joinOr({"a", "b"}), "a or b");
  EXPECT_EQ(joinOr({"a", "b", "c"}), "a, b or c");
}
