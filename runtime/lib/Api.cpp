// The compiled program's command line (language.md section 9) and the C API of
// the shared library, over the model the compiler linked in: making, running
// and ending a run (ApiData.cpp reads and changes one).
#include "ApiSim.h"
#include "Error.h"
#include "Options.h"

#include "ndp/abi.h"

#include <csignal>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <string>

extern "C" {
extern const char ndp_descriptor[];
extern void *const ndp_kernels[];
// Only programs compiled with --target=gpu define it.
extern void *const ndp_gpu_kernels[] __attribute__((weak));
}

namespace {

std::string programName(const char *argv0) {
  std::string s = argv0 ? argv0 : "model";
  size_t slash = s.find_last_of('/');
  return slash == std::string::npos ? s : s.substr(slash + 1);
}

// The signal that asked a program to stop (SIGINT, SIGTERM), or 0.
volatile std::sig_atomic_t stopSignal = 0;

extern "C" void onStopSignal(int sig) { stopSignal = sig; }

/// SIGINT and SIGTERM stop the run after the current step; a second one, with
/// the default action restored (SA_RESETHAND), ends the program at once.
void catchStopSignals() {
  struct sigaction sa;
  std::memset(&sa, 0, sizeof sa);
  sa.sa_handler = onStopSignal;
  sa.sa_flags = SA_RESETHAND;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGINT, &sa, nullptr);
  sigaction(SIGTERM, &sa, nullptr);
}

/// After a stop signal: what a run that never got to its end can keep — its
/// recordings, and a checkpoint where the run block has one.
int stopped(ndprt::Simulator &sim, const std::string &prog) {
  const int sig = stopSignal;
  sim.finish();
  std::string what = "the recordings are written";
  const std::string ckpt = sim.checkpointPath();
  if (ckpt.empty()) {
    what += "; the run block has no checkpoint, so the run cannot be resumed";
  } else {
    if (!sim.checkpointedNow()) sim.writeCheckpoint(ckpt);
    what += ", and a checkpoint to '" + ckpt + "' (the one before it is '" + ckpt +
            ".prev'); continue with --resume " + ckpt;
  }
  std::fprintf(stderr, "\n%s: stopped by %s after step %lld of %lld: %s\n", prog.c_str(),
               sig == SIGINT ? "SIGINT" : "SIGTERM", static_cast<long long>(sim.step()),
               static_cast<long long>(sim.totalSteps()), what.c_str());
  return 128 + sig;
}

} // namespace

extern "C" int ndp_main(int argc, char **argv) {
  std::string prog = programName(argc > 0 ? argv[0] : nullptr);
  try {
    ndprt::Options opts = ndprt::parseOptions(argc, argv);
    if (opts.help) {
      std::fputs(ndprt::usageText(prog).c_str(), stdout);
      return 0;
    }
    for (const std::string &w : opts.warnings) std::fprintf(stderr, "%s: warning: %s\n", prog.c_str(), w.c_str());
    ndprt::Simulator sim(ndp_descriptor, ndp_kernels, opts, ndp_gpu_kernels);
    catchStopSignals();
    sim.setStop(&stopSignal);
    sim.run(-1);
    if (stopSignal) return stopped(sim, prog);
    std::string report = sim.finish();
    std::fputs(report.c_str(), stdout);
    if (opts.stats) std::fputs(sim.statsText().c_str(), stderr);
    return 0;
  } catch (const ndprt::UsageError &u) {
    std::fprintf(stderr, "%s: error: %s\n", prog.c_str(), u.what());
    std::fputs(ndprt::usageText(prog).c_str(), stderr);
    return 2;
  } catch (const std::exception &e) {
    std::fprintf(stderr, "\n%s: error: %s\n", prog.c_str(), e.what());
    return 1;
  }
}

namespace {
// Per thread: two threads creating models at once each read their own error.
thread_local std::string createError;
thread_local int createErrorKind = NDP_OK;
} // namespace

namespace ndprt {

int errorKindOf(const std::exception &e) {
  if (dynamic_cast<const NameFault *>(&e)) return NDP_ERR_NAME;
  if (dynamic_cast<const ValueFault *>(&e)) return NDP_ERR_VALUE;
  if (dynamic_cast<const UsageError *>(&e)) return NDP_ERR_USAGE;
  return NDP_ERR_FAULT;
}

} // namespace ndprt

extern "C" ndp_sim *ndp_create(int argc, const char *const *argv, const char **error) {
  try {
    ndprt::Options opts = ndprt::parseOptions(argc, argv);
    opts.quiet = true;
    auto s = std::make_unique<ndp_sim>();
    s->sim = std::make_unique<ndprt::Simulator>(ndp_descriptor, ndp_kernels, opts, ndp_gpu_kernels);
    createErrorKind = NDP_OK;
    return s.release();
  } catch (const std::exception &e) {
    createError = e.what();
    createErrorKind = ndprt::errorKindOf(e);
    if (error) *error = createError.c_str();
    return nullptr;
  }
}

extern "C" int ndp_create_error_kind(void) { return createErrorKind; }

extern "C" int ndp_run(ndp_sim *s, int64_t steps) {
  return ndprt::apiStatus(s, [&] {
    if (!s->fault.empty())
      throw ndprt::Fault("this run stopped at a fault and cannot go on (" + s->fault +
                         "); its values can still be read; make a new simulator to run again");
    try {
      s->sim->run(steps);
    } catch (const std::exception &e) {
      s->fault = e.what();
      throw;
    }
    return 0;
  });
}

extern "C" int64_t ndp_current_step(const ndp_sim *s) { return s ? s->sim->step() : -1; }

extern "C" const char *ndp_finish(ndp_sim *s) {
  return ndprt::apiCall(s, static_cast<const char *>(nullptr), [&] {
    s->text = s->sim->finish();
    return s->text.c_str();
  });
}

extern "C" int ndp_last_error_kind(const ndp_sim *s) { return s ? s->errorKind : NDP_ERR_FAULT; }

extern "C" const char *ndp_last_error(const ndp_sim *s) { return s ? s->error.c_str() : "no model (null ndp_sim)"; }

extern "C" void ndp_destroy(ndp_sim *s) { delete s; }
