#!/usr/bin/python3
"""Prints the accuracy dip after growth in growth_midtask.ndp, with and without
`split`, measured against the run that never grows over the same steps (so the
inputs and their noise are the same in all three).

usage: growth_midtask.py STILLDIR SPLITDIR PLAINDIR [--check MARGIN]
(--check: exit non-zero unless growth without split dips at least MARGIN more)"""
import sys

import numpy as np

GROWTH = 1500   # the first step after the hidden layer doubled
WINDOW = 100    # steps measured after it


def accuracy(d):
    y, t = np.load(f"{d}/readout.npy"), np.load(f"{d}/target.npy")
    return np.mean(np.sign(y) == np.sign(t), axis=1)


still, split, plain = (accuracy(d) for d in sys.argv[1:4])
after = slice(GROWTH, GROWTH + WINDOW)
base = float(still[after].mean())
print(f"accuracy over the {WINDOW} steps after the hidden layer doubled at step {GROWTH - 1}:")
print(f"  without growth  {base:.3f}")
dips = {}
for name, acc in (("split", split), ("plain", plain)):
    a = float(acc[after].mean())
    dips[name] = base - a
    first = float(np.abs(acc[GROWTH] - still[GROWTH]))
    print(f"  {name:5s} growth    {a:.3f}  dip {dips[name]:.3f}  (first step after growth differs by {first:.3f})")
print(f"growth without split dips {dips['plain'] - dips['split']:.3f} more than with split")
if "--check" in sys.argv:
    margin = float(sys.argv[sys.argv.index("--check") + 1])
    if not dips["plain"] - dips["split"] >= margin:
        sys.exit(f"expected growth without split to dip at least {margin} more")
