// Run.h - `bytedmd run`: instrument, compile, run, report.
#ifndef BYTEDMD_DRIVER_RUN_H
#define BYTEDMD_DRIVER_RUN_H

namespace bytedmd {

/// Runs `bytedmd run` with the arguments after "run". argv0 locates the
/// sibling bytedmd-instrument and the runtime. Returns the exit status.
int runCommand(int argc, char **argv, const char *argv0);

} // namespace bytedmd

#endif // BYTEDMD_DRIVER_RUN_H
