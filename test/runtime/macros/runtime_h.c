/* runtime_h.c - bytedmd/runtime.h as C, under a user's macros: its
 * prototypes and structs use reserved names only. */
#include "bytedmd/runtime.h"

static bytedmd_location here = {"runtime_h.c", 1, 1, 0, 0};

int main(void) {
  bytedmd_at(&here);
  return 0;
}
