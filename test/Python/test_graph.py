"""graph() and neurons() equal the snapshot of the same step, and a snapshot
asked for from Python equals the run block's, byte for byte."""
import numpy as np


def test_graph_arrays_equal_the_snapshot(model, tmp_path):
    # ndp_growth grows from one neuron and snapshots every 25 steps.
    sim = model("ndp_growth").simulator(out_dir=tmp_path / "run", steps=100)
    sim.run(100)
    snap = np.load(tmp_path / "run" / "growth" / "snapshot_00000100.npz")
    neurons = sim.neurons("brain")
    assert len(neurons["id"]) > 1
    for key in ("id", "parent", "born"):
        np.testing.assert_array_equal(neurons[key], snap[f"brain/{key}"])
    meta = snap["meta"].tobytes().decode()
    proj = sim.info()["projections"][0]["name"]
    assert proj in meta
    graph = sim.graph(proj)
    assert set(graph) == {"pre", "post", "par", "w", "provenance/origin", "provenance/born"}
    # Grown from one neuron: every synapse was made by a division, at a step a
    # neuron it joins was born in.
    born = dict(zip(neurons["id"], neurons["born"]))
    assert np.all(graph["provenance/origin"] == 1)
    for pre, post, step in zip(graph["pre"], graph["post"], graph["provenance/born"]):
        assert step == max(born[pre], born[post]) >= 0
    for key, values in graph.items():
        assert values.dtype == snap[f"{proj}/{key}"].dtype
        np.testing.assert_array_equal(values, snap[f"{proj}/{key}"])
    # The synapse type's name finds its one projection too.
    synapse = sim.info()["projections"][0]["synapse"]
    np.testing.assert_array_equal(sim.graph(synapse)["w"], graph["w"])
    path = sim.snapshot(tmp_path / "mine")
    assert path.endswith("snapshot_00000100.npz")
    assert open(path, "rb").read() == (tmp_path / "run" / "growth" / "snapshot_00000100.npz").read_bytes()
    sim.close()


def test_snapshot_refuses_a_value_named_like_its_own_keys(tmp_path):
    """A model without a run-block snapshot may name a state 'id'; a snapshot asked
    for from Python would then write two 'p/id' entries, so it is refused."""
    import ndpc
    src = tmp_path / "keys.ndp"
    src.write_text("model keys;\nneuron N { state id = 1.0; out y = id; on step { id = id + 1.0; } }\n"
                   "population p: N[3];\nrun { steps 2; }\n")
    with ndpc.compile(str(src)).simulator(out_dir=tmp_path / "run") as sim:
        sim.run(2)
        try:
            sim.snapshot(tmp_path / "snap")
        except ndpc.BadValue as e:
            assert "would share the key 'p/id' with the neurons' stable ids" in str(e)
        else:
            raise AssertionError("the snapshot was written")
        assert list(sim.get("p", "id")) == [3.0, 3.0, 3.0]  # the simulator still works
