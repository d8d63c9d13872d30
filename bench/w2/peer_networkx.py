#!/usr/bin/python3
"""W2's networkx peer: the growth rule of peer_numpy.py (the same graph, edge
for edge) on a networkx DiGraph, node attribute v and edge attribute w, written
the way a researcher prototypes it: Python loops over nodes and edges.

usage: peer_networkx.py MAX STEPS FANIN -> prints "seconds S neurons N synapses E bytes 0 vsum V"
"""
import sys
import time

import networkx as nx

MAX, STEPS, K = (int(a) for a in sys.argv[1:4])
G = nx.DiGraph()
G.add_node(0, v=1.0)
t0 = time.perf_counter()
for _ in range(STEPS):
    n = G.number_of_nodes()
    inp = {p: sum(d["w"] * G.nodes[q]["v"] for q, _, d in G.in_edges(p, data=True)) for p in range(n)}
    for p in range(n):
        G.nodes[p]["v"] = 0.5 * G.nodes[p]["v"] + 0.1 * inp[p]
    parents = range(min(n, MAX - n))
    indeg = {p: G.in_degree(p) for p in range(n)}
    cand = {p: [p] + sorted(G.predecessors(p), reverse=True)[:K - 1] for p in parents}
    taken = {}
    for p in parents:
        G.add_node(n + p, v=G.nodes[p]["v"])
        for q in cand[p]:
            G.add_edge(q, n + p, w=0.5)
    for p in parents:
        for q in cand[p]:
            t = taken.get(q, 0)
            taken[q] = t + 1
            if indeg[q] + t < K:
                G.add_edge(n + p, q, w=0.5)
secs = time.perf_counter() - t0
vsum = sum(d["v"] for _, d in G.nodes(data=True))
print(f"seconds {secs:.4f} neurons {G.number_of_nodes()} synapses {G.number_of_edges()} bytes 0 vsum {vsum:.6e}")
