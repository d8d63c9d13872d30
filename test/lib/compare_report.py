#!/usr/bin/env python3
"""compare_report.py REPORT LABEL_A > LABEL_B MARGIN: checks value(A) > value(B) + MARGIN."""
import sys

path, a, op, b, margin = sys.argv[1:6]
values = {}
for line in open(path):
    if " = " in line:
        label, value = line.strip().rsplit(" = ", 1)
        values[label] = float(value)
va, vb = values[a], values[b]
if not va > vb + float(margin):
    sys.exit(f"{a} = {va} is not above {b} = {vb} by {margin}")
print(f"{a} = {va} > {b} = {vb} + {margin}")
