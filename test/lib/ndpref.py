"""Independent NumPy references for ndpc's end-to-end tests.

Everything here follows docs/language.md and docs/design.md ("Random numbers",
"Step order"), not ndpc's code: random draws come from numpy.random.Philox,
sums are float32 in the documented order, and each test's model is recomputed
step by step with NumPy.
"""
import os
import sys

import numpy as np

F32 = np.float32
INIT_STEP = (1 << 64) - 1
ENTITY_NEURON, ENTITY_SYNAPSE = 1, 2
M64 = (1 << 64) - 1


def philox(seed, site, c0, c1, c2, c3):
    """The first two words of the Philox4x64-10 block at counter (c0..c3)."""
    # numpy's Philox increments the counter before its first block.
    ctr = np.array([(c0 - 1) & M64, c1, c2, c3], dtype=np.uint64)
    if c0 == 0:  # the decrement borrowed from the next word
        ctr[1] = np.uint64((c1 - 1) & M64)
    bg = np.random.Philox(key=np.array([seed & M64, site & M64], dtype=np.uint64), counter=ctr)
    words = bg.random_raw(2)
    return int(words[0]), int(words[1])


def unit(word):
    return float(word >> 11) * 2.0 ** -53


def draw(dist, args, seed, site, ctr):
    """uniform(lo, hi), normal(mean, sd) or bernoulli(p) as the kernels compute it."""
    x0, x1 = philox(seed, site, *ctr)
    if dist == "uniform":
        lo, hi = float(args[0]), float(args[1])
        return F32(lo + (hi - lo) * unit(x0))
    if dist == "normal":
        u1 = (float(x0 >> 11) + 1.0) * 2.0 ** -53
        u2 = unit(x1)
        z = np.sqrt(-2.0 * np.log(u1)) * np.cos(2.0 * np.pi * u2)
        return F32(float(args[0]) + float(args[1]) * z)
    return unit(x0) < float(args[0])


def neuron_ctr(step, pop_index, neuron_id, lane=0):
    return (step & M64, (ENTITY_NEURON << 32) | pop_index, neuron_id, lane)


def synapse_ctr(step, proj_index, post_id, pre_id, par, lane=0):
    return (step & M64, (ENTITY_SYNAPSE << 32) | proj_index, (post_id << 32) | pre_id, (par << 32) | lane)


def site(name, ordinal=0):
    """A random call's site (docs/design.md "Random numbers"): FNV-1a over
    "NAME#k", NAME naming what the expression computes ("neuron R/init/e") and k
    the draw's order within it, top bit clear."""
    h = 1469598103934665603
    for ch in f"{name}#{ordinal}".encode():
        h ^= ch
        h = (h * 1099511628211) & M64
    return h >> 1


def patterns(seed, n, size):
    """The ±1 patterns of task("patterns", n, size)."""
    site_pattern = 0x8000000000000002
    out = np.empty((n, size), dtype=F32)
    for k in range(n):
        for e in range(size):
            out[k, e] = -1.0 if unit(philox(seed, site_pattern, 0, 4 << 32, k, e)[0]) < 0.5 else 1.0
    return out


def row_sums(w, y_pre, edges_post, edges_pre, n_post):
    """Each post neuron's float32 sum of w * y over its synapses in edge order."""
    acc = np.zeros(n_post, dtype=F32)
    order = np.lexsort((edges_pre, edges_post))
    for e in order:
        acc[edges_post[e]] = F32(acc[edges_post[e]] + F32(w[e] * y_pre[edges_pre[e]]))
    return acc


def check_close(name, got, want, rtol=1e-5, atol=1e-6):
    got = np.asarray(got, dtype=np.float64)
    want = np.asarray(want, dtype=np.float64)
    if got.shape != want.shape:
        sys.exit(f"{name}: shape {got.shape}, reference {want.shape}")
    err = np.abs(got - want)
    bound = atol + rtol * np.abs(want)
    worst = np.argmax(err - bound)
    if np.any(err > bound):
        idx = np.unravel_index(worst, got.shape)
        sys.exit(f"{name}: differs at {idx}: {got[idx]!r} vs reference {want[idx]!r} "
                 f"(max abs error {err.max():.3g})")
    print(f"{name}: {got.size} values agree (max abs error {err.max():.3g})")


def check_equal(name, got, want):
    got, want = np.asarray(got), np.asarray(want)
    if got.shape != want.shape or not np.array_equal(got, want):
        diff = np.argwhere(got != want) if got.shape == want.shape else "shapes differ"
        sys.exit(f"{name}: not identical to the reference; first difference at {diff[:3] if len(diff) else diff}")
    print(f"{name}: {got.size} values identical")


def load(dirname, name):
    return np.load(os.path.join(dirname, name))
