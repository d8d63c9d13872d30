#!/usr/bin/python3
"""W2's PyTorch peer: the growth rule of peer_numpy.py (the same graph, edge for
edge) as PyTorch Geometric-style code keeps a graph: an edge_index [2, E]
int64 tensor and per-edge weights that grow by torch.cat, the dynamics by
index_add_ (CPU, float32).

usage: peer_torch.py MAX STEPS FANIN THREADS -> prints "seconds S neurons N synapses E bytes B vsum V"
"""
import sys
import time

import torch

MAX, STEPS, K, THREADS = (int(a) for a in sys.argv[1:5])
torch.set_num_threads(THREADS)
v = torch.ones(1)
ei = torch.zeros((2, 0), dtype=torch.int64)  # rows: pre, post
w = torch.zeros(0)
t0 = time.perf_counter()
for _ in range(STEPS):
    n = len(v)
    pre, post = ei[0], ei[1]
    inp = torch.zeros(n).index_add_(0, post, w * v[pre])
    v = 0.5 * v + 0.1 * inp
    parents = torch.arange(min(n, MAX - n))
    if len(parents) == 0:
        continue
    children = n + parents
    order = torch.argsort(post * (MAX + 1) + (MAX - pre))  # by post, youngest pre first
    spost, spre = post[order], pre[order]
    start = torch.searchsorted(spost, parents)
    stop = torch.searchsorted(spost, parents, right=True)
    take = torch.clamp(stop - start, max=K - 1)
    rows = torch.repeat_interleave(torch.arange(len(parents)), take)
    offs = torch.arange(int(take.sum())) - torch.repeat_interleave(torch.cumsum(take, 0) - take, take)
    nb_child = torch.cat([children, children[rows]])
    nb = torch.cat([parents, spre[start[rows] + offs]])
    indeg = torch.bincount(post, minlength=n)
    o = torch.argsort(nb * (MAX + 1) + nb_child)
    grp = nb[o]
    first = torch.searchsorted(grp, grp)
    rank = torch.arange(len(grp)) - first
    ok = indeg[grp] + rank < K
    new = torch.cat([torch.stack([nb, nb_child]), torch.stack([nb_child[o][ok], grp[ok]])], dim=1)
    ei = torch.cat([ei, new], dim=1)
    w = torch.cat([w, torch.full((new.shape[1],), 0.5)])
    v = torch.cat([v, v[parents]])
secs = time.perf_counter() - t0
nbytes = v.numel() * 4 + ei.numel() * 8 + w.numel() * 4
print(f"seconds {secs:.4f} neurons {len(v)} synapses {ei.shape[1]} bytes {nbytes} vsum {float(v.double().sum()):.6e}")
