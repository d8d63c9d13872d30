"""W2 peer: the same growth written as research code writes it, in NumPy, with
the graph in flat arrays that grow by concatenation.

Every step: the step's dynamics (y = v, in = sum of w * y[pre] per post, v =
0.5 v + 0.1 in), then every neuron divides (until `max`): each child copies
its parent's state and is wired like ndpc's developmental rule, vectorised per
growth step: candidates are the parent, then its incoming neighbours from the
youngest down (the first fanin - 1); they all feed the child, and the child
feeds each candidate that still has room under the fanin cap, children in id
order. (ndpc's rule also uses outgoing neighbours and sees the edits of earlier
children of the same step; the work is of the same order.)

usage: peer_numpy.py MAX STEPS FANIN   -> prints "seconds S neurons N synapses E bytes B vsum V"
"""
import sys
import time

import numpy as np

MAX, STEPS, K = (int(a) for a in sys.argv[1:4])


def main():
    v = np.ones(1, dtype=np.float32)
    pre = np.zeros(0, dtype=np.int64)
    post = np.zeros(0, dtype=np.int64)
    w = np.zeros(0, dtype=np.float32)
    t0 = time.perf_counter()
    for _ in range(STEPS):
        n = len(v)
        inp = np.bincount(post, weights=w * v[pre], minlength=n).astype(np.float32)
        v = (np.float32(0.5) * v + np.float32(0.1) * inp).astype(np.float32)
        parents = np.arange(min(n, MAX - n))
        if len(parents) == 0:
            continue
        children = n + parents
        # Incoming neighbours of each parent, youngest first: sort by (post, -pre).
        order = np.lexsort((-pre, post))
        spost, spre = post[order], pre[order]
        start = np.searchsorted(spost, parents)
        stop = np.searchsorted(spost, parents, side="right")
        take = np.minimum(stop - start, K - 1)
        rows = np.repeat(np.arange(len(parents)), take)
        offs = np.arange(take.sum()) - np.repeat(np.cumsum(take) - take, take)
        nb_child = np.concatenate([children, children[rows]])
        nb = np.concatenate([parents, spre[start[rows] + offs]])
        # Candidates -> child: always (at most fanin of them).
        new_pre, new_post = [nb], [nb_child]
        # Child -> candidate: while the candidate has room, children in id order.
        indeg = np.bincount(post, minlength=n)
        o = np.lexsort((nb_child, nb))
        grp = nb[o]
        first = np.searchsorted(grp, grp)
        rank = np.arange(len(grp)) - first
        ok = indeg[grp] + rank < K
        new_pre.append(nb_child[o][ok])
        new_post.append(grp[ok])
        pre = np.concatenate([pre] + new_pre)
        post = np.concatenate([post] + new_post)
        w = np.concatenate([w, np.full(sum(len(a) for a in new_pre), 0.5, dtype=np.float32)])
        v = np.concatenate([v, v[parents]])
    secs = time.perf_counter() - t0
    nbytes = v.nbytes + pre.nbytes + post.nbytes + w.nbytes
    print(f"seconds {secs:.4f} neurons {len(v)} synapses {len(pre)} bytes {nbytes} vsum {float(v.sum(dtype=np.float64)):.6e}")


main()
