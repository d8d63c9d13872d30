"""Writes edited copies of a checkpoint of test/Integration/Inputs/resume.ndp with
the CRC-32 recomputed, so that only ndpc's own checks can refuse them (the
layout of docs/design.md, "Checkpoints", walked for that model: no params,
populations inp (In) and c (Cell), then the projection inp -> c).
usage: tamper_ckpt.py FILE OUTDIR"""
import struct
import sys
import zlib

data = bytearray(open(sys.argv[1], "rb").read())
out = sys.argv[2]
HEADER = 40


def i64(at):
    return struct.unpack_from("<q", data, at)[0]


def population(at, bytes_per_neuron):
    """Returns (offset of n, offset of the ids column, offset after it)."""
    n = i64(at)
    cols = at + 24
    ids = cols + (bytes_per_neuron - 32) * n  # ids, parent, born, root are the last four i64 columns
    spikes = cols + bytes_per_neuron * n
    return at, ids, spikes + 8 + 4 * i64(spikes)


at = HEADER + 8  # step
at += 8 + 8 * i64(at)  # the scalars
# In: input x, channel in, out y, importance (f32), spiked (u8), ids, parent, born, root (i64)
inp_n, inp_ids, at = population(at, 4 * 4 + 1 + 4 * 8)
# Cell: state v, channel in, out y, importance, spiked, ids, parent, born, root
c_n, c_ids, at = population(at, 4 * 4 + 1 + 4 * 8)
rows = i64(c_n)
used = i64(at)
row_start = at + 3 * 8 + 1
pre = row_start + rows * (8 + 4 + 4 + 4)
first_slot = i64(row_start)


def write(name, offset, fmt, value):
    copy = bytearray(data)
    struct.pack_into(fmt, copy, offset, value)
    struct.pack_into("<I", copy, len(copy) - 4, zlib.crc32(bytes(copy[:-4])))
    open(f"{out}/{name}.ckpt", "wb").write(copy)


write("step-negative", HEADER, "<q", -5)
write("id-changed", inp_ids + 8 * 2, "<q", 99)
write("pre-too-large", pre + 4 * first_slot, "<i", 1 << 30)
write("pre-negative", pre + 4 * first_slot, "<i", -7)
write("size-over-max", c_n, "<q", 81)
