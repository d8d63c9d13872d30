"""Checks function-preserving growth on split.ndp's recordings.

usage: split_check.py GROWN STILL PLAIN

GROWN ran with `split`, STILL did not grow (--param growing=0), PLAIN grew
without `split`. The readout of GROWN equals STILL's to float tolerance at
every step; every child's activity equals its parent's; PLAIN's readout moves
as soon as the network grows, so the comparison can tell the two apart.
"""
import os
import sys

import numpy as np
from ndpref import check_close

grown, still, plain = sys.argv[1:4]
out_g, out_s, out_p = (np.load(os.path.join(d, "out.npy")) for d in (grown, still, plain))
hid = np.load(os.path.join(grown, "hid.npy"))
snap = np.load(os.path.join(grown, "snap", "snapshot_00000100.npz"))
ids, parents, born = snap["hid/id"], snap["hid/parent"], snap["hid/born"]

print(f"grown to {len(ids)} hidden neurons in {len(set(born[born >= 0]))} growth steps")
check_close("readout with split vs without growth", out_g, out_s, rtol=1e-5, atol=1e-5)

pairs = 0
for child, parent, b in zip(ids, parents, born):
    if parent < 0:
        continue
    rows = slice(b + 1, None)  # recorded after the child was made
    check = np.abs(hid[rows, child] - hid[rows, parent])
    if np.any(check > 1e-6):
        sys.exit(f"child {child} differs from its parent {parent} by {check.max()}")
    pairs += 1
print(f"{pairs} children follow their parents exactly")

first = int(born[born >= 0].min())
dip = np.abs(out_p[first + 1] - out_s[first + 1]).max()
if not dip > 1e-2:
    sys.exit(f"growth without split should change the readout, but it moved by only {dip}")
print(f"without split the readout moves by {dip:.3f} right after the first growth")
