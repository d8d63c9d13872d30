// The little JSON the runtime writes: a snapshot's meta and the C API's
// descriptions of a model and its report (ndp/abi.h).
#ifndef NDPRT_JSON_H
#define NDPRT_JSON_H

#include <cmath>
#include <cstdio>
#include <string>

namespace ndprt {

inline std::string jsonString(const std::string &s) {
  std::string out = "\"";
  for (char ch : s) {
    const unsigned char u = static_cast<unsigned char>(ch);
    if (ch == '"' || ch == '\\') {
      out.push_back('\\');
      out.push_back(ch);
    } else if (u < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", u);
      out += buf;
    } else {
      out.push_back(ch);
    }
  }
  return out + "\"";
}

/// Exact (17 significant digits, so a reader gets the same double back);
/// null for NaN and infinities, which JSON cannot hold.
inline std::string jsonNumber(double v) {
  if (!std::isfinite(v)) return "null";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  return buf;
}

} // namespace ndprt

#endif
