"""Fixtures of the Python module's tests: the models they compile (through
ndpc.compile, into the cache the lit test gives in $NDPC_CACHE_DIR) and the
same models compiled as programs, for comparing a program's files with what
Python reads."""
import os
import subprocess

import pytest

import ndpc

HERE = os.path.dirname(os.path.abspath(__file__))
EXAMPLES = os.path.join(HERE, "..", "..", "examples")
INPUTS = os.path.join(HERE, "Inputs")


def model_path(name):
    """An example (examples/NAME.ndp) or a test input (Inputs/NAME.ndp)."""
    for folder in (INPUTS, EXAMPLES):
        path = os.path.join(folder, name + ".ndp")
        if os.path.exists(path):
            return os.path.abspath(path)
    raise FileNotFoundError(name)


_models = {}


@pytest.fixture(scope="session")
def model():
    def get(name):
        if name not in _models:
            _models[name] = ndpc.compile(model_path(name))
        return _models[name]
    return get


@pytest.fixture(scope="session")
def program(tmp_path_factory):
    """The compiled program of a model (ndpc compile, as a user runs it)."""
    made = {}
    folder = tmp_path_factory.mktemp("programs")

    def get(name):
        if name not in made:
            out = str(folder / name)
            subprocess.run([ndpc.ndpc_path(), "compile", model_path(name), "-o", out], check=True)
            made[name] = out
        return made[name]
    return get
