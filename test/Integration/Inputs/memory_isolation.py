"""Compares memory_isolation.ndp's runs with and without memory writes: the
processing network's weights are identical; the memory wrote and recalled in
the first only. usage: memory_isolation.py WITH WITHOUT"""
import json
import sys

import numpy as np

runs = [np.load(f"{d}/snap/snapshot_00000200.npz") for d in sys.argv[1:3]]
writes = [json.loads(bytes(r["meta"]).decode())["memories"][0]["writes"] for r in runs]
w = [r["p0_cortex_cortex/w"] for r in runs]
got = [np.load(f"{d}/got.npy") for d in sys.argv[1:3]]
if not writes[0] > 0 or writes[1] != 0:
    sys.exit(f"writes: {writes}")
if not np.array_equal(w[0], w[1]):
    sys.exit("the processing network's weights differ: memory operations wrote them")
if not np.abs(got[0]).max() > 0 or np.abs(got[1]).max() != 0:
    sys.exit("recall should reach the readout only when something was written")
print(f"{writes[0]} memory writes; {w[0].size} processing weights identical with and without them")
