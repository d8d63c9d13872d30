"""Every bad call raises an ndpc exception with the runtime's message, and
the interpreter (and the simulator, where it can) goes on. Run as a script,
this file prints the table of calls, exceptions and messages (docs/python.md)."""
import os
import signal
import sys
import threading
import time

import numpy as np
import pytest

import ndpc

HERE = os.path.dirname(os.path.abspath(__file__))


def counter_sim(model):
    return model("counter").simulator()


# (what is tried, the call on a fresh counter simulator, the exception, a part of its message)
CASES = [
    ("unknown population", lambda s: s.get("b", "v"), ndpc.UnknownName, "no population 'b'; the populations are: a"),
    ("unknown value", lambda s: s.get("a", "w"), ndpc.UnknownName,
     "population 'a' has no value 'w'; its values are: v, e, k, y, x, in, importance, spiked"),
    ("unknown value in set", lambda s: s.set("a", "w", np.zeros(4)), ndpc.UnknownName, "has no value 'w'"),
    ("wrong neuron count", lambda s: s.set("a", "v", np.zeros(5)), ndpc.BadValue,
     "'v' of population 'a' takes 4 values (4 neurons), not 5"),
    ("wrong shape for a vector state", lambda s: s.set("a", "e", np.zeros((3, 4))), ndpc.BadValue,
     "a.e takes an array of shape [n, 3] (n neurons), not (3, 4)"),
    ("wrong dtype", lambda s: s.set("a", "v", np.zeros(4, complex)), TypeError,
     "a.v takes real numbers; got an array of dtype complex128"),
    ("an out", lambda s: s.set("a", "y", np.zeros(4)), ndpc.BadValue,
     "'y' of population 'a' is an out, computed from the state at every step; set a state or an input"),
    ("a non-integer i32 state", lambda s: s.set("a", "k", np.full(4, 0.5)), ndpc.BadValue,
     "'k' of population 'a' is i32: an i32 value must be an integer (neuron 0 has 0.5)"),
    ("unknown param", lambda s: s.params.__setitem__("rat", 1), ndpc.UnknownName,
     "unknown param 'rat' (did you mean 'rate'?); the params are: rate, active, stride"),
    ("unknown param read", lambda s: s.params["rat"], KeyError, "unknown param 'rat'"),
    ("param out of its type's range", lambda s: s.params.__setitem__("rate", 1e39), ndpc.BadValue,
     "param 'rate' is an f32; give a number of magnitude at most 3.40282e+38"),
    ("NaN param", lambda s: s.params.__setitem__("rate", float("nan")), ndpc.BadValue,
     "param 'rate' is not a number"),
    ("non-integer i32 param", lambda s: s.params.__setitem__("stride", 2.5), ndpc.BadValue,
     "param 'stride' is an i32; give an integer"),
    ("bool param not 0 or 1", lambda s: s.params.__setitem__("active", 2), ndpc.BadValue,
     "param 'active' is a bool; give true or false (1 or 0)"),
    ("param given a string", lambda s: s.params.__setitem__("rate", "fast"), ndpc.BadValue,
     "param 'rate' takes a number, not 'fast'"),
    ("unknown projection", lambda s: s.graph("Hebb"), ndpc.UnknownName,
     "no projection or synapse type 'Hebb'; the projections are: none"),
    ("unknown population in neurons()", lambda s: s.neurons("b"), ndpc.UnknownName, "no population 'b'"),
    ("more steps than the run has", lambda s: s.run(101), ndpc.BadValue,
     "the run has 100 steps and 0 are done, so 101 more cannot run"),
    ("negative steps", lambda s: s.run(-1), ndpc.BadValue, "run() takes a number of steps >= 0, not -1"),
    ("checkpoint into a missing folder", lambda s: s.checkpoint("/nonexistent/c.ckpt"), ndpc.RunError,
     "/nonexistent/c.ckpt"),
]

MAKE_CASES = [
    ("unknown param at creation", dict(params={"rat": 1}), ndpc.UnknownName, "unknown param 'rat'"),
    ("bad param value at creation", dict(params={"stride": 1.5}), ndpc.BadValue,
     "--param stride=1.5: param 'stride' is an i32"),
    ("negative seed", dict(seed=-1), ndpc.BadValue, "--seed needs an integer from 0 to 9007199254740992"),
    ("seed not an integer", dict(seed=1.5), ndpc.BadValue, "seed must be an integer, not 1.5"),
    ("unknown device", dict(device="tpu"), ndpc.BadValue, "--device"),
]


@pytest.mark.parametrize("what,call,exc,message", CASES, ids=[c[0] for c in CASES])
def test_bad_call(model, what, call, exc, message):
    with counter_sim(model) as sim:
        with pytest.raises(exc) as e:
            call(sim)
        assert message in str(e.value)
        assert isinstance(e.value, (ndpc.Error, TypeError))
        sim.run(1)  # the simulator is unharmed
        assert sim.step == 1


@pytest.mark.parametrize("what,kwargs,exc,message", MAKE_CASES, ids=[c[0] for c in MAKE_CASES])
def test_bad_simulator(model, what, kwargs, exc, message):
    with pytest.raises(exc) as e:
        model("counter").simulator(**kwargs)
    assert message in str(e.value)


def test_resume_from_a_damaged_file(model, tmp_path):
    (tmp_path / "c.ckpt").write_bytes(b"NDPCKPT\0garbage")
    with pytest.raises(ndpc.RunError, match="c.ckpt"):
        model("counter").resume(tmp_path / "c.ckpt")


def test_a_fault_names_population_neuron_and_step(model):
    sim = model("blowup").simulator()
    with pytest.raises(ndpc.RunError) as e:
        sim.run(50)
    assert "an infinite value in state 'v' of population 'p', neuron 0, at step 12" in str(e.value)
    assert sim.step == 12
    assert np.isinf(sim.get("p", "v")).all()  # still readable
    with pytest.raises(ndpc.RunError, match="this run stopped at a fault"):
        sim.run(1)
    sim.close()


def test_ctrl_c_stops_between_steps_and_the_run_goes_on(model, tmp_path):
    # Python's own handler, also where the test runner started with SIGINT ignored.
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        sim = model("hebbian_assoc").simulator(steps=10**6, out_dir=tmp_path / "a", threads=1)
        timer = threading.Timer(0.3, os.kill, (os.getpid(), signal.SIGINT))
        timer.start()
        with pytest.raises(KeyboardInterrupt):
            sim.run()
        timer.join()
    finally:
        signal.signal(signal.SIGINT, previous)
    stopped = sim.step
    assert stopped > 0
    sim.run(7)
    assert stopped < 10**6
    with model("hebbian_assoc").simulator(steps=10**6, out_dir=tmp_path / "b", threads=1) as whole:
        whole.run(stopped + 7)
        assert whole.get("cortex", "v").tobytes() == sim.get("cortex", "v").tobytes()
        assert whole.graph("Hebb")["w"].tobytes() == sim.graph("Hebb")["w"].tobytes()
    sim.close()


def test_a_busy_simulator_says_so(model, tmp_path):
    sim = model("hebbian_assoc").simulator(steps=10**6, out_dir=tmp_path, threads=1)
    sim._cancel = threading.Event()
    failed = []
    worker = threading.Thread(target=lambda: failed.append(pytest.raises(KeyboardInterrupt, sim.run)))
    worker.start()
    time.sleep(0.2)
    with pytest.raises(ndpc.BadValue, match="busy in another thread"):
        sim.get("cortex", "v")
    sim._cancel.set()
    worker.join()
    assert failed and sim.step > 0
    sim.close()
    with pytest.raises(ndpc.BadValue, match="closed"):
        sim.get("cortex", "v")


if __name__ == "__main__":
    sys.path.insert(0, HERE)
    from conftest import model_path
    m = ndpc.compile(model_path("counter"))
    print("| call | exception | message |\n|---|---|---|")
    for what, call, exc, _ in CASES:
        with m.simulator() as sim:
            try:
                call(sim)
            except Exception as e:
                print(f"| {what} | {type(e).__name__} | {e} |")
    for what, kwargs, exc, _ in MAKE_CASES:
        try:
            m.simulator(**kwargs)
        except Exception as e:
            print(f"| {what}: simulator({', '.join(f'{k}={v!r}' for k, v in kwargs.items())}) | "
                  f"{type(e).__name__} | {e} |")
