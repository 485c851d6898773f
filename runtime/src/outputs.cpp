// outputs.cpp - the report and the IR text, written when the program exits.
#include "recording.h"

#include "recorder.h"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <unistd.h>

namespace bytedmd {

/// Referenced from entries.cpp, so that this file (and its exit hook) is
/// linked whenever the entries are.
extern const char outputsLinked = 1;

namespace {

/// Closes the IR file and renames it into place; false (after saying why)
/// when it cannot be written. The caller holds the registry's mutex.
bool closeIrLocked(Registry &reg, const Settings &config) {
  if (reg.ir == nullptr)
    return !reg.irFailed;
  const bool closed = std::fclose(reg.ir) == 0;
  reg.ir = nullptr;
  if (!closed || reg.irFailed) {
    std::fprintf(stderr, "bytedmd: error: cannot write IR file '%s'\n", reg.irTemporary.c_str());
    std::remove(reg.irTemporary.c_str());
    return false;
  }
  if (std::rename(reg.irTemporary.c_str(), config.irPath.c_str()) != 0) {
    std::fprintf(stderr, "bytedmd: error: cannot write IR file '%s': %s\n",
                 config.irPath.c_str(), std::strerror(errno));
    std::remove(reg.irTemporary.c_str());
    return false;
  }
  return true;
}

extern "C" void writeOutputsAtExit() {
  if (streamingChild) // a streaming first execution that called exit: no report
    return;
  if (!writeOutputs()) {
    std::fflush(nullptr);
    std::_Exit(kExitOutputError);
  }
}

/// Registers the exit handler as soon as the runtime is linked in, so a
/// program that measures nothing still writes an (empty) report.
struct ExitHook {
  ExitHook() { std::atexit(writeOutputsAtExit); }
} exitHook;

} // namespace

void openIrLocked(Registry &reg) {
  if (reg.ir != nullptr || reg.irFailed)
    return;
  reg.irTemporary = reg.settings.irPath + ".tmp." + std::to_string(::getpid());
  reg.ir = std::fopen(reg.irTemporary.c_str(), "wb");
  if (reg.ir == nullptr) {
    reg.irFailed = true;
    std::fprintf(stderr, "bytedmd: error: cannot create IR file '%s': %s\n",
                 reg.irTemporary.c_str(), std::strerror(errno));
  }
}

bool writeOutputs() {
  Registry &reg = registry();
  const Settings &config = settings();
  const Recorder &r = threadRecorder();
  if (r.id != 0)
    std::fprintf(stderr,
                 "bytedmd: warning: the program exited during the measurement of '%s'; "
                 "that measurement is not in the report\n",
                 functionName(r));
  bool ok;
  {
    std::lock_guard<std::mutex> lock(reg.mutex);
    ok = closeIrLocked(reg, config);
  }
  std::string error;
  if (!writeFileAtomically(config.reportPath, formatReport(finishedMeasurements(), config),
                           &error)) {
    std::fprintf(stderr,
                 "bytedmd: error: cannot write the report: %s; set BYTEDMD_REPORT to a "
                 "writable path\n",
                 error.c_str());
    ok = false;
  }
  return ok;
}

} // namespace bytedmd
