// How the runtime prints a measured number in the report and --stats, and a list of names in a message.
#ifndef NDPRT_FORMAT_H
#define NDPRT_FORMAT_H

#include <cstdio>
#include <string>
#include <vector>

namespace ndprt {

/// Six significant digits ("%.6g"): 0.955885, 1.2e+09.
inline std::string formatNumber(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.6g", v);
  return buf;
}

/// "a, b, c": the names a message lists.
inline std::string joinNames(const std::vector<std::string> &names) {
  std::string s;
  for (size_t i = 0; i < names.size(); ++i) s += (i ? ", " : "") + names[i];
  return s;
}

} // namespace ndprt

#endif
