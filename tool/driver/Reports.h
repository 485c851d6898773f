// Reports.h - `bytedmd report` and `bytedmd compare`.
#ifndef BYTEDMD_DRIVER_REPORTS_H
#define BYTEDMD_DRIVER_REPORTS_H

namespace bytedmd {

struct ReportData;

/// The summary table: one row per measurement (text, or markdown).
void printSummary(const ReportData &report, bool markdown);

/// `bytedmd report FILE.json [--format=text|markdown|json]`.
int reportCommand(int argc, char **argv);

/// `bytedmd compare BASE.json NEW.json [--max-increase=PCT] [--format=...]`:
/// 0 when no cost rose by more than the threshold, 1 when one did, 2 on
/// unusable input (with a one-line reason).
int compareCommand(int argc, char **argv);

/// `bytedmd annotate FILE.json [--function=NAME] [--call=N]`: the measured
/// source with each line's cost and share, as cg_annotate does for misses.
int annotateCommand(int argc, char **argv);

} // namespace bytedmd

#endif // BYTEDMD_DRIVER_REPORTS_H
