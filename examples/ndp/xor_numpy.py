"""xor.ndp's developmental program written again in plain NumPy, NDP-style (a
loop over cells, one genome at a time), for two things:

- a check of the compiled model: for random genomes and the evolved one, the
  NumPy network's outputs on the four inputs against ndpc's (docs/language.md
  section 5: divisions in id order up to max, child and parent assignments read
  the parent's old embedding, a grown synapse's weight computed from the cells'
  embeddings when it is made, weights of existing synapses unchanged);
- the speed of evaluating genomes, this loop against ndpc (simulator creation,
  growth and the four presentations included in both), on the same genomes.

usage: python3 examples/ndp/xor_numpy.py [--best xor-run/best.npz] [--genomes N]"""
import argparse
import os
import time

import numpy as np

import ndpc
from xor import INPUTS, SEARCHED, outputs

HERE = os.path.dirname(os.path.abspath(__file__))
MAX_CELLS, GROW_STEPS = 4, 6


def grown_outputs(p, input_e):
    """The grown network's outputs on the four inputs. input_e: the three input
    neurons' embeddings (rows), drawn by the model from the run seed."""
    emb = [np.asarray(p["seed_emb"], np.float64)]
    w_in = [input_e @ emb[0]]          # Weight: dot(pre.e, post.emb)
    w_out = [float(emb[0] @ p["r"])]   # Readout: dot(pre.emb, post.e)
    for _ in range(GROW_STEPS):
        divides = [float(p["g"] @ np.tanh(p["G"] @ e)) > -1.0 for e in emb]
        for i, d in enumerate(divides):
            if not d or len(emb) == MAX_CELLS:
                continue
            old = emb[i]
            child = old + np.tanh(p["E"] @ old)
            emb[i] = old + np.tanh(p["P"] @ old)
            emb.append(child)
            w_in.append(input_e @ child)
            w_out.append(float(child @ p["r"]))
    w_in, w_out = np.array(w_in), np.array(w_out)
    x = np.array([[a, b, 1.0] for a, b in INPUTS])
    return np.tanh(np.tanh(x @ w_in.T) @ w_out + p["out_bias"])


def random_genome(rng, like):
    return {k: (rng.normal(0.0, 1.0, np.shape(v)) if np.ndim(v) else float(rng.normal()))
            for k, v in like.items()}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--best", default=None, help="an evolved genome (xor.py's best.npz) to check too")
    ap.add_argument("--genomes", type=int, default=200)
    a = ap.parse_args()
    model = ndpc.compile(os.path.join(HERE, "xor.ndp"))
    with model.simulator(threads=1) as sim:
        input_e = np.array(sim.get("inputs", "e"), np.float64)
        like = {k: np.array(sim.params[k]) for k in SEARCHED}
    rng = np.random.default_rng(7)
    genomes = [random_genome(rng, like) for _ in range(a.genomes)]
    if a.best:
        genomes.insert(0, {k: v for k, v in np.load(a.best).items()})

    t0 = time.perf_counter()
    ref = [grown_outputs(g, input_e) for g in genomes]
    t_numpy = time.perf_counter() - t0
    t0 = time.perf_counter()
    got = []
    for g in genomes:
        with model.simulator(threads=1, params=g) as sim:
            got.append(outputs(sim))
    t_ndpc = time.perf_counter() - t0

    err = max(float(np.max(np.abs(r - o))) for r, o in zip(ref, got))
    print(f"{len(genomes)} genomes: ndpc's outputs vs the NumPy program's: max abs error {err:.2e}")
    if a.best:
        print(f"evolved genome: NumPy {np.round(ref[0], 3).tolist()}, ndpc {np.round(got[0], 3).tolist()}")
    print(f"one thread: NumPy loop {len(genomes) / t_numpy:.0f} genomes/s, ndpc {len(genomes) / t_ndpc:.0f} genomes/s "
          f"(ndpc/NumPy {t_numpy / t_ndpc:.2f}x)")
    return 0 if err < 1e-5 else 1


if __name__ == "__main__":
    raise SystemExit(main())
