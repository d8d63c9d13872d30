"""evolve: CMA-ES (Debian's python3-cmaes) over any set of a model's params,
genomes evaluated in parallel on threads, as run_many does."""
import os
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor

import numpy as np

from ._errors import BadValue


# Above this many numbers a full covariance matrix (n^2 doubles, an n x n
# product per genome) costs more than most evaluations: sep-CMA-ES instead.
SEP_ABOVE = 1000


class EvolveResult:
    """best: {param: value} of the best genome seen; fitness: its fitness;
    history: one dict per generation (best, mean, all-time best, seconds);
    method: "cma" or "sep", the CMA-ES variant that ran."""

    def __init__(self, best, fitness, history, evaluations, seconds, method="cma"):
        self.best, self.fitness, self.history = best, fitness, history
        self.evaluations, self.seconds, self.method = evaluations, seconds, method

    def __repr__(self):
        return f"<ndpc.EvolveResult fitness {self.fitness:.6g} after {self.evaluations} evaluations>"


def evolve(model, params, fitness, generations=20, population=None, sigma=0.1, seed=0, workers=2,
           runs=({},), steps=None, maximize=True, out=None, log=print, target=None, method="auto"):
    """Searches `params` of `model` with CMA-ES and returns an EvolveResult.

    params: {name: initial value} (numbers, vectors, matrices, attend<k>/NAME), or
        a list of names that start from the model's own values (its defaults,
        drawn with seed 0 for random ones). The genome is their values, flattened.
    fitness: a report label (its value after a whole run is the fitness), or a
        function f(sim) -> float given a fresh simulator with the genome's params,
        which runs it as it likes (closed loops, several phases).
    runs: simulator settings (seed, steps, data_dir, ...) each genome is run with;
        its fitness is the mean over them. population: CMA-ES's (default
        4 + 3 ln n); sigma: its initial step size; seed: CMA-ES's sampling seed.
    out: where the best genome goes as .npz (keys = param names), after every
        generation, so that an interrupted search keeps its best.
    target: stop after the first generation whose best fitness reaches it (is at
        least it when maximizing, at most it otherwise).
    method: "cma" (full covariance: O(n^2) memory and work per genome), "sep"
        (diagonal covariance, sep-CMA-ES: O(n), for large genomes such as an
        attend block's weights) or "auto" (cma up to SEP_ABOVE numbers, sep above).
    Reproducible: the same arguments give the same genomes and fitnesses."""
    from cmaes import CMA, SepCMA  # Debian: python3-cmaes

    names, shapes, start = _layout(model, params)
    if method == "auto":
        method = "sep" if start.size > SEP_ABOVE else "cma"
    if method not in ("cma", "sep"):
        raise BadValue(f"evolve's method is 'cma', 'sep' or 'auto', not {method!r}")
    cma = (SepCMA if method == "sep" else CMA)(mean=start, sigma=float(sigma), seed=int(seed),
                                               population_size=population)
    writes = model.simulator(threads=1).info()["writes_files"] if not callable(fitness) else None

    def genome_params(x):
        out, at = {}, 0
        for n, s in zip(names, shapes):
            k = int(np.prod(s)) if s else 1
            v = x[at:at + k]
            out[n] = float(v[0]) if not s else v.reshape(s).astype(np.float32)
            at += k
        return out

    def evaluate(job):
        x, run = job
        config = dict(run)
        config.setdefault("threads", 1)
        if steps is not None:
            config.setdefault("steps", steps)
        config["params"] = {**config.get("params", {}), **genome_params(x)}
        with tempfile.TemporaryDirectory(prefix="ndpc-evolve-") as tmp:
            if writes or callable(fitness):
                config.setdefault("out_dir", tmp)
            sim = model.simulator(**config)
            try:
                if callable(fitness):
                    return float(fitness(sim))
                sim.run()
                return float(sim.report()[fitness])
            finally:
                sim.close()

    history, best, best_fit, evaluations = [], None, -np.inf, 0
    t0 = time.perf_counter()
    with ThreadPoolExecutor(max_workers=max(1, int(workers)), thread_name_prefix="ndpc-evolve") as pool:
        for g in range(int(generations)):
            tg = time.perf_counter()
            genomes = [cma.ask() for _ in range(cma.population_size)]
            jobs = [(x, r) for x in genomes for r in runs]
            values = np.array(list(pool.map(evaluate, jobs)), dtype=np.float64).reshape(len(genomes), len(runs))
            fits = values.mean(axis=1) if maximize else -values.mean(axis=1)
            evaluations += len(genomes)
            cma.tell([(x, -f) for x, f in zip(genomes, fits)])
            i = int(np.argmax(fits))
            if fits[i] > best_fit:
                best_fit, best = float(fits[i]), genome_params(genomes[i])
                if out:
                    _save(out, best)
            sign = 1 if maximize else -1
            row = dict(generation=g, best=sign * float(fits[i]), mean=sign * float(fits.mean()),
                       best_ever=sign * best_fit, seconds=time.perf_counter() - tg)
            history.append(row)
            if log:
                log(f"generation {g:3d}: best {row['best']:.6g}  mean {row['mean']:.6g}  best ever "
                    f"{row['best_ever']:.6g}  ({len(genomes) / row['seconds']:.1f} genomes/s)")
            if target is not None and sign * best_fit >= sign * float(target):
                break
    return EvolveResult(best, (1 if maximize else -1) * best_fit, history, evaluations, time.perf_counter() - t0,
                        method)


def _layout(model, params):
    if isinstance(params, (list, tuple)):
        sim = model.simulator(threads=1, seed=0)
        try:
            params = {n: sim.params[n] for n in params}
        finally:
            sim.close()
    if not params:
        raise BadValue("evolve needs at least one param to search")
    names, shapes, parts = [], [], []
    for n, v in params.items():
        a = np.asarray(v, dtype=np.float64)
        names.append(str(n))
        shapes.append(a.shape)
        parts.append(a.ravel())
    return names, shapes, np.concatenate(parts)


def _save(path, best):
    # Written whole, then renamed: an interrupted search never leaves half a file.
    tmp = f"{os.fspath(path)}.tmp.{os.getpid()}.npz"
    np.savez(tmp, **{k: np.asarray(v, dtype=np.float32) for k, v in best.items()})
    os.replace(tmp, path)
