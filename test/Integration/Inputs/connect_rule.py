"""NumPy reference of a grow `connect` rule (docs/language.md, "grow").

usage: connect_rule.py SNAPDIR

For every neuron b in id order the candidates a are the 16 lowest ids among b's
neighbours' neighbours (neighbours: incoming and outgoing, at most 64 of each
neuron, lowest ids first) and 16 neurons drawn with Philox at (seed,
0x8000000000000004; step, 6 << 32 | population, b's id, draw); the condition
is tested on the graph before the rule, and each pair that holds gets one more
synapse, with the lowest free parallel number, while it has fewer than the
multiplicity.
"""
import os
import sys

import numpy as np
from ndpref import F32, philox, unit

snapdir = sys.argv[1]
SEED, POP, MULT = 4, 0, 2
SITE, ENTITY = 0x8000000000000004, 6


def snapshot(step):
    return np.load(os.path.join(snapdir, "snapshot_%08d.npz" % step))


def edges(s):
    return sorted(zip((int(x) for x in s["p0_c_c/post"]), (int(x) for x in s["p0_c_c/pre"]),
                      (int(x) for x in s["p0_c_c/par"])))


def connect(before, step):
    tag = before["c/tag"].astype(F32)
    n = len(tag)
    e = edges(before)
    pres = {b: sorted({pre for post, pre, _ in e if post == b}) for b in range(n)}
    posts = {a: sorted({post for post, pre, _ in e if pre == a}) for a in range(n)}
    nb = {x: sorted(set(pres[x]) | set(posts[x]))[:64] for x in range(n)}
    count = {}
    for post, pre, par in e:
        count.setdefault((post, pre), set()).add(par)
    added = []
    for b in range(n):
        two = sorted({y for x in nb[b] for y in nb[x]} - {b})[:16]
        drawn = [min(n - 1, int(unit(philox(SEED, SITE, step, (ENTITY << 32) | POP, b, d)[0]) * n)) for d in range(16)]
        for a in sorted(set(two) | {a for a in drawn if a != b}):
            if not F32(tag[a] + tag[b]) > F32(1.3):
                continue
            used = count.setdefault((b, a), set())
            free = [m for m in range(MULT) if m not in used]
            if free:
                used.add(free[0])
                added.append((b, a, free[0]))
    return sorted(e + added), len(added)


for step, before, after in ((4, 4, 6), (9, 8, 10), (14, 14, 16)):
    want, n = connect(snapshot(before), step)
    got = edges(snapshot(after))
    if got != want:
        missing = sorted(set(want) - set(got))[:4]
        extra = sorted(set(got) - set(want))[:4]
        sys.exit(f"connect at step {step}: missing (post, pre, par) {missing}, unexpected {extra}")
    print(f"connect at step {step}: {n} new synapses agree ({len(got)} in all)")
