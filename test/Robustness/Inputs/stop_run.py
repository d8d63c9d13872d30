"""Stops a long run with a signal and checks what it leaves: the exit status
(128 + the signal), the message, the recordings up to the step it stopped
after, and a checkpoint from which the run continues bit for bit — as does
the one before it (c.ckpt.prev). usage: stop_run.py PROGRAM WORKDIR SIGNAL"""
import os
import re
import shutil
import signal
import subprocess
import sys
import time

import numpy as np

program, work, name = sys.argv[1], sys.argv[2], sys.argv[3]
sig = getattr(signal, name)
a, b, c = (os.path.join(work, x) for x in "abc")

run = subprocess.Popen([program, "--out-dir", a, "--quiet"], stderr=subprocess.PIPE, text=True)
time.sleep(1.0)
run.send_signal(sig)
err = run.communicate(timeout=60)[1]
print(f"status {run.returncode}")
print(err.strip())
step = int(re.search(r"stopped by \w+ after step (\d+) of 2000000000", err).group(1))
assert step > 0
y = np.load(os.path.join(a, "y.npy"))
assert y.shape == (step // 100, 32), (y.shape, step)
print("recordings: one row per 100 steps done")

# Past two more checkpoints, so that the resumed runs write the same ones as
# the run that never stopped (the stop's own checkpoint is one it never wrote).
total = str((step // 1000 + 2) * 1000 + 250)
subprocess.run([program, "--out-dir", b, "--quiet", "--steps", total], check=True, stdout=subprocess.DEVNULL)
shutil.copytree(a, c)
subprocess.run([program, "--out-dir", a, "--quiet", "--steps", total, "--resume", os.path.join(a, "c.ckpt")],
               check=True, stdout=subprocess.DEVNULL)
same = lambda d, f: open(os.path.join(d, f), "rb").read() == open(os.path.join(b, f), "rb").read()
assert same(a, "y.npy") and same(a, "c.ckpt") and same(a, "c.ckpt.prev")
print("resumed from the checkpoint: recordings and checkpoint identical to a run that never stopped")
# The checkpoint before the stop's (a multiple of 1000 steps) continues the same run too.
subprocess.run([program, "--out-dir", c, "--quiet", "--steps", total, "--resume", os.path.join(c, "c.ckpt.prev")],
               check=True, stdout=subprocess.DEVNULL)
assert same(c, "y.npy") and same(c, "c.ckpt")
print("resumed from c.ckpt.prev: identical too")
