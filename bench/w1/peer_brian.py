#!/usr/bin/python3
"""W1 in Brian2 (Debian's python3-brian), C++ standalone mode: the rate network
and the Hebbian rule of w1_hebbian.ndp written in Brian2's own terms, from the
same files. Each step, in ndpc's order: the summed input from the previous
activity, the neuron update (v, y, importance), then every synapse's update
from the new activity. float64 (Brian2's default), so it agrees with ndpc to
rounding, not bit for bit.

usage: peer_brian.py DIR STEPS OUT BUILD_DIR THREADS
  -> prints "compile_seconds C seconds S" (S: the simulation loop as the
     generated program reports it) and writes y (float32) to OUT
"""
import os
import sys
import time

import numpy as np
from brian2 import NeuronGroup, Network, Synapses, defaultclock, device, ms, prefs, set_device

d, steps, out, build, threads = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], int(sys.argv[5])
set_device("cpp_standalone", directory=build, build_on_run=False)
prefs.devices.cpp_standalone.openmp_threads = threads if threads > 1 else 0
defaultclock.dt = 1 * ms
row_ptr = np.fromfile(f"{d}/row_ptr.bin", dtype=np.int64)
col = np.fromfile(f"{d}/col.bin", dtype=np.int32)
w0 = np.fromfile(f"{d}/w0.bin", dtype=np.float32).astype(np.float64)
v0 = np.fromfile(f"{d}/v0.bin", dtype=np.float32).astype(np.float64)
b0 = np.fromfile(f"{d}/b.bin", dtype=np.float32).astype(np.float64)
n = len(v0)
post = np.repeat(np.arange(n, dtype=np.int32), np.diff(row_ptr))
G = NeuronGroup(n, "v : 1\nb : 1\ny : 1\nimp : 1\nsyn_in : 1")
G.v = v0
G.b = b0
G.y = np.tanh(v0)
G.imp = 0
S = Synapses(G, G, "w : 1\nsyn_in_post = w * y_pre : 1 (summed)")
S.connect(i=col.copy(), j=post)
S.w = w0
S.summed_updaters["syn_in_post"].when = "start"
S.summed_updaters["syn_in_post"].order = 0
G.run_regularly("v = syn_in + b\ny = tanh(v)\nimp = 0.99 * imp + 0.01 * abs(y)", when="start", order=1)
S.run_regularly("w = clip(w + 0.001 * imp_post * (y_pre * y_post - 0.01), -1, 1)", when="start", order=2)
Network(G, S).run(steps * defaultclock.dt)
t0 = time.perf_counter()
device.build(directory=build, compile=True, run=False)
compile_s = time.perf_counter() - t0
device.run(directory=build, with_output=False, run_args=[])
secs = float(open(os.path.join(build, "results", "last_run_info.txt")).read().split()[0])
np.asarray(G.y[:], dtype=np.float32).tofile(out)
print(f"compile_seconds {compile_s:.3f} seconds {secs:.6f}")
