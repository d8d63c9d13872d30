#!/usr/bin/python3
"""Drives examples/chase.ndp in closed loop: an agent chases a target that
circles the origin. Each step the model's 64 direction-tuned neurons get a
noisy bump of drive centred on the bearing to the target; the agent moves
along the population vector of their outputs. Python computes the dynamics
of the world; the model computes what to do.

usage: chase.py [OUT_DIR] [--check]

Runs 600 steps with the network's leak tau = 0.3 (integrating the noisy
drive) and again with tau = 1 (taking each step's drive as it comes), prints
the mean distance to the target in both, and plots both chases with their
distances to OUT_DIR/chase.png (default: the current folder).
--check fails unless the agent catches up (mean distance over the last half
below 0.3) and integrating beats not integrating."""
import os
import sys

import numpy as np

import ndpc

STEPS, N, SPEED, NOISE = 600, 64, 0.06, 2.0
angles = 2 * np.pi * np.arange(N) / N


def chase(model, tau, seed=3):
    """One chase; returns the agent's and the target's paths, shape [STEPS, 2] each."""
    rng = np.random.default_rng(seed)
    agent, paths = np.array([2.0, -2.0]), []
    with model.simulator(params={"tau": tau}, steps=STEPS, threads=1) as sim:
        for t in range(STEPS):
            target = np.array([np.cos(t / 30), np.sin(t / 30)]) * 1.5
            d = target - agent
            bearing = np.arctan2(d[1], d[0])
            drive = np.exp(4 * (np.cos(angles - bearing) - 1)) + NOISE * rng.standard_normal(N)
            sim.set("heading", "drive", drive)
            sim.run(1)
            y = sim.get("heading", "y")
            push = np.array([y @ np.cos(angles), y @ np.sin(angles)])
            if np.linalg.norm(push) > 0:
                agent = agent + SPEED * min(1.0, np.linalg.norm(d) / SPEED) * push / np.linalg.norm(push)
            paths.append((agent.copy(), target))
    return np.array([p[0] for p in paths]), np.array([p[1] for p in paths])


def main():
    args = [a for a in sys.argv[1:] if a != "--check"]
    out = args[0] if args else "."
    model = ndpc.compile(os.path.join(os.path.dirname(os.path.abspath(__file__)), "chase.ndp"))
    results = {}
    for tau in (0.3, 1.0):
        agent, target = chase(model, tau)
        dist = np.linalg.norm(agent - target, axis=1)
        results[tau] = (agent, target, dist)
        print(f"tau = {tau}: mean distance to the target over the last half {dist[STEPS // 2:].mean():.3f}")

    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    fig, (ax, bx) = plt.subplots(1, 2, figsize=(10, 4.5))
    for tau, (agent, target, dist) in results.items():
        ax.plot(agent[:, 0], agent[:, 1], label=f"agent, tau = {tau}")
        bx.plot(dist, label=f"tau = {tau}")
    ax.plot(target[:, 0], target[:, 1], "k:", label="target")
    ax.set_aspect("equal")
    ax.legend(fontsize=8)
    ax.set_title("paths")
    bx.set_xlabel("step")
    bx.set_ylabel("distance to the target")
    bx.legend()
    fig.tight_layout()
    os.makedirs(out, exist_ok=True)
    fig.savefig(os.path.join(out, "chase.png"), dpi=80)
    print(f"plot: {os.path.join(out, 'chase.png')}")
    if "--check" in sys.argv:
        smooth, raw = (results[t][2][STEPS // 2:].mean() for t in (0.3, 1.0))
        assert smooth < 0.3, smooth
        assert smooth < raw, (smooth, raw)
        print("check: the agent catches up, and integrating the drive helps")


if __name__ == "__main__":
    main()
