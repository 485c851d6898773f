// recorder.h - what the runtime keeps across measurements, for the report
// writer and for tests. The entry set itself is in bytedmd/runtime.h.
#ifndef BYTEDMD_RECORDER_H
#define BYTEDMD_RECORDER_H

#include "report.h"

#include <vector>

namespace bytedmd {

/// The measurements finished so far on every thread, in call order.
std::vector<MeasurementRecord> finishedMeasurements();

/// The settings in force (read from the environment at the first
/// measurement, or at exit if there was none).
const Settings &settings();

/// Writes the report (and closes the IR text) now. Returns false, after
/// printing the reason on stderr, when either cannot be written. Runs at exit.
bool writeOutputs();

} // namespace bytedmd

#endif // BYTEDMD_RECORDER_H
