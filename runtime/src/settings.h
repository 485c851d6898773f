// settings.h - the runtime's settings (BYTEDMD_* variables) and the cost-model variants.
#ifndef BYTEDMD_SETTINGS_H
#define BYTEDMD_SETTINGS_H

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
  /// two-stack: inputs wait on a fixed argument stack until first read, and
  /// the result is read once more at the end (the reference's dev branch).
  bool twoStack = false;
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
  bool attribution = true; ///< BYTEDMD_ATTRIBUTION=0: no by_* fields, distributions
  bool stream = false;     ///< BYTEDMD_STREAM=1: two executions, an online replay
  std::uint64_t replayThreads = 2; ///< BYTEDMD_REPLAY_THREADS: 1 keeps each replay on one
};

/// Reads the BYTEDMD_* variables. On a bad value returns false and sets
/// *error to a one-line reason that names the variable and what to do.
bool settingsFromEnvironment(Settings *settings, std::string *error);

} // namespace bytedmd

#endif // BYTEDMD_SETTINGS_H
