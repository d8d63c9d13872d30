"""ndpc.compile: errors as CompileError with a location, and the cache of
compiled libraries (by the contents of the model and every file it imports)."""
import os

import pytest

import ndpc


def test_compile_error_has_a_location(tmp_path):
    bad = tmp_path / "bad.ndp"
    bad.write_text("model bad;\nneuron N { state v: f32 = nope; }\npopulation p: N[2];\nrun { steps 1; }\n")
    with pytest.raises(ndpc.CompileError) as e:
        ndpc.compile(bad)
    err = e.value
    assert (err.file, err.line, err.col) == (str(bad), 2, 27)
    assert err.message == "unknown name 'nope'"
    assert "^~~~" in str(err)  # ndpc's whole diagnostic, caret included
    assert not [f for f in os.listdir(tmp_path) if f != "bad.ndp"]
    with pytest.raises(ndpc.CompileError, match="no model file"):
        ndpc.compile(tmp_path / "missing.ndp")


def test_the_cache_follows_every_file_read(tmp_path, monkeypatch):
    lib = tmp_path / "lib.ndp"
    lib.write_text("param gain: f32 = 1.0;\n")
    src = tmp_path / "m.ndp"
    src.write_text('model m;\nimport "lib.ndp";\nneuron N { state v: f32 = 0.0; on step { v = v + gain; } }\n'
                   "population p: N[1];\nrun { steps 10; }\n")
    first = ndpc.compile(src)
    # A hit does not run the compiler at all.
    with monkeypatch.context() as patch:
        patch.setattr("ndpc._compile.subprocess.run", lambda *a, **k: pytest.fail("the compiler ran on a hit"))
        assert ndpc.compile(src).library == first.library
    lib.write_text("param gain: f32 = 3.0;\n")
    second = ndpc.compile(src)
    assert second.library != first.library
    with first.simulator() as a, second.simulator() as b:
        a.run(2)
        b.run(2)
        assert a.get("p", "v")[0] == 2.0 and b.get("p", "v")[0] == 6.0
