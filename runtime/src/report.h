// report.h - the JSON report (schema_version 1) and its settings.
//
// The report schema lives here and only here: everything that writes a
// report goes through formatReport(), everything that reads one through
// parseReport().
#ifndef BYTEDMD_REPORT_H
#define BYTEDMD_REPORT_H

#include "replay.h"

#include <cstdint>
#include <string>
#include <vector>

namespace bytedmd {

/// A variant of the cost model, replayed from the same recorded events as
/// the default (docs/semantics.md, "Variants"). Never changes the default.
struct VariantSpec {
  bool liveness = true;  ///< no-liveness: values never leave the stack
  bool sqrtCost = false; ///< cost=sqrt: plain sqrt(d), in floating point
  bool nativeBytes = false; ///< bytes=native: each value sizeof its type
  bool locations = false;   ///< stack=locations: a stack of memory locations
  /// The canonical name: its options in a fixed order, comma-separated
  /// ("no-liveness,cost=sqrt").
  std::string name() const;
};

/// Parses one variant: options separated by commas (no-liveness, liveness,
/// cost=sqrt, cost=ceil-sqrt, bytes=native, bytes=element). On a bad one
/// returns false with *error.
bool parseVariant(const std::string &text, VariantSpec *spec, std::string *error);
/// Parses "64,256,1K,1M": sizes with optional K (1024) or M suffixes.
bool parseCacheSizes(const std::string &text, std::vector<std::uint64_t> *sizes,
                     std::string *error);

/// The runtime settings, from the environment of the instrumented program.
struct Settings {
  std::string reportPath = "bytedmd-report.json"; ///< BYTEDMD_REPORT
  std::string irPath;                             ///< BYTEDMD_IR; empty = no IR
  bool irNames = false;                           ///< BYTEDMD_IR_NAMES=1: names in the IR
  std::uint64_t bytesPerElement = 1;              ///< BYTEDMD_BYTES_PER_ELEMENT
  std::uint64_t traceLimit = 1000000;             ///< BYTEDMD_TRACE_LIMIT
  std::string variant = "reference";              ///< bytedmd_set_variant
  std::vector<VariantSpec> variants;              ///< BYTEDMD_VARIANTS (';'-separated)
  std::vector<std::uint64_t> cacheSizes;          ///< BYTEDMD_CACHE_SIZES
};

/// Reads the BYTEDMD_* variables. On a bad value returns false and sets
/// *error to a one-line reason that names the variable and what to do.
bool settingsFromEnvironment(Settings *settings, std::string *error);

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

/// Reads a report (schema_version 1). On failure returns false with *error a
/// one-line reason (invalid JSON, another schema version, a missing field).
/// A measurement's `events` section as JSON text ("" when it kept none);
/// shared by the report and the html page.
std::string eventsJson(const MeasurementRecord &m);

bool parseReport(const std::string &text, ReportData *report, std::string *error);

/// Writes data to path through a temporary file in the same directory and a
/// rename, so a reader sees the old file or the whole new one, never a part.
/// On failure returns false with *error naming the path and the reason.
bool writeFileAtomically(const std::string &path, const std::string &data, std::string *error);

} // namespace bytedmd

#endif // BYTEDMD_REPORT_H
