#!/usr/bin/python3
"""Draws docs/img/benchmarks.png from the tables bench/run wrote into
docs/benchmarks.md (between its markers): W1 throughput, W2 and W3 time
against size, W4 time, every implementation side by side, log scales.

usage: bench/plot.py [DOC] [PNG]
"""
import os
import re
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
doc = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "docs", "benchmarks.md")
png = sys.argv[2] if len(sys.argv) > 2 else os.path.join(ROOT, "docs", "img", "benchmarks.png")
text = open(doc).read()
text = text[text.index("<!-- bench/run: begin -->"):text.index("<!-- bench/run: end -->")]
sections = re.split(r"\n(?=W\d )", text)
name = r"([A-Za-z][A-Za-z0-9+/_.,'() -]*?)"


def rows(section, pattern):
    return [m.groups() for m in re.finditer(pattern, section, re.M)]


def series(points):
    out = {}
    for x, impl, y in points:
        out.setdefault(impl.strip(), []).append((float(x), float(y)))
    return out


fig, axes = plt.subplots(1, 4, figsize=(18, 4.2))
for sec in sections:
    if sec.startswith("W1 Hebbian"):
        pts = rows(sec, rf"^\s+(\d+)\s+\d+\s+{name}\s+[0-9.]+\s+[0-9.]+\s+([0-9.e+]+)\s")
        ax, ylabel, title = axes[0], "synapse-updates/s", "W1 Hebbian (higher is better)"
    elif sec.startswith("W2 growth"):
        pts = rows(sec, rf"^\s+(\d+)\s+{name}\s+([0-9.]+)\s+[0-9.]+\s+\d+\s+\d+")
        ax, ylabel, title = axes[1], "seconds", "W2 growth to N neurons"
    elif sec.startswith("W3 attention"):
        pts = rows(sec, rf"^\s+(\d+)\s+{name}\s+([0-9.]+)\s+\d+")
        ax, ylabel, title = axes[2], "seconds per layer", "W3 attention layer"
    elif sec.startswith("W4 COBA"):
        bars = rows(sec, rf"^{name}\s+([0-9.]+)\s+[0-9.]+\s+\d+\s+[0-9.]+$")
        ax = axes[3]
        ax.barh([b[0].strip() for b in bars][::-1], [float(b[1]) for b in bars][::-1], color="tab:blue")
        ax.set_xlabel("seconds for 1 s of simulated time")
        ax.set_title("W4 COBA, 4,000 neurons", fontsize=10)
        ax.tick_params(axis="y", labelsize=8)
        continue
    else:
        continue
    for impl, xy in series(pts).items():
        xy.sort()
        ax.plot([p[0] for p in xy], [p[1] for p in xy], "o-" if impl.startswith("ndpc") else "s--", label=impl)
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("neurons N")
    ax.set_ylabel(ylabel)
    ax.set_title(title, fontsize=10)
    ax.legend(fontsize=7)
fig.tight_layout()
os.makedirs(os.path.dirname(png), exist_ok=True)
fig.savefig(png, dpi=90)
print(f"plot: {png}")
