"""Attention over all neurons against neighbour message passing on one task of
a growing network: every neuron must report the population-wide mean of a
signal it alone sees (global_attend.ndp and global_messages.ndp: the same
growth, input and readout; attention vs GraphConv-style messages).

Both models' params (the attention layer's included) are evolved with CMA-ES
(ndpc.evolve, the same budget) on networks grown to 512 neurons, on training
tasks; both are then evaluated with their evolved and with their initial
params on held-out tasks, at 512 and at 10,000 neurons.

A task: x_j = c + n_j for the 64 initial neurons (c, n_j ~ N(0, 1), so the mean
moves from task to task); a child reads its first ancestor's x. Error R =
mean_i (y_i - m)^2 / mean_i (x_i - m)^2 over the neurons at the end, m the
mean of x over them: 1 when each neuron reports its own signal, 0 for the
exact mean; "report 0" gives m^2 / var(x).

usage: python3 examples/ndp/global_signal.py [--generations N] [--population P]
       [--tasks K] [--large N] [--out DIR]"""
import os
import time

import numpy as np

import ndpc
from search_args import evolve, parse, plot_search, search_args

HERE = os.path.dirname(os.path.abspath(__file__))
# What each search starts from and changes. Attention starts with uniform
# weights (Wq = Wk = 0: every neuron averages all values) and its own random
# value and output maps; its feed-forward part is switched off (W2 = b2 = 0,
# FIXED) so that the searches differ only in how embeddings meet.
SEARCHED = {"attention": ["a", "b", "r", "attend0/Wq", "attend0/Wk", "attend0/Wv", "attend0/Wo", "attend0/bo"],
            "messages": ["a", "b", "r", "U"]}
STARTS = {"attention": {"attend0/Wq": 0.0, "attend0/Wk": 0.0}, "messages": {}}
FIXED = {"attention": {"attend0/W2": 0.0, "attend0/b2": 0.0}, "messages": {}}
FILES = {"attention": "global_attend.ndp", "messages": "global_messages.ndp"}
# (grow_until, steps): growth doubles the 64 neurons every 5 steps until then.
SMALL, LARGE = (15, 30), (45, 60)  # 512 neurons; 10,000 (the max, reached at step 39)


def tasks(root, seeds):
    """One data folder per task seed, each with its x.npy."""
    dirs = []
    for s in seeds:
        d = os.path.join(root, f"task{s}")
        os.makedirs(d, exist_ok=True)
        r = np.random.default_rng(s)
        np.save(os.path.join(d, "x.npy"), (r.normal() + r.normal(size=(1, 64))).astype(np.float32))
        dirs.append(d)
    return dirs


def error(sim):
    y = sim.get("cortex", "y").astype(np.float64)
    x = sim.get("cortex", "x").astype(np.float64)
    m = x.mean()
    return float(np.mean((y - m) ** 2) / np.mean((x - m) ** 2)), float(m * m / np.mean((x - m) ** 2))


def fitness(sim):
    sim.run()
    return -error(sim)[0]


def evaluate(model, params, dirs, size, threads):
    """Mean R (and the 'report 0' R) over the task folders; seconds per run."""
    grow_until, steps = size
    errs, zeros, t0 = [], [], time.perf_counter()
    for d in dirs:
        with model.simulator(params={**params, "grow_until": float(grow_until)}, steps=steps, data_dir=d,
                             threads=threads) as sim:
            sim.run()
            n = len(sim.neurons("cortex")["id"])
            e, z = error(sim)
        errs.append(e)
        zeros.append(z)
    return float(np.mean(errs)), float(np.mean(zeros)), n, (time.perf_counter() - t0) / len(dirs)


def main():
    ap = search_args(__doc__, generations=40, population=16, seed=1, out="global-signal-run")
    ap.set_defaults(sigma=0.3)
    ap.add_argument("--tasks", type=int, default=8, help="training tasks (a genome's fitness is the mean)")
    ap.add_argument("--held-out", type=int, default=4, help="held-out tasks for the evaluation")
    ap.add_argument("--large", type=int, default=1, help="0: skip the 10,000-neuron evaluation")
    a = parse(ap)
    train = tasks(os.path.join(a.out, "train"), range(100, 100 + a.tasks))
    held = tasks(os.path.join(a.out, "held-out"), range(200, 200 + a.held_out))
    results, searches = {}, {}
    for kind in ("attention", "messages"):
        model = ndpc.compile(os.path.join(HERE, FILES[kind]))
        with model.simulator(threads=1, seed=0, data_dir=train[0]) as sim:
            defaults = {k: np.asarray(sim.params[k], dtype=np.float32) for k in SEARCHED[kind] + list(FIXED[kind])}
        fixed = {k: np.zeros_like(defaults[k]) + v for k, v in FIXED[kind].items()}
        start = {k: np.zeros_like(defaults[k]) + STARTS[kind][k] if k in STARTS[kind] else defaults[k]
                 for k in SEARCHED[kind]}
        res, seconds = evolve(a, model, start, fitness, out=f"best_{kind}.npz",
                              runs=[{"data_dir": d, "params": fixed} for d in train])
        searches[kind] = res
        print(f"{kind}: {sum(np.size(v) for v in start.values())} numbers searched, {len(res.history)} generations "
              f"of {a.population}, {res.evaluations} genomes in {seconds:.1f} s; training R {-res.fitness:.4f}")
        best = {**dict(np.load(os.path.join(a.out, f"best_{kind}.npz"))), **fixed}
        start = {**start, **fixed}
        sizes = [SMALL] + ([LARGE] if a.large else [])
        for label, params in (("initial", start), ("evolved", best)):
            for size in sizes:
                r, zero, n, sec = evaluate(model, params, held, size, threads=2)
                results[(kind, label, n)] = r
                print(f"  {label:8s} params, {n:6d} neurons: held-out R {r:.4f} ('report 0' {zero:.4f}), "
                      f"{sec:.2f} s per run")

    def bars(ax, right):
        keys = sorted(results, key=lambda k: (k[2], k[0], k[1]))
        right.bar(range(len(keys)), [results[k] for k in keys],
                  color=["tab:red" if k[0] == "attention" else "tab:blue" for k in keys])
        right.set_xticks(range(len(keys)))
        right.set_xticklabels([f"{k[0][:6]}\n{k[1]}\nN={k[2]}" for k in keys], fontsize=6)
        right.set_ylabel("held-out R (0: exact mean, 1: own signal)")
        right.set_title("attention (red) vs message passing (blue)", fontsize=9)

    hist = searches["attention"].history
    plot_search([{k: -v for k, v in r.items() if k in ("best", "mean", "best_ever")} for r in hist],
                "training R (attention's search)", os.path.join(a.out, "global_signal.png"),
                "Population-wide mean of a private signal", panels=2)(bars)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
