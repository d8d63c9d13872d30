"""Model and Simulator: one compiled model, and runs of it driven from Python."""
import json
import os
import tempfile
import threading
import time

import numpy as np

from . import _ndpc
from ._compile import compile_library
from ._errors import BadValue

_LOADED = {}
_LOADED_LOCK = threading.Lock()


def _library(path):
    with _LOADED_LOCK:
        if path not in _LOADED:
            _LOADED[path] = _ndpc.Library(path)
        return _LOADED[path]


def compile(path, include=(), opt=3, target="cpu", cache=True):
    """Compiles the model file `path` (or takes it from the cache) and loads it.

    include: folders for `import` (ndpc's -I); opt: 0-3; target: "cpu" or "gpu".
    Raises CompileError(file, line, col, message)."""
    return Model(path, compile_library(path, include=include, opt=opt, target=target, cache=cache))


class Model:
    """A compiled model: makes simulators, any number, in this process."""

    def __init__(self, path, library):
        self.path, self.library = path, library
        self._lib = _library(library)

    def __repr__(self):
        return f"<ndpc.Model {self.path!r}>"

    def simulator(self, seed=None, threads=0, params=None, out_dir=".", steps=None, device="cpu", data_dir=None):
        """A new run of the model, before its first step.

        seed, steps: override the run block's; params: {name: value} applied before the
        initial values are drawn; out_dir: where the run block's files go; data_dir: where
        the files it reads are (feed, load, from; default out_dir); threads: OpenMP
        threads (0: all); device: "cpu" or "gpu" (a model compiled with target="gpu")."""
        return Simulator(self, *_arguments(seed, threads, params, out_dir, steps, device, data_dir))

    def resume(self, checkpoint, threads=0, params=None, out_dir=".", steps=None, device="cpu", seed=None,
               data_dir=None):
        """A run continued from a checkpoint (bit-identical to one never stopped):
        the checkpoint's seed and step; recordings continue those in out_dir."""
        args, arrays = _arguments(seed, threads, params, out_dir, steps, device, data_dir)
        return Simulator(self, args + ["--resume", os.fspath(checkpoint)], arrays)


def _arguments(seed, threads, params, out_dir, steps, device, data_dir):
    args = ["--quiet", "--out-dir", os.fspath(out_dir), "--device", str(device)]
    if data_dir is not None:
        args += ["--data-dir", os.fspath(data_dir)]
    if seed is not None:
        args += ["--seed", str(_integer("seed", seed))]
    if threads:
        args += ["--threads", str(_integer("threads", threads))]
    if steps is not None:
        args += ["--steps", str(_integer("steps", steps))]
    arrays = {}
    for name, value in (params or {}).items():
        if isinstance(value, (np.ndarray, list, tuple)):
            arrays[str(name)] = np.ascontiguousarray(value, dtype=np.float32)
        else:
            args += ["--param", f"{name}={_param_text(name, value)}"]
    return args, arrays


def _integer(what, value):
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, np.integer)):
        raise BadValue(f"{what} must be an integer, not {value!r}")
    return int(value)


def _param_text(name, value):
    if isinstance(value, (bool, np.bool_)):
        return "true" if value else "false"
    if isinstance(value, (int, np.integer)):
        return str(int(value))
    if isinstance(value, (float, np.floating)):
        return repr(float(value))  # exact: the runtime reads the same double back
    raise BadValue(f"param '{name}' takes a number, not {value!r}")


def _create(lib, args, arrays):
    """The native simulator; array params go in through a --param-file that
    lives only while the run reads its initial values."""
    if not arrays:
        return _ndpc.Sim(lib, args)
    fd, path = tempfile.mkstemp(prefix="ndpc-params-", suffix=".npz")
    try:
        with os.fdopen(fd, "wb") as f:
            np.savez(f, **arrays)
        return _ndpc.Sim(lib, args + ["--param-file", path])
    finally:
        os.unlink(path)


class Params:
    """A simulator's params by name: read and set between steps (a change takes
    effect at the next step). Vector and matrix params, and attend<k>/NAME (an
    attend block's weights), are NumPy float32 arrays of their shape. Unknown
    names raise KeyError (ndpc.UnknownName)."""

    def __init__(self, sim, specs, arrays):
        self._sim, self._types = sim, {p["name"]: p["type"] for p in specs}
        self._shapes = {a["name"]: tuple(a["shape"]) for a in arrays}
        for name in self._shapes:
            self._types[name] = "f32"

    def __getitem__(self, name):
        if name in self._shapes:
            return self._sim._native().get_param_array(str(name)).reshape(self._shapes[name])
        value = self._sim._native().get_param(str(name))
        kind = self._types.get(name)
        return bool(value) if kind == "bool" else int(value) if kind == "i32" else value

    def __setitem__(self, name, value):
        if name in self._shapes:
            a = np.asarray(value, dtype=np.float32)
            if a.shape != self._shapes[name]:
                raise BadValue(f"param '{name}' has shape {self._shapes[name]}, not {a.shape}")
            self._sim._native().set_param_array(str(name), np.ascontiguousarray(a).ravel())
            return
        if isinstance(value, (bool, np.bool_)):
            value = 1.0 if value else 0.0
        elif not isinstance(value, (int, float, np.integer, np.floating)):
            raise BadValue(f"param '{name}' takes a number, not {value!r}")
        self._sim._native().set_param(str(name), float(value))

    def __contains__(self, name):
        return name in self._types

    def __iter__(self):
        return iter(self._types)

    def __len__(self):
        return len(self._types)

    def keys(self):
        return list(self._types)

    def items(self):
        return [(k, self[k]) for k in self._types]

    def __repr__(self):
        return repr(dict(self.items()))


class Simulator:
    """One run of a compiled model. Steps run in the order of language.md
    section 5; between calls the run stands after `step` steps."""

    def __init__(self, model, args, arrays=None):
        self.model = model
        self._sim = _create(model._lib, args, arrays)
        info = json.loads(self._sim.info())
        self._info = info
        self.steps = info["steps"]
        self.seed = info["seed"]
        self._widths = {(p["name"], v["name"]): v["width"] for p in info["populations"] for v in p["values"]}
        self._pops = [p["name"] for p in info["populations"]]
        self.params = Params(self, info["params"], info["array_params"])
        self._finished = None
        self._cancel = None  # a threading.Event that stops run() between chunks (run_many)

    def __repr__(self):
        return f"<ndpc.Simulator of {self.model.path!r} at step {self.step} of {self.steps}>"

    def _native(self):
        if self._sim is None:
            raise BadValue("this simulator is closed")
        return self._sim

    @property
    def step(self):
        """The number of steps done."""
        return self._native().step()

    @property
    def populations(self):
        return list(self._pops)

    def info(self):
        """The model and the run as a dict (populations and their values, projections, params)."""
        return json.loads(self._native().info())

    def run(self, steps=None):
        """Runs `steps` more steps (default: to the run's end). Releases the GIL while
        it runs; Ctrl-C stops it between two steps (KeyboardInterrupt), with the
        simulator intact after the last whole step."""
        sim = self._native()
        left = self.steps - sim.step()
        if steps is None:
            steps = left
        steps = _integer("steps", steps)
        if steps < 0:
            raise BadValue(f"run() takes a number of steps >= 0, not {steps}")
        if steps > left:
            raise BadValue(f"the run has {self.steps} steps and {self.steps - left} are done, so {steps} more "
                           f"cannot run; give simulator(steps=...) a larger total")
        if steps == 1 and self._cancel is None:
            sim.run(1)
        else:
            # In slices of about 20-100 ms: between them, Python handles Ctrl-C
            # (and run_many its cancellation).
            chunk, done = 1, 0
            while done < steps:
                if self._cancel is not None and self._cancel.is_set():
                    raise KeyboardInterrupt
                k = min(chunk, steps - done)
                t0 = time.perf_counter()
                sim.run(k)
                dt = time.perf_counter() - t0
                done += k
                if dt < 0.02:
                    chunk *= 2
                elif dt > 0.1 and chunk > 1:
                    chunk //= 2
        if sim.step() == self.steps and self._finished is None:
            # The run's end, as the program's: its recordings are written.
            self._finished = sim.finish()
        return self

    def get(self, population, name):
        """A copy of a neuron value as float32: [n] or [n, d] for an f32[d] state.
        Any state, out, input, channel, `importance` or `spiked`, in neuron order
        (ids: neurons(population)["id"])."""
        flat = self._native().get(population, name)
        width = self._widths.get((population, name), 1)
        return flat.reshape(-1, width) if width > 1 else flat

    def set(self, population, name, values):
        """Sets a state or an input (not one the run block feeds) of every neuron:
        an array of shape [n] (or [n, d]), any real dtype; from the next step on."""
        sim = self._native()
        if (population, name) not in self._widths:
            sim.get(population, name)  # raises the runtime's UnknownName with the names it has
        a = np.asarray(values)
        if a.dtype.kind not in "biuf":
            raise TypeError(f"{population}.{name} takes real numbers; got an array of dtype {a.dtype}")
        width = self._widths[(population, name)]
        # The neuron count is checked by the runtime (its message says it);
        # here the rest of the shape.
        if (width == 1 and a.ndim != 1) or (width > 1 and (a.ndim != 2 or a.shape[1] != width)):
            want = "[n]" if width == 1 else f"[n, {width}]"
            raise BadValue(f"{population}.{name} takes an array of shape {want} (n neurons), not {a.shape}")
        sim.set(population, name, np.ascontiguousarray(a, dtype=np.float32).reshape(-1))

    def neurons(self, population):
        """The neurons of a population in neuron order: dict of int64 arrays
        id (stable), parent (-1: none), born (step; -1: at the start) and root
        (the id of its lineage's first neuron)."""
        return dict(self._native().arrays("neurons", population))

    def graph(self, projection):
        """The synapses of a projection (its name, as in snapshots, or a synapse type
        that one projection uses), in edge order: dict of arrays pre, post (stable
        neuron ids), par (parallel number) and every synapse state."""
        return dict(self._native().arrays("synapses", projection))

    def report(self):
        """The report's values now: {label: number}, None for an accuracy with no
        counted step yet; "steps" and "seed" too."""
        values = json.loads(self._native().report())
        return {"steps": self.step, "seed": self.seed, **values}

    def snapshot(self, folder):
        """Writes the graph snapshot of this step to folder/snapshot_<step>.npz; returns its path."""
        self._native().snapshot(os.fspath(folder))
        return os.path.join(os.fspath(folder), f"snapshot_{self.step:08d}.npz")

    def checkpoint(self, path):
        """Writes a checkpoint (atomically, recordings first); Model.resume continues it."""
        self._native().checkpoint(os.fspath(path))

    def close(self):
        """Ends the run: writes the recordings as they stand (at the run's end they
        were written already) and frees the simulator. Returns the report's text."""
        if self._sim is None:
            return self._finished
        try:
            if self._finished is None:
                self._finished = self._sim.finish()
        finally:
            self._sim.close()
            self._sim = None
        return self._finished

    def _discard(self):
        """Frees the simulator without writing anything (a run that never started)."""
        if self._sim is not None:
            self._sim.close()
            self._sim = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def __del__(self):
        if getattr(self, "_sim", None) is not None:
            try:
                self.close()
            except Exception:  # an interpreter shutting down; the error was the run's to report
                pass
