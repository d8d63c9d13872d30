"""Evolves topology.ndp's developmental program with CMA-ES (ndpc.evolve) so that
one cell grows into a small-world graph: fitness is the small-world coefficient
sigma = (C / C_rand) / (L / L_rand) of the grown graph (Humphries & Gurney 2008;
NDP's small-world experiment uses it too), C the mean clustering, L the mean
shortest path, both against a random graph of the same size and mean degree
(C_rand = k / n, L_rand = ln n / ln k). sigma > 1 means small-world.

usage: python3 examples/ndp/topology.py [--generations N] [--population P] [--out DIR]"""
import os

import numpy as np

import ndpc
from search_args import evolve, parse, plot_search, search_args

HERE = os.path.dirname(os.path.abspath(__file__))
SEARCHED = ["G", "g", "E", "P", "C", "theta", "seed_emb"]
MIN_CELLS = 50


def undirected(pre, post, n):
    """Neighbour sets of the graph without direction, self-links or repeats."""
    nb = [set() for _ in range(n)]
    for a, b in zip(pre.tolist(), post.tolist()):
        if a != b:
            nb[a].add(b)
            nb[b].add(a)
    return nb


def distances(nb, source):
    dist, frontier, d = {source: 0}, [source], 0
    while frontier:
        d += 1
        nxt = []
        for u in frontier:
            for v in nb[u]:
                if v not in dist:
                    dist[v] = d
                    nxt.append(v)
        frontier = nxt
    return dist


def graph_stats(pre, post, n):
    """Mean clustering C (a node with < 2 neighbours counts 0), mean shortest path
    L and mean degree k on the largest connected component, and its size."""
    nb = undirected(pre, post, n)
    seen, giant = set(), []
    for s in range(n):
        if s not in seen:
            comp = list(distances(nb, s))
            seen.update(comp)
            giant = max(giant, comp, key=len)
    comp = set(giant)
    sub = {u: nb[u] & comp for u in giant}
    clustering = []
    for u, vs in sub.items():
        k = len(vs)
        links = sum(1 for v in vs for w in sub[v] if w in vs) / 2
        clustering.append(0.0 if k < 2 else 2.0 * links / (k * (k - 1)))
    paths = [d for u in giant for v, d in distances(sub, u).items() if v != u]
    m = len(giant)
    k_mean = sum(len(v) for v in sub.values()) / m
    return dict(n=m, C=float(np.mean(clustering)), L=float(np.mean(paths)) if paths else np.inf, k=k_mean)


def small_world(stats):
    n, k = stats["n"], stats["k"]
    if n < 3 or k <= 1.0:
        return 0.0
    return (stats["C"] / (k / n)) / (stats["L"] / (np.log(n) / np.log(k)))


def grown_graph(sim):
    sim.run(7)
    g = sim.graph("Link")
    return g["pre"], g["post"], sim.info()["populations"][0]["size"]


def fitness(sim):
    pre, post, n = grown_graph(sim)
    if n < MIN_CELLS:
        return n / MIN_CELLS - 1.0  # below any grown graph's sigma
    stats = graph_stats(pre, post, n)
    return small_world(stats) * stats["n"] / n  # a graph in pieces counts its largest piece


def main():
    a = parse(search_args(__doc__, generations=40, population=32, seed=1, out="topology-run"))
    model = ndpc.compile(os.path.join(HERE, "topology.ndp"))
    best_path = os.path.join(a.out, "best.npz")
    result, seconds = evolve(a, model, SEARCHED, fitness)
    with model.simulator(threads=1, out_dir=a.out, params=dict(np.load(best_path))) as sim:
        pre, post, n = grown_graph(sim)
    s = graph_stats(pre, post, n)
    k = s["k"]
    print(f"{len(result.history)} generations of {a.population}, {result.evaluations} genomes in {seconds:.1f} s "
          f"({result.evaluations / seconds:.1f} genomes/s, {a.workers} workers)")
    print(f"grown graph: {n} cells, {len(pre)} links, largest component {s['n']}, mean degree {k:.2f}; "
          f"C {s['C']:.3f} (random {k / s['n']:.3f}), L {s['L']:.3f} (random {np.log(s['n']) / np.log(k):.3f}); "
          f"small-world sigma {small_world(s):.2f}")
    try:
        import networkx as nx  # Debian: python3-networkx; an independent check of C and L
        gx = nx.Graph([(int(u), int(v)) for u, v in zip(pre, post) if u != v])
        gx = gx.subgraph(max(nx.connected_components(gx), key=len))
        c_nx, l_nx = nx.average_clustering(gx), nx.average_shortest_path_length(gx)
        agree = abs(c_nx - s["C"]) < 1e-9 and abs(l_nx - s["L"]) < 1e-9
        print(f"networkx on the same graph: C {c_nx:.3f}, L {l_nx:.3f} ({'agree' if agree else 'DIFFER'})")
    except ImportError:
        nx = None

    def graph_panel(ax, right):
        if nx is None:
            return
        pos = nx.spring_layout(gx, seed=1)
        nx.draw_networkx(gx, pos, ax=right, node_size=30, with_labels=False, width=0.5, node_color="tab:blue")
        right.set_title(f"grown graph: C {s['C']:.2f}, L {s['L']:.2f}, sigma {small_world(s):.2f}", fontsize=9)
        right.axis("off")

    plot_search(result.history, "small-world sigma", os.path.join(a.out, "topology.png"),
                f"Growth from one cell towards a small-world graph ({n} cells)", panels=2)(graph_panel)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
