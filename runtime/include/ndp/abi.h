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

/* What kind of error a call met, so that a binding can raise the right
 * exception (the message says the rest): a run-time fault (a NaN, a file),
 * a name the model does not have, a value that does not fit (a param's range,
 * an array's size), a bad command-line argument. */
enum { NDP_OK = 0, NDP_ERR_FAULT = 1, NDP_ERR_NAME = 2, NDP_ERR_VALUE = 3, NDP_ERR_USAGE = 4 };

/* Runs the model as the compiled program does: command line, run, report. */
int ndp_main(int argc, char **argv);

/* For embedding (--shared): arguments as on the program's command line
 * (argv[0] is the program's name and is not read). Returns null and sets
 * *error on a bad argument or file; the message stays valid until the next
 * ndp_create on the same thread. */
ndp_sim *ndp_create(int argc, const char *const *argv, const char **error);
/* The kind of the last ndp_create failure on this thread (NDP_ERR_...). */
int ndp_create_error_kind(void);
/* Runs `steps` more steps (all remaining when negative; never past the run's
 * total, ndp_info's "steps"). The int-returning calls below return NDP_OK on
 * success, else the error kind, with the reason in ndp_last_error. */
int ndp_run(ndp_sim *sim, int64_t steps);
/* The number of steps run so far (-1 for a null sim). */
int64_t ndp_current_step(const ndp_sim *sim);
/* The float32 copy of a neuron value (state, out, input, channel, importance,
 * spiked) of a population; *count receives the number of floats. Valid until
 * the next call on `sim`. Null, with the reason in ndp_last_error, for an
 * unknown population or value. */
const float *ndp_values(ndp_sim *sim, const char *population, const char *name, int64_t *count);
/* Sets a value of a population, a state or an input, from `count` floats:
 * the population's size times the value's width, in neuron order (the order
 * of ndp_values and of the "neurons" arrays). An input that the run block
 * feeds is refused: the feed would overwrite it. Takes effect from the next
 * step on. */
int ndp_set_values(ndp_sim *sim, const char *population, const char *name, const float *values, int64_t count);

/* The model and the run as JSON (docs/python.md): "model", "steps" (the
 * run's total), "seed", "step", "writes_files", "populations" (name, type,
 * size, max, and "values": name, kind, type, width), "projections" (name, pre,
 * post, synapse, size, states: name, type, width), "params" (name, type,
 * value), "array_params" (name, shape) and "reports" (labels). Valid until the next call on `sim`. */
const char *ndp_info(ndp_sim *sim);

/* Params, by name: the current value, or set from the next step on (checked
 * against the param's type: an i32 takes an integer, a bool 0 or 1). */
int ndp_get_param(ndp_sim *sim, const char *name, double *value);
int ndp_set_param(ndp_sim *sim, const char *name, double value);
/* Array params (vector and matrix params, and attend<k>/NAME, an attend
 * block's weights; ndp_info's "array_params" lists names and shapes), as
 * float32 row-major: a copy valid until the next call on `sim` (null on an
 * unknown name), or set from the next step on (`count` must be the size;
 * every value finite). */
const float *ndp_get_param_array(ndp_sim *sim, const char *name, int64_t *count);
int ndp_set_param_array(ndp_sim *sim, const char *name, const float *values, int64_t count);

/* One named array of ndp_arrays: `rows` elements of `width` values each, of
 * NumPy type `dtype` ("<f4", "<f8", "<i4", "<i8", "|b1"). */
typedef struct ndp_array {
  const char *name;
  const char *dtype;
  int64_t rows;
  int64_t width;
  const void *data;
} ndp_array;

/* Copies of the graph's arrays, as a snapshot holds them (docs/design.md):
 *   kind "neurons", name a population: id, parent, born (i64), in neuron order;
 *   kind "synapses", name a projection (or a synapse type that exactly one
 *   projection uses): pre, post (stable ids, i64), par (i32) and every state,
 *   in edge order (post, pre, parallel number).
 * *arrays and *count receive them; valid until the next call on `sim`. */
int ndp_arrays(ndp_sim *sim, const char *kind, const char *name, const ndp_array **arrays, int64_t *count);

/* The report's values now, as JSON: {"label": value, ...} in the report's
 * order; null for an accuracy with no counted step yet. Valid until the next
 * call on `sim`. */
const char *ndp_report(ndp_sim *sim);

/* Writes the snapshot of the current step to DIR/snapshot_<step>.npz, or a
 * checkpoint to `path` (atomically; recordings are written first, as the run
 * block's checkpoints do). */
int ndp_snapshot(ndp_sim *sim, const char *dir);
int ndp_checkpoint(ndp_sim *sim, const char *path);

/* Ends the run as the program does: writes the recordings and returns the
 * report's text (valid until the next call on `sim`); null with the reason in
 * ndp_last_error on failure. The sim can still be read, and run on. */
const char *ndp_finish(ndp_sim *sim);

/* Why the last failing call on `sim` failed, and its kind (NDP_ERR_...). */
int ndp_last_error_kind(const ndp_sim *sim);
const char *ndp_last_error(const ndp_sim *sim);
void ndp_destroy(ndp_sim *sim);

#ifdef __cplusplus
}
#endif

#endif
