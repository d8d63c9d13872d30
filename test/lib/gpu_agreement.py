"""Runs examples compiled with --target=gpu on the CPU and on the GPU (a real
one, or the test driver's host emulation) and compares what they write.

usage: gpu_agreement.py NDPC EXAMPLES WORKDIR [--emulate FAKE_CUDA_DIR]
       gpu_agreement.py --cases             the cases, one per line (scripts/gpu-check)
       gpu_agreement.py --compare RUNS      outputs of `scripts/gpu-check run`
       gpu_agreement.py --dirs NAME CPU GPU [EXACT.npy ...]
                                           two runs' folders (report.txt, stats.txt, recordings)

The stated tolerance (docs/gpu.md): kernels made of + - * /, sqrt, compares
and the random draws give the CPU's bits; exp, log, tanh and the other
transcendentals are polynomial approximations on the GPU, a few ulp from the
CPU's libm, so states that pass through them agree to ATOL + RTOL * |cpu|.
Reports (accuracies to six digits, neuron and synapse counts) must be equal.
Prints one line per recording; exits 1 on the first disagreement.
"""
import os
import subprocess
import sys

import numpy as np

ATOL, RTOL = 1e-4, 1e-4

# (example, extra run arguments, recordings that must be bit-identical)
CASES = [
    ("hebbian_assoc", [], []),
    ("spiking_ei", ["--steps", "2000"], ["exc_spikes.npy", "inh_v.npy"]),
    ("growing_cortex", [], []),
    ("ndp_growth", [], []),
    ("growth_midtask", ["--steps", "1500"], ["target.npy"]),
    ("memory_recall", [], ["slots.npy"]),
    ("long_range_attention", ["--steps", "100"], []),
    ("message_passing", ["--steps", "200"], []),
]


def run(cmd, env=None):
    p = subprocess.run(cmd, capture_output=True, text=True, env=env)
    if p.returncode != 0:
        sys.exit("FAILED (%d): %s\n%s" % (p.returncode, " ".join(cmd), p.stderr))
    return p.stdout, p.stderr


def compare(name, cpu, gpu, exact):
    """cpu, gpu: (output folder, report, stats) of the two runs."""
    if cpu[1] != gpu[1]:
        sys.exit("%s: the reports differ:\n%s\n%s" % (name, cpu[1], gpu[1]))
    if "device: GPU" not in gpu[2]:
        sys.exit("%s: the GPU run did not use the device:\n%s" % (name, gpu[2]))
    print("%s: reports equal" % name)
    for f in sorted(os.listdir(cpu[0])):
        if not f.endswith(".npy"):
            continue
        a = np.load(os.path.join(cpu[0], f))
        b = np.load(os.path.join(gpu[0], f))
        if a.shape != b.shape or not np.array_equal(np.isnan(a), np.isnan(b)):
            sys.exit("%s/%s: shapes or missing neurons differ: %s vs %s" % (name, f, a.shape, b.shape))
        if np.array_equal(a, b, equal_nan=True):
            print("  %s: identical" % f)
            continue
        if f in exact:
            sys.exit("%s/%s: must be bit-identical" % (name, f))
        ok = ~np.isnan(a)
        diff = np.abs(a[ok].astype(np.float64) - b[ok])
        if np.any(diff > ATOL + RTOL * np.abs(a[ok].astype(np.float64))):
            sys.exit("%s/%s: max |diff| %.3g exceeds the tolerance" % (name, f, diff.max()))
        print("  %s: within tolerance (max |diff| %.2g)" % (f, diff.max()))


def read_run(folder):
    def text(n):
        with open(os.path.join(folder, n)) as f:
            return f.read()
    return folder, text("report.txt"), text("stats.txt")


def main():
    if sys.argv[1] == "--cases":
        for name, args, _ in CASES:
            print(" ".join([name] + args))
        return
    if sys.argv[1] == "--compare":
        for name, _, exact in CASES:
            compare(name, read_run(os.path.join(sys.argv[2], name + "-cpu")),
                    read_run(os.path.join(sys.argv[2], name + "-gpu")), exact)
        return
    if sys.argv[1] == "--dirs":
        compare(sys.argv[2], read_run(sys.argv[3]), read_run(sys.argv[4]), sys.argv[5:])
        return
    ndpc, examples, work = sys.argv[1:4]
    emulate = sys.argv[5] if len(sys.argv) > 5 and sys.argv[4] == "--emulate" else None
    gpu_env = dict(os.environ)
    if emulate:
        gpu_env["LD_LIBRARY_PATH"] = emulate
    for name, args, exact in CASES:
        prog = os.path.join(work, name)
        cmd = [ndpc, "compile", os.path.join(examples, name + ".ndp"), "--target=gpu", "-o", prog]
        run(cmd + (["--gpu-emulation"] if emulate else []))
        outs = {}
        for device, env in (("cpu", None), ("gpu", gpu_env)):
            out = os.path.join(work, name + "-" + device)
            os.makedirs(out, exist_ok=True)
            report, stats = run([prog, "--device", device, "--out-dir", out, "--quiet", "--stats"] + args, env)
            outs[device] = (out, report, stats)
        compare(name, outs["cpu"], outs["gpu"], exact)


if __name__ == "__main__":
    main()
