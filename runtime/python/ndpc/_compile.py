"""ndpc.compile: a model file to a loaded model library, through ndpc and a
cache of compiled libraries keyed by the contents of every file the model
reads (the model, its imports), the compiler and its options."""
import hashlib
import json
import os
import re
import subprocess
import tempfile

from . import _config
from ._errors import CompileError

_DIAGNOSTIC = re.compile(r"^(.*?):(\d+):(\d+): error: (.*)$", re.M)


def ndpc_path():
    """The ndpc that compiles models: $NDPC, or the one this module was built with."""
    return os.environ.get("NDPC") or _config.NDPC


def cache_dir():
    """$NDPC_CACHE_DIR, else $XDG_CACHE_HOME/ndpc, else ~/.cache/ndpc."""
    if os.environ.get("NDPC_CACHE_DIR"):
        return os.environ["NDPC_CACHE_DIR"]
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "ndpc")


def _file_hash(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _stamp(path):
    """What changes when a tool is rebuilt: its path, size and modification time."""
    try:
        st = os.stat(path)
        return f"{os.path.realpath(path)}:{st.st_size}:{st.st_mtime_ns}"
    except OSError:
        return f"{path}:missing"


def _read_depfile(path):
    """The prerequisites of a Make-syntax depfile (ndpc --depfile)."""
    with open(path, encoding="utf-8") as f:
        text = f.read().replace("\\\n", " ")
    _, _, deps = text.partition(": ")
    out, cur, i = [], "", 0
    while i < len(deps):
        c = deps[i]
        if c == "\\" and i + 1 < len(deps) and deps[i + 1] in " #":
            cur += deps[i + 1]
            i += 2
            continue
        if c == "$" and i + 1 < len(deps) and deps[i + 1] == "$":
            cur += "$"
            i += 2
            continue
        if c.isspace():
            if cur:
                out.append(cur)
            cur = ""
        else:
            cur += c
        i += 1
    if cur:
        out.append(cur)
    return out


def _cached_library(entry):
    """The library of a cache entry if every file it was compiled from is unchanged, else None."""
    try:
        with open(os.path.join(entry, "deps.json"), encoding="utf-8") as f:
            record = json.load(f)
        lib = os.path.join(entry, record["library"])
        if os.path.isfile(lib) and all(os.path.isfile(p) and _file_hash(p) == h for p, h in record["deps"]):
            return lib
    except (OSError, ValueError, KeyError, TypeError):
        pass
    return None


def compile_library(path, include=(), opt=3, target="cpu", cache=True):
    """Compiles `path` with `ndpc compile --shared` (or finds it in the cache);
    returns the library's path. Raises CompileError."""
    ndpc = ndpc_path()
    src = os.path.abspath(path)
    if not os.path.isfile(src):
        raise CompileError(path, 0, 0, f"no model file '{path}'", text=f"ndpc: error: no model file '{path}'")
    runtime = os.path.join(os.path.dirname(os.path.realpath(ndpc)), "..", "lib", "libndprt.a")
    flags = [f"-O{int(opt)}", f"--target={target}"] + [f"-I{os.path.abspath(d)}" for d in include]
    key = hashlib.sha256("\n".join(
        [src, _file_hash(src), _stamp(ndpc), _stamp(runtime)] + flags).encode()).hexdigest()[:32]
    entry = os.path.join(cache_dir() if cache else tempfile.mkdtemp(prefix="ndpc-"), key)
    if cache and (found := _cached_library(entry)):
        return found
    os.makedirs(entry, exist_ok=True)
    # Unique names, renamed into place: processes compiling the same model at
    # once each finish with a whole library.
    tag = f"{os.getpid()}.{id(entry)}"
    lib, dep = os.path.join(entry, f"model.so.{tag}"), os.path.join(entry, f"deps.{tag}")
    try:
        proc = subprocess.run([ndpc, "compile", src, "--shared", "-o", lib, "--depfile", dep] + flags,
                              capture_output=True, text=True, errors="replace")
    except OSError as e:
        raise CompileError(path, 0, 0, f"cannot run ndpc ('{ndpc}'): {e}; set $NDPC to the compiler") from None
    if proc.returncode != 0:
        for leftover in (lib, dep):
            if os.path.exists(leftover):
                os.remove(leftover)
        diags = [(f, int(l), int(c), m) for f, l, c, m in _DIAGNOSTIC.findall(proc.stderr)]
        first = diags[0] if diags else (path, 0, 0, proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else
                                        f"ndpc exited with status {proc.returncode}")
        raise CompileError(*first, diagnostics=diags, text=proc.stderr.rstrip())
    deps = [[p, _file_hash(p)] for p in _read_depfile(dep)]
    os.remove(dep)
    # Named by what it was compiled from: a process that loaded an older
    # library of this entry keeps it, and loading the new one gets the new one.
    name = "model-" + hashlib.sha256(json.dumps(deps).encode()).hexdigest()[:16] + ".so"
    os.replace(lib, os.path.join(entry, name))
    record = os.path.join(entry, f"deps.json.{tag}")
    with open(record, "w", encoding="utf-8") as f:
        json.dump({"library": name, "deps": deps}, f)
    os.replace(record, os.path.join(entry, "deps.json"))
    return os.path.join(entry, name)
