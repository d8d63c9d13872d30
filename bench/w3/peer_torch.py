"""W3 peer: one layer of the Edge-augmented Graph Transformer written densely
in PyTorch (CPU, float32), as the EGT paper's code and earlier attempts do: the
edge channels live in an N x N x d_e tensor and the logits in H x N x N. The
equations are those of docs/attention.md (edges: the synapses j -> i; the
others take the non-edge terms).

usage: peer_torch.py time N D H DE FANIN        -> "seconds S" (or "out of memory")
       peer_torch.py check SNAPSHOT OUT.npy     -> writes the embeddings after one layer,
                                                   from the snapshot's state and parameters
"""
import sys
import time

import numpy as np
import torch

torch.set_grad_enabled(False)


def ln(x):
    return torch.nn.functional.layer_norm(x, x.shape[-1:], eps=1e-5)


def elu(x):
    return torch.nn.functional.elu(x)


def layer(h, adj, e, P, H):
    """h [N, d]; adj [N, N] bool (adj[i, j]: a synapse j -> i); e [N, N, de] (zero where no edge)."""
    N, d = h.shape
    dh = d // H
    # Per head [H, N, dh]; batched matrix products, the fastest dense form on the CPU.
    q, k, v = ((h @ P[w].T).view(N, H, dh).transpose(0, 1) for w in ("Wq", "Wk", "Wv"))
    s = torch.bmm(q, k.transpose(1, 2)).div_(dh ** 0.5).clamp_(-5, 5)
    en = ln(e)
    E = (en @ P["WE"].T + P["bEl"]).permute(2, 0, 1)  # [H, N, N]
    G = (en @ P["WG"].T + P["bGl"]).permute(2, 0, 1)
    L = s + torch.where(adj, E, P["bE"].view(H, 1, 1))
    A = torch.softmax(L, dim=-1) * torch.sigmoid(torch.where(adj, G, P["bG"].view(H, 1, 1)))
    att = torch.bmm(A, v).transpose(0, 1).reshape(N, d)
    h2 = h + att @ P["Wo"].T + P["bo"]
    h2 = h2 + elu(ln(h2) @ P["W1"].T + P["b1"]) @ P["W2"].T + P["b2"]
    e2 = e + L.permute(1, 2, 0) @ P["WOe"].T + P["bOe"]
    e2 = e2 + elu(ln(e2) @ P["We1"].T + P["be1"]) @ P["We2"].T + P["be2"]
    e2 = torch.where(adj.unsqueeze(-1), e2, e)
    return h2, e2


NAMES = {"Wq": "dd", "Wk": "dd", "Wv": "dd", "Wo": "dd", "bo": "d", "W1": "Dd", "b1": "D", "W2": "dD", "b2": "d",
         "WE": "he", "bEl": "h", "WG": "he", "bGl": "h", "bE": "h", "bG": "h", "WOe": "eh", "bOe": "e",
         "We1": "Ee", "be1": "E", "We2": "eE", "be2": "e"}


def random_params(d, H, de, gen):
    size = {"d": d, "D": 2 * d, "h": H, "e": de, "E": 2 * de}
    P = {}
    for name, shape in NAMES.items():
        dims = [size[c] for c in shape]
        P[name] = torch.randn(*dims, generator=gen) / dims[1] ** 0.5 if len(dims) == 2 else torch.zeros(dims[0])
    return P


if sys.argv[1] == "check":
    s = np.load(sys.argv[2])
    P = {k.split("/")[1]: torch.from_numpy(s[k].astype(np.float32)) for k in s.files
         if k.startswith("attend0/") and k != "attend0/edge_channels"}
    import json
    meta = json.loads(bytes(s["meta"]).decode())
    a = meta["attends"][0]
    pop, proj, H = a["population"], a["projection"], a["heads"]
    h = torch.from_numpy(s[pop + "/" + a["embedding"]].astype(np.float32))
    N = h.shape[0]
    pre, post = s[proj + "/pre"], s[proj + "/post"]
    adj = torch.zeros(N, N, dtype=torch.bool)
    adj[post, pre] = True
    e = torch.zeros(N, N, a["edge_dim"])
    e[post, pre] = torch.from_numpy(s["attend0/edge_channels"].astype(np.float32))
    h2, _ = layer(h, adj, e, P, H)
    np.save(sys.argv[3], h2.numpy())
    sys.exit(0)

N, d, H, de, fanin = (int(x) for x in sys.argv[2:7])
gen = torch.Generator().manual_seed(1)
try:
    P = random_params(d, H, de, gen)
    h = torch.randn(N, d, generator=gen)
    adj = torch.zeros(N, N, dtype=torch.bool)
    adj[torch.arange(N).repeat_interleave(fanin), torch.randint(0, N, (N * fanin,), generator=gen)] = True
    e = torch.zeros(N, N, de)
    e[adj] = 0.1
    t0 = time.perf_counter()
    layer(h, adj, e, P, H)
    print(f"seconds {time.perf_counter() - t0:.4f}")
except (RuntimeError, MemoryError) as err:
    print(f"out of memory ({str(err).splitlines()[0][:80]})")
