#!/usr/bin/python3
"""Runs examples/memory_stream.ndp: 5 patterns A (each shown 40 steps, twice),
then 5 new patterns B (the same), then cues of A with 20 % of their bits
flipped; prints how well A is recalled (sign agreement over the last tenth of
the run, all A cues) with the memory region and without it.

usage: memory_stream.py PROGRAM WORKDIR [--check]

--check fails unless the memory region recalls A better than the cortex alone
and than the cues themselves.
"""
import os
import re
import subprocess
import sys

import numpy as np

program, work = sys.argv[1], sys.argv[2]
rng = np.random.default_rng(3)
A, B = rng.choice([-1.0, 1.0], size=(5, 64)), rng.choice([-1.0, 1.0], size=(5, 64))
learn = lambda X: np.repeat(np.concatenate([X, X]), 40, axis=0)  # each held 40 steps, twice
test = np.repeat(A, 30, axis=0)  # 150 steps: the last tenth of 1,500
noisy = np.where(rng.random(test.shape) < 0.2, -test, test)
cues = np.concatenate([learn(A), learn(B), noisy])
targets = np.concatenate([learn(A), learn(B), test])
assert len(cues) == 950
# Quiet steps (no cue) fill the run up to 1,500 before the test, so that the
# test is its last tenth.
gap = np.zeros((1500 - len(cues), 64))
cues = np.concatenate([cues[:800], gap, cues[800:]])
targets = np.concatenate([targets[:800], gap, targets[800:]])
results = {}
for name, extra in (("with the memory region", []), ("without it", ["--param", "th=2"])):
    d = os.path.join(work, "with" if not extra else "without")
    os.makedirs(d, exist_ok=True)
    np.save(f"{d}/cues.npy", cues.astype(np.float32))
    np.save(f"{d}/targets.npy", targets.astype(np.float32))
    out = subprocess.run([program, "--out-dir", d, "--quiet", "--stats"] + extra, check=True, capture_output=True,
                         text=True)
    acc = float(re.search(r"accuracy\(cortex.y, cortex.target\) = ([0-9.]+)", out.stdout).group(1))
    writes = int(re.search(r"memory hippocampus: (\d+) writes", out.stderr).group(1))
    results[name] = acc
    print(f"recall of the old patterns A after learning B, {name}: {acc:.3f} ({writes} memory writes)")
cue_acc = float(np.mean(np.sign(noisy) == test))
print(f"(the cues alone: {cue_acc:.3f})")
if "--check" in sys.argv:
    with_, without = results["with the memory region"], results["without it"]
    assert with_ > max(without, cue_acc) + 0.05, results
    print("check: the memory region keeps the old patterns")
