// The C API's handle (ndp/abi.h): a simulator and what the API hands out
// from it, kept until the next call.
#ifndef NDPRT_APISIM_H
#define NDPRT_APISIM_H

#include "Error.h"
#include "Options.h"
#include "Simulator.h"

#include "ndp/abi.h"

#include <memory>
#include <string>
#include <utility>
#include <vector>

struct ndp_sim {
  std::unique_ptr<ndprt::Simulator> sim;
  std::string error;
  int errorKind = NDP_OK;
  std::string fault;  // the fault a run stopped at: the state is half a step on, so it runs no more
  std::vector<float> values;
  std::string text;  // ndp_info, ndp_report, ndp_finish
  std::vector<std::string> arrayData;
  std::vector<std::string> arrayNames;
  std::vector<ndp_array> arrays;
};

namespace ndprt {

/// The error kind (ndp/abi.h) of an exception.
int errorKindOf(const std::exception &e);

/// Runs `body` for the C API: an exception becomes `fail`, with its message
/// and kind in `s` (no exception crosses into C).
template <class F, class R> R apiCall(ndp_sim *s, R fail, F &&body) {
  if (!s) return fail;
  try {
    s->errorKind = NDP_OK;
    return body();
  } catch (const std::exception &e) {
    s->error = e.what();
    s->errorKind = errorKindOf(e);
    return fail;
  }
}

/// apiCall for the int-returning functions: 0 on success, else the error kind.
template <class F> int apiStatus(ndp_sim *s, F &&body) {
  if (!s) return NDP_ERR_FAULT;
  return apiCall(s, 1, std::forward<F>(body)) == 0 ? NDP_OK : s->errorKind;
}

} // namespace ndprt

#endif
