#!/usr/bin/env python3
"""Writes the inputs of examples/oja_pca.ndp into DIR/data/: 1000 zero-mean
8-dimensional samples with one dominant direction, the edges (every input to
the one output neuron) and small random starting weights in edge order.

usage: python3 make_oja_data.py DIR     then: ./oja_pca --out-dir DIR
"""
import os
import sys

import numpy as np

out = os.path.join(sys.argv[1] if len(sys.argv) > 1 else ".", "data")
os.makedirs(out, exist_ok=True)
rng = np.random.default_rng(2024)
direction = rng.normal(size=8)
direction /= np.linalg.norm(direction)
samples = rng.normal(size=(1000, 1)) * 2.0 * direction + rng.normal(scale=0.3, size=(1000, 8))
samples -= samples.mean(axis=0)
np.save(os.path.join(out, "oja_inputs.npy"), samples.astype(np.float32))
np.save(os.path.join(out, "oja_edges.npy"), np.array([(j, 0) for j in range(8)], dtype=np.int32))
np.save(os.path.join(out, "oja_w0.npy"), rng.normal(scale=0.1, size=8).astype(np.float32))
np.save(os.path.join(out, "oja_direction.npy"), direction.astype(np.float32))
