"""Reference for lif.ndp: initial potentials from the documented Philox draws,
event-driven delivery (a spike's synapses add into the post neuron's input, in
ascending pre order, one step after the spike), spike trains compared exactly."""
import os
import sys

import numpy as np
from ndpref import (F32, INIT_STEP, check_close, check_equal, draw, load,
                    neuron_ctr, site)

mode, d = sys.argv[1], sys.argv[2]
NA, NB, STEPS, SEED = 20, 10, 300, 0
MODEL = os.path.join(os.path.dirname(__file__), "lif.ndp")

def edges(rng, npre, npost, p, self_loops=True):
    return np.array([(j, i) for i in range(npost) for j in range(npre)
                     if (self_loops or i != j) and rng.random() < p], dtype=np.int32)

if mode == "gen":
    rng = np.random.default_rng(5)
    eab, eba, eaa = edges(rng, NA, NB, 0.3), edges(rng, NB, NA, 0.3), edges(rng, NA, NA, 0.1, False)
    for name, e in (("eab", eab), ("eba", eba), ("eaa", eaa)):
        np.save(f"{d}/{name}.npy", e)
    # Multiples of 1/8: every sum is exact, whatever its order.
    np.save(f"{d}/wab.npy", (rng.integers(1, 6, len(eab)) / 8).astype(np.float32))
    np.save(f"{d}/wba.npy", (-rng.integers(1, 4, len(eba)) / 8).astype(np.float32))
    np.save(f"{d}/waa.npy", (rng.integers(1, 3, len(eaa)) / 8).astype(np.float32))
    np.save(f"{d}/drive.npy", (rng.integers(0, 4, (50, NA)) / 8).astype(np.float32))
    sys.exit(0)

def proj(name, wname):
    e = load(d, f"{name}.npy")
    e = e[np.lexsort((e[:, 0], e[:, 1]))]
    return e[:, 0], e[:, 1], load(d, f"{wname}.npy")  # pre, post, weight in edge order

s = site("neuron LIF/init/v")
va = np.array([draw("uniform", (0.0, 1.0), SEED, s, neuron_ctr(INIT_STEP, 0, i)) for i in range(NA)], dtype=F32)
vb = np.array([draw("uniform", (0.0, 1.0), SEED, s, neuron_ctr(INIT_STEP, 1, i)) for i in range(NB)], dtype=F32)
drive = load(d, "drive.npy")
projections = [(proj("eab", "wab"), "a", "b"), (proj("eba", "wba"), "b", "a"), (proj("eaa", "waa"), "a", "a")]
spiked = {"a": np.zeros(NA, bool), "b": np.zeros(NB, bool)}
imp_a = np.zeros(NA, dtype=F32)
a_sp, b_sp, b_vs, a_imps = [], [], [], []
for t in range(STEPS):
    chan = {"a": np.zeros(NA, dtype=F32), "b": np.zeros(NB, dtype=F32)}
    for (pre, post, w), src, dst in projections:
        for j in np.flatnonzero(spiked[src]):          # spikes in ascending order
            for k in np.flatnonzero(pre == j):         # their synapses, by post
                chan[dst][post[k]] = F32(chan[dst][post[k]] + w[k])
    va = ((va * F32(0.875)).astype(F32) + chan["a"] + drive[t % len(drive)]).astype(F32)
    vb = ((vb * F32(0.875)).astype(F32) + chan["b"]).astype(F32)
    spiked = {"a": va > 1.0, "b": vb > 1.0}
    va[spiked["a"]] = 0.0
    vb[spiked["b"]] = 0.0
    imp_a = (F32(0.99) * imp_a + F32(1 - 0.99) * spiked["a"].astype(F32)).astype(F32)
    a_sp.append(spiked["a"].astype(F32)); b_sp.append(spiked["b"].astype(F32)); b_vs.append(vb.copy())
    if (t + 1) % 10 == 0:
        a_imps.append(imp_a.copy())
print(f"reference: {int(np.sum(a_sp))} spikes in a, {int(np.sum(b_sp))} in b")
check_equal("a.spiked", load(d, "a_spikes.npy"), np.array(a_sp))
check_equal("b.spiked", load(d, "b_spikes.npy"), np.array(b_sp))
check_equal("b.v", load(d, "b_v.npy"), np.array(b_vs))
check_close("a.importance", load(d, "a_imp.npy"), np.array(a_imps))
