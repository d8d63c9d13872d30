"""The numbers of a `scripts/gpu-check run` folder: the bandwidth of the
stream model's update (16 bytes a neuron) and W1's synapse updates per second
(the fused kernel: read and write w, read pre, 12 bytes a synapse plus the
gathered pre values) on each device, and W1's bytes per second as a fraction
of the stream bandwidth of the same device.

usage: summary.py OUT
"""
import os
import re
import sys


def kernel(stats, kind):
    m = re.search(r"kernel %s \S+: (\d+) calls, ([0-9.e+-]+) s" % kind, stats)
    return (int(m.group(1)), float(m.group(2))) if m else (0, 0.0)


def main():
    out = sys.argv[1]
    stream = {}
    for device in ("cpu", "gpu"):
        path = os.path.join(out, "stream-" + device, "stats.txt")
        if not os.path.exists(path):
            continue
        stats = open(path).read()
        neurons = int(re.search(r"population p: (\d+) neurons", stats).group(1))
        calls, secs = kernel(stats, "pop_update")
        stream[device] = 16.0 * neurons * calls / secs if secs else 0.0
        print("stream %s: %.1f GB/s (%d neurons, %d updates)" % (device, stream[device] / 1e9, neurons, calls))
    for name in sorted(os.listdir(out)):
        m = re.match(r"w1_(\d+)-(cpu|gpu)$", name)
        if not m:
            continue
        stats = open(os.path.join(out, name, "stats.txt")).read()
        syn = re.search(r"\): (\d+) synapses", stats)
        calls, secs = kernel(stats, "proj_fused")
        if not syn or not secs:
            print("%s: no fused kernel time" % name)
            continue
        rate = int(syn.group(1)) * calls / secs
        frac = 12.0 * rate / stream[m.group(2)] if stream.get(m.group(2)) else float("nan")
        print("W1 %s neurons on %s: %.3g synapse updates/s, %.0f%% of the stream bandwidth"
              % (m.group(1), m.group(2), rate, 100 * frac))


if __name__ == "__main__":
    main()
