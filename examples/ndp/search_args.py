"""What the examples' searches share: their command line and their plot."""
import argparse
import os
import time

import ndpc


def search_args(doc, generations, population, seed, out):
    """A parser of --generations --population --workers --seed --sigma --out;
    the caller may add its own before parse()."""
    ap = argparse.ArgumentParser(description=doc)
    ap.add_argument("--generations", type=int, default=generations)
    ap.add_argument("--population", type=int, default=population, help="CMA-ES's population")
    ap.add_argument("--workers", type=int, default=2, help="genomes evaluated at a time")
    ap.add_argument("--seed", type=int, default=seed, help="CMA-ES's sampling seed")
    ap.add_argument("--sigma", type=float, default=1.0, help="CMA-ES's initial step size")
    ap.add_argument("--out", default=out, help="folder for best.npz and the plot")
    return ap


def parse(ap):
    """The arguments, with the --out folder made."""
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    return a


def evolve(a, model, params, fitness, seed=None, out="best.npz", **kw):
    """ndpc.evolve with the command line's settings; the best genome goes to
    a.out/out. Returns (EvolveResult, wall seconds)."""
    t0 = time.perf_counter()
    result = ndpc.evolve(model, params, fitness, generations=a.generations, population=a.population,
                         sigma=a.sigma, seed=a.seed if seed is None else seed, workers=a.workers,
                         out=os.path.join(a.out, out), **kw)
    return result, time.perf_counter() - t0


def plot_search(history, ylabel, path, title, panels=1):
    """Best, mean and best-so-far fitness per generation in the first of `panels`
    axes; calls draw(axes) for the caller's other panels, then saves to path.
    Returns a function that draws and saves, given that callback (a no-op
    without matplotlib)."""
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return lambda draw=None: None

    def finish(draw=None):
        fig, axes = plt.subplots(1, panels, figsize=(4.5 * panels + 0.5, 3.2), squeeze=False)
        ax = axes[0][0]
        ax.plot([r["best"] for r in history], label="best of generation")
        ax.plot([r["mean"] for r in history], label="mean of generation")
        ax.plot([r["best_ever"] for r in history], label="best so far")
        ax.set_xlabel("generation")
        ax.set_ylabel(ylabel)
        if draw:
            draw(ax, *axes[0][1:])
        ax.legend(fontsize=8)
        fig.suptitle(title)
        fig.tight_layout()
        fig.savefig(path, dpi=100)
    return finish
