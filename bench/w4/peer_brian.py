#!/usr/bin/python3
"""W4 in Brian2 (Debian's python3-brian), C++ standalone mode: the same network
and starting state as w4_coba.ndp (gen.py's files), forward Euler, dt = 0.1 ms.
Its synapses get a delay of one step, so that a spike arrives when ndpc's
does; it computes in float64, so spikes are compared by rate, not one by one.

usage: peer_brian.py DIR STEPS BUILD_DIR THREADS
  -> prints "compile_seconds C seconds S spikes K" (S: the simulation loop's
     time as the generated program reports it in results/last_run_info.txt)
     and writes DIR/brian_counts.bin (int32 spikes per step). BUILD_DIR/main
     can then be run again, from BUILD_DIR, to time it more often. and writes DIR/brian_counts.bin (int32 per step)
"""
import os
import sys
import time

import numpy as np
from brian2 import NeuronGroup, Network, Synapses, SpikeMonitor, defaultclock, device, ms, mV, prefs, set_device

d, steps, build, threads = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4])
set_device("cpp_standalone", directory=build, build_on_run=False)
prefs.devices.cpp_standalone.openmp_threads = threads if threads > 1 else 0
defaultclock.dt = 0.1 * ms
v0, ge0, gi0 = (np.load(f"{d}/{x}.npy").astype(np.float64) for x in ("v0", "ge0", "gi0"))
eqs = """
dv/dt = ((-60*mV - v) + ge * (0*mV - v) + gi * (-80*mV - v)) / (20*ms) : volt (unless refractory)
dge/dt = -ge / (5*ms) : 1
dgi/dt = -gi / (10*ms) : 1
"""
P = NeuronGroup(len(v0), eqs, threshold="v > -50*mV", reset="v = -60*mV", refractory=5 * ms, method="euler")
P.v = v0 * mV
P.ge = ge0
P.gi = gi0
syn = []
for name, on_pre in (("exc", "ge += 0.6"), ("inh", "gi += 6.7")):
    e = np.load(f"{d}/{name}_edges.npy")
    # A delay of one step: ndpc's semantics (spikes of step t arrive in step t+1).
    s = Synapses(P, P, on_pre=on_pre, delay=defaultclock.dt)
    s.connect(i=e[:, 0].copy(), j=e[:, 1].copy())
    syn.append(s)
mon = SpikeMonitor(P)
# An explicit network: Brian2's implicit one would not see the synapses held in a list.
Network(P, *syn, mon).run(steps * defaultclock.dt)
t0 = time.perf_counter()
device.build(directory=build, compile=True, run=False)
compile_s = time.perf_counter() - t0
device.run(directory=build, with_output=False, run_args=[])
secs = float(open(os.path.join(build, "results", "last_run_info.txt")).read().split()[0])
t = np.asarray(mon.t / defaultclock.dt).round().astype(np.int64)
counts = np.bincount(t, minlength=steps)[:steps].astype(np.int32)
counts.tofile(f"{d}/brian_counts.bin")
print(f"compile_seconds {compile_s:.3f} seconds {secs:.6f} spikes {int(counts.sum())}")
