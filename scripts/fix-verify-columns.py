#!/usr/bin/env python3
"""Developer aid for writing -verify tests: shows where each mismatched
expectation's diagnostic actually points (with a caret) and, with --apply,
moves the expectation's column there. Review every caret before applying."""
import re
import subprocess
import sys

ndpc, path = sys.argv[1], sys.argv[2]
apply = "--apply" in sys.argv
out = subprocess.run([ndpc, "check", path, "-verify"], capture_output=True, text=True).stderr
unexpected = re.findall(r":(\d+):(\d+): error: unexpected (\w+): (.*)", out)
missing = re.findall(r":(\d+): error: expected (\w+) not produced \(line (\d+)(?:, column (\d+))?\): (.*)", out)
lines = open(path).read().split("\n")
changed = False
for dline, line, col, kind, text in [(int(m[0]), int(m[2]), m[3], m[1], m[4]) for m in missing]:
    for uline, ucol, ukind, utext in unexpected:
        if int(uline) == line and ukind == kind and text in utext:
            src = lines[line - 1]
            print(f"{path}:{line}:{ucol}: {utext}\n{src}\n{' ' * (int(ucol) - 1)}^\n")
            if apply and col:
                lines[dline - 1] = re.sub(r"(@[+-]?\d+):\d+", lambda m: m.group(1) + ":" + ucol, lines[dline - 1], count=1)
                changed = True
            break
if changed:
    open(path, "w").write("\n".join(lines))
