"""accuracy and mse of the report recomputed from the recordings: over the
window's steps, every neuron alive at that step (grown ones included)."""
import sys

import numpy as np

d, report = sys.argv[1], open(sys.argv[2]).read()
y, t = np.load(f"{d}/y.npy").astype(np.float64), np.load(f"{d}/t.npy").astype(np.float64)
steps = y.shape[0]
got = {line.split(" = ")[0].strip(): float(line.split(" = ")[1]) for line in report.splitlines() if " = " in line}


def window(a, b):
    ys, ts = y[a:b], t[a:b]
    alive = ~np.isnan(ys)
    return ys[alive], ts[alive]


cases = {
    "accuracy(r.y, r.target)": ("acc", steps - max(1, steps // 10), steps),
    "accuracy(r.y, r.target, from=0, to=20)": ("acc", 0, 20),
    "mse(r.y, r.target)": ("mse", steps - max(1, steps // 10), steps),
    "mse(r.y, r.target, from=10)": ("mse", 10, steps),
    "mse(r.y, r.target, to=7)": ("mse", 0, 7),
}
for label, (kind, a, b) in cases.items():
    ys, ts = window(a, b)
    ref = np.mean(np.sign(ys) == np.sign(ts)) if kind == "acc" else np.mean((ys - ts) ** 2)
    print(f"{label}: {got[label]:.6g} vs NumPy {ref:.6g}: {'agree' if abs(got[label] - ref) < 5e-6 else 'DIFFER'}")
