"""Drives a model compiled with --shared through its C API (runtime/include/ndp/abi.h)."""
import ctypes
import sys

import numpy as np
import ndp_abi

lib = ndp_abi.load(sys.argv[1])

args = (ctypes.c_char_p * 3)(b"draws", b"--steps", b"6")
err = ctypes.c_char_p()
sim = lib.ndp_create(3, args, ctypes.byref(err))
if not sim:
    sys.exit("ndp_create failed: " + err.value.decode())
assert lib.ndp_run(sim, 4) == 0
assert lib.ndp_run(sim, -1) == 0
print("step", lib.ndp_current_step(sim))
n = ctypes.c_int64()
ptr = lib.ndp_values(sim, b"r", b"u", ctypes.byref(n))
u = np.ctypeslib.as_array(ptr, shape=(n.value,)).copy()
lib.ndp_destroy(sim)
want = np.load(sys.argv[2])[-1]
if not np.array_equal(u, want):
    sys.exit(f"shared library gives {u}, the program {want}")
print("r.u after 6 steps equals the program's last recorded row")
