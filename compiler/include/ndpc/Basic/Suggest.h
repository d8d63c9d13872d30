// "Did you mean" suggestions for unknown names.
#ifndef NDPC_BASIC_SUGGEST_H
#define NDPC_BASIC_SUGGEST_H

#include <string>
#include <string_view>
#include <vector>

namespace ndpc {

/// Levenshtein distance, capped: returns `cap + 1` once the distance exceeds `cap`.
size_t editDistance(std::string_view a, std::string_view b, size_t cap);

/// The candidate closest to `name`, if it is close enough to be a likely typo
/// (distance at most a third of the name's length, at least 1); empty otherwise.
std::string closestName(std::string_view name, const std::vector<std::string> &candidates);

/// "; did you mean 'x'?" or the empty string.
std::string didYouMean(std::string_view name, const std::vector<std::string> &candidates);

/// "a, b or c"
std::string joinOr(const std::vector<std::string> &items);

} // namespace ndpc

#endif
