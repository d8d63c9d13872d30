"""Reference for matrix.ndp: the drawn matrix params, the synapses' initial
values from pre./post., and every step (matrix-vector products, rows, a fn,
divide conditions, children and the changed parents) recomputed with NumPy in float32.

usage: matrix.py RUN_DIR [PARAMS.npz]   (the params the run was given, if any)"""
import glob
import os
import sys

import numpy as np
from ndpref import F32, INIT_STEP, check_close, check_equal, draw, load, neuron_ctr, site

d = sys.argv[1]
given = dict(np.load(sys.argv[2])) if len(sys.argv) > 2 else {}
MODEL = os.path.join(os.path.dirname(__file__), "matrix.ndp")
SEED, N0, MAX, STEPS = 0, 4, 12, 6
PARAM_SITE, PARAM_ENTITY = 0x8000000000000006, 8
snaps = sorted(glob.glob(os.path.join(d, "snap", "*.npz")))
first, last = np.load(snaps[0]), np.load(snaps[-1])


def param_draws(dist, args, index, shape):
    n = int(np.prod(shape))
    ctr = lambda e: (INIT_STEP, (PARAM_ENTITY << 32) | index, e, 0)
    return np.array([draw(dist, args, SEED, PARAM_SITE, ctr(e)) for e in range(n)], dtype=F32).reshape(shape)


W = given.get("W", param_draws("normal", (0.0, 0.5), 0, (3, 4))).astype(F32)
U = given.get("U", param_draws("uniform", (-0.3, 0.3), 1, (4, 3))).astype(F32)
b = np.full(3, 0.1, dtype=F32)
v = np.load(os.path.join(d, "v.npy")).astype(F32)
theta = F32(given.get("theta", -0.7))
check_equal("param W", last["param/W"], W)
check_equal("param U", last["param/U"], U)
check_equal("param b", last["param/b"], b)
check_equal("param v", last["param/v"], v)


def matvec(M, x):
    # Each row's products summed in column order, in float32 (docs/language.md).
    out = np.zeros(M.shape[0], dtype=F32)
    for r in range(M.shape[0]):
        acc = F32(0)
        for c in range(M.shape[1]):
            acc = F32(acc + F32(M[r, c] * x[c]))
        out[r] = acc
    return out


def dot(a, b):
    acc = F32(0)
    for x, y in zip(a, b):
        acc = F32(acc + F32(x * y))
    return acc


emb_site = site("neuron Cell/init/emb")
emb = {i: np.array([draw("normal", (0.0, 1.0), SEED, emb_site, neuron_ctr(INIT_STEP, 0, i, l)) for l in range(4)],
                   dtype=F32) for i in range(N0)}
h = {i: np.zeros(3, dtype=F32) for i in range(N0)}

# Synapses' initial values: 0.1 * dot(pre.emb, post.emb), from the initial embeddings.
pre, post = first["p0_cells_cells/pre"], first["p0_cells_cells/post"]
w0 = np.array([F32(0.1) * dot(emb[a], emb[c]) for a, c in zip(pre, post)], dtype=F32)
check_close("synapse w from pre.emb and post.emb", first["p0_cells_cells/w"], w0)

rec = {k: np.full((STEPS, MAX) + s, np.nan, dtype=F32) for k, s in (("emb", (4,)), ("h", (3,)), ("y", ()))}
for t in range(STEPS):
    new_h = {i: np.tanh(matvec(W, emb[i]) + b).astype(F32) for i in emb}
    new_emb = {i: (emb[i] + F32(0.1) * np.tanh(matvec(U, h[i])).astype(F32) + W[1][2]).astype(F32) for i in emb}
    h, emb = new_h, new_emb
    if t % 2 == 1:  # grow every 2: after steps 1, 3, 5; parents in id order, children next ids
        for i in sorted(emb):
            if len(emb) >= MAX:
                break
            if dot(v, np.tanh(matvec(W, emb[i])).astype(F32)) > theta:
                c = len(emb)
                delta = np.tanh(matvec(U, h[i])).astype(F32)
                emb[c] = (emb[i] + delta).astype(F32)
                h[c] = h[i].copy()
                emb[i] = (emb[i] - F32(0.5) * delta).astype(F32)  # parent.emb, from the parent as it was
    for i in emb:
        rec["emb"][t, i], rec["h"][t, i], rec["y"][t, i] = emb[i], h[i], dot(v, h[i])

print(f"neurons: {N0} -> {len(emb)}")
for k in ("emb", "h", "y"):
    got = load(d, k + ".npy")
    want = rec[k][:, :got.shape[1]]
    if np.isnan(got).tolist() != np.isnan(want).tolist():
        sys.exit(f"{k}: neurons exist at different steps than in the reference")
    check_close(k, np.nan_to_num(got), np.nan_to_num(want), atol=1e-5)
