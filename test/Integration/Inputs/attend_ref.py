"""Dense NumPy reference of one edge-augmented attention layer (docs/attention.md).

usage: attend_ref.py gen DIR N D EDGES_PER_NEURON | check DIR POP PROJ K

check: for every attention layer (after steps 1, 3, 5: snapshots 1 -> 2, 3 -> 4,
5 -> 6), recomputes the layer in float64 from the snapshot before it, with the
parameters the snapshot holds, and compares the embeddings, the edge channels
and the synapses `connect topk` added with the snapshot after it. Also checks
the parameters' initial values against Philox draws.
"""
import json
import os
import sys

import numpy as np
from ndpref import philox

if sys.argv[1] == "gen":
    d, n, dim, k = sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
    rng = np.random.default_rng(3)
    np.save(f"{d}/emb.npy", rng.normal(0, 1, (n, dim)).astype(np.float32))
    e = set()
    while len(e) < n * k:
        a, b = rng.integers(0, n, 2)
        if a != b:
            e.add((int(a), int(b)))
    np.save(f"{d}/edges.npy", np.array(sorted(e), dtype=np.int32))
    sys.exit(0)

d, pop, proj, K = sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5])


def snap(step):
    return np.load(os.path.join(d, "snap", "snapshot_%08d.npz" % step))


def ln(x):
    m = x.mean(axis=-1, keepdims=True)
    v = ((x - m) ** 2).mean(axis=-1, keepdims=True)
    return (x - m) / np.sqrt(v + 1e-5)


def elu(x):
    return np.where(x > 0, x, np.expm1(np.minimum(x, 0)))


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


def layer(s, P, H, topk, thr):
    h = s[pop + "/emb"].astype(np.float64)
    N, D = h.shape
    dh = D // H
    pre, post, par = s[proj + "/pre"], s[proj + "/post"], s[proj + "/par"]
    e = s["attend0/edge_channels"].astype(np.float64)
    Q, Kk, V = h @ P["Wq"].T, h @ P["Wk"].T, h @ P["Wv"].T
    S = np.empty((H, N, N))
    for hd in range(H):
        sl = slice(hd * dh, (hd + 1) * dh)
        S[hd] = np.clip(Q[:, sl] @ Kk[:, sl].T / np.sqrt(dh), -5, 5)  # [i, j]
    L = S + P["bE"][:, None, None]
    G = np.broadcast_to(P["bG"][:, None, None], S.shape).copy()
    # Edge terms: the mean over a pair's parallel synapses.
    x = ln(e)
    Es, Gs = x @ P["WE"].T + P["bEl"], x @ P["WG"].T + P["bGl"]
    pairs = {}
    for k_, (j, i) in enumerate(zip(pre, post)):
        pairs.setdefault((int(i), int(j)), []).append(k_)
    for (i, j), ks in pairs.items():
        L[:, i, j] = S[:, i, j] + Es[ks].mean(axis=0)
        G[:, i, j] = Gs[ks].mean(axis=0)
    A = np.exp(L - L.max(axis=2, keepdims=True))
    A = A / A.sum(axis=2, keepdims=True) * sigmoid(G)
    att = np.concatenate([A[hd] @ V[:, hd * dh:(hd + 1) * dh] for hd in range(H)], axis=1)
    h2 = h + att @ P["Wo"].T + P["bo"]
    h2 = h2 + elu(ln(h2) @ P["W1"].T + P["b1"]) @ P["W2"].T + P["b2"]
    # Edge channels of the existing synapses.
    e2 = e.copy()
    for (i, j), ks in pairs.items():
        for k_ in ks:
            x = e[k_] + L[:, i, j] @ P["WOe"].T + P["bOe"]
            e2[k_] = x + elu(ln(x) @ P["We1"].T + P["be1"]) @ P["We2"].T + P["be2"]
    # connect topk: the K best non-neighbours by head-averaged A, then the condition.
    added = []
    score = A.mean(axis=0)
    for i in range(N):
        cand = [j for j in range(N) if j != i and (i, j) not in pairs]
        cand.sort(key=lambda j: (-score[i, j], j))
        for j in sorted(cand[:topk]):
            if score[i, j] > thr:
                x = L[:, i, j] @ P["WOe"].T + P["bOe"]
                added.append((i, j, x + elu(ln(x) @ P["We1"].T + P["be1"]) @ P["We2"].T + P["be2"]))
    return h2, e2, added, score


def params(s):
    return {k.split("/")[1]: s[k].astype(np.float64) for k in s.files if k.startswith("attend0/") and
            k != "attend0/edge_channels"}


def check_init(s, seed):
    """Matrices start as normal(0, 1/sqrt(fan-in)) from Philox at (seed, 0x8000000000000005;
    2^64-1, 7 << 32 | 0, entry, element); biases at 0."""
    names = ["Wq", "Wk", "Wv", "Wo", "bo", "W1"]
    for e_index, name in enumerate(names):
        got = s["attend0/" + name]
        flat = got.reshape(-1)
        if name.startswith("b"):
            assert not flat.any(), name
            continue
        fan = got.shape[1]
        for k_ in (0, 1, len(flat) - 1):
            x0, x1 = philox(seed, 0x8000000000000005, (1 << 64) - 1, 7 << 32, e_index, k_)
            u1 = ((x0 >> 11) + 1.0) * 2.0 ** -53
            u2 = (x1 >> 11) * 2.0 ** -53
            z = np.sqrt(-2.0 * np.log(u1)) * np.cos(2.0 * np.pi * u2)
            want = np.float32(z / np.sqrt(fan))
            if flat[k_] != want:
                sys.exit(f"initial {name}[{k_}] = {flat[k_]!r}, Philox gives {want!r}")
    print("initial parameters match their Philox draws")


first = snap(1)
meta = json.loads(bytes(first["meta"]).decode())
H = meta["attends"][0]["heads"]
check_init(first, meta["seed"])
thr = 0.04
for before, after in ((1, 2), (3, 4), (5, 6)):
    s0, s1 = snap(before), snap(after)
    P = params(s0)
    h2, e2, added, score = layer(s0, P, H, K, thr)
    n0 = len(s0[pop + "/id"])  # neurons born in the same step (after the layer) are not compared
    got_h = s1[pop + "/emb"][:n0].astype(np.float64)
    err = np.abs(got_h - h2).max() / max(1.0, np.abs(h2).max())
    if err > 1e-4:
        sys.exit(f"layer after step {before}: embeddings differ by {err:.3g} (relative to the largest)")
    key = lambda s, k_: (int(s[proj + "/post"][k_]), int(s[proj + "/pre"][k_]), int(s[proj + "/par"][k_]))
    old = {key(s0, k_): k_ for k_ in range(len(s0[proj + "/pre"]))}
    now = {key(s1, k_): k_ for k_ in range(len(s1[proj + "/pre"]))}
    e1 = s1["attend0/edge_channels"].astype(np.float64)
    # Synapses made by growth (they touch a child) and by pruning are not the layer's.
    new = sorted((i, j) for (i, j, p) in now if (i, j, p) not in old and i < n0 and j < n0)
    want_new = sorted((i, j) for i, j, _ in added)
    if new != want_new:
        sys.exit(f"layer after step {before}: new synapses {new[:6]}, reference {want_new[:6]}")
    want_e = {k: e2[k_] for k, k_ in old.items()}
    for i, j, x in added:
        want_e[(i, j, 0)] = x
    kept = [k for k in want_e if k in now]
    eerr = max(np.abs(e1[now[k]] - want_e[k]).max() / max(1.0, np.abs(want_e[k]).max()) for k in kept)
    if eerr > 1e-4:
        sys.exit(f"layer after step {before}: edge channels differ by {eerr:.3g}")
    gone = len(want_e) - len(kept)
    grown = len(s1[pop + "/id"]) - n0
    print(f"layer after step {before}: embeddings (max rel. error {err:.1e}), {len(kept)} edge channel sets "
          f"(max rel. error {eerr:.1e}) and {len(new)} new synapses agree; then {gone} pruned, {grown} born")
