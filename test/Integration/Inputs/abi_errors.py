"""Every error path of the shared library's C API (runtime/include/ndp/abi.h):
bad arguments to ndp_create, per-thread creation errors, unknown populations
and values in ndp_values (an unknown value name used to return the importance
column), a failing ndp_run, and null handles. usage: abi_errors.py LIB OUTDIR"""
import ctypes
import sys
import threading

import ndp_abi

lib = ndp_abi.load(sys.argv[1])
out = sys.argv[2].encode()


def create(*args):
    argv = (ctypes.c_char_p * (len(args) + 1))(b"model", *args)
    err = ctypes.c_char_p()
    sim = lib.ndp_create(len(args) + 1, argv, ctypes.byref(err))
    return sim, (err.value.decode() if err.value else None)


def check(cond, what):
    print(("ok: " if cond else "FAILED: ") + what)


for args, want in [((b"--steps", b"-1"), "--steps needs an integer from 0 to 2147483647"),
                   ((b"--bogus",), "unknown option '--bogus'"),
                   ((b"--param", b"nosuch=1"), "unknown param 'nosuch'"),
                   ((b"--param", b"growth=1e39"), "param 'growth' is an f32"),
                   ((b"--resume", out + b"/missing.ckpt"), "cannot open checkpoint")]:
    sim, err = create(b"--out-dir", out, *args)
    check(not sim and err and want in err, f"ndp_create {b' '.join(args).decode()}: {err}")

# Each thread reads its own error, also when two fail at once.
errors = {}
def fail(name, args):
    errors[name] = create(b"--out-dir", out, *args)[1]
threads = [threading.Thread(target=fail, args=(n, a)) for n, a in
           [("steps", (b"--steps", b"x")), ("seed", (b"--seed", b"y"))] * 20]
for t in threads:
    t.start()
for t in threads:
    t.join()
check("--steps" in errors["steps"] and "--seed" in errors["seed"], "creation errors are per thread")

sim, err = create(b"--out-dir", out, b"--steps", b"30")
check(sim is not None, f"ndp_create: {err}")
n = ctypes.c_int64(-1)
check(not lib.ndp_values(sim, b"nosuch", b"v", ctypes.byref(n)), "unknown population gives null")
check(lib.ndp_last_error(sim) == b"no population 'nosuch'; the populations are: p",
      f"its error: {lib.ndp_last_error(sim)}")
check(lib.ndp_last_error_kind(sim) == 2, "an unknown name is NDP_ERR_NAME")
check(not lib.ndp_values(sim, b"p", b"nosuch", ctypes.byref(n)), "unknown value gives null")
check(lib.ndp_last_error(sim) == b"population 'p' has no value 'nosuch'; its values are: v, y, x, in, importance, "
      b"spiked", f"its error: {lib.ndp_last_error(sim)}")
check(not lib.ndp_values(sim, None, b"v", ctypes.byref(n)), "a null population name gives null")
v = lib.ndp_values(sim, b"p", b"v", ctypes.byref(n))
check(bool(v) and n.value == 3, f"p.v has {n.value} floats")
imp = lib.ndp_values(sim, b"p", b"importance", ctypes.byref(n))
check(bool(imp) and n.value == 3, "importance is still found by its name")
# blowup's v grows without bound: the run stops with the fault, and says so.
check(lib.ndp_run(sim, -1) == 1, "a faulting run returns 1")
check(b"an infinite value in state 'v' of population 'p'" in lib.ndp_last_error(sim),
      f"its error: {lib.ndp_last_error(sim)}")
lib.ndp_destroy(sim)
check(lib.ndp_current_step(None) == -1, "ndp_current_step(NULL) is -1")
check(lib.ndp_run(None, 1) == 1, "ndp_run(NULL) fails")
check(lib.ndp_last_error(None) == b"no model (null ndp_sim)", "ndp_last_error(NULL) says why")
check(not lib.ndp_values(None, b"p", b"v", None), "ndp_values(NULL) is null")
