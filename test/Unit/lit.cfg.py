# The GoogleTest unit tests, run by lit so that one command runs every test.
import os

import lit.formats

config.name = "ndpc-unit"
config.suffixes = []
config.test_source_root = os.path.join(config.ndpc_obj_root, "test", "Unit")
config.test_exec_root = config.test_source_root
config.test_format = lit.formats.GoogleTest(".", "unittests")
config.environment["NDPC_SOURCE_DIR"] = config.ndpc_src_root
config.environment["ASAN_OPTIONS"] = "detect_leaks=1"
# GpuRuntimeTest runs on the stand-in CUDA driver (test/lib/fake-cuda).
config.environment["LD_LIBRARY_PATH"] = os.path.join(config.ndpc_obj_root, "test", "fake-cuda")
