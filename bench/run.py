#!/usr/bin/env python3
"""Runs the benchmarks of bench/README.md and prints one table.

Every implementation is first checked to compute the same result as ndpc on a
small size; then each is timed several times, interleaved, and the table gives
min and median, throughput and the ratio to ndpc. Timings cover the step loop
only (each program measures it itself), not building the graph.

usage: bench/run.py [--quick] [--reps R] [--threads T] [--only w1|w2|w3]
"""
import argparse
import os
import re
import statistics
import subprocess
import sys

import resource

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BUILD = os.environ.get("NDPC_BUILD", os.path.join(ROOT, "build"))
WORK = os.path.join(BUILD, "bench")
NDPC = os.path.join(BUILD, "bin", "ndpc")


def sh(cmd, **kw):
    return subprocess.run(cmd, check=True, capture_output=True, text=True, **kw).stdout


def w1_model(n):
    src = open(os.path.join(ROOT, "bench", "w1", "w1_hebbian.ndp")).read()
    return re.sub(r"population net: N\[\d+\];", f"population net: N[{n}];", src)


def prepare_w1(n, k):
    d = os.path.join(WORK, f"w1_{n}_{k}")
    if not os.path.exists(os.path.join(d, "col.bin")):
        sh([sys.executable, os.path.join(ROOT, "bench", "w1", "gen.py"), d, str(n), str(k)])
    model = os.path.join(d, "w1.ndp")
    open(model, "w").write(w1_model(n))
    sh([NDPC, "compile", model, "-O3", "-o", os.path.join(d, "w1")])
    return d


def build_peer():
    exe = os.path.join(WORK, "w1_peer")
    src = os.path.join(ROOT, "bench", "w1", "peer.cpp")
    if not os.path.exists(exe) or os.path.getmtime(exe) < os.path.getmtime(src):
        sh(["g++", "-std=c++17", "-O3", "-march=native", "-ffp-contract=off", "-fopenmp", src, "-o", exe])
    return exe


def run_ndpc(d, steps, threads):
    out = subprocess.run([os.path.join(d, "w1"), "--steps", str(steps), "--threads", str(threads),
                          "--out-dir", d, "--quiet", "--stats"], check=True, capture_output=True, text=True)
    m = re.search(r"stats: \d+ steps in ([0-9.e+-]+) s", out.stderr)
    return float(m.group(1))


def run_peer(exe, d, steps, threads):
    env = dict(os.environ, OMP_NUM_THREADS=str(threads))
    out = sh([exe, d, str(steps)], env=env)
    return float(re.search(r"seconds ([0-9.e+-]+)", out).group(1))


def check_w1(peer, threads):
    """ndpc and the peer start from the same files; after 10 steps y must agree."""
    d = prepare_w1(2000, 20)
    run_ndpc(d, 10, threads)
    run_peer(peer, d, 10, threads)
    y_ndpc = np.load(os.path.join(d, "y.npy"))[-1]
    y_peer = np.fromfile(os.path.join(d, "peer_y.bin"), dtype=np.float32)
    err = float(np.max(np.abs(y_ndpc - y_peer)))
    if err > 1e-5:
        sys.exit(f"W1 check failed: ndpc and the C++ peer differ by {err} after 10 steps")
    return err


def triad_limit(threads):
    """STREAM-style triad (a = b + s*c) bandwidth in bytes/s, the W1 limit's basis."""
    exe = os.path.join(WORK, "triad")
    src = os.path.join(ROOT, "bench", "w0", "triad.cpp")
    if not os.path.exists(exe) or os.path.getmtime(exe) < os.path.getmtime(src):
        sh(["g++", "-std=c++17", "-O3", "-march=native", "-fopenmp", src, "-o", exe])
    env = dict(os.environ, OMP_NUM_THREADS=str(threads))
    return float(re.search(r"bytes_per_second ([0-9.e+-]+)", sh([exe], env=env)).group(1))


def measured(cmd, env=None, cap_bytes=None):
    """Runs `cmd` under bench/w2/measure.py: (stdout + stderr, peak RSS in bytes). `cap_bytes` limits its
    address space (RLIMIT_AS), so that a dense peer fails alone instead of waking the OOM killer."""
    def limit():
        if cap_bytes:
            resource.setrlimit(resource.RLIMIT_AS, (cap_bytes, cap_bytes))
    out = subprocess.run([sys.executable, os.path.join(ROOT, "bench", "w2", "measure.py")] + cmd, check=True,
                         capture_output=True, text=True, env=env, preexec_fn=limit)
    text = out.stdout + out.stderr
    return text, int(re.search(r"peak_rss_bytes (\d+)", text).group(1))


def w2(args):
    """Growth from 1 neuron to MAX with fanin 8, ndpc against NumPy concatenation."""
    top = 100_000 if args.quick else 1_000_000
    d = os.path.join(WORK, f"w2_{top}")
    os.makedirs(d, exist_ok=True)
    src = open(os.path.join(ROOT, "bench", "w2", "w2_growth.ndp")).read()
    model = os.path.join(d, "w2_growth.ndp")
    open(model, "w").write(src.replace("max 1000000;", f"max {top};"))
    exe = os.path.join(d, "w2")
    sh([NDPC, "compile", model, "-O3", "-o", exe])
    steps = 20 if not args.quick else 17
    runs = {"ndpc": [], "NumPy concatenation": []}
    for _ in range(args.reps):  # interleaved
        text, rss = measured([exe, "--steps", str(steps), "--threads", str(args.threads), "--out-dir", d, "--stats"])
        secs = float(re.search(r"stats: \d+ steps in ([0-9.e+-]+) s", text).group(1))
        neurons = int(re.search(r"neurons\(brain\) = (\d+)", text).group(1))
        synapses = int(re.search(r"synapses\(S\) = (\d+)", text).group(1))
        per_n = re.search(r"(\d+) bytes per neuron \(([0-9.]+) allocated\)", text).groups()
        per_s = re.search(r"(\d+) bytes per synapse \(([0-9.]+) allocated\)", text).groups()
        runs["ndpc"].append((secs, rss, neurons, synapses, per_n, per_s))
        text, rss = measured([sys.executable, os.path.join(ROOT, "bench", "w2", "peer_numpy.py"), str(top), str(steps),
                              "8"])
        m = re.search(r"seconds ([0-9.]+) neurons (\d+) synapses (\d+) bytes (\d+)", text)
        secs, neurons, synapses = float(m.group(1)), int(m.group(2)), int(m.group(3))
        # NumPy stores a neuron's v (4 bytes) and a synapse's pre, post (int64) and w (f32).
        runs["NumPy concatenation"].append((secs, rss, neurons, synapses, ("4", "4"), ("20", "20")))
    base = min(r[0] for r in runs["ndpc"])
    print(f"\nW2 growth: 1 -> {top} neurons, fanin 8, every neuron divides every step ({steps} steps), "
          f"{args.reps} runs each")
    print(f"{'implementation':<22}{'min s':>8}{'median s':>10}{'peak RSS MB':>13}{'neurons':>10}{'synapses':>11}"
          f"{'B/neuron':>10}{'B/synapse':>11}{'ratio':>7}")
    for name, rs in runs.items():
        t = [r[0] for r in rs]
        secs, rss, neurons, synapses, per_n, per_s = min(rs)
        pn = f"{float(per_n[0]):.0f}/{float(per_n[1]):.0f}"
        ps = f"{float(per_s[0]):.0f}/{float(per_s[1]):.0f}"
        print(f"{name:<22}{min(t):>8.3f}{statistics.median(t):>10.3f}{rss / 1e6:>13.0f}{neurons:>10}{synapses:>11}"
              f"{pn:>10}{ps:>11}{base / min(t):>7.2f}")
    print("B/neuron, B/synapse: stored / allocated (ndpc: row slack, capacity and the outgoing index included)")
    print("ratio: ndpc's time over the implementation's (above 1: faster than ndpc)")


def w3_model(n, every, steps, snapshot):
    src = open(os.path.join(ROOT, "bench", "w3", "w3_attention.ndp")).read()
    src = re.sub(r"population net: Node\[\d+\];", f"population net: Node[{n}];", src)
    src = src.replace("every 1;", f"every {every};").replace("steps 3;", f"steps {steps};")
    if snapshot:
        src = src.replace("  report neurons", '  snapshot every 1 to "snap";\n  report neurons')
    return src


def w3(args):
    """One EGT layer over N neurons: ndpc's streaming kernel against a dense PyTorch layer."""
    peer = os.path.join(ROOT, "bench", "w3", "peer_torch.py")
    # Check: the same layer from the same state and parameters (N = 256).
    d = os.path.join(WORK, "w3_check")
    os.makedirs(d, exist_ok=True)
    open(os.path.join(d, "w3.ndp"), "w").write(w3_model(256, 2, 2, True))
    sh([NDPC, "compile", os.path.join(d, "w3.ndp"), "-o", os.path.join(d, "w3")])
    sh([os.path.join(d, "w3"), "--out-dir", d, "--quiet"])
    sh([sys.executable, peer, "check", os.path.join(d, "snap", "snapshot_00000001.npz"), os.path.join(d, "torch.npy")])
    want = np.load(os.path.join(d, "snap", "snapshot_00000002.npz"))["net/emb"]
    err = float(np.abs(np.load(os.path.join(d, "torch.npy")) - want).max() / np.abs(want).max())
    if err > 1e-4:
        sys.exit(f"W3 check failed: ndpc and the PyTorch layer differ by {err:.3g} (relative) at N = 256")
    print(f"W3 check: ndpc and the dense PyTorch layer agree at N = 256 (max relative error {err:.2g})")

    sizes = [1024, 4096] if args.quick else [1024, 4096, 16384, 65536]
    cap = 20 << 30
    rows = []
    torch_failed = False
    for n in sizes:
        dn = os.path.join(WORK, f"w3_{n}")
        os.makedirs(dn, exist_ok=True)
        open(os.path.join(dn, "w3.ndp"), "w").write(w3_model(n, 1, 1 if n >= 65536 else 2, False))
        exe = os.path.join(dn, "w3")
        sh([NDPC, "compile", os.path.join(dn, "w3.ndp"), "-O3", "-o", exe])
        text, rss = measured([exe, "--threads", str(args.threads), "--out-dir", dn, "--stats"])
        per = float(re.search(r"attend net: \d+ layers, [0-9.e+-]+ s \(([0-9.e+-]+) s per layer\)", text).group(1))
        rows.append((n, "ndpc", per, rss, ""))
        if torch_failed:
            rows.append((n, "PyTorch dense", None, None, "not run (out of memory at a smaller N)"))
            continue
        text, rss_t = measured([sys.executable, peer, "time", str(n), "64", "8", "8", "16"],
                               env=dict(os.environ, OMP_NUM_THREADS=str(args.threads)), cap_bytes=cap)
        m = re.search(r"seconds ([0-9.]+)", text)
        if m:
            rows.append((n, "PyTorch dense", float(m.group(1)), rss_t, ""))
        else:
            torch_failed = True
            rows.append((n, "PyTorch dense", None, rss_t, f"out of memory under a {cap >> 30} GiB cap"))
    print(f"\nW3 attention: one EGT layer, d = 64, 8 heads, 8 edge channels, fan-in 16, {args.threads} threads")
    print(f"{'N':>7}  {'implementation':<16}{'s per layer':>13}{'peak RSS MB':>13}{'ndpc speed-up':>15}")
    base = {n: t for n, name, t, _, _ in rows if name == "ndpc"}
    for n, name, t, rss, note in rows:
        ts = f"{t:.4f}" if t is not None else "-"
        rs = f"{rss / 1e6:.0f}" if rss else "-"
        sp = f"{t / base[n]:.1f}" if t is not None and name != "ndpc" else ("1.0" if name == "ndpc" else "-")
        print(f"{n:>7}  {name:<16}{ts:>13}{rs:>13}{sp:>15}  {note}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true", help="smaller sizes (W1 10^4 neurons, W2 10^5) for a fast look")
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument("--threads", type=int, default=os.cpu_count())
    ap.add_argument("--only", choices=["w1", "w2", "w3"], help="run one workload")
    args = ap.parse_args()
    os.makedirs(WORK, exist_ok=True)
    if args.only in (None, "w3"):
        w3(args)
    if args.only in (None, "w2"):
        w2(args)
    if args.only in ("w2", "w3"):
        return
    peer = build_peer()
    err = check_w1(peer, args.threads)
    print(f"W1 check: ndpc and the C++ peer agree after 10 steps (max |dy| = {err:.2g})")

    n, k, steps = (10_000, 100, 50) if args.quick else (100_000, 100, 20)
    d = prepare_w1(n, k)
    times = {"ndpc (fused)": [], "C++/OpenMP two-pass": []}
    for _ in range(args.reps):  # interleaved
        times["ndpc (fused)"].append(run_ndpc(d, steps, args.threads))
        times["C++/OpenMP two-pass"].append(run_peer(peer, d, steps, args.threads))
    updates = n * k * steps
    bw = triad_limit(args.threads)
    # Bytes a synapse update must move at the least: the fused sweep reads w and
    # the pre index and writes w (12 bytes); the gathered activity stays in cache.
    limit = bw / 12.0
    base = min(times["ndpc (fused)"])
    print(f"\nW1 Hebbian: {n} neurons, fan-in {k}, {steps} steps, {args.threads} threads, {args.reps} runs each")
    print(f"{'implementation':<24}{'min s':>10}{'median s':>10}{'synapse-updates/s':>20}{'ratio':>8}{'of limit':>10}")
    for name, ts in times.items():
        rate = updates / min(ts)
        print(f"{name:<24}{min(ts):>10.4f}{statistics.median(ts):>10.4f}{rate:>20.3e}"
              f"{base / min(ts):>8.2f}{rate / limit:>9.0%}")
    print(f"limit: triad bandwidth {bw / 1e9:.1f} GB/s / 12 bytes per synapse update = {limit:.3e} updates/s")
    print("ratio: ndpc's time over the implementation's (above 1: faster than ndpc)")


if __name__ == "__main__":
    main()
