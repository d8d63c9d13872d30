"""Reading a synapse recording (`record S.w every K to "F.npz"`, docs/language.md)."""
import json

import numpy as np


def synapse_records(path):
    """One dict per record of the archive at `path`, in step order: `step` (the
    step the record follows), `projection` (index into `projections`, the
    snapshots' projection names), `pre` and `post` (stable neuron ids), `par`
    and `values`, one entry per synapse in edge order."""
    with np.load(path) as z:
        meta = json.loads(bytes(z["meta"]).decode())
        counts, steps = z["count"], z["step"]
        arrays = {k: z[k] for k in ("projection", "pre", "post", "par", "values")}
    out = []
    for t, end, n in zip(steps, np.cumsum(counts), counts):
        rec = {"step": int(t), "projections": meta["projections"]}
        rec.update({k: a[end - n:end] for k, a in arrays.items()})
        out.append(rec)
    return out
