// attribution.h - where one measurement's cost goes, gathered in its replay.
//
// Every read is charged, at O(1) extra, to
//   - the scope it happens in: a node of the calling-context tree of
//     instrumented functions and regions (SCOPE words of the log), so the
//     report can sum by function (inclusive, exclusive) and by region path;
//   - its instruction's kind (the op of its READ header);
//   - the parameter whose input element it reads (first reads apart), or
//     none: a temporary;
// and the replay samples the live-set size and the cost so far on a grid of
// at most kTimelinePoints windows. Names are not known here: scope ids and
// parameter groups are the runtime's (measurement.cpp names them).
#ifndef BYTEDMD_ATTRIBUTION_H
#define BYTEDMD_ATTRIBUTION_H

#include "event_log.h"

#include <algorithm>
#include <cstdint>
#include <vector>

namespace bytedmd {

struct Attribution {
  /// A node of the calling-context tree: the path of scopes from the
  /// measurement's root (node 0, scope 0: the measured function).
  struct Scope {
    std::uint32_t parent = 0;
    Word id = 0; ///< the runtime's scope id; 0 for the root
    std::uint32_t firstChild = 0, nextSibling = 0; // 0: none
    std::uint64_t entries = 0, reads = 0, cost = 0; ///< its own, callees apart
  };
  std::vector<Scope> scopes;
  /// Reads and cost per op (the READ header's op, < 256).
  struct Share {
    std::uint64_t reads = 0, cost = 0;
  };
  std::vector<Share> ops;
  /// Per parameter group (the runtime's numbering; index 0: temporaries,
  /// filled at the end as what the inputs leave).
  struct InputShare {
    std::uint64_t elements = 0, reads = 0, cost = 0, firstReads = 0, firstCost = 0;
  };
  std::vector<InputShare> inputs;
  /// The live-set size (its largest within each window) and the cost so far
  /// (at the window's end), at event `event` (the window's end).
  struct Point {
    std::uint64_t event = 0, live = 0, cost = 0;
  };
  std::vector<Point> timeline;
  std::uint64_t events = 0; ///< STOREs and READ batches, as liveness counts them
  /// Reads per exact depth (index = depth), trimmed after the deepest.
  std::vector<std::uint64_t> depths;
};

constexpr std::uint64_t kTimelinePoints = 1000;

/// An input value's origin, 16 bits beside it in a replay: its parameter
/// group + 1 (0: not an input), the top bit set once it has been read.
namespace origin {
constexpr std::uint16_t kReadOnce = 1u << 15;
constexpr std::uint16_t kMax = kReadOnce - 1;
/// The origin of an input of parameter group g (a function with 32,766
/// parameters shares the last share with the rest).
inline std::uint16_t ofGroup(std::uint32_t g) {
  return std::uint16_t(g + 1 < kMax ? g + 1 : kMax);
}
/// Sizes a.inputs for `n` inputs of parameter groups groups[0..n) (null: all
/// one parameter) and counts each share's elements.
inline void countInputs(Attribution &a, const std::uint32_t *groups, std::size_t n) {
  std::uint16_t highest = 0;
  for (std::size_t i = 0; i < n; ++i)
    highest = std::max(highest, ofGroup(groups != nullptr ? groups[i] : 0));
  a.inputs.assign(std::size_t(highest) + 1, {});
  for (std::size_t i = 0; i < n; ++i)
    ++a.inputs[ofGroup(groups != nullptr ? groups[i] : 0)].elements;
}
/// Charges a read of cost c of a value with origin o (not 0) to its input share.
inline void charge(Attribution::InputShare *shares, std::uint16_t &o, std::uint64_t c) {
  Attribution::InputShare &in = shares[o & kMax];
  ++in.reads;
  in.cost += c;
  if ((o & kReadOnce) == 0) {
    o |= kReadOnce;
    ++in.firstReads;
    in.firstCost += c;
  }
}
} // namespace origin

/// The replay's running state for an Attribution: the current scope, the
/// timeline's window.
class AttributionState {
public:
  /// Starts a replay of `events` events; inputs are placed by the caller.
  void begin(Attribution &a, std::uint64_t events) {
    a = Attribution{};
    a.scopes.emplace_back();
    a.scopes[0].entries = 1;
    a.ops.resize(256);
    a.events = events;
    out_ = &a;
    scope_ = 0;
    current_ = &a.scopes[0];
    ops_ = a.ops.data();
    window_ = events / kTimelinePoints + 1;
    windowEnd_ = window_;
    windowLive_ = 0;
    cost_ = 0;
  }
  /// A SCOPE word's payload: open `id`, or close the innermost (0).
  void scope(Word id) {
    std::vector<Attribution::Scope> &s = out_->scopes;
    if (id == 0) {
      scope_ = s[scope_].parent; // the root stays the root
      current_ = &s[scope_];
      return;
    }
    const std::uint32_t child = childOf(s, scope_, id);
    ++s[child].entries;
    scope_ = child;
    current_ = &s[child]; // (childOf may have moved them)
  }
  /// The node for scope `id` under `parent`, made (first among its
  /// siblings) if it is new.
  static std::uint32_t childOf(std::vector<Attribution::Scope> &s, std::uint32_t parent, Word id) {
    std::uint32_t child = s[parent].firstChild;
    while (child != 0 && s[child].id != id)
      child = s[child].nextSibling;
    if (child == 0) {
      child = std::uint32_t(s.size());
      Attribution::Scope node;
      node.parent = parent;
      node.id = id;
      node.nextSibling = s[parent].firstChild;
      s.push_back(node);
      s[parent].firstChild = child;
    }
    return child;
  }
  /// A split replay's second half: the scopes open where it starts
  /// (outermost first; entered in the first half, so not counted here) and
  /// the timeline window's end there.
  void resume(const std::vector<Word> &open, std::uint64_t windowEnd) {
    out_->scopes[0].entries = 0; // the measured function was entered once, in the first half
    for (const Word id : open)
      scope_ = childOf(out_->scopes, scope_, id);
    current_ = &out_->scopes[scope_];
    windowEnd_ = windowEnd;
  }
  /// Adds a split replay's second half, replayed by `second` into its own
  /// Attribution from where this one stopped. Scope nodes new in the second
  /// half are made in its order, as one replay would have made them; the
  /// window the split fell in closes with both halves' live sets.
  void merge(const AttributionState &second) {
    Attribution &into = *out_;
    const Attribution &from = *second.out_;
    std::vector<std::uint32_t> node(from.scopes.size(), 0);
    for (std::size_t n = 1; n < from.scopes.size(); ++n) // parents come first
      node[n] = childOf(into.scopes, node[from.scopes[n].parent], from.scopes[n].id);
    for (std::size_t n = 0; n < from.scopes.size(); ++n) {
      Attribution::Scope &to = into.scopes[node[n]];
      to.entries += from.scopes[n].entries;
      to.reads += from.scopes[n].reads;
      to.cost += from.scopes[n].cost;
    }
    for (std::size_t op = 0; op < into.ops.size() && op < from.ops.size(); ++op) {
      into.ops[op].reads += from.ops[op].reads;
      into.ops[op].cost += from.ops[op].cost;
    }
    for (std::size_t g = 0; g < into.inputs.size() && g < from.inputs.size(); ++g) {
      into.inputs[g].reads += from.inputs[g].reads;
      into.inputs[g].cost += from.inputs[g].cost;
      into.inputs[g].firstReads += from.inputs[g].firstReads;
      into.inputs[g].firstCost += from.inputs[g].firstCost;
    }
    for (std::size_t p = 0; p < from.timeline.size(); ++p) {
      Attribution::Point point = from.timeline[p];
      point.cost += cost_;
      if (p == 0)
        point.live = std::max(point.live, windowLive_);
      into.timeline.push_back(point);
    }
    windowLive_ = from.timeline.empty() ? std::max(windowLive_, second.windowLive_)
                                        : second.windowLive_;
    cost_ += second.cost_;
    scope_ = 0;
    current_ = &into.scopes[0];
  }
  /// One READ batch of `reads` reads that cost `cost`, of instruction `op`.
  void batch(unsigned op, unsigned reads, std::uint64_t cost) {
    current_->reads += reads;
    current_->cost += cost;
    ops_[op].reads += reads;
    ops_[op].cost += cost;
    cost_ += cost;
  }
  /// The live set after a STORE.
  void live(std::uint64_t n) {
    if (n > windowLive_)
      windowLive_ = n;
  }
  /// After an event: `event` events have happened (checked once per log
  /// entry, so a window can end a few events late).
  void advance(std::uint64_t event, std::uint64_t live) {
    if (event < windowEnd_)
      return;
    out_->timeline.push_back({event, windowLive_, cost_});
    windowLive_ = live;
    windowEnd_ += window_;
  }
  /// The last, partial window.
  void end(std::uint64_t event) {
    if (out_->timeline.empty() || out_->timeline.back().event != event)
      out_->timeline.push_back({event, windowLive_, cost_});
  }
  /// Ends the replay after `event` events: the timeline's last window, the
  /// depths (histogram by exact depth), and the temporaries' share as what
  /// the inputs leave of the totals.
  void finish(std::uint64_t event, const std::vector<std::uint64_t> &histogram,
              std::uint64_t reads, std::uint64_t cost) {
    end(event);
    Attribution &a = *out_;
    std::size_t deepest = histogram.size();
    while (deepest > 1 && histogram[deepest - 1] == 0)
      --deepest;
    a.depths.assign(histogram.begin(), histogram.begin() + std::ptrdiff_t(deepest));
    Attribution::InputShare &temporaries = a.inputs.empty() ? a.inputs.emplace_back() : a.inputs[0];
    temporaries.reads = reads;
    temporaries.cost = cost;
    for (std::size_t g = 1; g < a.inputs.size(); ++g) {
      temporaries.reads -= a.inputs[g].reads;
      temporaries.cost -= a.inputs[g].cost;
    }
  }

private:
  Attribution *out_ = nullptr;
  std::uint32_t scope_ = 0;
  Attribution::Scope *current_ = nullptr; // scopes[scope_]
  Attribution::Share *ops_ = nullptr;
  std::uint64_t window_ = 1, windowEnd_ = 1, windowLive_ = 0, cost_ = 0;
};

} // namespace bytedmd

#endif // BYTEDMD_ATTRIBUTION_H
