"""Checks busy_idle.ndp's final snapshot: every pair has two parallel synapses
(numbers 0 and 1); where one is open and the other not, the open one ends
strong (w > 0.9) and the closed one weak (w < 0.1)."""
import sys

import numpy as np

s = np.load(sys.argv[1])
pairs = {}
for pre, post, par, gate, w in zip(s["p0_inp_outp/pre"], s["p0_inp_outp/post"], s["p0_inp_outp/par"],
                                   s["p0_inp_outp/gate"], s["p0_inp_outp/w"]):
    pairs.setdefault((int(pre), int(post)), {})[int(par)] = (float(gate), float(w))
if len(pairs) != 32 or any(sorted(p) != [0, 1] for p in pairs.values()):
    sys.exit(f"expected 32 pairs with parallel synapses 0 and 1, got {len(pairs)}")
mixed = 0
for (pre, post), p in pairs.items():
    (g0, w0), (g1, w1) = p[0], p[1]
    if g0 == g1:
        continue
    mixed += 1
    busy, idle = (w0, w1) if g0 > g1 else (w1, w0)
    if not (busy > 0.9 and idle < 0.1):
        sys.exit(f"pair {pre} -> {post}: busy synapse w = {busy}, idle w = {idle}")
if mixed == 0:
    sys.exit("no pair has one open and one closed synapse; the check would prove nothing")
print(f"{mixed} pairs with a busy and an idle synapse: busy ones strong, idle ones weak")
