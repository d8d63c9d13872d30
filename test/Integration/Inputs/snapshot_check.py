"""Checks a graph snapshot (.npz) of resume.ndp against the run's recordings
and the snapshot format of docs/design.md. usage: snapshot_check.py OUTDIR STEP"""
import json
import os
import sys

import numpy as np

out, step = sys.argv[1], int(sys.argv[2])
s = np.load(os.path.join(out, "snap", "snapshot_%08d.npz" % step))
meta = json.loads(bytes(s["meta"]).decode())
assert meta["step"] == step and meta["model"] == "resume_growth", meta
pops = {p["name"]: p for p in meta["populations"]}
ids = s["c/id"]
if list(ids) != list(range(len(ids))) or pops["c"]["neurons"] != len(ids):
    sys.exit("c/id is not the stable ids 0..N-1 in order")
for key in ("c/parent", "c/born", "c/importance", "c/v", "c/y"):
    if s[key].shape != ids.shape:
        sys.exit(f"{key} has shape {s[key].shape}")
parent, born = s["c/parent"], s["c/born"]
grown = parent >= 0
if not np.all(parent[grown] < ids[grown]) or not np.all((born[grown] + 1) % 30 == 0) or np.any(born[~grown] != -1):
    sys.exit("parent or born columns are inconsistent")
imp = np.load(os.path.join(out, "imp.npy"))[step - 1]
if not np.array_equal(imp[: len(ids)], s["c/importance"]):
    sys.exit("c/importance differs from the recording of the same step")
total = 0
for q in meta["projections"]:
    pre, post, par, w = (s[q["name"] + "/" + k] for k in ("pre", "post", "par", "w"))
    if not (len(pre) == len(post) == len(par) == len(w) == q["synapses"]):
        sys.exit(f"{q['name']}: arrays and meta disagree")
    key = np.lexsort((par, pre, post))
    if not np.array_equal(key, np.arange(len(pre))):
        sys.exit(f"{q['name']}: edges are not in (post, pre, parallel) order")
    if len({(a, b, c) for a, b, c in zip(pre, post, par)}) != len(pre) or np.any(par > 1) or np.any(par < 0):
        sys.exit(f"{q['name']}: duplicate synapses or parallel numbers past the multiplicity")
    if not set(post.tolist()) <= set(ids.tolist()):
        sys.exit(f"{q['name']}: a post id is not a neuron")
    if any(k.startswith(q["name"] + "/prune") for k in s.files):
        sys.exit("internal prune counters leaked into the snapshot")
    total += len(pre)
print(f"snapshot at step {step}: {len(ids)} neurons ({int(grown.sum())} grown), {total} synapses, consistent")
