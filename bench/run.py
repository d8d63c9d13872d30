#!/usr/bin/env python3
"""Runs the benchmarks of bench/README.md and prints one table.

Every implementation is first checked to compute the same result as ndpc on a
small size; then each is timed several times, interleaved, and the table gives
min and median, throughput and the ratio to ndpc. Timings cover the step loop
only (each program measures it itself), not building the graph.

usage: bench/run.py [--quick] [--reps R] [--threads T] [--only w0|w1|w2|w3|w4] [--no-docs]

A full run (no --quick, no --only) writes its tables into docs/benchmarks.md.
"""
import argparse
import os
import re
import shutil
import statistics
import time
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


def loop_seconds(text):
    """The step loop's time from an ndpc program's --stats."""
    return float(re.search(r"stats: \d+ steps in ([0-9.e+-]+) s", text).group(1))


def peer_seconds(text):
    """The time a peer prints as "seconds S" (not its "compile_seconds")."""
    return float(re.search(r"(?<!_)seconds ([0-9.e+-]+)", text).group(1))


def brian_seconds(build_dir):
    """The simulation loop's time a Brian2 standalone program wrote."""
    return float(open(os.path.join(build_dir, "results", "last_run_info.txt")).read().split()[0])


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


def build(name, src, *flags):
    exe = os.path.join(WORK, name)
    src = os.path.join(ROOT, "bench", src)
    if not os.path.exists(exe) or os.path.getmtime(exe) < os.path.getmtime(src):
        sh(["g++", "-std=c++17", "-O3", "-march=native", "-fopenmp", *flags, src, "-o", exe])
    return exe


def run_ndpc(d, steps, threads):
    out = subprocess.run([os.path.join(d, "w1"), "--steps", str(steps), "--threads", str(threads),
                          "--out-dir", d, "--quiet", "--stats"], check=True, capture_output=True, text=True)
    return loop_seconds(out.stderr)


def w1_peers(threads):
    """name -> function(dir, steps) running W1 and returning (seconds, path of the y it wrote)."""
    cpp = build("w1_peer", "w1/peer.cpp", "-ffp-contract=off")
    env = dict(os.environ, OMP_NUM_THREADS=str(threads))

    def native(form):
        def run(d, steps):
            out = sh([cpp, d, str(steps)] + ([form] if form else []), env=env)
            return peer_seconds(out), os.path.join(d, "peer_y.bin")
        return run

    def python(script, *extra):
        def run(d, steps):
            y = os.path.join(d, f"y_{script}.bin")
            out = sh([sys.executable, os.path.join(ROOT, "bench", "w1", script + ".py"), d, str(steps), y, *extra],
                     env=env)
            return peer_seconds(out), y
        return run

    def brian(d, steps):
        """Builds the Brian2 program once per size (its compile time is kept apart), then reruns it."""
        build_dir = os.path.join(d, f"brian_{steps}_{threads}")
        y = os.path.join(d, "y_brian.bin")
        if build_dir not in BRIAN_COMPILE:
            shutil.rmtree(build_dir, ignore_errors=True)
            out = sh([sys.executable, os.path.join(ROOT, "bench", "w1", "peer_brian.py"), d, str(steps), y, build_dir,
                      str(threads)])
            BRIAN_COMPILE[build_dir] = float(re.search(r"compile_seconds ([0-9.]+)", out).group(1))
            return peer_seconds(out), y
        subprocess.run(["./main"], cwd=build_dir, check=True, capture_output=True)
        return brian_seconds(build_dir), y

    return {"C++/OpenMP fused": native("fused"), "C++/OpenMP two-pass": native(None),
            "PyTorch gather": python("peer_torch", str(threads)), "NumPy/SciPy CSR": python("peer_scipy"),
            "Brian2 standalone": brian}


BRIAN_COMPILE = {}  # build folder -> seconds Brian2 took to generate and compile it


def check_w1(peers, threads):
    """Every implementation starts from the same files; after 10 steps y must agree."""
    d = prepare_w1(2000, 20)
    run_ndpc(d, 10, threads)
    want = np.load(os.path.join(d, "y.npy"))[-1]
    worst = 0.0
    for name, run in peers.items():
        _, path = run(d, 10)
        err = float(np.max(np.abs(np.fromfile(path, dtype=np.float32) - want)))
        # The C++ loops do ndpc's float32 operations in its order; the Python
        # peers sum in their libraries' order.
        tol = 1e-6 if name.startswith("C++") else 1e-4
        if err > tol:
            sys.exit(f"W1 check failed: ndpc and {name} differ by {err} after 10 steps")
        worst = max(worst, err)
    return worst


def limits(threads, sizes):
    """W0: triad bandwidth (bytes/s) and the synapse-sweep ceiling (synapses/s) at each W1 size."""
    env = dict(os.environ, OMP_NUM_THREADS=str(threads))
    triad = build("triad", "w0/triad.cpp")
    bw = float(re.search(r"bytes_per_second ([0-9.e+-]+)", sh([triad], env=env)).group(1))
    sweep = build("sweep", "w0/sweep.cpp")
    ceil = {(n, k): float(re.search(r"synapses_per_second ([0-9.e+-]+)", sh([sweep, str(n), str(k)], env=env)).group(1))
            for n, k in sizes}
    return bw, ceil


def w0(args):
    sizes = [(10_000, 100), (100_000, 100), (1_000_000, 20)]
    print("\nW0 limits")
    print(f"{'threads':>8}{'triad GB/s':>12}" + "".join(f"{f'sweep N={n:.0e} K={k}':>22}" for n, k in sizes))
    out = {}
    for t in sorted({1, args.threads}):
        bw, ceil = limits(t, sizes)
        out[t] = (bw, ceil)
        print(f"{t:>8}{bw / 1e9:>12.1f}" + "".join(f"{ceil[s]:>22.3e}" for s in sizes))
    print("sweep: synapses/s of the plainest sum over CSR rows, w[e] * y[col[e]], random columns")
    return out


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
    """Growth from 1 neuron to 10^4 .. 10^6 with fanin 32: ndpc against four peers written to the same rule."""
    k = 32
    tops = [10_000, 100_000] if args.quick else [10_000, 100_000, 1_000_000]
    cpp = build("w2_peer", "w2/peer.cpp")
    py = lambda name: [sys.executable, os.path.join(ROOT, "bench", "w2", name)]
    peers = {"C++ adjacency lists": lambda top, steps: [cpp, str(top), str(steps), str(k)],
             "PyTorch edge_index": lambda top, steps: py("peer_torch.py") + [str(top), str(steps), str(k),
                                                                            str(args.threads)],
             "NumPy concatenation": lambda top, steps: py("peer_numpy.py") + [str(top), str(steps), str(k)],
             "networkx": lambda top, steps: py("peer_networkx.py") + [str(top), str(steps), str(k)]}
    nx_top = 100_000  # networkx needs ~1 kB per edge: 10^6 neurons x 32 would not fit in 24 GiB
    parse = r"seconds ([0-9.]+) neurons (\d+) synapses (\d+) bytes (\d+) vsum ([0-9.e+-]+)"
    print(f"\nW2 growth: 1 -> N neurons, fanin {k}, every neuron divides every step; {args.threads} threads")
    print(f"{'N':>9}  {'implementation':<22}{'min s':>9}{'median s':>10}{'peak RSS MB':>13}{'synapses':>11}"
          f"{'B/synapse':>11}{'ndpc speed-up':>15}")
    for top in tops:
        steps = int(np.ceil(np.log2(top)))
        d = os.path.join(WORK, f"w2_{top}")
        os.makedirs(d, exist_ok=True)
        src = open(os.path.join(ROOT, "bench", "w2", "w2_growth.ndp")).read()
        model = os.path.join(d, "w2_growth.ndp")
        open(model, "w").write(src.replace("max 1000000;", f"max {top};").replace("fanin 8;", f"fanin {k};"))
        exe = os.path.join(d, "w2")
        sh([NDPC, "compile", model, "-O3", "-o", exe])
        runs = {"ndpc": []}
        runs.update({name: [] for name in peers if name != "networkx" or top <= nx_top})
        vsums = {}
        for rep in range(args.reps):  # interleaved
            text, rss = measured([exe, "--steps", str(steps), "--threads", str(args.threads), "--out-dir", d, "--stats"])
            secs = loop_seconds(text)
            neurons = int(re.search(r"neurons\(brain\) = (\d+)", text).group(1))
            synapses = int(re.search(r"synapses\(S\) = (\d+)", text).group(1))
            per_s = re.search(r"(\d+) bytes per synapse \(([0-9.]+) allocated\)", text).group(2)
            runs["ndpc"].append((secs, rss, neurons, synapses, float(per_s)))
            for name in runs:
                if name == "ndpc" or (name == "networkx" and rep > 0):  # one networkx run: minutes each
                    continue
                text, rss = measured(peers[name](top, steps), cap_bytes=16 << 30,
                                     env=dict(os.environ, OMP_NUM_THREADS=str(args.threads)))
                m = re.search(parse, text)
                secs, neurons, synapses, nbytes = float(m.group(1)), int(m.group(2)), int(m.group(3)), int(m.group(4))
                vsums[name] = float(m.group(5))
                runs[name].append((secs, rss, neurons, synapses, nbytes / synapses if nbytes else float("nan")))
        # The check: the peers build the same graph (the rule vectorised per step), so their neuron and
        # synapse counts and the sum of v agree exactly; ndpc's rule (docs/language.md) differs in detail.
        counts = {(r[0][2], r[0][3]) for name, r in runs.items() if name != "ndpc"}
        ref = next(iter(vsums.values()))
        if len(counts) != 1 or any(abs(x - ref) > 1e-4 * abs(ref) for x in vsums.values()):
            sys.exit(f"W2 check failed at N = {top}: the peers disagree ({counts}, {vsums})")
        base = min(r[0] for r in runs["ndpc"])
        for name, rs in runs.items():
            t = [r[0] for r in rs]
            secs, rss, neurons, synapses, per_s = min(rs)
            assert neurons == top, (name, neurons)
            print(f"{top:>9}  {name:<22}{min(t):>9.3f}{statistics.median(t):>10.3f}{rss / 1e6:>13.0f}{synapses:>11}"
                  f"{per_s:>11.1f}{min(t) / base:>15.2f}")
    print("B/synapse: allocated bytes over synapses (ndpc: row slack, capacity and the outgoing index included;")
    print("  networkx: not measured, see its peak RSS). The peers build the same graph; ndpc's rule also links")
    print("  outgoing neighbours and sees earlier children of the step, so its synapse count differs a little.")


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


def w4(args):
    """The COBA network, 1 s: ndpc against the hand-written C++ loop and Brian2 C++ standalone."""
    d = os.path.join(WORK, "w4")
    if not os.path.exists(os.path.join(d, "inh_edges.npy")):
        sh([sys.executable, os.path.join(ROOT, "bench", "w4", "gen.py"), d, "4000", "3200", "0.02"])
    src = open(os.path.join(ROOT, "bench", "w4", "w4_coba.ndp")).read()
    open(os.path.join(d, "w4.ndp"), "w").write(src)
    open(os.path.join(d, "w4_timed.ndp"), "w").write(re.sub(r"  record .*\n", "", src))
    sh([NDPC, "compile", os.path.join(d, "w4.ndp"), "-O3", "-o", os.path.join(d, "w4")])
    sh([NDPC, "compile", os.path.join(d, "w4_timed.ndp"), "-O3", "-o", os.path.join(d, "w4_timed")])
    cpp = build("w4_peer", "w4/peer.cpp", "-ffp-contract=off")
    steps = 10_000
    # Check: the C++ loop does ndpc's float32 operations in its order, so every step's spike count must be
    # equal; Brian2 integrates in float64, so its rate must agree within 5 %.
    sh([os.path.join(d, "w4"), "--out-dir", d, "--quiet"])
    ndpc_counts = np.load(os.path.join(d, "spikes.npy")).sum(axis=1).astype(np.int64)
    sh([cpp, d, str(steps)])
    cpp_counts = np.fromfile(os.path.join(d, "peer_counts.bin"), dtype=np.int32)
    if not np.array_equal(ndpc_counts, cpp_counts):
        sys.exit(f"W4 check failed: the C++ loop's spikes differ from step {np.argmax(ndpc_counts != cpp_counts)}")
    builds = {}
    for t in sorted({1, args.threads}):
        b = os.path.join(d, f"brian_{t}")
        shutil.rmtree(b, ignore_errors=True)  # a fresh build, so that its compile time is the whole of it
        out = sh([sys.executable, os.path.join(ROOT, "bench", "w4", "peer_brian.py"), d, str(steps), b, str(t)])
        builds[t] = (b, float(re.search(r"compile_seconds ([0-9.]+)", out).group(1)))
        brian_counts = np.fromfile(os.path.join(d, "brian_counts.bin"), dtype=np.int32)
    n = 4000
    rate = lambda c: c.sum() / n / (steps * 1e-4)
    r_ndpc, r_brian = rate(ndpc_counts), rate(brian_counts)
    if abs(r_brian - r_ndpc) > 0.05 * r_ndpc:
        sys.exit(f"W4 check failed: firing rate ndpc {r_ndpc:.2f} Hz, Brian2 {r_brian:.2f} Hz")
    print(f"\nW4 check: ndpc and the C++ loop spike identically in all {steps} steps ({r_ndpc:.2f} Hz); "
          f"Brian2 (float64): {r_brian:.2f} Hz ({(r_brian / r_ndpc - 1) * 100:+.1f} %)")

    def ndpc(t):
        out = subprocess.run([os.path.join(d, "w4_timed"), "--threads", str(t), "--out-dir", d, "--quiet", "--stats"],
                             check=True, capture_output=True, text=True)
        return loop_seconds(out.stderr)

    def brian(t):
        b = builds[t][0]
        subprocess.run(["./main"], cwd=b, check=True, capture_output=True)
        return brian_seconds(b)

    impls = {f"ndpc, {args.threads} threads": lambda: ndpc(args.threads), "ndpc, 1 thread": lambda: ndpc(1),
             "C++ loop, 1 thread": lambda: peer_seconds(sh([cpp, d, str(steps)])),
             "Brian2 standalone, 1 thread": lambda: brian(1)}
    if args.threads > 1:
        impls[f"Brian2 standalone, {args.threads} threads"] = lambda: brian(args.threads)
    times = {name: [] for name in impls}
    for _ in range(args.reps):
        for name, fn in impls.items():
            times[name].append(fn())
    base = min(times[f"ndpc, {args.threads} threads"])
    print(f"W4 COBA: 4,000 LIF neurons, 2 % connectivity, 1 s at dt = 0.1 ms, {args.reps} runs each; Brian2 "
          f"compile time apart: {builds[1][1]:.1f} s")
    print(f"{'implementation':<32}{'min s':>9}{'median s':>10}{'steps/s':>10}{'ndpc speed-up':>15}")
    for name, ts in times.items():
        print(f"{name:<32}{min(ts):>9.4f}{statistics.median(ts):>10.4f}{steps / min(ts):>10.0f}"
              f"{min(ts) / base:>15.2f}")


class Tee:
    """Prints and keeps what was printed, for docs/benchmarks.md."""

    def __init__(self, out):
        self.out, self.text = out, []

    def write(self, s):
        self.out.write(s)
        self.text.append(s)

    def flush(self):
        self.out.flush()


def write_docs(text, args):
    """Puts this run's tables between the markers of docs/benchmarks.md (the analysis around them is by hand)."""
    path = os.path.join(ROOT, "docs", "benchmarks.md")
    doc = open(path).read()
    begin, end = "<!-- bench/run: begin -->", "<!-- bench/run: end -->"
    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
    block = (f"{begin}\n`bench/run {' '.join(sys.argv[1:])}`, {time.strftime('%Y-%m-%d')}, {os.cpu_count()} cores "
             f"({cpu}), {args.threads} threads:\n\n```\n{text.strip()}\n```\n{end}")
    if begin in doc:
        doc = doc[:doc.index(begin)] + block + doc[doc.index(end) + len(end):]
    else:
        doc = doc.replace("\n", "\n\n" + block + "\n", 1)
    tmp = path + ".tmp"
    open(tmp, "w").write(doc)
    os.replace(tmp, path)
    print(f"tables written to {path}", file=sys.__stdout__)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true", help="smaller sizes (W1 10^4 neurons, W2 10^5) for a fast look")
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument("--threads", type=int, default=os.cpu_count())
    ap.add_argument("--only", choices=["w0", "w1", "w2", "w3", "w4"], help="run one workload")
    ap.add_argument("--no-docs", action="store_true", help="do not write the tables into docs/benchmarks.md")
    args = ap.parse_args()
    os.makedirs(WORK, exist_ok=True)
    tee = Tee(sys.stdout)
    sys.stdout = tee
    for name, fn in (("w0", w0), ("w1", w1), ("w2", w2), ("w3", w3), ("w4", w4)):
        if args.only in (None, name):
            fn(args)
    sys.stdout = sys.__stdout__
    if not args.no_docs and not args.quick and args.only is None:
        write_docs("".join(tee.text), args)
        subprocess.run([sys.executable, os.path.join(ROOT, "bench", "plot.py")], check=True)


def w1(args):
    peers = w1_peers(args.threads)
    err = check_w1(peers, args.threads)
    print(f"W1 check: ndpc and {', '.join(peers)} agree after 10 steps (max |dy| = {err:.2g})")
    sizes = [(10_000, 100, 50)] if args.quick else [(10_000, 100, 50), (100_000, 100, 20), (1_000_000, 20, 20)]
    bw, ceil = limits(args.threads, [(n, k) for n, k, _ in sizes])
    print(f"\nW1 Hebbian, {args.threads} threads, {args.reps} runs each (interleaved)")
    print(f"{'N':>9}{'K':>5}  {'implementation':<22}{'min s':>9}{'median s':>10}{'synapse-updates/s':>19}"
          f"{'ndpc speed-up':>15}{'of limit':>10}")
    for n, k, steps in sizes:
        d = prepare_w1(n, k)
        times = {"ndpc (fused)": []}
        times.update({name: [] for name in peers})
        for _ in range(args.reps):
            times["ndpc (fused)"].append(run_ndpc(d, steps, args.threads))
            for name, run in peers.items():
                times[name].append(run(d, steps)[0])
        # The limit: a fused update moves at least 12 bytes (w read and written,
        # the pre index read), and no loop beats the plain sweep's gather.
        limit = min(bw / 12.0, ceil[(n, k)])
        base = min(times["ndpc (fused)"])
        for name, ts in times.items():
            rate = n * k * steps / min(ts)
            print(f"{n:>9}{k:>5}  {name:<22}{min(ts):>9.4f}{statistics.median(ts):>10.4f}{rate:>19.3e}"
                  f"{min(ts) / base:>15.2f}{rate / limit:>9.0%}")
        print(f"{'':>16}limit {limit:.3e}/s = min(triad {bw / 1e9:.1f} GB/s / 12 B, sweep ceiling {ceil[(n, k)]:.3e}/s)")
    print("ndpc speed-up: the implementation's time over ndpc's (above 1: ndpc is faster)")
    print("Brian2: the simulation loop as its program reports it; generating and compiling it took "
          + ", ".join(f"{t:.1f} s" for t in BRIAN_COMPILE.values() if t > 0) + " (not in the table)")


if __name__ == "__main__":
    main()
