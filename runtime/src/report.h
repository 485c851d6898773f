// report.h - the JSON report (schema_version 1): its writer, its reader, and the page's view of it.
//
// The report schema lives here and only here: everything that writes a
// report goes through formatReport(), everything that reads one through
// loadReport() (or parseReport()), and the html page's data comes from
// pageData(), so the field names are spelled in report.cpp alone.
#ifndef BYTEDMD_REPORT_H
#define BYTEDMD_REPORT_H

#include "replay.h"
#include "settings.h"

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace bytedmd {

/// Where one measurement's cost went, with names (the report's by_function,
/// by_region, by_input, by_op, depth_histogram and timeline): made from the
/// replay's Attribution when the measurement ends (breakdown.cpp), or read
/// back from a report.
struct Breakdown {
  bool present = false; ///< false: a report written before attribution
  /// A function (name, calls) or a region (name = its path, calls = entries).
  struct Part {
    std::string name;
    std::uint64_t calls = 0, reads = 0, readsInclusive = 0, cost = 0, costInclusive = 0;
  };
  std::vector<Part> functions; ///< in first-entry order; cost is exclusive
  std::vector<Part> regions;   ///< empty when the measurement has none
  Part outsideRegions;         ///< reads in no region (name "")
  struct Input {
    std::string name; ///< the parameter, or "temporaries" (last)
    std::uint64_t elements = 0, reads = 0, cost = 0, firstReads = 0, firstCost = 0;
  };
  std::vector<Input> inputs;
  struct Op {
    std::string op;
    std::uint64_t reads = 0, cost = 0;
  };
  std::vector<Op> ops; ///< the kinds read at all, in ops.def order
  /// Reads per depth bin [lo, hi]: exact up to depth 64, then eight bins per
  /// doubling; cdf is the fraction of reads at depth <= hi.
  struct Bin {
    std::uint64_t lo = 0, hi = 0, reads = 0;
    double cdf = 0;
  };
  std::vector<Bin> depthHistogram;
  std::vector<Attribution::Point> timeline; ///< at most 1,000 points
};

/// One measured call, replayed.
struct MeasurementRecord {
  std::uint64_t sequence = 0; ///< global start order (call order)
  std::string function;       ///< qualified name as written
  std::uint32_t call = 0;     ///< 0-based call number of this function
  std::string file;
  std::uint32_t line = 0;
  ReplayStats stats;
  bool approximate = false;
  std::vector<std::string> diagnostics;
  std::uint64_t staleLoads = 0; ///< loads whose memory changed behind the tool
  /// Loads that broke the No-silent-path rule (semantics.md).
  std::uint64_t unattributedLoads = 0;
  /// Reads and cost per source line (the line of the instruction that read).
  struct Line {
    std::string file;
    std::uint32_t line = 0;
    std::uint64_t reads = 0, cost = 0;
  };
  std::vector<Line> lines;
  /// The events themselves, for small measurements (the HTML page animates
  /// them): values are numbered 1.. in store order.
  struct Event {
    bool read = false;
    std::vector<std::uint32_t> values; ///< the stored value, or the operands
    std::vector<std::uint32_t> depths; ///< a read's depths
    std::string op;                    ///< an instruction's name ("" for a plain read)
    std::string name;                  ///< a store's source name, with names on
  };
  std::vector<Event> events;
  std::vector<std::uint32_t> resultValues; ///< with events: the results' numbers
  /// The same events replayed under each requested variant.
  struct Variant {
    std::string name;
    VariantSpec spec;
    ReplayStats stats; ///< cost, or sqrtCost for cost=sqrt; misses
    std::uint64_t coldReads = 0; ///< stack=locations: reads of unplaced locations
  };
  std::vector<Variant> variants;
  bool hasSize = false; ///< bytedmd::size(n) gave the problem size
  std::uint64_t size = 0;
  Breakdown breakdown;
};

/// The report text, measurements in the order given.
std::string formatReport(const std::vector<MeasurementRecord> &measurements,
                         const Settings &settings);

/// A report read back: its model and measurements.
struct ReportData {
  int schemaVersion = 0;
  std::string generator;
  Settings model; ///< bytes_per_element, variant, cache sizes
  std::vector<MeasurementRecord> measurements;
};

/// Reads a report's text (schema_version 1). On failure returns false with
/// *error a one-line reason (invalid JSON, another schema version, a missing
/// field).
bool parseReport(const std::string &text, ReportData *report, std::string *error);

/// Reads the report file at path. On failure returns false with *error a
/// one-line reason that names the path ("cannot read r.json: No such file or
/// directory", "r.json: not valid JSON (...)").
bool loadReport(const std::string &path, ReportData *report, std::string *error);

/// What `bytedmd html` embeds in its page, as JSON text: the model's bytes
/// per element and cache sizes, and per measurement the report's summary
/// fields (no trace; the events where the report kept them; the lines, the
/// misses, the variants), plus `sources`: the text of each file given, by
/// path.
std::string pageData(const ReportData &report,
                     const std::vector<std::pair<std::string, std::string>> &sources);

/// Writes data to path through a temporary file in the same directory and a
/// rename, so a reader sees the old file or the whole new one, never a part.
/// On failure returns false with *error naming the path and the reason.
bool writeFileAtomically(const std::string &path, const std::string &data, std::string *error);

} // namespace bytedmd

#endif // BYTEDMD_REPORT_H
