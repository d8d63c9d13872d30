#!/usr/bin/python3
"""The memory capacity experiment of examples/memory_capacity.ndp.

usage: memory_capacity.py PROGRAM WORKDIR [--plot PNG] [--quick] [--check]

PROGRAM is memory_capacity.ndp compiled (`ndpc compile`). For every number of
patterns P and cue noise (fraction of bits flipped) it writes the cues (P clean
patterns to store, then a noisy cue of each), runs PROGRAM, and scores the
region's recall: the fraction of bits whose sign matches the stored pattern.
On the same patterns and cues it scores a classical Hopfield network (Hebbian
weights W = X^T X / N without self-connections, asynchronous sign updates to a
fixed point) and softmax retrieval (modern Hopfield, one step: xi <- X^T
softmax(beta X xi) with beta = 1 / sqrt(N), then the sign). The region holds
SLOTS patterns at most; softmax retrieval keeps every pattern. --check fails
unless, at 20 % noise, the region recalls P = SLOTS/2 and P = SLOTS patterns
at least 0.99 right and beats the Hopfield network there.
"""
import os
import subprocess
import sys

import numpy as np

N, SLOTS = 256, 128


def region(program, work, patterns, cues):
    P = len(patterns)
    os.makedirs(work, exist_ok=True)
    np.save(f"{work}/cues.npy", np.concatenate([patterns, cues]).astype(np.float32))
    np.save(f"{work}/targets.npy", np.concatenate([patterns, patterns]).astype(np.float32))
    subprocess.run([program, "--out-dir", work, "--steps", str(2 * P + 1), "--param", f"store_steps={P}",
                    "--quiet"], check=True, capture_output=True)
    recalled = np.load(f"{work}/recall.npy")[P + 1: 2 * P + 1]  # the cue of step t is recalled at t + 1
    return float(np.mean(np.sign(recalled) == patterns))


def hopfield(patterns, cues, rng):
    W = patterns.T @ patterns / N
    np.fill_diagonal(W, 0)
    out = []
    for c in cues:
        s = c.copy()
        for _ in range(20):  # asynchronous sweeps until nothing changes
            changed = False
            for i in rng.permutation(N):
                v = 1.0 if W[i] @ s >= 0 else -1.0
                changed |= v != s[i]
                s[i] = v
            if not changed:
                break
        out.append(s)
    return float(np.mean(np.array(out) == patterns))


def softmax_retrieval(patterns, cues, beta):
    logits = beta * cues @ patterns.T
    a = np.exp(logits - logits.max(axis=1, keepdims=True))
    a /= a.sum(axis=1, keepdims=True)
    return float(np.mean(np.sign(a @ patterns) == patterns))


def main():
    program, work = sys.argv[1], sys.argv[2]
    quick = "--quick" in sys.argv
    plot = sys.argv[sys.argv.index("--plot") + 1] if "--plot" in sys.argv else None
    counts = [32, 64, 128] if quick else [16, 32, 48, 64, 96, 128, 160, 192, 256]
    noises = [0.2] if quick else [0.1, 0.2, 0.3]
    rng = np.random.default_rng(0)
    results = {}
    print(f"recall accuracy (fraction of bits right), N = {N}, {SLOTS} slots")
    print(f"{'noise':>6}{'P':>6}{'memory region':>15}{'Hopfield':>10}{'softmax':>9}")
    for noise in noises:
        for P in counts:
            patterns = rng.choice([-1.0, 1.0], size=(P, N))
            flips = rng.random((P, N)) < noise
            cues = np.where(flips, -patterns, patterns)
            r = region(program, os.path.join(work, f"n{noise}_p{P}"), patterns, cues)
            h = hopfield(patterns, cues, rng)
            s = softmax_retrieval(patterns, cues, 1.0 / np.sqrt(N))
            results[(noise, P)] = (r, h, s)
            print(f"{noise:>6.1f}{P:>6}{r:>15.3f}{h:>10.3f}{s:>9.3f}")
    if "--check" in sys.argv:
        for P in (SLOTS // 2, SLOTS):
            r, h, _ = results[(0.2, P)]
            assert r >= 0.99 and r > h, f"P = {P}: region {r:.3f}, Hopfield {h:.3f}"
        print("check: at 20 % noise the region recalls P = S/2 and P = S at least 0.99 right, above Hopfield")
    if plot:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
        fig, axes = plt.subplots(1, len(noises), figsize=(4 * len(noises), 3.6), sharey=True, squeeze=False)
        for ax, noise in zip(axes[0], noises):
            for k, (label, style) in enumerate((("memory region (128 slots)", "o-"), ("Hopfield", "s--"),
                                                ("softmax (modern Hopfield)", "^:"))):
                ax.plot(counts, [results[(noise, P)][k] for P in counts], style, label=label)
            ax.axvline(0.14 * N, color="gray", lw=0.8)
            ax.axvline(SLOTS, color="gray", lw=0.8, ls=":")
            ax.set_title(f"{int(noise * 100)} % of cue bits flipped", fontsize=10)
            ax.set_xlabel("patterns stored P")
            ax.set_ylim(0.45, 1.02)
        axes[0][0].set_ylabel("recall accuracy")
        axes[0][-1].legend(fontsize=8, loc="lower left")
        fig.tight_layout()
        fig.savefig(plot, dpi=100)
        print(f"plot: {plot}")


if __name__ == "__main__":
    main()
