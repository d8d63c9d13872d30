"""Reference for draws.ndp: every draw recomputed with numpy.random.Philox from
the documented key (seed, site of the named expression) and counter (step or init, entity, id, lane)."""
import os
import sys

import numpy as np
from ndpref import (F32, INIT_STEP, check_close, check_equal, draw, load, neuron_ctr, site,
                    synapse_ctr)

d = sys.argv[1]
MODEL = os.path.join(os.path.dirname(__file__), "draws.ndp")
SEED, N, STEPS = 99, 4, 6
# u = uniform(...) + jitter(0.5): the uniform is the expression's draw 0, the
# normal inside the inlined fn draw 1.
s_e_init, s_w_init = site("neuron R/init/e"), site("synapse S/init/w")
s_u, s_jitter = site("neuron R/step/u", 0), site("neuron R/step/u", 1)
s_c, s_e_step = site("neuron R/step/c"), site("neuron R/step/e")
s_w_step = site("synapse S/step/w")

e = np.array([[draw("normal", (1.0, 2.0), SEED, s_e_init, neuron_ctr(INIT_STEP, 0, i, l))
               for l in range(3)] for i in range(N)], dtype=F32)
w = np.array([draw("uniform", (0.0, 1.0), SEED, s_w_init, synapse_ctr(INIT_STEP, 0, i, i, 0))
              for i in range(N)], dtype=F32)
u = np.zeros(N, dtype=F32)
c = np.zeros(N, dtype=np.int32)
es, us, cs, ins = [], [], [], []
for t in range(STEPS):
    inp = (w * u).astype(F32)  # one_to_one: one synapse per post; y = u from last step
    u_new = np.array([F32(draw("uniform", (-1.0, 1.0), SEED, s_u, neuron_ctr(t, 0, i))
                          + draw("normal", (0.0, 0.5), SEED, s_jitter, neuron_ctr(t, 0, i)))
                      for i in range(N)], dtype=F32)
    c = c + np.array([1 if draw("bernoulli", (0.25,), SEED, s_c, neuron_ctr(t, 0, i)) else 0
                      for i in range(N)], dtype=np.int32)
    e = (e + np.array([[draw("normal", (0.0, 0.1), SEED, s_e_step, neuron_ctr(t, 0, i, l))
                        for l in range(3)] for i in range(N)], dtype=F32)).astype(F32)
    u = u_new
    w = (w + np.array([draw("normal", (0.0, 0.01), SEED, s_w_step, synapse_ctr(t, 0, i, i, 0))
                       for i in range(N)], dtype=F32)).astype(F32)
    es.append(e.copy()); us.append(u.copy()); cs.append(c.astype(F32)); ins.append(inp)
check_close("r.e", load(d, "e.npy"), np.array(es), rtol=1e-6, atol=1e-6)
check_close("r.u", load(d, "u.npy"), np.array(us), rtol=1e-6, atol=1e-6)
check_equal("r.c", load(d, "c.npy"), np.array(cs))
check_close("r.in", load(d, "in.npy"), np.array(ins), rtol=1e-6, atol=1e-6)
