"""Vector, matrix and attention params from Python: read, set, given at
creation, carried by checkpoints; and ndpc.evolve over them."""
import numpy as np
import pytest

import ndpc


def test_read_set_and_effect(model):
    with model("arrays").simulator(threads=1) as sim:
        assert sorted(sim.params.keys()) == ["W", "b", "k"]
        assert sim.params["W"].shape == (2, 3) and sim.params["W"].dtype == np.float32
        assert np.all(sim.params["b"] == 0.5)
        W = np.array([[1, 2, 3], [4, 5, 6]], np.float32)
        sim.params["W"] = W
        sim.run(1)
        np.testing.assert_array_equal(sim.get("cells", "h").reshape(2, 2), np.tile(W.sum(1) + 0.5, (2, 1)))
        with pytest.raises(ndpc.BadValue, match=r"param 'W' has shape \(2, 3\), not \(3, 2\)"):
            sim.params["W"] = W.T
        with pytest.raises(ndpc.BadValue, match="not finite"):
            sim.params["b"] = [np.nan, 0.0]


def test_given_at_creation_and_drawn_by_seed(model):
    W = np.arange(6, dtype=np.float32).reshape(2, 3)
    with model("arrays").simulator(threads=1, params={"W": W, "k": 2.0}) as sim:
        np.testing.assert_array_equal(sim.params["W"], W)
        assert sim.params["k"] == 2.0
    draws = []
    for seed in (1, 1, 2):
        with model("arrays").simulator(threads=1, seed=seed) as sim:
            draws.append(sim.params["W"])
    np.testing.assert_array_equal(draws[0], draws[1])
    assert not np.array_equal(draws[0], draws[2])
    with pytest.raises(ndpc.UnknownName, match="unknown param 'Q'"):
        model("arrays").simulator(params={"Q": np.zeros(2)})


def test_checkpoint_keeps_array_params(model, tmp_path):
    m = model("arrays")
    W = np.full((2, 3), 0.25, np.float32)
    with m.simulator(threads=1, out_dir=tmp_path / "a") as sim:
        sim.params["W"] = W
        sim.run(2)
        sim.checkpoint(tmp_path / "c.ckpt")
    with m.resume(tmp_path / "c.ckpt", threads=1, out_dir=tmp_path / "b") as sim:
        np.testing.assert_array_equal(sim.params["W"], W)


def test_attention_weights_are_params(model):
    with model("long_range_attention").simulator(threads=1) as sim:
        names = [n for n in sim.params.keys() if n.startswith("attend0/")]
        assert "attend0/Wq" in names and "attend0/bo" in names
        wq = sim.params["attend0/Wq"]
        assert wq.ndim == 2 and wq.shape[0] == wq.shape[1]
        sim.params["attend0/Wq"] = np.zeros_like(wq)
        assert not sim.params["attend0/Wq"].any()


def test_evolve_finds_a_known_optimum(model, tmp_path):
    # Fitness is highest when W @ x + b hits a target: CMA-ES must approach it,
    # and the same seed must give the same search.
    target = np.array([0.3, -0.2], np.float32)

    def fitness(sim):
        sim.run(1)
        h = sim.get("cells", "h").reshape(2, 2)[0]
        return -float(np.sum((h - target) ** 2))

    runs = [ndpc.evolve(model("arrays"), ["W", "b"], fitness, generations=25, sigma=0.3, seed=3, workers=2,
                        out=tmp_path / f"best{i}.npz", log=None) for i in range(2)]
    assert runs[0].fitness > -1e-3
    assert runs[0].fitness == runs[1].fitness
    assert [h["best"] for h in runs[0].history] == [h["best"] for h in runs[1].history]
    best = np.load(tmp_path / "best0.npz")
    assert sorted(best.files) == ["W", "b"] and best["W"].shape == (2, 3)


def test_evolve_stops_at_target(model):
    def fitness(sim):
        sim.run(1)
        return -float(np.sum(sim.get("cells", "h") ** 2))

    full = ndpc.evolve(model("arrays"), ["W", "b"], fitness, generations=25, sigma=0.3, seed=3, workers=1, log=None)
    # A target the full search reaches: the stopped search ends at the first
    # generation whose best reaches it, with the same history up to there.
    best = [h["best"] for h in full.history]
    target = best[len(best) // 2]
    first = next(g for g, h in enumerate(full.history) if h["best_ever"] >= target)
    stopped = ndpc.evolve(model("arrays"), ["W", "b"], fitness, generations=25, sigma=0.3, seed=3, workers=1,
                          log=None, target=target)
    assert len(stopped.history) == first + 1 < len(full.history)
    assert [h["best"] for h in stopped.history] == best[:first + 1]
    assert stopped.fitness >= target


def test_evolve_sep_cma_for_large_genomes(model):
    # sep-CMA-ES (diagonal covariance) finds the same optimum; "auto" keeps the
    # full CMA-ES for a genome this small.
    target = np.array([0.3, -0.2], np.float32)

    def fitness(sim):
        sim.run(1)
        h = sim.get("cells", "h").reshape(2, 2)[0]
        return -float(np.sum((h - target) ** 2))

    sep = ndpc.evolve(model("arrays"), ["W", "b"], fitness, generations=40, sigma=0.3, seed=3, workers=1,
                      log=None, method="sep")
    auto = ndpc.evolve(model("arrays"), ["W", "b"], fitness, generations=1, sigma=0.3, seed=3, workers=1, log=None)
    assert sep.method == "sep" and auto.method == "cma"
    assert sep.fitness > -1e-3
    with pytest.raises(ndpc.BadValue, match="'cma', 'sep' or 'auto'"):
        ndpc.evolve(model("arrays"), ["W"], fitness, generations=1, method="cmaes", log=None)
