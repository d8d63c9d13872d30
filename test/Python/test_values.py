"""get, set and params against values a test computes by hand (Inputs/counter.ndp:
v += rate (when active) + x each step, y = 2 v, k += stride)."""
import numpy as np
import pytest

import ndpc


@pytest.fixture
def sim(model):
    with model("counter").simulator(threads=1) as s:
        yield s


def test_values_follow_the_steps_and_params(sim):
    assert sim.step == 0 and sim.steps == 100
    sim.run(5)
    assert sim.step == 5
    v = sim.get("a", "v")
    assert v.dtype == np.float32 and v.shape == (4,)
    np.testing.assert_array_equal(v, np.full(4, 5.0, np.float32))
    np.testing.assert_array_equal(sim.get("a", "y"), 2 * v)
    np.testing.assert_array_equal(sim.get("a", "k"), np.full(4, 10.0, np.float32))
    # A param changes from the next step on.
    assert sim.params["rate"] == 1.0
    sim.params["rate"] = 0.25
    assert sim.params["rate"] == 0.25
    sim.run(4)
    np.testing.assert_array_equal(sim.get("a", "v"), np.full(4, 6.0, np.float32))
    sim.params["active"] = False
    assert sim.params["active"] is False
    sim.params["stride"] = 5
    assert sim.params["stride"] == 5 and isinstance(sim.params["stride"], int)
    sim.run(2)
    np.testing.assert_array_equal(sim.get("a", "v"), np.full(4, 6.0, np.float32))
    np.testing.assert_array_equal(sim.get("a", "k"), np.full(4, 28.0, np.float32))
    assert sorted(sim.params) == ["active", "rate", "stride"]


def test_set_inputs_and_states(sim):
    x = np.array([1, 2, 3, 4], dtype=np.int64)  # any real dtype
    sim.set("a", "x", x)
    sim.run(1)
    np.testing.assert_array_equal(sim.get("a", "v"), 1.0 + x)
    np.testing.assert_array_equal(sim.get("a", "x"), x)  # an input keeps its value
    sim.set("a", "v", np.zeros(4))
    sim.run(1)
    np.testing.assert_array_equal(sim.get("a", "v"), 1.0 + x)
    e = np.arange(12, dtype=np.float64).reshape(4, 3) / 8
    sim.set("a", "e", e)
    got = sim.get("a", "e")
    assert got.shape == (4, 3) and got.dtype == np.float32
    np.testing.assert_array_equal(got, e.astype(np.float32))
    sim.set("a", "k", np.array([7, 8, 9, 10]))
    np.testing.assert_array_equal(sim.get("a", "k"), [7, 8, 9, 10])


def test_params_at_creation_apply_before_the_first_step(model):
    with model("counter").simulator(params={"rate": 0.5, "active": True, "stride": 3}) as s:
        s.run(4)
        np.testing.assert_array_equal(s.get("a", "v"), np.full(4, 2.0, np.float32))
        np.testing.assert_array_equal(s.get("a", "k"), np.full(4, 12.0, np.float32))


def test_run_to_the_end_and_the_report(model):
    with model("counter").simulator(steps=30) as s:
        s.run()
        assert s.step == 30
        with pytest.raises(ndpc.BadValue, match="30 steps and 30 are done"):
            s.run(1)
        assert s.report() == {"steps": 30, "seed": s.seed}


def test_simulators_are_independent(model):
    a, b = model("counter").simulator(), model("counter").simulator(params={"rate": 2.0})
    other = model("hebbian_assoc").simulator(steps=50)
    for _ in range(3):
        a.run(1)
        b.run(2)
        other.run(10)
    np.testing.assert_array_equal(a.get("a", "v"), np.full(4, 3.0, np.float32))
    np.testing.assert_array_equal(b.get("a", "v"), np.full(4, 12.0, np.float32))
    assert other.step == 30
    for s in (a, b, other):
        s.close()


def test_data_dir_is_where_input_files_are(model, tmp_path):
    # memory_capacity feeds from cues.npy and targets.npy: one copy serves many runs.
    data = tmp_path / "data"
    data.mkdir()
    cues = np.random.default_rng(0).choice([-1.0, 1.0], size=(129, 256)).astype(np.float32)
    np.save(data / "cues.npy", cues)
    np.save(data / "targets.npy", cues)
    runs = ndpc.run_many(model("memory_capacity"), [dict(seed=s, out_dir=tmp_path / str(s), data_dir=data)
                                                    for s in range(2)])
    assert len(runs) == 2 and all((tmp_path / str(s) / "recall.npy").exists() for s in range(2))
    assert not (data / "recall.npy").exists()
