#!/usr/bin/env python3
"""Prints the fenced code block of a Markdown file whose first line starts with the given text."""
import sys

path, first = sys.argv[1], sys.argv[2]
block, inside = [], False
for line in open(path, encoding="utf-8"):
    if line.startswith("```"):
        if inside:
            if block and block[0].startswith(first):
                sys.stdout.write("".join(block))
                sys.exit(0)
            block, inside = [], False
        else:
            inside = True
        continue
    if inside:
        block.append(line)
sys.exit("no code block starting with %r in %s" % (first, path))
