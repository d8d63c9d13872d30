"""What Python reads equals, bit for bit, what the compiled program records:
for each model, a program run writes its recording, and a simulator run from
Python reads the same value with get() after every recorded step. The
simulator's own files and report equal the program's too."""
import os
import subprocess

import numpy as np
import pytest

import ndpc

# (model, population, value, every, recording file, steps)
CASES = [
    ("hebbian_assoc", "cortex", "y", 10, "recall.npy", 600),
    ("spiking_ei", "excitatory", "spiked", 1, "exc_spikes.npy", 300),
    ("spiking_ei", "inhibitory", "v", 10, "inh_v.npy", 300),
    ("ndp_growth", "brain", "importance", 25, "importance.npy", 500),
    ("long_range_attention", "cortex", "emb", 100, "emb.npy", 400),
]


def bits(a):
    return np.ascontiguousarray(a, dtype=np.float32).view(np.uint32)


@pytest.mark.parametrize("name,pop,value,every,file,steps", CASES)
def test_python_reads_equal_the_recording(name, pop, value, every, file, steps, model, program, tmp_path):
    prog_dir, sim_dir = tmp_path / "program", tmp_path / "python"
    out = subprocess.run([program(name), "--out-dir", str(prog_dir), "--steps", str(steps), "--quiet"],
                         check=True, capture_output=True, text=True)
    recorded = np.load(prog_dir / file)

    sim = model(name).simulator(out_dir=sim_dir, steps=steps)
    rows = []
    for _ in range(steps // every):
        sim.run(every)
        rows.append((sim.neurons(pop)["id"], sim.get(pop, value)))
    # A recording's columns are stable ids, up to the largest count so far; NaN
    # where a neuron did not exist yet.
    read = np.full(recorded.shape, np.nan, dtype=np.float32)
    for r, (ids, values) in enumerate(rows):
        read[r, ids] = values
    assert read.shape == recorded.shape
    assert np.array_equal(bits(read), bits(recorded))

    report = sim.close()
    assert report == out.stdout
    for f in sorted(os.listdir(prog_dir)):
        if f.endswith(".npy"):
            assert (prog_dir / f).read_bytes() == (sim_dir / f).read_bytes(), f


def test_synapse_recording_equals_the_graph(model, tmp_path):
    """`record Plastic.w every 500` (growing_cortex) holds, record by record, the
    graph that sim.graph() shows at that step: pairs, parallel numbers and
    weights, through growth and pruning."""
    sim = model("growing_cortex").simulator(out_dir=tmp_path, steps=1000)
    graphs = []
    for _ in range(2):
        sim.run(500)
        graphs.append({name: sim.graph(name) for name in ("p0_sensors_cortex", "p1_cortex_cortex")})
    sim.close()
    records = ndpc.synapse_records(tmp_path / "weights.npz")
    assert [r["step"] for r in records] == [499, 999]
    for rec, graph in zip(records, graphs):
        assert rec["projections"] == ["p0_sensors_cortex", "p1_cortex_cortex"]
        for k, name in enumerate(rec["projections"]):
            sel = rec["projection"] == k
            g = graph[name]
            assert sel.sum() == len(g["pre"]) > 0
            for key in ("pre", "post", "par"):
                assert np.array_equal(rec[key][sel], g[key]), (name, key)
            assert np.array_equal(bits(rec["values"][sel]), bits(g["w"])), name
    assert len(records[1]["pre"]) != len(records[0]["pre"]), "growth and pruning should change the synapses"
