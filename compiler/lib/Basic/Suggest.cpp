// Edit distances and closest names (Suggest.h).
#include "ndpc/Basic/Suggest.h"

#include <algorithm>

namespace ndpc {

size_t editDistance(std::string_view a, std::string_view b, size_t cap) {
  // Optimal string alignment: Levenshtein plus adjacent transpositions ("eat"
  // for "eta" is one edit), the typo users make most.
  size_t la = a.size(), lb = b.size();
  if ((la > lb ? la - lb : lb - la) > cap) return cap + 1;
  std::vector<size_t> prev2(lb + 1), prev(lb + 1), cur(lb + 1);
  for (size_t j = 0; j <= lb; ++j) prev[j] = j;
  for (size_t i = 1; i <= la; ++i) {
    cur[0] = i;
    size_t rowMin = cur[0];
    for (size_t j = 1; j <= lb; ++j) {
      size_t sub = prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, sub});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        cur[j] = std::min(cur[j], prev2[j - 2] + 1);
      rowMin = std::min(rowMin, cur[j]);
    }
    if (rowMin > cap) return cap + 1;
    prev2.swap(prev);
    prev.swap(cur);
  }
  return std::min(prev[lb], cap + 1);
}

std::string closestName(std::string_view name, const std::vector<std::string> &candidates) {
  // Short names are too easy to match by accident: a suggestion must keep at
  // least one character of the name in place.
  size_t cap = std::max<size_t>(1, (name.size() + 1) / 3);
  if (cap >= name.size()) cap = name.size() - (name.empty() ? 0 : 1);
  std::string best;
  size_t bestDist = cap + 1;
  for (const std::string &c : candidates) {
    if (c == name) continue;
    size_t d = editDistance(name, c, cap);
    if (d < bestDist || (d == bestDist && !best.empty() && c < best)) {
      bestDist = d;
      best = c;
    }
  }
  return bestDist <= cap ? best : std::string();
}

std::string didYouMean(std::string_view name, const std::vector<std::string> &candidates) {
  std::string c = closestName(name, candidates);
  return c.empty() ? std::string() : "; did you mean '" + c + "'?";
}

std::string joinOr(const std::vector<std::string> &items) {
  std::string out;
  for (size_t i = 0; i < items.size(); ++i) {
    if (i) out += (i + 1 == items.size()) ? " or " : ", ";
    out += items[i];
  }
  return out;
}

} // namespace ndpc
