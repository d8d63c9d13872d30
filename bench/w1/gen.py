#!/usr/bin/env python3
"""Writes W1's starting state for N neurons with fan-in K into DIR:
edges.npy (int32 [E, 2], (pre, post), in edge order), w0.npy, v0.npy, b.npy, and
the same as raw little-endian files (row_ptr.bin, col.bin, w0.bin, v0.bin,
b.bin) for the C++ peer. usage: gen.py DIR N K"""
import os
import sys

import numpy as np

d, n, k = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
os.makedirs(d, exist_ok=True)
rng = np.random.default_rng(1)
# K distinct pre neurons per post, sorted: rows in (post, pre) order.
pre = np.empty((n, k), dtype=np.int32)
if n > 200_000:  # one draw for all rows, then redraw the rare rows with a repeat
    pre[:] = np.sort(rng.integers(0, n, size=(n, k), dtype=np.int32), axis=1)
    bad = np.nonzero((np.diff(pre, axis=1) == 0).any(axis=1))[0]
    for i in bad:
        pre[i] = np.sort(rng.choice(n, size=k, replace=False))
for start in range(0, n if n <= 200_000 else 0, 4096):
    stop = min(n, start + 4096)
    block = rng.random((stop - start, n), dtype=np.float32) if n <= 20000 else None
    for i in range(start, stop):
        if block is not None:
            choice = np.argpartition(block[i - start], k)[:k]
        else:
            choice = rng.choice(n, size=k, replace=False)
        pre[i] = np.sort(choice)
post = np.repeat(np.arange(n, dtype=np.int32), k)
col = pre.reshape(-1)
np.save(os.path.join(d, "edges.npy"), np.stack([col, post], axis=1))
w0 = rng.uniform(-0.1, 0.1, n * k).astype(np.float32)
v0 = rng.normal(0, 1, n).astype(np.float32)
b = rng.normal(0, 0.1, n).astype(np.float32)
for name, a in (("w0", w0), ("v0", v0), ("b", b)):
    np.save(os.path.join(d, name + ".npy"), a)
    a.tofile(os.path.join(d, name + ".bin"))
(np.arange(n + 1, dtype=np.int64) * k).tofile(os.path.join(d, "row_ptr.bin"))
col.tofile(os.path.join(d, "col.bin"))
