// Breakdowns.h - the report's breakdowns for people and for plotting:
// `bytedmd report --by=...`, `--format=csv`, and compare by region.
#ifndef BYTEDMD_DRIVER_BREAKDOWNS_H
#define BYTEDMD_DRIVER_BREAKDOWNS_H

#include <string>

namespace bytedmd {

struct ReportData;

enum class TableFormat { Text, Markdown, Json, Csv };

/// True when `by` names a breakdown: function, region, input or op.
bool isBreakdown(const std::string &by);

/// One table per measurement of where its cost went, by `by`.
void printBreakdown(const ReportData &report, const std::string &by, TableFormat format);

/// The distributions of every measurement, long-form CSV for plotting:
/// function,call,series,x_lo,x_hi,value with series depth_reads and
/// depth_cdf (x: a depth bin), live and cost (x: an event).
void printDistributionsCsv(const ReportData &report);

/// `bytedmd compare`'s table by region, when both reports have regions:
/// each (function, call, region) in either, inclusive costs. Returns how
/// many rose by more than maxIncrease percent.
int compareRegions(const ReportData &base, const ReportData &fresh, double maxIncrease,
                   bool markdown);

} // namespace bytedmd

#endif // BYTEDMD_DRIVER_BREAKDOWNS_H
