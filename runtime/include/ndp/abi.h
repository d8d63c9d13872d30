/* The one interface between a compiled ndp model and its runtime, libndprt.
 *
 * A compiled model object (`ndpc compile`) defines two symbols:
 *
 *   const char ndp_descriptor[];          the model descriptor (docs/design.md):
 *                                         populations, projections, params, the
 *                                         run block, and every kernel with the
 *                                         names of the arrays it takes
 *   void (*const ndp_kernels[])(const ndp_view *views);
 *                                         kernel i of the descriptor
 *
 * and, compiled with --target=gpu, a third:
 *
 *   void (*const ndp_gpu_kernels[])(const ndp_view *views);
 *                                         kernel i launched on the GPU: it
 *                                         reads begin/end from ctx on the host,
 *                                         the other views must be memory the
 *                                         device reaches (docs/gpu.md)
 *
 * Kernels only compute: they never allocate, never call back, and touch only the
 * views they are given. The runtime owns all memory and structure.
 */
#ifndef NDP_ABI_H
#define NDP_ABI_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* One 1-D array handed to a kernel: exactly MLIR's memref<?xT> descriptor, so a
 * lowered kernel takes it apart without copying. */
typedef struct ndp_view {
  void *allocated;  /* the allocation (not used by kernels) */
  void *aligned;    /* the first element */
  int64_t offset;   /* elements from `aligned` to element 0; always 0 */
  int64_t size;     /* number of elements (for f32[d] states: neurons * d) */
  int64_t stride;   /* always 1 */
} ndp_view;

typedef void (*ndp_kernel_fn)(const ndp_view *views);

/* Layout of the "ctx" view (i64). */
enum { NDP_CTX_STEP = 0, NDP_CTX_SEED = 1, NDP_CTX_BEGIN = 2, NDP_CTX_END = 3, NDP_CTX_SIZE = 4 };
/* Layout of the "scalars" view (f64): t, dt, then every param in declaration order. */
enum { NDP_SCALAR_TIME = 0, NDP_SCALAR_DT = 1, NDP_SCALAR_FIRST_PARAM = 2 };

/* Binding names a kernel may take, by view (see the descriptor's `kernel` lines;
 * ndp/Descriptor.h builds and parses them: popBinding, projBinding, parseBinding):
 *   ctx, scalars, status (i32[1]: a kernel sets status[0] |= 1 on a NaN/Inf state)
 *   pop:P:state:V     the state V of population P (f32, f64, i32, bool as u8; f32[d] as d floats)
 *   pop:P:input:X     input X (f32)       pop:P:channel:C   channel C, "in" first (f32)
 *   pop:P:out:Y       out Y               pop:P:importance  (f32)
 *   pop:P:spiked      (u8)                pop:P:ids         stable neuron ids (i64)
 *   pop:P:spikes      indices of the neurons that spiked in the last step (i32)
 *   proj:Q:row_start  first slot of each post neuron's row (i64)
 *   proj:Q:row_len    synapses in the row (i32)
 *   proj:Q:pre        pre neuron index of each slot (i32)
 *   proj:Q:post_of    post neuron index of each slot (i32)
 *   proj:Q:par        parallel-synapse number of each slot (i32)
 *   proj:Q:state:V    synapse state V, by slot
 *   proj:Q:next       next step's summed transmit per post neuron (f32, fused kernels)
 *   proj:Q:by_pre_start, proj:Q:by_pre_len, proj:Q:by_pre
 *                     the outgoing slots of each pre neuron (i64, i32, i64)
 *   proj:Q:init_slots the slots an init kernel initialises (i64)
 */

/* The compiled program and the shared library (`ndpc compile --shared`). */
typedef struct ndp_sim ndp_sim;

/* Runs the model as the compiled program does: command line, run, report. */
int ndp_main(int argc, char **argv);

/* For embedding (--shared): arguments as on the program's command line
 * (argv[0] is the program's name and is not read). Returns null and sets
 * *error on a bad argument or file; the message stays valid until the next
 * ndp_create on the same thread. */
ndp_sim *ndp_create(int argc, const char *const *argv, const char **error);
/* Runs `steps` more steps (all remaining when negative); 0 on success, else 1
 * with the reason in ndp_last_error. */
int ndp_run(ndp_sim *sim, int64_t steps);
/* The number of steps run so far (-1 for a null sim). */
int64_t ndp_current_step(const ndp_sim *sim);
/* The float32 copy of a neuron value (state, out, input, channel, importance,
 * spiked) of a population; *count receives the number of floats. Valid until
 * the next call on `sim`. Null, with the reason in ndp_last_error, for an
 * unknown population or value. */
const float *ndp_values(ndp_sim *sim, const char *population, const char *name, int64_t *count);
/* Why the last failing call on `sim` failed. */
const char *ndp_last_error(const ndp_sim *sim);
void ndp_destroy(ndp_sim *sim);

#ifdef __cplusplus
}
#endif

#endif
