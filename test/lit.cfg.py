# lit configuration for ndpc: one folder per stage (language.md, architecture.md).
import os

import lit.formats

config.name = "ndpc"
config.test_format = lit.formats.ShTest(execute_external=True)
config.suffixes = [".ndp", ".mlir", ".test"]
config.excludes = ["Inputs", "lib", "Unit", "CMakeLists.txt", "lit.cfg.py", "lit.site.cfg.py.in", "README.md"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.ndpc_obj_root, "test")

# FileCheck, not, split-file, count come from LLVM 19; ndpc tools from the build.
config.environment["PATH"] = os.pathsep.join(
    [config.ndpc_tools_dir, config.llvm_tools_dir, config.environment.get("PATH", "/usr/bin:/bin")])
for var in ["HOME", "TMPDIR", "LANG", "LC_ALL"]:
    if var in os.environ:
        config.environment[var] = os.environ[var]
config.environment["LC_ALL"] = "C.UTF-8"
# The NumPy references import test/lib.
config.environment["PYTHONPATH"] = os.path.join(config.ndpc_src_root, "test", "lib")
# Sanitized builds: fail on leaks and on any UB report.
config.environment["ASAN_OPTIONS"] = "detect_leaks=1:abort_on_error=0"
config.environment["UBSAN_OPTIONS"] = "print_stacktrace=1:halt_on_error=1"

config.substitutions.append(("%ndpc-build", config.ndpc_obj_root))
config.substitutions.append(("%ndpc", os.path.join(config.ndpc_tools_dir, "ndpc")))
config.substitutions.append(("%ndp-opt", os.path.join(config.ndpc_tools_dir, "ndp-opt")))
config.substitutions.append(("%python", config.python_executable))
config.substitutions.append(("%stdlib", os.path.join(config.ndpc_src_root, "stdlib")))
config.substitutions.append(("%examples", os.path.join(config.ndpc_src_root, "examples")))
config.substitutions.append(("%testlib", os.path.join(config.ndpc_src_root, "test", "lib")))
# The stand-in driver: `env LD_LIBRARY_PATH=%fake-cuda PROGRAM --device gpu` runs
# the host copies of a --gpu-emulation program's GPU kernels (docs/gpu.md).
config.substitutions.append(("%fake-cuda", os.path.join(config.ndpc_obj_root, "test", "fake-cuda")))

if config.ndpc_codegen:
    config.available_features.add("codegen")
    # The Python module (runtime/python), as the build assembled it; each test
    # compiles into its own cache.
    import glob
    if glob.glob(os.path.join(config.ndpc_obj_root, "python", "ndpc", "_ndpc*.so")):
        config.available_features.add("python-module")
        python_with_module = ("env PYTHONPATH=" + os.pathsep.join(
            [os.path.join(config.ndpc_obj_root, "python"), os.path.join(config.ndpc_src_root, "test", "lib")]) +
            " NDPC_CACHE_DIR=%t/cache " + config.python_executable)
        config.substitutions.append(
            ("%pytest", python_with_module + " -m pytest -q -p no:cacheprovider --basetemp=%t/pytest"))
        config.substitutions.append(("%pymodule", python_with_module))
if config.ndpc_sanitized:
    config.available_features.add("sanitized")
    # Models compiled by a release ndpc, linked against this sanitized runtime
    # the way ndpc links a program (compiler/lib/Driver/Codegen.cpp).
    if os.access(config.ndpc_model_compiler, os.X_OK):
        config.available_features.add("sanitized-models")
        lib = os.path.join(config.ndpc_obj_root, "lib")
        config.substitutions.append(("%model-ndpc", config.ndpc_model_compiler))
        config.substitutions.append(
            ("%link-sanitized", config.cxx_compiler + " -fsanitize=address,undefined"))
        config.substitutions.append(
            ("%sanitized-runtime",
             " ".join([os.path.join(lib, "libndprt_main.a"), os.path.join(lib, "libndprt.a"),
                       "-L" + config.llvm_lib_dir, "-lomp", "-Wl,-rpath," + config.llvm_lib_dir,
                       "-lm", "-lpthread", "-ldl"])))
if config.ndpc_fuzz:
    config.available_features.add("fuzzer")
    config.substitutions.append(
        ("%fuzz-frontend", os.path.join(config.ndpc_tools_dir, "ndpc-fuzz-frontend")))
    # The codegen fuzzer is built alone in its own tree (scripts/build fuzz).
    fuzz_codegen = os.path.join(config.ndpc_tools_dir, "ndpc-fuzz-codegen")
    if os.access(fuzz_codegen, os.X_OK):
        config.available_features.add("fuzzer-codegen")
        config.substitutions.append(("%fuzz-codegen", fuzz_codegen))

# GPU: `ptxas` (CUDA's PTX assembler, in a CUDA toolkit) checks the PTX ndpc
# makes; `cuda` (a driver and a device) will run it. Both are optional.
import shutil
ptxas = shutil.which("ptxas") or next(
    (p for p in ("/usr/local/cuda/bin/ptxas",) if os.access(p, os.X_OK)), None)
if ptxas and config.ndpc_codegen:
    config.available_features.add("ptxas")
    config.substitutions.append(("%ptxas", ptxas))
cuda_home = os.environ.get("CUDA_HOME", "/usr/local/cuda")
if os.path.exists(os.path.join(cuda_home, "include", "cuda.h")):
    config.available_features.add("cuda-headers")
    config.substitutions.append(("%cuda-include", os.path.join(cuda_home, "include")))
if os.path.exists("/dev/nvidia0") and any(
        os.path.exists(os.path.join(d, "libcuda.so.1"))
        for d in ("/usr/lib/x86_64-linux-gnu", "/usr/lib64", "/usr/local/cuda/compat")):
    config.available_features.add("cuda")
