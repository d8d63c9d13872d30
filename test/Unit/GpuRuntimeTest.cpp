// The GPU runtime (runtime/lib/gpu) without a GPU and without the compiler,
// so that it also runs in the sanitizer build: a hand-written model whose GPU
// kernel does what a compiled launch does (mgpu* calls with a parameter
// array), run by the test driver (test/lib/fake-cuda, found through the
// LD_LIBRARY_PATH that test/Unit/lit.cfg.py sets), against the same kernel on
// the CPU.
#include "Error.h"
#include "Files.h"
#include "Simulator.h"
#include "TempDir.h"

#include <gtest/gtest.h>

#include <string>

extern "C" {
void *mgpuModuleLoadJIT(void *ptx, int optLevel);
void *mgpuModuleGetFunction(void *module, const char *name);
void *mgpuStreamCreate();
void mgpuStreamSynchronize(void *stream);
void mgpuStreamDestroy(void *stream);
void mgpuModuleUnload(void *module);
void mgpuLaunchKernel(void *function, intptr_t gx, intptr_t gy, intptr_t gz, intptr_t bx, intptr_t by, intptr_t bz,
                      int32_t sharedBytes, void *stream, void **params, void **extra, size_t paramCount);
}

using namespace ndprt;

namespace {

template <class T> T *at(const ndp_view *v, int i) { return static_cast<T *>(v[i].aligned); }

// v = v / 2 + step + gain, y = v; views: ctx scalars v y.
float next(float v, int64_t step, double gain) { return v * 0.5f + static_cast<float>(step) + static_cast<float>(gain); }

void cpuUpdate(const ndp_view *v) {
  const int64_t *ctx = at<int64_t>(v, 0);
  for (int64_t i = ctx[NDP_CTX_BEGIN]; i < ctx[NDP_CTX_END]; ++i)
    at<float>(v, 3)[i] = at<float>(v, 2)[i] =
        next(at<float>(v, 2)[i], ctx[NDP_CTX_STEP], at<double>(v, 1)[NDP_SCALAR_FIRST_PARAM]);
}

const char kPTX[] = "//\n.version 8.0\n.target sm_90\n.address_size 64\n"
                    ".visible .entry g_update(\n)\n{\n\tret;\n}\n";

/// What a compiled kernel's host side does: the grid from ctx, then a launch
/// whose parameters point at the values (the device reads ctx and params in
/// place: page-locked).
void launch(const ndp_view *v, const char *entry) {
  const int64_t *ctx = at<int64_t>(v, 0);
  int64_t begin = ctx[NDP_CTX_BEGIN], end = ctx[NDP_CTX_END];
  void *ctxp = v[0].aligned, *scalars = v[1].aligned, *state = v[2].aligned, *out = v[3].aligned;
  void *params[] = {&begin, &end, &ctxp, &scalars, &state, &out};
  void *module = mgpuModuleLoadJIT(const_cast<char *>(kPTX), 2);
  void *fn = mgpuModuleGetFunction(module, entry);
  void *stream = mgpuStreamCreate();
  mgpuLaunchKernel(fn, (end - begin + 127) / 128, 1, 1, 128, 1, 1, 0, stream, params, nullptr, 6);
  mgpuStreamSynchronize(stream);
  mgpuStreamDestroy(stream);
  mgpuModuleUnload(module);
}

void gpuUpdate(const ndp_view *v) { launch(v, "g_update"); }
void gpuMissing(const ndp_view *v) { launch(v, "g_missing"); }

const char *kDescriptor = "ndp-descriptor 1\nmodel g\nparam gain f32 0.25\n"
                          "population p N 300 300 0.9 0 0\n  state v f32 1\n  channel in f32 1\n  out y f32 1\n"
                          "kernel 0 pop_update p 4 ctx scalars pop:p:state:v pop:p:out:y\n"
                          "run 1 20 1\nrecord p state v 1 \"v.npy\"\nend\n";

} // namespace

// The emulated kernel the test driver finds by name: one thread, one neuron.
extern "C" void ndp_emu_g_update(void **params, const int64_t *ids) {
  const int64_t begin = *static_cast<int64_t *>(params[0]), end = *static_cast<int64_t *>(params[1]);
  const int64_t i = begin + ids[0] * ids[6] + ids[3];
  if (i >= end) return;
  const int64_t *ctx = *static_cast<int64_t **>(params[2]);
  const double *scalars = *static_cast<double **>(params[3]);
  float *v = *static_cast<float **>(params[4]), *y = *static_cast<float **>(params[5]);
  y[i] = v[i] = next(v[i], ctx[NDP_CTX_STEP], scalars[NDP_SCALAR_FIRST_PARAM]);
}

TEST(GpuRuntime, RunsLikeTheCPUWithColumnsInDeviceMemory) {
  void *cpu[] = {reinterpret_cast<void *>(&cpuUpdate)};
  void *gpu[] = {reinterpret_cast<void *>(&gpuUpdate)};
  TempDir tmpC("ndprt-gpu"), tmpG("ndprt-gpu");
  const std::string &dirC = tmpC.path(), &dirG = tmpG.path();
  Options o;
  o.quiet = true;
  o.stats = true;
  o.params = {{"gain", "0.75"}};
  o.outDir = dirC;
  Simulator onCPU(kDescriptor, cpu, o, gpu);
  onCPU.run(-1);
  const std::string report = onCPU.finish();
  EXPECT_EQ(&onCPU.population("p")->states[0].memory(), &ColumnMemory::host());

  o.outDir = dirG;
  o.device = Device::Gpu;
  Simulator onGPU(kDescriptor, cpu, o, gpu);
  Population &p = *onGPU.population("p");
  EXPECT_NE(&p.states[0].memory(), &ColumnMemory::host()) << "a GPU run's columns are device memory";
  onGPU.run(-1);
  EXPECT_EQ(onGPU.finish(), report);
  EXPECT_EQ(readFile(dirC + "/v.npy", "output"), readFile(dirG + "/v.npy", "output"));
  EXPECT_NE(onGPU.statsText().find("device: GPU host emulation (ndpc test driver), 20 kernel launches"),
            std::string::npos)
      << onGPU.statsText();
  float expect = 0.0f;
  for (int64_t t = 0; t < 20; ++t) expect = next(expect, t, 0.75);
  for (int64_t i = 0; i < p.size(); ++i) ASSERT_EQ(p.states[0].get(i), expect) << "neuron " << i;
}

TEST(GpuRuntime, DriverFailuresNameTheKernelAndStep) {
  void *cpu[] = {reinterpret_cast<void *>(&cpuUpdate)};
  void *gpu[] = {reinterpret_cast<void *>(&gpuMissing)};
  Options o;
  o.quiet = true;
  TempDir tmp("ndprt-gpu");
  o.outDir = tmp.path();
  o.device = Device::Gpu;
  Simulator sim(kDescriptor, cpu, o, gpu);
  try {
    sim.run(-1);
    FAIL() << "a kernel the PTX does not have must not run";
  } catch (const Fault &f) {
    EXPECT_STREQ(f.what(), "GPU kernel pop_update p at step 0: cuModuleGetFunction failed: named symbol not found");
  }
}

TEST(GpuRuntime, CPUProgramsRefuseTheGPU) {
  void *cpu[] = {reinterpret_cast<void *>(&cpuUpdate)};
  Options o;
  o.device = Device::Gpu;
  try {
    Simulator sim(kDescriptor, cpu, o);
    FAIL() << "no GPU table";
  } catch (const Fault &f) {
    EXPECT_NE(std::string(f.what()).find("compiled for the CPU only"), std::string::npos) << f.what();
  }
}
