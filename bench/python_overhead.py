#!/usr/bin/python3
"""The Python module's costs, side by side in one run (docs/python.md):

1. a 64-neuron model (examples/chase.ndp) driven step by step from Python
   (set an input, run(1), get an output) against the same model run as a
   compiled program (its own --stats step loop), and against run(N) from Python;
2. run_many's speed-up: the same simulations with 1 and with 2 workers.

usage: bench/python_overhead.py [--reps R]   (prints the CPU it ran on)"""
import os
import re
import subprocess
import sys
import tempfile
import time

import numpy as np

import ndpc

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
REPS = int(sys.argv[sys.argv.index("--reps") + 1]) if "--reps" in sys.argv else 3


def cpu():
    with open("/proc/cpuinfo") as f:
        text = f.read()
    name = re.search(r"model name\s*:\s*(.*)", text).group(1)
    flags = re.search(r"flags\s*:\s*(.*)", text).group(1).split()
    vec = [f for f in ("avx2", "fma", "avx512f") if f in flags]
    return f"{name}, {os.cpu_count()} hardware threads, {' '.join(vec)}"


def program_rate(program, steps):
    """Steps per second of the program's step loop: its wall time for `steps`
    steps less that for none (start-up), without --stats (whose per-kernel
    timers would cost a model this small more than its kernels)."""
    def wall(n):
        t0 = time.perf_counter()
        subprocess.run([program, "--steps", str(n), "--quiet", "--threads", "1"], capture_output=True, check=True)
        return time.perf_counter() - t0
    return steps / (wall(steps) - wall(0))


def stepwise_rate(model, steps):
    drive = np.random.default_rng(0).standard_normal(64).astype(np.float32)
    with model.simulator(threads=1, steps=steps) as sim:
        t0 = time.perf_counter()
        for _ in range(steps):
            sim.set("heading", "drive", drive)
            sim.run(1)
            sim.get("heading", "y")
        return steps / (time.perf_counter() - t0)


def bulk_rate(model, steps):
    with model.simulator(threads=1, steps=steps) as sim:
        t0 = time.perf_counter()
        sim.run(steps)
        return steps / (time.perf_counter() - t0)


def main():
    print(f"machine: {cpu()}")
    chase = os.path.join(ROOT, "examples", "chase.ndp")
    model = ndpc.compile(chase)
    with tempfile.TemporaryDirectory() as tmp:
        program = os.path.join(tmp, "chase")
        subprocess.run([ndpc.ndpc_path(), "compile", chase, "-o", program], check=True)
        rates = {"program": [], "python run(N)": [], "python set+run(1)+get": []}
        for _ in range(REPS):  # interleaved
            rates["program"].append(program_rate(program, 100000))
            rates["python run(N)"].append(bulk_rate(model, 100000))
            rates["python set+run(1)+get"].append(stepwise_rate(model, 20000))
    best = {k: max(v) for k, v in rates.items()}
    print("\n64 neurons (examples/chase.ndp), 1 thread, best of", REPS)
    print(f"{'how':28} {'steps/s':>12} {'vs program':>11}")
    for k, v in best.items():
        print(f"{k:28} {v:12.0f} {v / best['program']:11.3f}")

    spiking = ndpc.compile(os.path.join(ROOT, "examples", "spiking_ei.ndp"))
    times = {1: [], 2: []}
    with tempfile.TemporaryDirectory() as tmp:
        for rep in range(REPS):
            for workers in (1, 2):
                configs = [dict(seed=s, out_dir=os.path.join(tmp, f"{workers}-{rep}-{s}")) for s in range(4)]
                t0 = time.perf_counter()
                ndpc.run_many(spiking, configs, steps=10000, workers=workers)
                times[workers].append(time.perf_counter() - t0)
    print(f"\nrun_many: 4 runs of examples/spiking_ei.ndp (10000 steps, 1 thread each), best of {REPS}")
    for w in (1, 2):
        print(f"  {w} worker{'s' if w > 1 else ''}: {min(times[w]):.2f} s")
    print(f"  speed-up with 2 workers: {min(times[1]) / min(times[2]):.2f}x")


if __name__ == "__main__":
    main()
