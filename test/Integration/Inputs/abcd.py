"""Reference for abcd.ndp (gen DIR / check DIR)."""
import sys

import numpy as np
from ndpref import F32, check_close, load, row_sums

mode, d = sys.argv[1], sys.argv[2]
N, STEPS, ETA, DECAY = 12, 30, F32(0.05), 0.9

if mode == "gen":
    rng = np.random.default_rng(11)
    e = np.array([(j, i) for i in range(N) for j in range(N) if j != i and rng.random() < 0.5], dtype=np.int32)
    np.save(f"{d}/edges.npy", e)
    np.save(f"{d}/w0.npy", rng.uniform(-0.8, 0.8, len(e)).astype(np.float32))
    np.save(f"{d}/v0.npy", rng.normal(0, 1, N).astype(np.float32))
    np.save(f"{d}/b.npy", rng.normal(0, 0.2, N).astype(np.float32))
    sys.exit(0)

e = load(d, "edges.npy")
e = e[np.lexsort((e[:, 0], e[:, 1]))]
post, pre = e[:, 1], e[:, 0]
w, v, b = load(d, "w0.npy").copy(), load(d, "v0.npy").copy(), load(d, "b.npy")
imp = np.zeros(N, dtype=F32)
ys, ins, imps = [], [], []
for t in range(STEPS):
    y = np.tanh(v)
    inp = row_sums(w, y, post, pre, N)
    v = (inp + b).astype(F32)
    y = np.tanh(v)
    imp = (F32(DECAY) * imp + F32(1 - DECAY) * np.abs(y)).astype(F32)
    a, bb, c, dd = F32(1.0), F32(0.1), F32(-0.1), F32(0.0)
    yp, yq = y[pre], y[post]
    rule = ((a * yp * yq + bb * yp) + c * yq + dd).astype(F32)
    w = np.clip((w + (ETA * imp[post]) * rule).astype(F32), F32(-1), F32(1)).astype(F32)
    ys.append(y.copy()); ins.append(inp.copy()); imps.append(imp.copy())
check_close("net.y", load(d, "y.npy"), np.array(ys))
check_close("net.in", load(d, "in.npy"), np.array(ins))
check_close("net.importance", load(d, "imp.npy"), np.array(imps))
