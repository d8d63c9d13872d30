// The compiled program's command line (language.md section 9) and the C API of
// the shared library, over the model the compiler linked in.
#include "Error.h"
#include "Options.h"
#include "Simulator.h"

#include "ndp/abi.h"

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

struct ndp_sim {
  std::unique_ptr<ndprt::Simulator> sim;
  std::string error;
  std::vector<float> values;
};

namespace {

std::string programName(const char *argv0) {
  std::string s = argv0 ? argv0 : "model";
  size_t slash = s.find_last_of('/');
  return slash == std::string::npos ? s : s.substr(slash + 1);
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
    sim.run(-1);
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

extern "C" ndp_sim *ndp_create(int argc, const char *const *argv, const char **error) {
  // Per thread: two threads creating models at once each read their own error.
  thread_local std::string lastError;
  try {
    ndprt::Options opts = ndprt::parseOptions(argc, argv);
    opts.quiet = true;
    auto s = std::make_unique<ndp_sim>();
    s->sim = std::make_unique<ndprt::Simulator>(ndp_descriptor, ndp_kernels, opts, ndp_gpu_kernels);
    return s.release();
  } catch (const std::exception &e) {
    lastError = e.what();
    if (error) *error = lastError.c_str();
    return nullptr;
  }
}

extern "C" int ndp_run(ndp_sim *s, int64_t steps) {
  if (!s) return 1;
  try {
    s->sim->run(steps);
    return 0;
  } catch (const std::exception &e) {
    s->error = e.what();
    return 1;
  }
}

extern "C" int64_t ndp_current_step(const ndp_sim *s) { return s ? s->sim->step() : -1; }

extern "C" const float *ndp_values(ndp_sim *s, const char *population, const char *name, int64_t *count) {
  if (!s) return nullptr;
  if (!population || !name) {
    s->error = "ndp_values needs a population name and a value name";
    return nullptr;
  }
  ndprt::Population *p = s->sim->population(population);
  if (!p) {
    s->error = std::string("no population '") + population + "'";
    return nullptr;
  }
  ndprt::Column *c = nullptr;
  if (std::strcmp(name, "importance") == 0) c = &p->importance;
  else if (std::strcmp(name, "spiked") == 0) c = &p->spiked;
  for (ndprt::ValueKind kind : {ndprt::ValueKind::State, ndprt::ValueKind::Out, ndprt::ValueKind::Input,
                                 ndprt::ValueKind::Channel})
    if (!c) c = p->find(kind, name);
  if (!c) {
    s->error = std::string("population '") + population + "' has no value '" + name + "'";
    return nullptr;
  }
  s->values.resize(static_cast<size_t>(p->size() * c->width()));
  for (int64_t i = 0; i < p->size(); ++i)
    for (int l = 0; l < c->width(); ++l) s->values[static_cast<size_t>(i * c->width() + l)] = static_cast<float>(c->get(i, l));
  if (count) *count = static_cast<int64_t>(s->values.size());
  return s->values.data();
}

extern "C" const char *ndp_last_error(const ndp_sim *s) { return s ? s->error.c_str() : "no model (null ndp_sim)"; }

extern "C" void ndp_destroy(ndp_sim *s) { delete s; }
