"""NumPy reference of a memory region (docs/memory.md) for memory_check.ndp.

usage: memory_ref.py gen DIR | check DIR

gen writes the keys (8 basis-like vectors and mixtures, so that cosines tie)
and the values fed each step; check replays phase 5 and the recall of phase 2
step by step in float32 (cosines in float64, as documented) and compares the
slots' outs, their importance, the recalled values and the final stored keys
and values.
"""
import os
import sys

import numpy as np
from ndpref import F32

mode, d = sys.argv[1], sys.argv[2]
STEPS, S, K, TH, DECAY = 40, 3, 1, F32(0.3), 0.9

if mode == "gen":
    rng = np.random.default_rng(2)
    basis = np.eye(8, dtype=np.float32)
    keys = []
    for t in range(STEPS):
        r = rng.random()
        if r < 0.5:
            keys.append(basis[rng.integers(0, 5)])
        elif r < 0.8:  # an equal mixture of two: the same cosine with both
            a, b = rng.choice(5, 2, replace=False)
            keys.append(basis[a] + basis[b])
        else:
            keys.append(rng.normal(0, 1, 8).astype(np.float32))
    keys[25] = np.zeros(8, dtype=np.float32)  # no pattern: novelty 0, nothing written
    np.save(f"{d}/x.npy", np.array(keys, dtype=np.float32))
    np.save(f"{d}/t.npy", rng.normal(0, 1, (STEPS, 5)).astype(np.float32))
    sys.exit(0)

x, tgt = np.load(f"{d}/x.npy"), np.load(f"{d}/t.npy")
keys = np.zeros((S, 8), dtype=np.float32)
vals = np.zeros((S, 5), dtype=np.float32)
written = np.zeros(S, dtype=bool)
a = np.zeros(S, dtype=F32)   # slot state (= out y)
imp = np.zeros(S, dtype=F32)
y = np.zeros(S, dtype=F32)   # outs after k-WTA
got = np.zeros(5, dtype=F32)
rec_y, rec_imp, rec_got = [], [], []
writes, ties = 0, 0
for t in range(STEPS):
    # Phase 2: recall from last step's active slots, in slot order.
    inq = np.zeros(5, dtype=F32)
    for s in range(S):
        if y[s] != 0 and written[s]:
            inq = (inq + y[s] * vals[s]).astype(F32)
    got = inq
    # Phase 5: cosines (float64, rounded once), the slots' update, k-WTA.
    key = x[t].astype(np.float64)
    cos = np.zeros(S, dtype=F32)
    for s in range(S):
        if written[s]:
            k = keys[s].astype(np.float64)
            xx, xk, kk = 0.0, 0.0, 0.0
            for n in range(8):
                xx += key[n] * key[n]
                xk += key[n] * k[n]
                kk += k[n] * k[n]
            cos[s] = F32(xk / np.sqrt(xx * kk)) if xx > 0 and kk > 0 else F32(0)
    before = imp.copy()
    a = np.maximum(cos, F32(0)).astype(F32)
    order = sorted(range(S), key=lambda s: (-a[s], s))  # ties to the lower slot
    if K < S and a[order[K - 1]] == a[order[K]] and a[order[K]] > 0:
        ties += 1
    y = np.zeros(S, dtype=F32)
    for s in order[:K]:
        y[s] = a[s]
    imp = (F32(DECAY) * before + F32(1 - DECAY) * np.abs(y)).astype(F32)
    best = max([cos[s] for s in range(S) if written[s]], default=None)
    novelty = F32(1) if best is None else F32(F32(1) - best)
    if not key.any():
        novelty = F32(0)
    rec_y.append(y.copy())
    if novelty > TH:
        free = [s for s in range(S) if not written[s]]
        slot = free[0] if free else min(range(S), key=lambda s: (imp[s], s))
        keys[slot], vals[slot], written[slot] = x[t], tgt[t], True
        imp[slot] = F32(1)
        writes += 1
    rec_imp.append(imp.copy())
    rec_got.append(got.copy())

for name, got_file, want in (("slot outs", "slots.npy", rec_y), ("importance", "imp.npy", rec_imp),
                             ("recall", "got.npy", rec_got)):
    g = np.load(os.path.join(d, got_file))
    if g.shape != np.array(want).shape or not np.allclose(g, want, rtol=1e-6, atol=1e-7):
        bad = np.argwhere(~np.isclose(g, want, rtol=1e-6, atol=1e-7))[:1] if g.shape == np.array(want).shape else "shape"
        sys.exit(f"{name}: differs from the reference (first at step, slot {bad})")
snap = np.load(os.path.join(d, "snap", "snapshot_00000040.npz"))
if not (np.array_equal(snap["memory0/keys"], keys) and np.array_equal(snap["memory0/values"], vals)
        and np.array_equal(snap["memory0/written"].astype(bool), written)):
    sys.exit("stored keys and values differ from the reference")
evictions = writes - S
print(f"{STEPS} steps: {writes} writes ({evictions} evictions), {ties} k-WTA ties; outs, importance, recall "
      f"and the stored keys and values agree")
