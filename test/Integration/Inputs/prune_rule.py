"""NumPy reference of a prune rule (gen DIR / check DIR).

Each synapse's weight decays as w <- w * rate (float32) in phase 4; in phase 7
its count of consecutive steps with |w| < 0.1 and step % 5 != 4 grows, or
restarts at 0; at 3 the synapse is removed. Every snapshot (after each step)
must hold exactly the synapses the reference still has, with their weights.
"""
import os
import sys

import numpy as np
from ndpref import F32

mode, d = sys.argv[1], sys.argv[2]
N, STEPS, LIMIT = 6, 40, 3

if mode == "gen":
    rng = np.random.default_rng(7)
    e = np.array([(j, i) for i in range(N) for j in range(N) if j != i and rng.random() < 0.6], dtype=np.int32)
    np.save(f"{d}/edges.npy", e)
    np.save(f"{d}/w0.npy", rng.uniform(-1.0, 1.0, len(e)).astype(np.float32))
    np.save(f"{d}/rate.npy", rng.uniform(0.8, 1.0, len(e)).astype(np.float32))
    sys.exit(0)

e = np.load(f"{d}/edges.npy")
order = np.lexsort((e[:, 0], e[:, 1]))  # edge order: by post, then pre
pre, post = e[order, 0], e[order, 1]
w = np.load(f"{d}/w0.npy")[order].copy()
rate = np.load(f"{d}/rate.npy")[order]
alive = np.ones(len(w), dtype=bool)
count = np.zeros(len(w), dtype=np.int64)
removed_at = {}
restarted = set()  # synapses whose count the step % 5 == 4 rule set back to 0
for t in range(STEPS):
    w = (w * rate).astype(F32)
    holds = (np.abs(w) < F32(0.1)) & (t % 5 != 4)
    restarted |= set(np.nonzero(alive & (count > 0) & ~holds & (np.abs(w) < F32(0.1)))[0].tolist())
    count = np.where(holds, count + 1, 0)
    gone = alive & (count >= LIMIT)
    for k in np.nonzero(gone)[0]:
        removed_at[k] = t
    alive &= ~gone
    s = np.load(os.path.join(d, "snap", "snapshot_%08d.npz" % (t + 1)))
    got = sorted(zip(s["p0_c_c/post"].tolist(), s["p0_c_c/pre"].tolist(), s["p0_c_c/w"].tolist()))
    want = sorted(zip(post[alive].tolist(), pre[alive].tolist(), w[alive].tolist()))
    if [g[:2] for g in got] != [x[:2] for x in want]:
        sys.exit(f"after step {t}: synapses {[g[:2] for g in got]}, reference {[x[:2] for x in want]}")
    if any(g[2] != x[2] for g, x in zip(got, want)):
        sys.exit(f"after step {t}: weights differ from the reference")
print(f"{len(removed_at)} of {len(w)} synapses removed at the reference's steps; "
      f"{len(w) - len(removed_at)} kept")
print(f"{len(restarted & set(removed_at))} of them had their count restarted by step % 5 == 4")
