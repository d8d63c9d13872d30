"""Reference for messages.ndp (vector channels): every step's channel m
recomputed in NumPy as the sum over the graph's synapses of w * pre.h (graph and
h as they were after the previous step, from the snapshots and recordings), the
update h = tanh(W @ h + m), and each child's h = 0.5 * its parent's."""
import os
import sys

import numpy as np

d = sys.argv[1]
h, m = np.load(os.path.join(d, "h.npy")), np.load(os.path.join(d, "m.npy"))
steps = h.shape[0]
err_m = err_h = err_child = 0.0
checked_m = children = 0
for t in range(1, steps):
    snap = np.load(os.path.join(d, "snap", f"snapshot_{t:08d}.npz"))  # the graph after step t - 1
    W = snap["param/W"].astype(np.float64)
    pre, post, w = snap["p0_nodes_nodes/pre"], snap["p0_nodes_nodes/post"], snap["p0_nodes_nodes/w"]
    alive = snap["nodes/id"]
    prev = h[t - 1].astype(np.float64)
    ref_m = np.zeros((h.shape[1], 4))
    np.add.at(ref_m, post, w[:, None].astype(np.float64) * prev[pre])
    err_m = max(err_m, float(np.max(np.abs(ref_m[alive] - m[t][alive]))))
    checked_m += alive.size
    ref_h = np.tanh(prev[alive] @ W.T + m[t][alive].astype(np.float64))
    err_h = max(err_h, float(np.max(np.abs(ref_h - h[t][alive]))))
    after = np.load(os.path.join(d, "snap", f"snapshot_{t + 1:08d}.npz"))
    born = after["nodes/born"] == t
    for c, p in zip(after["nodes/id"][born], after["nodes/parent"][born]):
        err_child = max(err_child, float(np.max(np.abs(h[t][c] - np.float32(0.5) * h[t][p]))))
        children += 1
ok = err_m < 1e-5 and err_h < 1e-5 and err_child == 0.0 and children > 0
print(f"m: {checked_m} neuron-steps, max abs error {err_m:.1e}; h: max abs error {err_h:.1e}; "
      f"{children} children, h = 0.5 * parent's {'exactly' if err_child == 0.0 else 'NOT exactly'}; "
      f"{'agree' if ok else 'DIFFER'}")
sys.exit(0 if ok else 1)
