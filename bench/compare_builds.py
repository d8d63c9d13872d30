#!/usr/bin/env python3
"""Times two builds of ndpc side by side on the W1 and W4 workloads (bench/README.md),
to show that a change leaves the compiled programs' speed where it was.

Each build compiles the same models (and links its own runtime); the programs
then run interleaved, REPS times each, and the table gives each build's min and
median step-loop time (from --stats) and the ratio NEW / BASE of the minima.

usage: bench/compare_builds.py BASE_NDPC NEW_NDPC [--reps R] [--threads T]
  e.g. after 'git worktree add /tmp/base main~3' and a build there:
       bench/compare_builds.py /tmp/base/build/bin/ndpc build/bin/ndpc
"""
import argparse
import os
import re
import statistics
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WORK = os.path.join(ROOT, "build", "bench", "compare")


def sh(cmd):
    return subprocess.run(cmd, check=True, capture_output=True, text=True)


def loop_seconds(stderr):
    return float(re.search(r"stats: \d+ steps in ([0-9.e+-]+) s", stderr).group(1))


def workloads():
    """name -> (folder with its data, model source, steps)."""
    out = {}
    for n, k, steps in [(10_000, 100, 50), (100_000, 100, 20)]:
        d = os.path.join(WORK, f"w1_{n}_{k}")
        if not os.path.exists(os.path.join(d, "col.bin")):
            sh([sys.executable, os.path.join(ROOT, "bench", "w1", "gen.py"), d, str(n), str(k)])
        src = open(os.path.join(ROOT, "bench", "w1", "w1_hebbian.ndp")).read()
        out[f"W1 {n}x{k}"] = (d, re.sub(r"population net: N\[\d+\];", f"population net: N[{n}];", src), steps)
    d = os.path.join(WORK, "w4")
    if not os.path.exists(os.path.join(d, "inh_edges.npy")):
        sh([sys.executable, os.path.join(ROOT, "bench", "w4", "gen.py"), d, "4000", "3200", "0.02"])
    src = open(os.path.join(ROOT, "bench", "w4", "w4_coba.ndp")).read()
    out["W4 COBA 4000"] = (d, re.sub(r"  record .*\n", "", src), 10_000)
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("base")
    ap.add_argument("new")
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument("--threads", type=int, default=os.cpu_count())
    args = ap.parse_args()
    builds = {"base": os.path.abspath(args.base), "new": os.path.abspath(args.new)}
    print(f"{'workload':<16}{'build':<6}{'min s':>10}{'median s':>10}{'new/base':>10}")
    for name, (d, src, steps) in workloads().items():
        model = os.path.join(d, "model.ndp")
        open(model, "w").write(src)
        progs = {}
        for b, ndpc in builds.items():
            progs[b] = os.path.join(d, f"prog_{b}")
            sh([ndpc, "compile", model, "-O3", "-o", progs[b]])
        times = {b: [] for b in builds}
        for _ in range(args.reps):
            for b, prog in progs.items():
                r = sh([prog, "--steps", str(steps), "--threads", str(args.threads), "--out-dir", d, "--quiet", "--stats"])
                times[b].append(loop_seconds(r.stderr))
        for b in builds:
            ratio = min(times[b]) / min(times["base"])
            print(f"{name:<16}{b:<6}{min(times[b]):>10.4f}{statistics.median(times[b]):>10.4f}{ratio:>10.3f}")


if __name__ == "__main__":
    main()
