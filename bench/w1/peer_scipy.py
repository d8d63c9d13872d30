#!/usr/bin/python3
"""W1's NumPy/SciPy peer: the weights in a float32 SciPy CSR matrix (rows: post
neurons, in the same edge order as ndpc), the sums by its sparse matrix-vector
product, the Hebbian update vectorised over the CSR data array.

usage: peer_scipy.py DIR STEPS OUT  -> prints "seconds S"; writes y (float32) to OUT
"""
import sys
import time

import numpy as np
import scipy.sparse as sp

d, steps, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
row_ptr = np.fromfile(f"{d}/row_ptr.bin", dtype=np.int64)
col = np.fromfile(f"{d}/col.bin", dtype=np.int32)
w = np.fromfile(f"{d}/w0.bin", dtype=np.float32)
v = np.fromfile(f"{d}/v0.bin", dtype=np.float32)
b = np.fromfile(f"{d}/b.bin", dtype=np.float32)
n = len(v)
W = sp.csr_matrix((w, col, row_ptr), shape=(n, n))
post = np.repeat(np.arange(n, dtype=np.int32), np.diff(row_ptr))
y = np.tanh(v)
imp = np.zeros(n, dtype=np.float32)
eta, decay, rest = np.float32(0.001), np.float32(0.99), np.float32(1.0 - 0.99)
t0 = time.perf_counter()
for _ in range(steps):
    v = W @ y + b
    y = np.tanh(v)
    imp = decay * imp + rest * np.abs(y)
    yq = y[W.indices]
    W.data += (eta * imp)[post] * (yq * y[post] - np.float32(0.01))
    np.clip(W.data, -1, 1, out=W.data)
secs = time.perf_counter() - t0
print(f"seconds {secs:.6f}")
y.astype(np.float32).tofile(out)
