// breakdown.cpp - sums the calling-context tree by function and by region
// path, names inputs and ops, bins the depths.
#include "breakdown.h"

#include "bytedmd/runtime.h"

#include <map>
#include <utility>

namespace bytedmd {
namespace {

using Scope = Attribution::Scope;

bool isRegion(const BreakdownNames &names, Word id) {
  return id != 0 && id <= names.scopes->size() && (*names.scopes)[id - 1].region;
}

std::string scopeName(const BreakdownNames &names, Word id) {
  if (id == 0)
    return names.measured;
  return id <= names.scopes->size() ? (*names.scopes)[id - 1].name : "<scope " + std::to_string(id) + ">";
}

/// Each node's reads and cost with everything under it (children come after
/// their parent in the tree's array).
void subtreeTotals(const std::vector<Scope> &scopes, std::vector<std::uint64_t> &reads,
                   std::vector<std::uint64_t> &cost) {
  reads.resize(scopes.size());
  cost.resize(scopes.size());
  for (std::size_t n = 0; n < scopes.size(); ++n) {
    reads[n] = scopes[n].reads;
    cost[n] = scopes[n].cost;
  }
  for (std::size_t n = scopes.size(); n-- > 1;) {
    reads[scopes[n].parent] += reads[n];
    cost[scopes[n].parent] += cost[n];
  }
}

std::vector<Breakdown::Part> byFunction(const std::vector<Scope> &scopes,
                                        const BreakdownNames &names) {
  std::vector<std::uint64_t> subReads, subCost;
  subtreeTotals(scopes, subReads, subCost);
  std::vector<Breakdown::Part> parts;
  std::map<std::string, std::size_t> index;
  auto part = [&](const std::string &name) -> Breakdown::Part & {
    auto [it, fresh] = index.try_emplace(name, parts.size());
    if (fresh)
      parts.push_back({name});
    return parts[it->second];
  };
  // Each node's function: its own scope, or for a region its caller's.
  std::vector<std::string> function(scopes.size());
  for (std::size_t n = 0; n < scopes.size(); ++n) {
    const bool region = isRegion(names, scopes[n].id);
    function[n] = region ? function[scopes[n].parent] : scopeName(names, scopes[n].id);
    Breakdown::Part &p = part(function[n]);
    if (!region)
      p.calls += scopes[n].entries;
    p.reads += scopes[n].reads;
    p.cost += scopes[n].cost;
  }
  // Inclusive: the subtrees of each function's outermost frames, found by a
  // depth-first walk that counts the frames open on the current path.
  std::map<std::string, int> open;
  std::vector<std::pair<std::uint32_t, bool>> stack{{0, false}};
  while (!stack.empty()) {
    auto [n, leaving] = stack.back();
    stack.pop_back();
    const bool frame = n == 0 || !isRegion(names, scopes[n].id);
    if (leaving) {
      if (frame)
        --open[function[n]];
      continue;
    }
    if (frame && open[function[n]]++ == 0) {
      Breakdown::Part &p = part(function[n]);
      p.readsInclusive += subReads[n];
      p.costInclusive += subCost[n];
    }
    stack.push_back({n, true});
    for (std::uint32_t c = scopes[n].firstChild; c != 0; c = scopes[c].nextSibling)
      stack.push_back({c, false});
  }
  return parts;
}

void byRegion(const std::vector<Scope> &scopes, const BreakdownNames &names, Breakdown &out) {
  std::vector<std::string> path(scopes.size());
  std::map<std::string, Breakdown::Part> own; // exclusive, by path
  std::vector<std::string> order;
  for (std::size_t n = 0; n < scopes.size(); ++n) {
    if (n != 0 && isRegion(names, scopes[n].id)) {
      const std::string &up = path[scopes[n].parent];
      path[n] = (up.empty() ? "" : up + "/") + scopeName(names, scopes[n].id);
    } else if (n != 0) {
      path[n] = path[scopes[n].parent];
    }
    auto [it, fresh] = own.try_emplace(path[n]);
    if (fresh && !path[n].empty())
      order.push_back(path[n]);
    it->second.name = path[n];
    if (n != 0 && isRegion(names, scopes[n].id))
      it->second.calls += scopes[n].entries;
    it->second.reads += scopes[n].reads;
    it->second.cost += scopes[n].cost;
  }
  out.outsideRegions = own[""];
  for (const std::string &p : order) {
    Breakdown::Part part = own[p];
    for (const auto &[q, inner] : own)
      if (q == p || q.compare(0, p.size() + 1, p + "/") == 0) {
        part.readsInclusive += inner.reads;
        part.costInclusive += inner.cost;
      }
    out.regions.push_back(std::move(part));
  }
}

std::vector<Breakdown::Input> byInput(const Attribution &a, const BreakdownNames &names) {
  std::vector<std::string> parameters; // as the string gives them: last parameter first
  if (names.parameterNames != nullptr) {
    std::string current;
    for (const char *c = names.parameterNames;; ++c) {
      if (*c == ',' || *c == '\0') {
        parameters.push_back(current);
        current.clear();
        if (*c == '\0')
          break;
      } else {
        current += *c;
      }
    }
  }
  std::vector<Breakdown::Input> out;
  // Index i is parameter group i - 1; groups count down from the last
  // parameter, so the highest is the first parameter.
  for (std::size_t i = a.inputs.size(); i-- > 1;) {
    const Attribution::InputShare &s = a.inputs[i];
    if (s.elements == 0)
      continue;
    const std::size_t group = i - 1;
    std::string name = group >= 1 && group <= parameters.size() ? parameters[group - 1]
                                                                : "inputs";
    out.push_back({name, s.elements, s.reads, s.cost, s.firstReads, s.firstCost});
  }
  if (!a.inputs.empty())
    out.push_back({"temporaries", 0, a.inputs[0].reads, a.inputs[0].cost, 0, 0});
  return out;
}

} // namespace

std::vector<Breakdown::Bin> depthBins(const std::vector<std::uint64_t> &depths) {
  std::vector<Breakdown::Bin> bins;
  std::uint64_t total = 0;
  for (std::uint64_t c : depths)
    total += c;
  const std::uint64_t deepest = depths.empty() ? 0 : depths.size() - 1;
  std::uint64_t lo = 1, width = 1, seen = 0;
  while (lo <= deepest) {
    if (lo > 64 && ((lo - 1) & (lo - 2)) == 0)
      width = (lo - 1) / 8; // a doubling starts (lo - 1 = 64, 128, ...): eight bins
    Breakdown::Bin bin{lo, lo + width - 1, 0, 0};
    for (std::uint64_t d = lo; d <= bin.hi && d <= deepest; ++d)
      bin.reads += depths[d];
    seen += bin.reads;
    bin.cdf = total == 0 ? 1.0 : double(seen) / double(total);
    bins.push_back(bin);
    lo += width;
  }
  return bins;
}

Breakdown breakdownOf(const ReplayStats &stats, const BreakdownNames &names) {
  const Attribution &a = stats.attribution;
  Breakdown out;
  if (a.scopes.empty())
    return out;
  out.present = true;
  out.functions = byFunction(a.scopes, names);
  byRegion(a.scopes, names, out);
  out.inputs = byInput(a, names);
  for (unsigned op = 0; op < a.ops.size(); ++op)
    if (a.ops[op].reads != 0)
      out.ops.push_back({bytedmd_op_name(bytedmd_op(op)), a.ops[op].reads, a.ops[op].cost});
  out.depthHistogram = depthBins(a.depths);
  out.timeline = a.timeline;
  return out;
}

} // namespace bytedmd
