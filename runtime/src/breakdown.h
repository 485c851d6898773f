// breakdown.h - names a replay's Attribution: the report's by_function,
// by_region, by_input, by_op, depth histogram and timeline.
#ifndef BYTEDMD_BREAKDOWN_H
#define BYTEDMD_BREAKDOWN_H

#include "report.h"

#include <string>
#include <vector>

namespace bytedmd {

/// A scope of attribution: an instrumented function, or a region.
struct ScopeName {
  bool region = false;
  std::string name;
};

/// What the attribution's ids stand for.
struct BreakdownNames {
  std::string measured;                  ///< the root scope: the measured function
  const std::vector<ScopeName> *scopes;  ///< scope id - 1 -> name
  const char *parameterNames = nullptr;  ///< "c,b,a": parameter group g is the g-th
};

/// The breakdown of stats.attribution. Functions are summed over every
/// calling context; a function's inclusive cost counts each read once
/// however deep its recursion goes (callgrind's rule).
Breakdown breakdownOf(const ReplayStats &stats, const BreakdownNames &names);

/// The depth histogram's bins from reads per exact depth (index = depth).
std::vector<Breakdown::Bin> depthBins(const std::vector<std::uint64_t> &depths);

} // namespace bytedmd

#endif // BYTEDMD_BREAKDOWN_H
