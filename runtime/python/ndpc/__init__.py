"""ndpc from Python: compile a .ndp model, run it step by step, read and change
its values, params and graph as NumPy arrays, checkpoint and resume it, and
run many variants in parallel. docs/python.md is the guide.

    import ndpc
    m = ndpc.compile("model.ndp")
    sim = m.simulator(seed=7, params={"eta": 0.02}, out_dir="run")
    sim.run(100)
    v = sim.get("cortex", "v")
"""
from ._compile import cache_dir, ndpc_path
from ._errors import BadValue, CompileError, Error, RunError, UnknownName
from ._evolve import EvolveResult, evolve
from ._many import run_many
from ._records import synapse_records
from ._simulator import Model, Params, Simulator, compile

__all__ = ["compile", "run_many", "evolve", "EvolveResult", "Model", "Simulator", "Params", "Error", "CompileError", "RunError",
           "UnknownName", "BadValue", "cache_dir", "ndpc_path", "synapse_records"]
