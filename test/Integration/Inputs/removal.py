"""NumPy reference for removal.ndp: the whole run recomputed from the feed file
alone (language.md, "remove when" and "divide"), compared with the program's
recordings, last snapshot and report. Usage: remove.py OUTDIR REPORT"""
import re
import sys

import numpy as np

out = sys.argv[1]
X = np.load(f"{out}/x.npy").astype(np.float64)
MAX, EVERY, STEPS = 24, 3, 30

ids = list(range(6))
root = {i: i for i in ids}
v = {i: 0.0 for i in ids}
y = {i: 0.0 for i in ids}
E = {(post, pre): 0.2 for post in ids for pre in ids if pre != post}  # (post id, pre id) -> w
origin = {k: (0, -1) for k in E}  # (post id, pre id) -> (origin: 0 initial, 1 divide; birth step)
next_id = 6
rows_v, rows_y = [], []
w_records = []  # (step, [((post, pre), w)] in edge order) after each growth step, as `record W.w every 3`
removed_total = divided_total = 0

for t in range(STEPS):
    inp = {i: 0.0 for i in ids}
    for (post, pre), w in E.items():
        inp[post] += w * y[pre]
    for i in ids:
        v[i] = 0.5 * v[i] + inp[i] + X[t % X.shape[0], root[i]]
        y[i] = np.tanh(v[i])
    if (t + 1) % EVERY == 0:
        gone = {i for i in ids if v[i] < -1.6}
        removed_total += len(gone)
        ids = [i for i in ids if i not in gone]
        E = {k: w for k, w in E.items() if k[0] not in gone and k[1] not in gone}
        parents = [i for i in ids if v[i] > 0.6][: max(0, MAX - len(ids))]
        before = dict(v)
        children = []
        for p in parents:
            c = next_id
            next_id += 1
            children.append((p, c))
            ids.append(c)
            root[c] = root[p]
            v[c] = 0.5 * before[p]
            v[p] = 0.25 * before[p]
            y[c] = np.tanh(v[c])
            y[p] = np.tanh(v[p])
        divided_total += len(children)
        for p, c in children:  # split, one child at a time in parent order
            for m in sorted({post for (post, pre) in E if pre == p}):
                E[(m, p)] *= 0.5
                E[(m, c)] = E[(m, p)]
                origin[(m, c)] = (1, t)
            for j in sorted({pre for (post, pre) in E if post == p}):
                E[(c, j)] = E[(p, j)]
                origin[(c, j)] = (1, t)
        w_records.append((t, sorted(E.items())))
    rows_v.append(dict(v))
    rows_y.append(dict(y))
    for d in (rows_v[-1], rows_y[-1]):
        for k in list(d):
            if k not in ids:
                del d[k]


def table(rows):
    a = np.full((len(rows), next_id), np.nan)
    for r, d in enumerate(rows):
        for k, val in d.items():
            a[r, k] = val
    return a


failed = False
for name, rows in (("v", rows_v), ("y", rows_y)):
    want, got = table(rows), np.load(f"{out}/{name}.npy")
    same_nan = got.shape == want.shape and np.array_equal(np.isnan(got), np.isnan(want))
    ok = same_nan and np.allclose(got[~np.isnan(got)], want[~np.isnan(want)], rtol=1e-4, atol=1e-5)
    failed |= not ok
    print(f"{name}: shape {got.shape} (reference {want.shape}), NaN where removed or unborn: {same_nan}, "
          f"values agree: {ok}")

snap = np.load(f"{out}/snap/snapshot_{STEPS:08d}.npz")
edges = sorted(E)
pre, post, w = snap["p0_cells_cells/pre"], snap["p0_cells_cells/post"], snap["p0_cells_cells/w"]
graph_ok = (list(snap["cells/id"]) == sorted(ids) and list(zip(post, pre)) == edges
            and np.allclose(w, [E[k] for k in edges], rtol=1e-6)
            and [tuple(x) for x in zip(snap["p0_cells_cells/provenance/origin"], snap["p0_cells_cells/provenance/born"])]
            == [origin[k] for k in edges])
failed |= not graph_ok
print(f"snapshot: {len(ids)} neurons, {len(edges)} synapses, ids, pairs, weights and provenance agree: {graph_ok}")
print(f"removed {removed_total}, divided {divided_total}")

rec = np.load(f"{out}/w.npz")
ends = np.cumsum(rec["count"])
starts = ends - rec["count"]
synapses_ok = list(rec["step"]) == [t for t, _ in w_records] and bool(np.all(rec["projection"] == 0))
for (t, edges_t), a, b in zip(w_records, starts, ends):
    synapses_ok &= (list(zip(rec["post"][a:b], rec["pre"][a:b])) == [k for k, _ in edges_t]
                    and bool(np.all(rec["par"][a:b] == 0))
                    and np.allclose(rec["values"][a:b], [w for _, w in edges_t], rtol=1e-6))
failed |= not synapses_ok
print(f"synapse recording: {len(rec['step'])} records, {int(ends[-1])} entries, pairs and weights agree: {synapses_ok}")

report = open(sys.argv[2]).read()
counts = (int(re.search(r"neurons\(cells\) = (\d+)", report).group(1)),
          int(re.search(r"synapses\(W\) = (\d+)", report).group(1)))
print(f"report counts agree: {counts == (len(ids), len(edges))}")
failed |= counts != (len(ids), len(edges))
sys.exit(1 if failed else 0)
