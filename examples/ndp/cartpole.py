"""Evolves cartpole.ndp's developmental program with CMA-ES (ndpc.evolve): the
network grown from one cell drives the cart of CartPole-v1 (standard dynamics
and reward, below in NumPy). Then the best genome is scored on 100 fresh
episodes and the search is plotted.

usage: python3 examples/ndp/cartpole.py [--generations N] [--population P] [--workers W] [--out DIR]"""
import os
import time

import numpy as np

import ndpc
from search_args import evolve, parse, plot_search, search_args

HERE = os.path.dirname(os.path.abspath(__file__))
SEARCHED = ["G", "g", "E", "P", "r", "seed_emb"]
MAX_STEPS, SOLVED = 500, 475.0
STEPS = 10 ** 9  # the simulator's total: enough for any number of episodes
SCALE = np.array([2.4, 3.0, 0.2095, 3.0])  # observations to about [-1, 1]


class CartPole:
    """CartPole-v1 as Gym/Gymnasium define it: Euler steps of 0.02 s, force
    +-10 N, cart 1 kg, pole 0.1 kg and half-length 0.5 m; an episode ends when
    |x| > 2.4, |theta| > 12 degrees or after 500 steps; reward 1 per step."""
    gravity, masscart, masspole, length, force_mag, tau = 9.8, 1.0, 0.1, 0.5, 10.0, 0.02
    total_mass = masspole + masscart
    polemass_length = masspole * length

    def __init__(self, seed):
        self.state = np.random.default_rng(seed).uniform(-0.05, 0.05, 4)

    def step(self, push_right):
        x, x_dot, theta, theta_dot = self.state
        force = self.force_mag if push_right else -self.force_mag
        cos, sin = np.cos(theta), np.sin(theta)
        temp = (force + self.polemass_length * theta_dot ** 2 * sin) / self.total_mass
        theta_acc = (self.gravity * sin - cos * temp) / (
            self.length * (4.0 / 3.0 - self.masspole * cos ** 2 / self.total_mass))
        x_acc = temp - self.polemass_length * theta_acc * cos / self.total_mass
        x, x_dot = x + self.tau * x_dot, x_dot + self.tau * x_acc
        theta, theta_dot = theta + self.tau * theta_dot, theta_dot + self.tau * theta_acc
        self.state = np.array([x, x_dot, theta, theta_dot])
        return abs(x) > 2.4 or abs(theta) > 12 * 2 * np.pi / 360


def episode(sim, seed):
    """One episode on a grown network: per environment step, the observations go
    in, the network runs 3 steps (sensors -> cells -> motor) and its sign acts."""
    env, reward = CartPole(seed), 0
    while reward < MAX_STEPS:
        sim.set("sensors", "x", list(env.state / SCALE) + [1.0])
        sim.run(3)
        reward += 1
        if env.step(sim.get("motor", "y")[0] > 0.0):
            break
    return reward


def grow(sim):
    sim.run(7)
    return sim


def fitness(sim, episodes=range(5)):
    grow(sim)
    return float(np.mean([episode(sim, s) for s in episodes]))


def main():
    a = parse(search_args(__doc__, generations=100, population=32, seed=2, out="cartpole-run"))
    model = ndpc.compile(os.path.join(HERE, "cartpole.ndp"))
    best_path = os.path.join(a.out, "best.npz")
    result, seconds = evolve(a, model, SEARCHED, fitness, target=MAX_STEPS, steps=STEPS)
    with model.simulator(threads=1, steps=STEPS, out_dir=a.out, params=dict(np.load(best_path))) as sim:
        grow(sim)
        cells = sim.info()["populations"][1]["size"]
        t1 = time.perf_counter()
        rewards = np.array([episode(sim, 1000 + s) for s in range(100)])  # episodes never seen in the search
        per_step = (time.perf_counter() - t1) / rewards.sum()
    print(f"grown from 1 cell to {cells} cells; {len(result.history)} generations of {a.population}, "
          f"{result.evaluations} genomes in {seconds:.1f} s ({result.evaluations / seconds:.1f} genomes/s, "
          f"{a.workers} workers)")
    print(f"CartPole-v1: mean reward {rewards.mean():.1f} +- {rewards.std():.1f} over 100 new episodes "
          f"(min {rewards.min()}, solved at {SOLVED:.0f}: {'yes' if rewards.mean() >= SOLVED else 'no'}); "
          f"{per_step * 1e6:.0f} us per environment step (set, 3 network steps, get)")

    def rewards_panel(ax, hist):
        ax.axhline(SOLVED, color="grey", ls="--", lw=0.8, label="solved (475)")
        hist.hist(rewards, bins=20, range=(0, MAX_STEPS))
        hist.set_xlabel("reward")
        hist.set_ylabel("episodes")
        hist.set_title(f"best genome, 100 new episodes: {rewards.mean():.1f}", fontsize=9)

    plot_search(result.history, "mean reward, 5 episodes", os.path.join(a.out, "cartpole.png"),
                f"CartPole balanced by a network grown from one cell ({cells} cells)", panels=2)(rewards_panel)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
