"""run_many: parallel runs give what the same runs give one after another."""
import pytest

import ndpc


def test_run_many_equals_sequential_runs(model, tmp_path):
    m = model("hebbian_assoc")
    configs = [dict(seed=s, params={"eta": eta}, out_dir=tmp_path / f"{s}-{eta}")
               for s in (1, 2) for eta in (0.001, 0.002)]
    parallel = ndpc.run_many(m, configs, steps=500, workers=2)
    sequential = []
    for c in configs:
        with m.simulator(steps=500, threads=1, **dict(c, out_dir=tmp_path / "sequential")) as sim:
            sim.run()
            sequential.append(sim.report())
    assert parallel == sequential
    assert [r["seed"] for r in parallel] == [1, 1, 2, 2]
    assert len({r["accuracy(cortex.y, cortex.target)"] for r in parallel}) > 1


def test_run_many_result_function_and_folders(model, tmp_path):
    m = model("ndp_growth")
    # ndp_growth records and snapshots: one folder per run.
    configs = [dict(seed=s, out_dir=tmp_path / str(s)) for s in range(3)]
    sizes = ndpc.run_many(m, configs, steps=100, workers=2, result=lambda sim: len(sim.neurons("brain")["id"]))
    assert len(sizes) == 3 and all(n > 1 for n in sizes)
    assert all((tmp_path / str(s) / "importance.npy").exists() for s in range(3))
    with pytest.raises(ndpc.BadValue, match="give each config its own out_dir"):
        ndpc.run_many(m, [dict(seed=1, out_dir=tmp_path / "x"), dict(seed=2, out_dir=tmp_path / "x")], steps=10)
    assert not (tmp_path / "x" / "importance.npy").exists()  # refused before any run, nothing written
    with pytest.raises(ndpc.BadValue, match="unknown keys"):
        ndpc.run_many(m, [dict(sed=1)])
    assert ndpc.run_many(m, []) == []
