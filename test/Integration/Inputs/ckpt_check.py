"""Checks a checkpoint file's envelope independently of ndpc (docs/design.md,
"Checkpoints"): magic, version, payload length, the model descriptor's text
after the payload, and the CRC-32 of everything before the last four bytes.
usage: ckpt_check.py FILE"""
import struct
import sys
import zlib

data = open(sys.argv[1], "rb").read()
if data[:8] != b"NDPCKPT\0":
    sys.exit("not a checkpoint")
version, _, model_hash, seed, payload = struct.unpack_from("<IIQQQ", data, 8)
(text_bytes,) = struct.unpack_from("<Q", data, 40 + payload)
if len(data) != 40 + payload + 8 + text_bytes + 4:
    sys.exit(f"length {len(data)}, header and descriptor length say {40 + payload + 8 + text_bytes + 4}")
if not data[40 + payload + 8:40 + payload + 8 + text_bytes].startswith(b"ndp-descriptor "):
    sys.exit("no model descriptor after the payload")
(crc,) = struct.unpack_from("<I", data, len(data) - 4)
if crc != zlib.crc32(data[:-4]):
    sys.exit("checksum mismatch")
step = struct.unpack_from("<q", data, 40)[0]
print(f"valid checkpoint: version {version}, seed {seed}, step {step}, {payload} payload bytes")
