"""NumPy reference of the growth rules (language.md section 4, docs/language.md
"grow"), checked on the snapshots of growth_rules.ndp.

usage: growth_rules.py SNAPDIR plain|split MODEL.ndp

From the snapshot taken before each growth step, the reference selects the
parents (tag > 0.5, in id order, clipped at max), makes the children, wires
them by the rule and compares the result with the snapshot taken after it:
every synapse (pre id, post id, parallel number) and its weight, and the
children's state.
"""
import os
import sys

import numpy as np
from ndpref import F32, INIT_STEP, draw, site, synapse_ctr

snapdir, mode, model = sys.argv[1], sys.argv[2], sys.argv[3]
SEED, MAX, MULT = 1, 15, 2
PROJS = [("p0_src_c", "src", "c", 2), ("p1_c_c", "c", "c", 3), ("p2_c_sink", "c", "sink", None)]
W_SITE = site("synapse W/init/w")


def snapshot(step):
    return np.load(os.path.join(snapdir, "snapshot_%08d.npz" % step))


class Graph:
    """Synapses of one projection as {post: sorted [(pre, par, w)]}, by neuron id."""

    def __init__(self, s, name):
        self.rows = {}
        for pre, post, par, w in zip(s[name + "/pre"], s[name + "/post"], s[name + "/par"], s[name + "/w"]):
            self.rows.setdefault(int(post), []).append((int(pre), int(par), F32(w)))
        for r in self.rows.values():
            r.sort(key=lambda t: (t[0], t[1]))

    def row(self, post):
        return self.rows.setdefault(post, [])

    def add(self, post, pre, par, w):
        self.row(post).append((pre, par, F32(w)))
        self.row(post).sort(key=lambda t: (t[0], t[1]))

    def pres(self, post):
        return sorted({t[0] for t in self.row(post)})

    def posts(self, pre):
        return sorted(p for p, r in self.rows.items() if any(t[0] == pre for t in r))

    def triples(self):
        return sorted((post, pre, par, float(w)) for post, r in self.rows.items() for pre, par, w in r)


def grow(before):
    """The graphs and the children's tags after one growth step from `before`."""
    ids, tags = before["c/id"], before["c/tag"]
    parents = [int(i) for i, t in zip(ids, tags) if t > F32(0.5)]
    parents = parents[:max(0, MAX - len(ids))]
    graphs = {name: Graph(before, name) for name, _, _, _ in PROJS}
    child_of = {p: int(ids.max()) + 1 + k for k, p in enumerate(parents)}
    for parent, child in child_of.items():
        for qi, (name, pre_pop, post_pop, fanin) in enumerate(PROJS):
            g = graphs[name]
            limit = fanin * MULT if fanin else 1 << 60
            if mode == "split":
                if pre_pop == "c":  # halve parent -> m, give the child the other half
                    for m in g.posts(parent):
                        for k, (pre, par, w) in enumerate(list(g.row(m))):
                            if pre == parent:
                                half = F32(w * F32(0.5))
                                g.row(m)[k] = (pre, par, half)
                                g.add(m, child, par, half)
                if post_pop == "c":  # copy what the parent receives
                    for pre, par, w in list(g.row(parent)):
                        g.add(child, pre, par, w)
                continue
            fresh = lambda post, pre: [g.add(post, pre, m, draw("uniform", (-1.0, 1.0), SEED, W_SITE,
                                                             synapse_ctr(INIT_STEP, qi, post, pre, m)))
                                       for m in range(MULT)]
            if pre_pop == post_pop:  # the parent, then its neighbours from the highest id down
                nb = [parent] + sorted((set(g.pres(parent)) | set(g.posts(parent))) - {child, parent}, reverse=True)
                for c in nb:
                    if len(g.row(child)) + MULT <= limit:
                        fresh(child, c)
                for c in nb:
                    if len(g.row(c)) + MULT <= limit:
                        fresh(c, child)
            elif post_pop == "c":
                for c in reversed(g.pres(parent)):
                    if len(g.row(child)) + MULT <= limit:
                        fresh(child, c)
            else:
                for c in reversed(g.posts(parent)):
                    if len(g.row(c)) + MULT <= limit:
                        fresh(c, child)
    tag_of = {int(i): F32(t) for i, t in zip(ids, tags)}
    child_tags = {child: F32(F32(tag_of[p] * F32(0.5)) + F32(0.3)) for p, child in child_of.items()}
    return graphs, child_of, child_tags


checked = 0
for grow_step in (10, 20, 30):
    before, after = snapshot(grow_step - 5), snapshot(grow_step)
    graphs, child_of, child_tags = grow(before)
    got_ids = [int(i) for i in after["c/id"]]
    want_ids = [int(i) for i in before["c/id"]] + sorted(child_of.values())
    if got_ids != want_ids:
        sys.exit(f"after step {grow_step}: neurons {got_ids}, reference {want_ids}")
    parent_col = dict(zip(got_ids, (int(p) for p in after["c/parent"])))
    for p, c in child_of.items():
        if parent_col[c] != p:
            sys.exit(f"after step {grow_step}: neuron {c} has parent {parent_col[c]}, reference {p}")
        got_tag = F32(after["c/tag"][got_ids.index(c)])
        if got_tag != child_tags[c]:
            sys.exit(f"after step {grow_step}: child {c} has tag {got_tag}, reference {child_tags[c]}")
    for name, _, _, _ in PROJS:
        want = graphs[name].triples()
        got = Graph(after, name).triples()
        if [t[:3] for t in got] != [t[:3] for t in want]:
            missing = sorted(set(t[:3] for t in want) - set(t[:3] for t in got))[:4]
            extra = sorted(set(t[:3] for t in got) - set(t[:3] for t in want))[:4]
            sys.exit(f"after step {grow_step}, {name}: synapses differ; missing (post, pre, par) {missing}, "
                     f"unexpected {extra}")
        bad = [(g, w) for g, w in zip(got, want) if abs(g[3] - w[3]) > 1e-6 * max(1.0, abs(w[3]))]
        if bad:
            sys.exit(f"after step {grow_step}, {name}: weight of {bad[0][0][:3]} is {bad[0][0][3]!r}, "
                     f"reference {bad[0][1][3]!r}")
        checked += len(want)
    print(f"growth at step {grow_step - 1}: {len(child_of)} children, synapses and weights agree")
print(f"{mode}: {checked} synapses checked against the reference")
