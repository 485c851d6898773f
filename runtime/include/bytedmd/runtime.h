/* bytedmd/runtime.h - the entry set that instrumented code calls.
 *
 * This is the compiler-facing interface: bytedmd-instrument writes calls of
 * these entries (mostly through bytedmd/instrument.hpp), and users do not
 * call them by hand. What users write themselves, the annotations, is in
 * bytedmd/bytedmd.h, which this header includes.
 *
 * A measurement is one call of a measured function (the outermost one on its
 * thread). While it runs, every value it creates has a key; the runtime
 * records the events that the ByteDMD model prices:
 *
 *   STORE k          a new value is pushed on the LRU stack (free);
 *   READ k1..km      one instruction reads its operands (priced together).
 *
 * When the measurement ends, the runtime replays its events on the LRU stack
 * with liveness (semantics.md, Part A) and keeps the numbers; the JSON report
 * is written when the program exits.
 *
 * Keys are opaque 64-bit handles. 0 means "untracked": a literal, or a value
 * computed only from untracked values. A key that belongs to another
 * measurement (an earlier one, or another thread's) is also treated as
 * untracked, so stale keys left in memory can never be charged.
 *
 * Every entry is safe to call when no measurement is in flight: it then
 * records nothing and returns 0 where a key is returned.
 *
 * Thread model: each thread has its own recorder (thread-local); the hot
 * entries take no lock and make no virtual call. Only the begin and end of a
 * measurement touch shared state.
 *
 * Names: users compile with their own macros (-DN=40 -DT=2), so every name
 * here that is not bytedmd_* or BYTEDMD_* is reserved, as in the C library:
 * parameters and struct members are __name, macro parameters _Name. The
 * structs are filled positionally by instrumented code and read by the
 * runtime only.
 */
#ifndef BYTEDMD_RUNTIME_H
#define BYTEDMD_RUNTIME_H

#include "bytedmd/bytedmd.h" /* the annotations users write */

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---- the entry set's version ---------------------------------------------- */

/** The runtime defines a symbol whose name carries the entry set's ABI
 *  version, and every translation unit that includes bytedmd/instrument.hpp
 *  references it. Code instrumented against one entry set and linked with a
 *  runtime of another therefore fails at link time, with an undefined
 *  reference that names the version it needs, instead of computing wrong
 *  numbers.
 *
 *  The rule: bump the number (both macros, and nothing else) whenever the
 *  entry set changes incompatibly: an entry removed or renamed, a
 *  parameter's type or meaning changed, a struct's layout changed, an op
 *  added, removed or moved in ops.def (the enum's values shift), the key or
 *  BYTEDMD_SIZED encoding changed. Adding an entry keeps the number. */
#define BYTEDMD_ABI_VERSION 1
#define BYTEDMD_ABI_SYMBOL bytedmd_abi_v1
extern const char BYTEDMD_ABI_SYMBOL;

/** A tracked value's identity; 0 = untracked. */
typedef uint64_t bytedmd_key;

/** Where an instruction or a measured function is in the source.
 *  Instrumented code keeps one static, zero-initialised `__id` per site; the
 *  runtime assigns it on first use, so later uses cost one compare. */
typedef struct bytedmd_location {
  const char *__file;
  uint32_t __line;
  uint32_t __column;
  uint32_t __id; /* assigned by the runtime; leave 0 */
  const char *__name; /* what the instruction computes, for the IR; may be null */
} bytedmd_location;

/** A measured function: its qualified name as written, and its definition. */
typedef struct bytedmd_function {
  const char *__name;
  bytedmd_location __where;
} bytedmd_function;

/** Instruction names (bytedmd/ops.def, the one list). The IR's OP line
 *  prints their names (Python's operator names, as the reference tracer
 *  does). Values below BYTEDMD_OP_TRUTH produce one output; the READ-only
 *  kinds (TRUTH: a condition or an operand of && || !; INDEX: a subscript or
 *  pointer offset; ESCAPE: passed by value to code that is not
 *  instrumented) produce none. */
typedef enum bytedmd_op {
#define BYTEDMD_ARITHMETIC(_Name, _Ir, _Token, _Kind) BYTEDMD_OP_##_Name,
#define BYTEDMD_UNARY(_Name, _Ir, _Token, _Kind) BYTEDMD_OP_##_Name,
#define BYTEDMD_COMPARISON(_Name, _Ir, _Token, _Kind) BYTEDMD_OP_##_Name,
#define BYTEDMD_MATH(_Name, _Ir) BYTEDMD_OP_##_Name,
#define BYTEDMD_READ(_Name, _Ir) BYTEDMD_OP_##_Name,
#include "bytedmd/ops.def"
  BYTEDMD_OP_COUNT
} bytedmd_op;

/** Name of an op as the IR prints it ("add", "mul", "lt", "sqrt", ...). */
const char *bytedmd_op_name(bytedmd_op __op);

/* ---- measurements -------------------------------------------------------- */

/** Called on entry to a measured function. If no measurement is in flight on
 *  this thread, starts one for `fn` and returns 1; the caller then declares
 *  the inputs and, on return, its results, and calls bytedmd_leave(1).
 *  Inside a measurement it returns 0: the call is part of the outer one. */
int bytedmd_enter(const bytedmd_function *__fn);

/** Called on every exit of a measured function with what bytedmd_enter
 *  returned. Ending a measurement replays it and keeps its numbers. */
void bytedmd_leave(int __opened);

/** True while a measurement is in flight on this thread. */
int bytedmd_measuring(void);

/** Names the model variant in the report (for example "keep-outputs", set
 *  by code instrumented with --keep-outputs). Default: "reference". */
void bytedmd_set_variant(const char *__variant);

/** How many measurements are in flight on all threads (for the shadow's
 *  cross-thread write check). */
unsigned bytedmd_concurrent_measurements(void);

/** A location holding `key` was overwritten by another thread: if key's
 *  measurement is in flight, it becomes approximate. */
void bytedmd_foreign_write(bytedmd_key __key);

/** True when the IR should show source names (BYTEDMD_IR_NAMES=1). */
int bytedmd_names_wanted(void);

/** The source name of an input element ("A[0][1]"), for the IR. */
void bytedmd_name_input(bytedmd_key __key, const char *__name);

/** True when `key` belongs to the measurement in flight on this thread. */
int bytedmd_current(bytedmd_key __key);

/* ---- attribution: frames, regions, the problem size ---------------------- */

/** An instrumented function's frame opens inside the measurement in flight
 *  (its reads are charged to it in `by_function`). Returns 1 when it did
 *  (then call bytedmd_scope_leave on exit), 0 when nothing is measured or
 *  BYTEDMD_ATTRIBUTION=0 (nothing would read the frame). */
int bytedmd_scope_enter(const bytedmd_function *__fn);
void bytedmd_scope_leave(void);

/** The measured function's parameter names, comma-separated, last parameter
 *  first ("c,b,a"), as the inputs' groups are numbered: `by_input` names. */
void bytedmd_parameter_names(const char *__names);

/* bytedmd_region_enter, bytedmd_region_leave and bytedmd_set_size are in
 * bytedmd/bytedmd.h, behind BYTEDMD_REGION and bytedmd::size. */

/* ---- values -------------------------------------------------------------- */

/** Allocates one input element (a STORE before the body's events). Inputs
 *  land on the stack in call order: declare the last parameter's elements
 *  first and the first parameter's last element last, so it ends on top. */
bytedmd_key bytedmd_input(void);

/** Starts the next parameter's inputs: inputs are ordered by parameter
 *  (the order of these calls, deepest first), then as declared. */
void bytedmd_input_group(void);

/** An input found when it is first read through a pointer parameter: placed
 *  on the initial stack with its parameter (`group`, as counted by
 *  bytedmd_input_group), in increasing `offset` order: its address, or any
 *  key in address order, below 2^48. */
bytedmd_key bytedmd_input_at(uint32_t __group, uint64_t __offset);

/** The current input group (for a pointer parameter declared in it). */
uint32_t bytedmd_input_group_current(void);

/** bytedmd_input and bytedmd_input_at for a value 2^log2_bytes bytes wide
 *  (what the bytes=native variant prices; the plain entries mean one byte). */
bytedmd_key bytedmd_input_sized(uint32_t __log2_bytes);
bytedmd_key bytedmd_input_at_sized(uint32_t __group, uint64_t __offset, uint32_t __log2_bytes);

/** Allocates n input elements in order, writing their keys to keys[0..n). */
void bytedmd_inputs(bytedmd_key *__keys, size_t __n);

/** An instruction's `op` with its output's size: log2 of its bytes in bits
 *  8..10. A plain bytedmd_op means one byte (only bytes=native tells). */
#define BYTEDMD_SIZED(__op, __log2_bytes) ((uint32_t)(__op) | ((uint32_t)(__log2_bytes) << 8))

/** One instruction: a READ of the tracked operands among keys[0..n) (in that
 *  order, duplicates charged per occurrence), then a STORE of its output.
 *  Returns the output's key, or 0 (no event) when no operand is tracked.
 *  `op` (a bytedmd_op, or BYTEDMD_SIZED of one) must be below
 *  BYTEDMD_OP_TRUTH. At most 4095 operands. */
bytedmd_key bytedmd_instruction(uint32_t __op, const bytedmd_key *__keys, size_t __n);

/** bytedmd_instruction for one and two operands, without an array. */
bytedmd_key bytedmd_unary(uint32_t __op, bytedmd_key __a);
bytedmd_key bytedmd_binary(uint32_t __op, bytedmd_key __a, bytedmd_key __b);

/** A read with no output (a truth value, an index, an escaping argument):
 *  a READ batch of one key. Nothing happens when `key` is untracked.
 *  `why` is BYTEDMD_OP_TRUTH, BYTEDMD_OP_INDEX or BYTEDMD_OP_ESCAPE. */
void bytedmd_read(bytedmd_op __why, bytedmd_key __key);

/** Marks keys[0..n) as results: they stay live to the end of the
 *  measurement. Untracked and foreign keys are ignored. */
void bytedmd_results(const bytedmd_key *__keys, size_t __n);

/* ---- source locations and diagnostics ------------------------------------ */

/** The instructions that follow belong to `where` (until the next call). */
void bytedmd_at(bytedmd_location *__where);

/** The id of the location this thread's log names now (0: none yet, or one
 *  is wanted). bytedmd_at(where) does nothing when where->__id is this id
 *  (and not 0), so inline code may skip the call then. Read-only outside
 *  the runtime. */
extern __thread uint32_t bytedmd_location_now;

/** A construct the model cannot follow happened in this measurement: marks
 *  it approximate and records "file:line:col: message" once per site. */
void bytedmd_diagnostic(const bytedmd_location *__where, const char *__message);

/* ---- shadow memory: which key each location holds ------------------------- */

/* A location holds a key, or nothing, or a mark of the measurement in
 * flight: "written with an untracked value" (a store of key 0) or "created"
 * (memory the measurement allocated or declared, that no rewritten code has
 * written since). Locations are the program's values: a value narrower than
 * 4 bytes (char, bool, short) goes through the _narrow entries, so it owns
 * its key beside its neighbours. */

/** The key stored at `address`, if the location still holds the value bits
 *  that were stored with it (`bits`: the value's first 8 bytes, zero-padded);
 *  otherwise 0. Bookkeeping: counts nothing. */
bytedmd_key bytedmd_shadow_load(const void *__address, uint64_t __bits);
bytedmd_key bytedmd_shadow_load_narrow(const void *__address, uint64_t __bits);

/** The program's own load of an arithmetic value from memory, and its store
 *  of one: the shadow entries, plus an access of that location when a
 *  stack=locations variant is measured. A load also counts what the rules
 *  ask for: a value of this measurement beside changed bits (a stale load),
 *  or memory the measurement created that no rewritten code wrote (an
 *  unattributed load, semantics.md "No silent path"); it then returns 0. A
 *  store of key 0 during a measurement marks the location written by it. */
bytedmd_key bytedmd_load(const void *__address, uint64_t __bits);
bytedmd_key bytedmd_load_narrow(const void *__address, uint64_t __bits);
void bytedmd_store(const void *__address, bytedmd_key __key, uint64_t __bits);
void bytedmd_store_narrow(const void *__address, bytedmd_key __key, uint64_t __bits);

/** Records that `address` now holds the value with `key` and these bits. */
void bytedmd_shadow_store(const void *__address, bytedmd_key __key, uint64_t __bits);

/** Nonzero while the measurement in flight on this thread has a
 *  stack=locations variant: loads and stores are then also accesses of
 *  their locations. Read-only outside the runtime. */
extern __thread int bytedmd_recording_accesses;
/** An access of `address` holding `key` (a read, or a write when `write`),
 *  for stack=locations variants: what bytedmd_load and bytedmd_store record,
 *  for a local that keeps its key beside it instead of in the shadow. */
void bytedmd_access(const void *__address, bytedmd_key __key, int __write);
void bytedmd_shadow_store_narrow(const void *__address, bytedmd_key __key, uint64_t __bits);

/** True when the measurement in flight has touched the location at
 *  `address` (given it a key, written it, or created it); `narrow` for a
 *  value narrower than 4 bytes. */
int bytedmd_shadow_touched(const void *__address, int __narrow);

/** Forgets the keys of [address, address + size): memory freed or reused. */
void bytedmd_shadow_forget(const void *__address, size_t __size);

/** [address, address + size) was just created during the measurement in
 *  flight (allocated, or a local declared), and `how`: FRESH, not written
 *  yet; ZEROED, all zeros (a calloc); WRITTEN, written with untracked values
 *  (an initialised struct). Outside a measurement: forgets. */
#define BYTEDMD_CREATED_FRESH 0
#define BYTEDMD_CREATED_WRITTEN 1
#define BYTEDMD_CREATED_ZEROED 2
void bytedmd_shadow_created(const void *__address, size_t __size, int __how);

/** Copies the keys of [from, from + size) to [to, to + size): a copy of
 *  memory that keeps its values' identities (free under the model). */
void bytedmd_shadow_copy(void *__to, const void *__from, size_t __size);

/** Marks every key of the running measurement stored in
 *  [address, address + size) as a result (a returned struct's fields). */
void bytedmd_shadow_results(const void *__address, size_t __size);

/** Loads on this thread that found a key of the running measurement beside
 *  bits that had changed: a write the tool did not see. Counted per
 *  measurement and reported as `stale_loads`. */
uint64_t bytedmd_shadow_stale_loads(void);

/* ---- calls between instrumented functions --------------------------------- */

/** What a call from instrumented code passes beside the arguments: each
 *  argument's key (by-value scalars) or source object (by-value containers,
 *  whose copy must keep its elements' keys), and the callee's return key. */
typedef struct bytedmd_call_state {
  int __pending;             /**< arguments set by the caller, not yet bound */
  unsigned __count;          /**< arguments described */
  bytedmd_key __keys[64];
  const void *__sources[64];
  int __has_return;          /**< the callee left its return value's key */
  bytedmd_key __return_key;
} bytedmd_call_state;

/** This thread's call state. */
bytedmd_call_state *bytedmd_calls(void);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* BYTEDMD_RUNTIME_H */
