// replay_benchmark.cpp - reads per second of the replay alone, against the
// naive O(n) replay where it finishes.
//
// Workloads (each sized by its number of reads):
//   small    an accumulator loop over a 256-value working set: each
//            instruction reads two values and its output replaces one
//            (the reuse pattern of a tiled inner loop);
//   large    the same over a 65,536-value working set read uniformly, so
//            most reads are deep;
//   matmul   the naive i-j-k matmul of the seed, N chosen for the size.
//
// BM_Measurement records through the runtime's entry set (as instrumented
// code does) and replays at the end of the measurement: the whole cost of a
// measured call, up to 10^8 reads, with the process's peak memory.
#include "bytedmd/runtime.h"
#include "naive_replay.h"
#include "online_replay.h"
#include "recorder.h"
#include "reference_programs.h"
#include "replay.h"

#include <benchmark/benchmark.h>

#include <cstdlib>
#include <map>
#include <memory>
#include <random>
#include <sys/resource.h>

namespace bytedmd {
namespace {

EventLog workingSetLog(std::uint64_t reads, int width) {
  std::mt19937_64 rng(reads ^ std::uint64_t(width));
  EventLog log;
  std::vector<Word> slots(width);
  for (Word &k : slots)
    k = log.input();
  for (std::uint64_t r = 0; r < reads; r += 2) {
    const Word keys[] = {slots[rng() % width], slots[rng() % width]};
    slots[rng() % width] = log.read(keys, 2, true, BYTEDMD_OP_ADD);
  }
  for (Word k : slots)
    log.result(k);
  return log;
}

int matmulSizeFor(std::uint64_t reads) {
  int n = 2;
  while (std::uint64_t(4) * n * n * n - std::uint64_t(2) * n * n < reads)
    ++n; // its reads
  return n;
}

enum Workload { kSmall, kLarge, kMatmul };

const EventLog &cachedLog(Workload w, std::uint64_t reads) {
  static std::map<std::pair<int, std::uint64_t>, std::unique_ptr<EventLog>> cache;
  auto &slot = cache[{int(w), reads}];
  if (!slot) {
    slot = std::make_unique<EventLog>(w == kSmall   ? workingSetLog(reads, 256)
                                      : w == kLarge ? workingSetLog(reads, 65536)
                                                    : testing::matmulEvents(matmulSizeFor(reads)));
  }
  return *slot;
}

void report(benchmark::State &state, std::uint64_t reads, std::uint64_t peak) {
  state.SetItemsProcessed(std::int64_t(state.iterations() * reads));
  state.counters["reads"] = double(reads);
  state.counters["peak_live"] = double(peak);
  state.counters["reads_per_s"] =
      benchmark::Counter(double(reads) * double(state.iterations()), benchmark::Counter::kIsRate);
}

/// The process's peak resident memory so far, in MiB.
void reportPeakMemory(benchmark::State &state) {
  rusage usage{};
  ::getrusage(RUSAGE_SELF, &usage);
  state.counters["peak_rss_MiB"] = double(usage.ru_maxrss) / 1024.0;
}

// The log with one source location in front, as the runtime's logs have:
// the replay then prices every read as it goes (the report's per-line costs).
EventLogView withLocation(const EventLog &log) {
  static std::map<const EventLog *, std::vector<Word>> cache;
  std::vector<Word> &words = cache[&log];
  EventLogView view = log.view();
  if (words.empty()) {
    words.push_back(word::kLocation | 1);
    words.insert(words.end(), view.words, view.words + view.size);
  }
  view.words = words.data();
  view.size = words.size();
  return view;
}
void BM_Replay(benchmark::State &state) {
  const EventLog &log = cachedLog(Workload(state.range(0)), std::uint64_t(state.range(1)));
  const EventLogView view = state.range(2) != 0 ? withLocation(log) : log.view();
  Replay replay;
  ReplayOptions options;
  options.traceLimit = 0; // the report's trace is a copy; measure the replay
  options.attribution = state.range(3) != 0;
  ReplayStats stats;
  for (auto _ : state) {
    stats = replay.run(view, options);
    benchmark::DoNotOptimize(stats.cost);
  }
  report(state, stats.reads, stats.peakLive);
}

void BM_NaiveReplay(benchmark::State &state) {
  const EventLog &log = cachedLog(Workload(state.range(0)), std::uint64_t(state.range(1)));
  testing::NaiveResult result;
  for (auto _ : state) {
    result = testing::naiveReplay(log.view());
    benchmark::DoNotOptimize(result.trace.data());
  }
  report(state, result.trace.size(), result.peakLive);
}

void replayArgs(benchmark::internal::Benchmark *b) {
  // sites:1 attribution:1 is what a measurement's replay does; against
  // sites:1 attribution:0 it shows what attribution adds (issue 16).
  b->ArgNames({"workload", "reads", "sites", "attribution"});
  for (int w : {kSmall, kLarge, kMatmul}) {
    for (std::int64_t reads : {100000, 1000000, 10000000})
      b->Args({w, reads, 0, 0});
    b->Args({w, 10000000, 1, 0});
    b->Args({w, 10000000, 1, 1});
  }
  b->Unit(benchmark::kMillisecond);
}

// The naive replay scans the stack: O(live) per read. Run it where it ends in
// seconds, so the ratio to the fast replay shows in one run.
void naiveArgs(benchmark::internal::Benchmark *b) {
  b->ArgNames({"workload", "reads"});
  b->Args({kSmall, 100000})->Args({kSmall, 1000000});
  b->Args({kLarge, 100000});
  b->Args({kMatmul, 100000});
  b->Unit(benchmark::kMillisecond)->Iterations(1);
}

// One measured call of a dot-product-like loop over a 512-value working set
// (s = s + x[i] * y[j]), recorded through the entry set and replayed.
void BM_Measurement(benchmark::State &state) {
  static bytedmd_function site = {"bench", {"replay_benchmark.cpp", 1, 1, 0}};
  const std::uint64_t reads = std::uint64_t(state.range(0));
  std::uint64_t cost = 0;
  for (auto _ : state) {
    const int opened = bytedmd_enter(&site);
    bytedmd_key x[256], y[256];
    bytedmd_inputs(x, 256);
    bytedmd_inputs(y, 256);
    bytedmd_key s = bytedmd_binary(BYTEDMD_OP_MUL, x[0], y[0]);
    for (std::uint64_t r = 2, i = 1; r < reads; r += 4, ++i)
      s = bytedmd_binary(BYTEDMD_OP_ADD, s,
                         bytedmd_binary(BYTEDMD_OP_MUL, x[i % 256], y[(i * 7) % 256]));
    bytedmd_results(&s, 1);
    bytedmd_leave(opened);
    cost = finishedMeasurements().back().stats.cost;
  }
  benchmark::DoNotOptimize(cost);
  state.SetItemsProcessed(std::int64_t(state.iterations() * reads));
  state.counters["reads"] = double(reads);
  state.counters["reads_per_s"] =
      benchmark::Counter(double(reads) * double(state.iterations()), benchmark::Counter::kIsRate);
  reportPeakMemory(state);
}

// Issue 17's unbounded measurement: reads produced and replayed online, so
// memory stays with the live set however long the run. A working set of
// 4,096 values; each instruction reads two of them, and its first operand's
// read is that value's last: the output takes its slot (an accumulator's
// pattern). 10^10 reads is benchmarks/run's; here up to 10^8.
void BM_OnlineReplay(benchmark::State &state) {
  const std::uint64_t reads = std::uint64_t(state.range(0));
  constexpr std::uint32_t kWidth = 4096;
  ReplayStats stats;
  for (auto _ : state) {
    std::mt19937_64 rng(reads);
    OnlineReplay replay;
    ReplayOptions options;
    options.traceLimit = 0;
    replay.begin(options);
    for (OnlineReplay::Slot s = 1; s <= kWidth; ++s)
      replay.input(s, true);
    const std::uint8_t last[2] = {1, 0};
    for (std::uint64_t r = 0; r < reads; r += 2) {
      const std::uint64_t x = rng();
      OnlineReplay::Slot slots[2] = {OnlineReplay::Slot(1 + x % kWidth),
                                     OnlineReplay::Slot(1 + (x >> 32) % kWidth)};
      if (slots[1] == slots[0])
        slots[1] = slots[0] % kWidth + 1;
      replay.batch(slots, last, 2);
      replay.instruction();
      replay.store(slots[0], false);
    }
    stats = replay.finish();
    benchmark::DoNotOptimize(stats.cost);
  }
  report(state, stats.reads, stats.peakLive);
  reportPeakMemory(state);
}
BENCHMARK(BM_OnlineReplay)
    ->ArgName("reads")
    ->Arg(10000000)
    ->Arg(100000000)
    ->Arg(10000000000) // benchmarks/run's: minutes
    ->Unit(benchmark::kMillisecond)
    ->Iterations(1);

BENCHMARK(BM_Replay)->Apply(replayArgs);
BENCHMARK(BM_NaiveReplay)->Apply(naiveArgs);
// Up to 10^8: a measurement keeps its log in memory (10^10 reads would be
// 2^32 words and more; BM_OnlineReplay is the unbounded one).
BENCHMARK(BM_Measurement)
    ->ArgName("reads")
    ->Arg(1000000)
    ->Arg(10000000)
    ->Arg(100000000)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(1);

} // namespace
} // namespace bytedmd

int main(int argc, char **argv) {
  // The runtime writes a report at exit; keep it out of the way.
  ::setenv("BYTEDMD_REPORT", "replay_benchmark-report.json", 0);
  ::setenv("BYTEDMD_TRACE_LIMIT", "0", 0);
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv))
    return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
