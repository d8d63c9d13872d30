"""Host-device bytes moved per step, from the test driver's exit lines of two
runs of different lengths (NDPC_FAKE_CUDA_TRAFFIC=1).

usage: traffic_per_step.py STDERR_A STEPS_A STDERR_B STEPS_B
"""
import re
import sys


def moved(path):
    with open(path) as f:
        m = re.search(r"moved (\d+) bytes to the device, (\d+) to the host", f.read())
    if not m:
        sys.exit("%s: no fake-cuda traffic line" % path)
    return int(m.group(1)), int(m.group(2))


(da, ha), (db, hb) = moved(sys.argv[1]), moved(sys.argv[3])
steps = int(sys.argv[4]) - int(sys.argv[2])
print("per step: %d bytes to the device, %d bytes to the host" % ((db - da) // steps, (hb - ha) // steps))
