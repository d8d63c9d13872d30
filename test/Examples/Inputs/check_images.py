"""Checks the plotting tool's output: N PNG pictures and an N-frame GIF.
usage: check_images.py DIR N"""
import glob
import os
import sys

from PIL import Image

d, n = sys.argv[1], int(sys.argv[2])
pngs = sorted(glob.glob(os.path.join(d, "snapshot_*.png")))
sizes = {Image.open(p).size for p in pngs}
if len(pngs) != n or len(sizes) != 1:
    sys.exit(f"{len(pngs)} pictures of sizes {sizes}")
gif = Image.open(os.path.join(d, "growth.gif"))
if gif.format != "GIF" or getattr(gif, "n_frames", 1) != n:
    sys.exit(f"growth.gif has {getattr(gif, 'n_frames', 1)} frames")
w, h = sizes.pop()
print(f"{n} PNG pictures of {w}x{h}; an animated GIF of {gif.n_frames} frames")
