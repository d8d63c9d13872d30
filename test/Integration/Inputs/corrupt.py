"""Writes damaged copies of a checkpoint: truncated, one byte flipped. usage: corrupt.py FILE DIR"""
import sys

data = bytearray(open(sys.argv[1], "rb").read())
out = sys.argv[2]
open(f"{out}/truncated.ckpt", "wb").write(data[: len(data) // 2])
data[len(data) // 3] ^= 0x40
open(f"{out}/flipped.ckpt", "wb").write(data)
