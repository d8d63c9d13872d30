import sys

import numpy as np

d = sys.argv[1]
x, seen = np.load(f"{d}/x.npy"), np.load(f"{d}/seen.npy")
z = np.load(f"{d}/snap/snapshot_00000008.npz")
ids, parent, born = z["p/id"], z["p/parent"], z["p/born"]
up = dict(zip(ids.tolist(), parent.tolist()))


def root(i):
    while up[i] >= 0 and i >= 4:
        i = up[i]
    return i


ok, children = True, 0
for i, b in zip(ids.tolist(), born.tolist()):
    if i < 4:
        continue
    children += 1
    for t in range(seen.shape[0]):
        want = x[t, root(i)] if t > b else (np.nan if t < b else None)
        got = seen[t, i] if i < seen.shape[1] else np.nan
        if want is None:
            continue  # the birth step: it copied its parent's value
        ok &= bool(np.isnan(got)) if np.isnan(want) else got == want
print(f"children {children}, every step since birth reads the root's column: {ok}")
