"""checkpoint() and Model.resume(): a run stopped and resumed leaves the same
values, graph, files and report as one that never stopped, also after a
param was changed from Python before the checkpoint."""
import numpy as np


def state(sim, pop, names):
    return {n: sim.get(pop, n).tobytes() for n in names}


def test_resume_is_bit_identical(model, tmp_path):
    m = model("growing_cortex")
    whole = m.simulator(out_dir=tmp_path / "whole", steps=600)
    whole.run(300)
    whole.params["eta"] = 0.003
    whole.run(300)

    first = m.simulator(out_dir=tmp_path / "resumed", steps=600)
    first.run(300)
    first.params["eta"] = 0.003
    first.checkpoint(tmp_path / "mid.ckpt")
    first.run(50)  # steps after the checkpoint are thrown away
    first.close()

    second = m.resume(tmp_path / "mid.ckpt", out_dir=tmp_path / "resumed", steps=600)
    assert second.step == 300 and second.seed == whole.seed
    assert second.params["eta"] == np.float64(0.003)
    second.run(300)
    for pop in ("cortex", "seedling"):
        assert state(second, pop, ["v", "y", "importance"]) == state(whole, pop, ["v", "y", "importance"])
        np.testing.assert_array_equal(second.neurons(pop)["id"], whole.neurons(pop)["id"])
    for proj in whole.info()["projections"]:
        a, b = whole.graph(proj["name"]), second.graph(proj["name"])
        assert a.keys() == b.keys()
        for k in a:
            assert a[k].tobytes() == b[k].tobytes(), (proj["name"], k)
    assert second.close() == whole.close()
    assert (tmp_path / "whole" / "importance.npy").read_bytes() == \
        (tmp_path / "resumed" / "importance.npy").read_bytes()
