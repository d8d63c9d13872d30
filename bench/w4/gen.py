#!/usr/bin/python3
"""Writes W4's starting state into DIR: edges from the excitatory neurons
(ids 0 .. N_EXC-1) and from the inhibitory ones (the rest) as int32 [E, 2]
(pre, post) rows in (post, pre) order, Bernoulli(p) per pair without
self-pairs, and v0, ge0, gi0 (float32), for ndpc, the C++ peer and Brian2 alike.

usage: gen.py DIR N N_EXC P
"""
import os
import sys

import numpy as np

d, n, ne, p = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4])
os.makedirs(d, exist_ok=True)
rng = np.random.default_rng(4)
m = rng.random((n, n)) < p  # [post, pre]
np.fill_diagonal(m, False)
post, pre = np.nonzero(m)  # row-major: (post, pre) order
for name, keep in (("exc", pre < ne), ("inh", pre >= ne)):
    np.save(f"{d}/{name}_edges.npy", np.stack([pre[keep], post[keep]], axis=1).astype(np.int32))
np.save(f"{d}/v0.npy", rng.uniform(-60.0, -50.0, n).astype(np.float32))
# Starting conductances (in units of the leak conductance) that set off the
# self-sustained activity, as Vogels & Abbott's random initial conductances do.
np.save(f"{d}/ge0.npy", np.maximum(rng.normal(0.4, 0.15, n), 0).astype(np.float32))
np.save(f"{d}/gi0.npy", np.maximum(rng.normal(2.0, 1.2, n), 0).astype(np.float32))
