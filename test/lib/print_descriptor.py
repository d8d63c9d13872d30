#!/usr/bin/env python3
"""Prints the ndp_descriptor global of `ndpc -emit=lowered` output (stdin) as text."""
import re
import sys

text = sys.stdin.read()
m = re.search(r'@ndp_descriptor : memref<\d+xi8> = dense<"0x([0-9A-Fa-f]+)">', text)
if not m:
    m2 = re.search(r"@ndp_descriptor : memref<\d+xi8> = dense<\[([-0-9, ]+)\]>", text)
    if not m2:
        sys.exit("no ndp_descriptor global in the input")
    data = bytes(int(x) & 0xFF for x in m2.group(1).split(","))
else:
    data = bytes.fromhex(m.group(1))
sys.stdout.write(data.rstrip(b"\0").decode())
