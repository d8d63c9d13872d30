"""run_many: independent runs of one model in parallel, one per worker thread
(each run releases the GIL while it steps)."""
import os
import threading
from concurrent.futures import ThreadPoolExecutor

from ._errors import BadValue

_KEYS = {"seed", "params", "out_dir", "data_dir", "steps", "threads", "device"}


def run_many(model, configs, steps=None, workers=2, result=None):
    """Runs one simulation per config, `workers` at a time, and returns what each
    gave, in the configs' order: its report (a dict), or result(sim) when given
    (called after the run, before the simulator closes).

    configs: dicts with any of seed, params, out_dir, data_dir, steps, threads (default 1);
    steps: for configs that do not say (default: the run block's). A model that
    writes files needs a different out_dir per config. Ctrl-C stops every run
    between two steps and raises KeyboardInterrupt."""
    configs = [dict(c) for c in configs]
    for i, c in enumerate(configs):
        unknown = set(c) - _KEYS
        if unknown:
            raise BadValue(f"config {i} has unknown keys {sorted(unknown)}; a config takes {sorted(_KEYS)}")
        c.setdefault("threads", 1)
        if steps is not None:
            c.setdefault("steps", steps)
    workers = max(1, int(workers))
    cancel = threading.Event()

    def one(config, sim=None):
        try:
            sim = sim or model.simulator(**config)
            sim._cancel = cancel
            sim.run()
            return result(sim) if result else sim.report()
        finally:
            if sim is not None:
                sim.close()

    if not configs:
        return []
    # The first run is made here: it says whether the model writes files, and
    # runs that do must not share a folder (each would refuse the other's lock).
    first = model.simulator(**configs[0])
    try:
        if first.info()["writes_files"]:
            _check_folders(configs)
    except BaseException:
        first._discard()
        raise
    pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="ndpc")
    futures = [pool.submit(one, configs[0], first)] + [pool.submit(one, c) for c in configs[1:]]
    try:
        return [f.result() for f in futures]
    except BaseException:
        cancel.set()
        raise
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _check_folders(configs):
    seen = {}
    for i, c in enumerate(configs):
        folder = os.path.realpath(os.fspath(c.get("out_dir", ".")))
        if folder in seen:
            raise BadValue(f"configs {seen[folder]} and {i} would both write into '{folder}': this model's run "
                           f"block writes files, so give each config its own out_dir")
        seen[folder] = i
