"""Splits `ndpc --target=gpu -emit=ptx` output into one file per kernel module
(ptxas takes one module a file) and checks what every module must hold: one
`.visible .entry` named like the module, and no `.extern` (a call the module
does not define).

usage: split_ptx.py PTX DIR  -> prints "N modules, N entries, 0 extern" and writes DIR/NAME.ptx
"""
import os
import re
import sys

text, out = open(sys.argv[1]).read(), sys.argv[2]
os.makedirs(out, exist_ok=True)
parts = re.split(r"^// ndpc kernel (\S+)\n", text, flags=re.M)[1:]
entries = externs = 0
for name, ptx in zip(parts[::2], parts[1::2]):
    found = re.findall(r"^\.visible \.entry (\w+)\(", ptx, re.M)
    assert found == [name], (name, found)
    entries += len(found)
    externs += len(re.findall(r"^\s*\.extern", ptx, re.M))
    open(os.path.join(out, name + ".ptx"), "w").write(ptx)
print(f"{len(parts) // 2} modules, {entries} entries, {externs} extern")
