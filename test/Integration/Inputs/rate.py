"""Reference for rate.ndp: writes the inputs (gen DIR) and recomputes the run (check DIR)."""
import sys

import numpy as np
from ndpref import F32, check_close, load, row_sums

mode, d = sys.argv[1], sys.argv[2]
N_IN, N_HID, STEPS, LEAK, DECAY = 5, 7, 40, F32(0.7), 0.99

if mode == "gen":
    rng = np.random.default_rng(3)
    np.save(f"{d}/x.npy", rng.normal(0, 1, (13, N_IN)).astype(np.float32))
    np.save(f"{d}/v0.npy", rng.normal(0, 0.5, N_HID).astype(np.float32))
    np.save(f"{d}/b.npy", rng.normal(0, 0.1, N_HID).astype(np.float32))
    e1 = np.array([(j, i) for i in range(N_HID) for j in range(N_IN) if rng.random() < 0.6], dtype=np.int32)
    e2 = np.array([(j, i) for i in range(N_HID) for j in range(N_HID) if rng.random() < 0.4], dtype=np.int32)
    # Shuffled rows: the runtime orders edges by (post, pre) itself.
    np.save(f"{d}/e1.npy", e1[rng.permutation(len(e1))])
    np.save(f"{d}/e2.npy", e2[rng.permutation(len(e2))])
    # Weights are given in edge order (post, pre).
    np.save(f"{d}/w1.npy", rng.normal(0, 0.5, len(e1)).astype(np.float32))
    np.save(f"{d}/w2.npy", rng.normal(0, 0.3, len(e2)).astype(np.float32))
    np.save(f"{d}/w3.npy", rng.normal(0, 0.2, N_HID).astype(np.float32))
    sys.exit(0)

x, v, b = load(d, "x.npy"), load(d, "v0.npy").copy(), load(d, "b.npy")
def sorted_edges(e):
    e = e[np.lexsort((e[:, 0], e[:, 1]))]
    return e[:, 1], e[:, 0]  # post, pre
p1, q1 = sorted_edges(load(d, "e1.npy"))
p2, q2 = sorted_edges(load(d, "e2.npy"))
p3, q3 = np.arange(N_HID), np.arange(N_HID)
w1, w2, w3 = load(d, "w1.npy"), load(d, "w2.npy"), load(d, "w3.npy")
imp = np.zeros(N_HID, dtype=F32)
vs, ys, ins, imps = [], [], [], []
for t in range(STEPS):
    xin = x[t % len(x)]
    y = np.tanh(v)  # outs from last step's state
    inp = np.zeros(N_HID, dtype=F32)
    for w, post, pre, src in ((w1, p1, q1, xin), (w2, p2, q2, y), (w3, p3, q3, y)):
        inp = (inp + row_sums(w, src, post, pre, N_HID)).astype(F32)
    v = ((LEAK * v).astype(F32) + inp + b).astype(F32)
    y = np.tanh(v)
    imp = (F32(DECAY) * imp + F32(1 - DECAY) * np.abs(y)).astype(F32)
    vs.append(v.copy()); ins.append(inp.copy()); imps.append(imp.copy())
    if (t + 1) % 3 == 0:
        ys.append(y.copy())
check_close("hid.v", load(d, "v.npy"), np.array(vs))
check_close("hid.in", load(d, "in.npy"), np.array(ins))
check_close("hid.y", load(d, "y.npy"), np.array(ys))
check_close("hid.importance", load(d, "imp.npy"), np.array(imps))
