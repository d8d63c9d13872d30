"""Reference for examples/oja_pca.ndp: Oja's rule in float32, and the learned
weights' alignment with the data's leading eigenvector."""
import sys

import numpy as np
from ndpref import F32, check_close, load

d = sys.argv[1]
x = load(d, "data/oja_inputs.npy")
w = load(d, "data/oja_w0.npy").copy()
eta = F32(np.float64(0.005))  # param eta: f64, read as f32(eta)
ys = []
for t in range(5000):
    xt = x[t % len(x)]
    acc = F32(0)
    for j in range(8):  # edge order: pre 0..7
        acc = F32(acc + F32(w[j] * xt[j]))
    y = acc                     # v = in; y = v
    w = (w + eta * (y * (xt - (y * w).astype(F32))).astype(F32)).astype(F32)
    if (t + 1) % 50 == 0:
        ys.append([y])
check_close("pc.y", load(d, "pc.npy"), np.array(ys), rtol=1e-5, atol=1e-5)
eig = np.linalg.eigh(np.cov(x.T.astype(np.float64)))[1][:, -1]
cos = abs(float(np.dot(w, eig))) / float(np.linalg.norm(w))
print(f"|w| = {np.linalg.norm(w):.3f}, |cos(w, first principal component)| = {cos:.4f}")
if cos < 0.99 or abs(np.linalg.norm(w) - 1) > 0.05:
    sys.exit("Oja's rule did not converge to the first principal component")
