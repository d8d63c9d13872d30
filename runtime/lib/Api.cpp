// The compiled program's command line (language.md section 9) and the C API of
// the shared library, over the model the compiler linked in.
#include "Error.h"
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

const char *const kUsage =
    "usage: %s [--steps N] [--seed S] [--param NAME=VALUE]... [--out-dir DIR]\n"
    "          [--threads N] [--resume CKPT] [--device cpu|gpu] [--quiet] [--stats]\n"
    "Runs the compiled model; relative paths of its run block resolve against --out-dir\n"
    "(default: the current folder). Prints the report at the end.\n";

struct Usage : std::runtime_error {
  explicit Usage(const std::string &m) : std::runtime_error(m) {}
};

int64_t parseInt(const std::string &flag, const std::string &v) {
  char *end = nullptr;
  long long x = std::strtoll(v.c_str(), &end, 10);
  if (v.empty() || *end != '\0' || x < 0) throw Usage(flag + " needs a non-negative integer, not '" + v + "'");
  return x;
}

ndprt::Options parseOptions(int argc, const char *const *argv, bool &help) {
  ndprt::Options o;
  help = false;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i], value;
    size_t eq = a.find('=');
    std::string flag = a.substr(0, eq);
    auto next = [&]() -> std::string {
      if (eq != std::string::npos && flag != "--param") return a.substr(eq + 1);
      if (flag == "--param" && eq != std::string::npos) return a.substr(eq + 1);
      if (i + 1 >= argc) throw Usage(flag + " needs a value");
      return argv[++i];
    };
    if (a == "-h" || a == "--help") { help = true; return o; }
    if (flag == "--steps") o.steps = parseInt("--steps", next());
    else if (flag == "--seed") { o.seed = parseInt("--seed", next()); o.seedSet = true; }
    else if (flag == "--out-dir") o.outDir = next();
    else if (flag == "--threads") {
      o.threads = static_cast<int>(parseInt("--threads", next()));
      if (o.threads < 1) throw Usage("--threads needs at least 1");
    }
    else if (flag == "--resume") o.resume = next();
    else if (flag == "--device") {
      o.device = next();
      if (o.device != "cpu" && o.device != "gpu") throw Usage("--device is cpu or gpu, not '" + o.device + "'");
    }
    else if (a == "--quiet") o.quiet = true;
    else if (a == "--stats") o.stats = true;
    else if (a == "--param") {
      if (i + 1 >= argc) throw Usage("--param needs NAME=VALUE");
      std::string kv = argv[++i];
      size_t e = kv.find('=');
      if (e == std::string::npos || e == 0) throw Usage("--param needs NAME=VALUE, not '" + kv + "'");
      o.params.push_back({kv.substr(0, e), kv.substr(e + 1)});
    } else if (flag == "--param") {
      std::string kv = a.substr(eq + 1);
      size_t e = kv.find('=');
      if (e == std::string::npos || e == 0) throw Usage("--param needs NAME=VALUE, not '" + kv + "'");
      o.params.push_back({kv.substr(0, e), kv.substr(e + 1)});
    } else {
      throw Usage("unknown option '" + a + "'");
    }
  }
  return o;
}

std::string programName(const char *argv0) {
  std::string s = argv0 ? argv0 : "model";
  size_t slash = s.find_last_of('/');
  return slash == std::string::npos ? s : s.substr(slash + 1);
}

} // namespace

extern "C" int ndp_main(int argc, char **argv) {
  std::string prog = programName(argc > 0 ? argv[0] : nullptr);
  try {
    bool help = false;
    ndprt::Options opts = parseOptions(argc, argv, help);
    if (help) {
      std::printf(kUsage, prog.c_str());
      return 0;
    }
    ndprt::Simulator sim(ndp_descriptor, ndp_kernels, opts, ndp_gpu_kernels);
    sim.run(-1);
    std::string report = sim.finish();
    std::fputs(report.c_str(), stdout);
    if (opts.stats) std::fputs(sim.statsText().c_str(), stderr);
    return 0;
  } catch (const Usage &u) {
    std::fprintf(stderr, "%s: error: %s\n", prog.c_str(), u.what());
    std::fprintf(stderr, kUsage, prog.c_str());
    return 2;
  } catch (const std::exception &e) {
    std::fprintf(stderr, "\n%s: error: %s\n", prog.c_str(), e.what());
    return 1;
  }
}

extern "C" ndp_sim *ndp_create(int argc, const char *const *argv, const char **error) {
  static std::string lastError;
  try {
    bool help = false;
    ndprt::Options opts = parseOptions(argc, argv, help);
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
  try {
    s->sim->run(steps);
    return 0;
  } catch (const std::exception &e) {
    s->error = e.what();
    return 1;
  }
}

extern "C" int64_t ndp_current_step(const ndp_sim *s) { return s->sim->step(); }

extern "C" const float *ndp_values(ndp_sim *s, const char *population, const char *name, int64_t *count) {
  ndprt::Population *p = s->sim->population(population);
  if (!p) {
    s->error = std::string("no population '") + population + "'";
    return nullptr;
  }
  ndprt::Column *c = nullptr;
  for (const char *kind : {"state", "out", "input", "channel", "importance", "spiked"})
    if (!c) c = p->find(kind, std::strcmp(kind, "importance") == 0 || std::strcmp(kind, "spiked") == 0 ? "" : name);
  if (!c || (std::strcmp(name, "importance") == 0)) c = std::strcmp(name, "importance") == 0 ? &p->importance : c;
  if (std::strcmp(name, "spiked") == 0) c = &p->spiked;
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

extern "C" const char *ndp_last_error(const ndp_sim *s) { return s->error.c_str(); }

extern "C" void ndp_destroy(ndp_sim *s) { delete s; }
