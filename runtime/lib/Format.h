// How the runtime prints a measured number in the report and --stats.
#ifndef NDPRT_FORMAT_H
#define NDPRT_FORMAT_H

#include <cstdio>
#include <string>

namespace ndprt {

/// Six significant digits ("%.6g"): 0.955885, 1.2e+09.
inline std::string formatNumber(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.6g", v);
  return buf;
}

} // namespace ndprt

#endif
