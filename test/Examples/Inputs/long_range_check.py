"""In long_range_attention's snapshot: the population grew, every neuron has
its 4 inputs from fanin and division, and attention added more (long-range)
synapses on top, whose edge channels are not all zero. usage: FILE.npz"""
import sys

import numpy as np

s = np.load(sys.argv[1])
n, e = len(s["cortex/id"]), len(s["p0_cortex_cortex/pre"])
channels = s["attend0/edge_channels"]
if n <= 64 or e <= 4 * n or channels.shape != (e, 8) or not np.abs(channels).sum() > 0:
    sys.exit(f"{n} neurons, {e} synapses, edge channels {channels.shape}")
print(f"{n} neurons, {e} synapses ({e - 4 * n} beyond fanin and division)")
