#!/usr/bin/python3
"""W1's PyTorch peer (CPU, float32), in its fastest honest form: every neuron
has exactly K inputs, so the weights are a dense N x K tensor next to an N x K
index tensor; one gather of the activity per step serves both the weight update
and the next step's sum (the activity does not change in between). (Debian's
PyTorch has no MKL, so its sparse CSR product is not available; COO is slower.)

usage: peer_torch.py DIR STEPS OUT THREADS  -> prints "seconds S"; writes y to OUT
"""
import sys
import time

import numpy as np
import torch

d, steps, out, threads = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4])
torch.set_num_threads(threads)
row_ptr = np.fromfile(f"{d}/row_ptr.bin", dtype=np.int64)
n = len(row_ptr) - 1
k = int(row_ptr[1] - row_ptr[0])
assert np.all(np.diff(row_ptr) == k), "the PyTorch form needs a fixed fan-in"
idx = torch.from_numpy(np.fromfile(f"{d}/col.bin", dtype=np.int32).astype(np.int64).reshape(n, k))
W = torch.from_numpy(np.fromfile(f"{d}/w0.bin", dtype=np.float32).reshape(n, k))
v = torch.from_numpy(np.fromfile(f"{d}/v0.bin", dtype=np.float32))
b = torch.from_numpy(np.fromfile(f"{d}/b.bin", dtype=np.float32))
imp = torch.zeros(n)
eta, decay, rest = 0.001, 0.99, 1.0 - 0.99
with torch.no_grad():
    y = torch.tanh(v)
    t0 = time.perf_counter()
    yq = y[idx]
    for _ in range(steps):
        v = (W * yq).sum(1) + b
        y = torch.tanh(v)
        imp = decay * imp + rest * y.abs()
        yq = y[idx]
        W += (eta * imp).unsqueeze(1) * (yq * y.unsqueeze(1) - 0.01)
        W.clamp_(-1, 1)
    secs = time.perf_counter() - t0
print(f"seconds {secs:.6f}")
y.numpy().astype(np.float32).tofile(out)
