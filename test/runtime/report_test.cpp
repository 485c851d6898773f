// report_test.cpp - the JSON report, its settings and atomic writing, and the
// report and IR files that a measured program writes at exit.
#include "recording.h"
#include "report.h"
#include "test_support.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

namespace bytedmd {
namespace {

using testing::readFile;
using testing::scratchDir;

TEST(Report, HasEveryFieldOfSchemaVersion1) {
  MeasurementRecord m;
  m.function = "matvec";
  m.call = 0;
  m.file = "matvec.cpp";
  m.line = 12;
  m.stats.cost = 26;
  m.stats.reads = 12;
  m.stats.instructions = 6;
  m.stats.inputs = 6;
  m.stats.peakLive = 6;
  m.stats.trace = {4, 6, 5, 6, 3, 1, 5, 3, 4, 3, 2, 1};
  MeasurementRecord second = m;
  second.call = 1;
  second.approximate = true;
  second.diagnostics = {"matvec.cpp:14:3: bytedmd: memcpy on tracked data"};
  Settings settings;
  settings.bytesPerElement = 2;
  const nlohmann::json r = nlohmann::json::parse(formatReport({m, second}, settings));
  EXPECT_EQ(r["schema_version"], 1);
  EXPECT_EQ(r["generator"].get<std::string>().rfind("bytedmd ", 0), 0u);
  EXPECT_EQ(r["model"]["cost"], "ceil_sqrt");
  EXPECT_EQ(r["model"]["bytes_per_element"], 2);
  EXPECT_EQ(r["model"]["variant"], "reference");
  ASSERT_EQ(r["measurements"].size(), 2u);
  const auto &first = r["measurements"][0];
  EXPECT_EQ(first["function"], "matvec");
  EXPECT_EQ(first["call"], 0);
  EXPECT_EQ(first["source"]["file"], "matvec.cpp");
  EXPECT_EQ(first["source"]["line"], 12);
  EXPECT_EQ(first["cost"], 26);
  EXPECT_EQ(first["reads"], 12);
  EXPECT_EQ(first["instructions"], 6);
  EXPECT_EQ(first["inputs"], 6);
  EXPECT_EQ(first["peak_live"], 6);
  EXPECT_EQ(first["trace"], nlohmann::json({4, 6, 5, 6, 3, 1, 5, 3, 4, 3, 2, 1}));
  EXPECT_EQ(first["trace_truncated"], false);
  EXPECT_EQ(first["approximate"], false);
  EXPECT_EQ(first["diagnostics"], nlohmann::json::array());
  EXPECT_EQ(first["stale_loads"], 0);
  EXPECT_EQ(r["measurements"][1]["call"], 1);
  EXPECT_EQ(r["measurements"][1]["approximate"], true);
  EXPECT_EQ(r["measurements"][1]["diagnostics"][0],
            "matvec.cpp:14:3: bytedmd: memcpy on tracked data");
  EXPECT_EQ(r["functions"]["matvec"]["calls"], 2);
  EXPECT_EQ(r["functions"]["matvec"]["total_cost"], 52);
}

TEST(Report, EmptyRunStillHasTheSchema) {
  const nlohmann::json r = nlohmann::json::parse(formatReport({}, Settings{}));
  EXPECT_EQ(r["schema_version"], 1);
  EXPECT_TRUE(r["measurements"].empty());
  EXPECT_TRUE(r["functions"].is_object());
}

TEST(Report, WritesAtomicallyAndLeavesNoTemporary) {
  const std::string dir = scratchDir();
  const std::string path = dir + "/report.json";
  std::string error;
  ASSERT_TRUE(writeFileAtomically(path, "first", &error)) << error;
  ASSERT_TRUE(writeFileAtomically(path, "second", &error)) << error;
  EXPECT_EQ(readFile(path), "second");
  EXPECT_EQ(std::system(("test $(ls " + dir + " | wc -l) -eq 1").c_str()), 0);
}

TEST(Report, UnwritablePathIsAClearError) {
  std::string error;
  EXPECT_FALSE(writeFileAtomically("/nonexistent-dir/report.json", "x", &error));
  EXPECT_NE(error.find("/nonexistent-dir/report.json"), std::string::npos) << error;
  EXPECT_NE(error.find("No such file or directory"), std::string::npos) << error;
}

struct ScopedEnv {
  ScopedEnv(const char *name, const char *value) : name(name) { ::setenv(name, value, 1); }
  ~ScopedEnv() { ::unsetenv(name); }
  const char *name;
};

TEST(Report, VariantsAndMissesRoundTrip) {
  MeasurementRecord m;
  m.function = "my_add";
  m.stats.cost = 6;
  m.stats.reads = 4;
  m.stats.trace = {1, 2, 1, 2};
  m.stats.misses = {2, 0};
  MeasurementRecord::Variant v;
  v.spec.liveness = false;
  v.spec.sqrtCost = true;
  v.name = v.spec.name();
  v.stats.sqrtCost = 5.25;
  v.stats.reads = 4;
  v.stats.peakLive = 5;
  v.stats.trace = {1, 2, 1, 4};
  v.stats.misses = {2, 1};
  m.variants.push_back(v);
  Settings settings;
  settings.cacheSizes = {1, 2};
  settings.variants = {v.spec};
  const std::string text = formatReport({m}, settings);
  const nlohmann::json r = nlohmann::json::parse(text);
  EXPECT_EQ(r["model"]["cache_sizes"], nlohmann::json({1, 2}));
  EXPECT_EQ(r["model"]["variants"], nlohmann::json({"no-liveness,cost=sqrt"}));
  const auto &first = r["measurements"][0];
  EXPECT_EQ(first["misses"], nlohmann::json::parse(
                                 R"([{"cache_size":1,"misses":2},{"cache_size":2,"misses":0}])"));
  const auto &variant = first["variants"][0];
  EXPECT_EQ(variant["name"], "no-liveness,cost=sqrt");
  EXPECT_EQ(variant["liveness"], false);
  EXPECT_EQ(variant["cost_model"], "sqrt");
  EXPECT_EQ(variant["cost"], 5.25);
  EXPECT_EQ(variant["peak_live"], 5);
  EXPECT_EQ(variant["trace"], nlohmann::json({1, 2, 1, 4}));
  EXPECT_EQ(variant["misses"][1]["misses"], 1);
  ReportData back;
  std::string error;
  ASSERT_TRUE(parseReport(text, &back, &error)) << error;
  EXPECT_EQ(back.model.cacheSizes, (std::vector<std::uint64_t>{1, 2}));
  ASSERT_EQ(back.measurements[0].variants.size(), 1u);
  EXPECT_EQ(back.measurements[0].stats.misses, (std::vector<std::uint64_t>{2, 0}));
  EXPECT_EQ(back.measurements[0].variants[0].stats.sqrtCost, 5.25);
  EXPECT_FALSE(back.measurements[0].variants[0].spec.liveness);
  EXPECT_EQ(back.measurements[0].variants[0].stats.misses, (std::vector<std::uint64_t>{2, 1}));
}

TEST(Report, LoadReportReadsAFileAndNamesItInEveryError) {
  const std::string dir = scratchDir();
  MeasurementRecord m;
  m.function = "f";
  m.stats.cost = 6;
  m.stats.reads = 4;
  std::string error;
  ASSERT_TRUE(writeFileAtomically(dir + "/r.json", formatReport({m}, Settings()), &error));
  ReportData data;
  ASSERT_TRUE(loadReport(dir + "/r.json", &data, &error)) << error;
  ASSERT_EQ(data.measurements.size(), 1u);
  EXPECT_EQ(data.measurements[0].function, "f");
  EXPECT_EQ(data.measurements[0].stats.cost, 6u);

  EXPECT_FALSE(loadReport(dir + "/missing.json", &data, &error));
  EXPECT_EQ(error.rfind("cannot read " + dir + "/missing.json: ", 0), 0u) << error;
  std::ofstream(dir + "/bad.json") << "{ not json";
  EXPECT_FALSE(loadReport(dir + "/bad.json", &data, &error));
  EXPECT_EQ(error.rfind(dir + "/bad.json: not valid JSON", 0), 0u) << error;
  std::system(("rm -rf " + dir).c_str());
}

TEST(Report, PageDataHoldsTheSummaryTheHtmlPageReads) {
  ReportData report;
  report.model.bytesPerElement = 2;
  report.model.cacheSizes = {4, 16};
  MeasurementRecord m;
  m.function = "my_add";
  m.call = 1;
  m.stats.cost = 6;
  m.stats.reads = 4;
  m.stats.inputs = 3;
  m.stats.peakLive = 3;
  m.stats.trace = {1, 2, 1, 2};
  m.stats.misses = {0, 0};
  m.lines = {{"s.cpp", 18, 4, 6}};
  MeasurementRecord::Event store;
  store.values = {1};
  store.name = "c";
  m.events = {store};
  m.resultValues = {1};
  MeasurementRecord::Variant v;
  v.name = "cost=sqrt";
  v.spec.sqrtCost = true;
  v.stats.sqrtCost = 5.5;
  v.stats.reads = 4;
  m.variants = {v};
  report.measurements = {m};
  const nlohmann::json page =
      nlohmann::json::parse(pageData(report, {{"s.cpp", "double my_add();\n"}}));
  EXPECT_EQ(page["bytes_per_element"], 2);
  EXPECT_EQ(page["cache_sizes"], nlohmann::json::array({4, 16}));
  EXPECT_EQ(page["sources"]["s.cpp"], "double my_add();\n");
  ASSERT_EQ(page["measurements"].size(), 1u);
  const nlohmann::json &j = page["measurements"][0];
  EXPECT_EQ(j["function"], "my_add");
  EXPECT_EQ(j["call"], 1);
  EXPECT_EQ(j["cost"], 6);
  EXPECT_EQ(j["reads"], 4);
  EXPECT_EQ(j["inputs"], 3);
  EXPECT_EQ(j["peak_live"], 3);
  EXPECT_EQ(j["approximate"], false);
  EXPECT_FALSE(j.contains("trace")); // the page never needs it
  EXPECT_EQ(j["lines"],
            nlohmann::json::parse(R"([{"file":"s.cpp","line":18,"cost":6,"reads":4}])"));
  EXPECT_EQ(j["events"],
            nlohmann::json::parse(R"({"results":[1],"list":[{"store":1,"name":"c"}]})"));
  EXPECT_EQ(j["misses"], nlohmann::json::array({0, 0}));
  EXPECT_EQ(j["variants"][0]["name"], "cost=sqrt");
  EXPECT_EQ(j["variants"][0]["cost"], 5.5);
  EXPECT_EQ(j["variants"][0]["reads"], 4);
}

TEST(Settings, VariantsAndCacheSizesFromTheEnvironment) {
  ScopedEnv variants("BYTEDMD_VARIANTS", "no-liveness;cost=sqrt,no-liveness;cost=sqrt"),
      sizes("BYTEDMD_CACHE_SIZES", "64,1K,2m");
  Settings s;
  std::string error;
  ASSERT_TRUE(settingsFromEnvironment(&s, &error)) << error;
  ASSERT_EQ(s.variants.size(), 3u);
  EXPECT_EQ(s.variants[0].name(), "no-liveness");
  EXPECT_EQ(s.variants[1].name(), "no-liveness,cost=sqrt");
  EXPECT_EQ(s.variants[2].name(), "cost=sqrt");
  EXPECT_EQ(s.cacheSizes, (std::vector<std::uint64_t>{64, 1024, 2u << 20}));
  for (const char *bad : {"no-livenes", "cost=cubic", "bytes=wide", "stack=locations,bytes=native"}) {
    ScopedEnv v("BYTEDMD_VARIANTS", bad);
    Settings t;
    EXPECT_FALSE(settingsFromEnvironment(&t, &error)) << bad;
    EXPECT_NE(error.find("BYTEDMD_VARIANTS"), std::string::npos) << error;
  }
  for (const char *bad : {"0", "64,,128", "1G", "K", "-4"}) {
    ScopedEnv v("BYTEDMD_CACHE_SIZES", bad);
    Settings t;
    EXPECT_FALSE(settingsFromEnvironment(&t, &error)) << bad;
    EXPECT_NE(error.find("BYTEDMD_CACHE_SIZES"), std::string::npos) << error;
  }
}

TEST(Settings, DefaultsAndOverrides) {
  Settings s;
  std::string error;
  ASSERT_TRUE(settingsFromEnvironment(&s, &error)) << error;
  EXPECT_EQ(s.bytesPerElement, 1u);
  EXPECT_EQ(s.traceLimit, 1000000u);
  EXPECT_TRUE(s.irPath.empty());
  ScopedEnv report("BYTEDMD_REPORT", "out.json"), bpe("BYTEDMD_BYTES_PER_ELEMENT", "8"),
      limit("BYTEDMD_TRACE_LIMIT", "0"), ir("BYTEDMD_IR", "ir.txt");
  ASSERT_TRUE(settingsFromEnvironment(&s, &error)) << error;
  EXPECT_EQ(s.reportPath, "out.json");
  EXPECT_EQ(s.bytesPerElement, 8u);
  EXPECT_EQ(s.traceLimit, 0u);
  EXPECT_EQ(s.irPath, "ir.txt");
}

TEST(Settings, BadValuesNameTheVariable) {
  for (const char *bad : {"0", "-1", "two", "", "3x", "99999999999999999999999"}) {
    ScopedEnv bpe("BYTEDMD_BYTES_PER_ELEMENT", bad);
    Settings s;
    std::string error;
    EXPECT_FALSE(settingsFromEnvironment(&s, &error)) << bad;
    EXPECT_NE(error.find("BYTEDMD_BYTES_PER_ELEMENT"), std::string::npos) << error;
  }
  ScopedEnv limit("BYTEDMD_TRACE_LIMIT", "lots");
  Settings s;
  std::string error;
  EXPECT_FALSE(settingsFromEnvironment(&s, &error));
  EXPECT_NE(error.find("BYTEDMD_TRACE_LIMIT"), std::string::npos) << error;
}

// A digit above the largest value allowed is refused too ("3" when at most 2
// is, which an unsigned (max - digit) once let through).
TEST(Settings, ReplayThreadsAreOneOrTwo) {
  Settings s;
  std::string error;
  ASSERT_TRUE(settingsFromEnvironment(&s, &error)) << error;
  EXPECT_EQ(s.replayThreads, 2u);
  for (const char *good : {"1", "2"}) {
    ScopedEnv threads("BYTEDMD_REPLAY_THREADS", good);
    Settings t;
    ASSERT_TRUE(settingsFromEnvironment(&t, &error)) << error;
    EXPECT_EQ(t.replayThreads, std::uint64_t(good[0] - '0'));
  }
  for (const char *bad : {"0", "3", "9", "12", "", "two"}) {
    ScopedEnv threads("BYTEDMD_REPLAY_THREADS", bad);
    Settings t;
    EXPECT_FALSE(settingsFromEnvironment(&t, &error)) << bad;
    EXPECT_NE(error.find("BYTEDMD_REPLAY_THREADS"), std::string::npos) << error;
  }
}

// One thread: the default replay never splits; two: logs of 2^22 words do.
TEST(Settings, ReplayThreadsSetWhetherLongLogsSplit) {
  Settings s;
  EXPECT_EQ(replayOptions(s).splitWords, std::size_t(1) << 22);
  s.replayThreads = 1;
  EXPECT_EQ(replayOptions(s).splitWords, 0u);
}

// ---- a measured program: examples/matvec2_by_hand ---------------------------

struct ProgramRun {
  int status;
  std::string out, err;
};

ProgramRun runExample(const std::string &env, const std::string &dir) {
  const std::string command = "cd " + dir + " && env " + env + " " BYTEDMD_EXAMPLE_PROGRAM + " >" +
                              dir + "/stdout 2>" + dir + "/stderr";
  const int raw = std::system(command.c_str());
  return {WIFEXITED(raw) ? WEXITSTATUS(raw) : -1, readFile(dir + "/stdout"),
          readFile(dir + "/stderr")};
}

TEST(Program, WritesTheReportAtExit) {
  const std::string dir = scratchDir();
  const ProgramRun run = runExample("BYTEDMD_REPORT=" + dir + "/r.json", dir);
  ASSERT_EQ(run.status, 0) << run.err;
  EXPECT_EQ(run.out, "matvec2([[1,2],[3,4]], [5,6]) = [17, 39]\n");
  const nlohmann::json r = nlohmann::json::parse(readFile(dir + "/r.json"));
  ASSERT_EQ(r["measurements"].size(), 1u);
  EXPECT_EQ(r["measurements"][0]["function"], "matvec2");
  EXPECT_EQ(r["measurements"][0]["cost"], 26);
  EXPECT_EQ(r["measurements"][0]["trace"], nlohmann::json({4, 6, 5, 6, 3, 1, 5, 3, 4, 3, 2, 1}));
  EXPECT_EQ(r["measurements"][0]["peak_live"], 6);
  EXPECT_EQ(r["functions"]["matvec2"]["total_cost"], 26);
}

TEST(Program, DefaultReportPathIsInTheWorkingDirectory) {
  const std::string dir = scratchDir();
  ASSERT_EQ(runExample("-u BYTEDMD_REPORT", dir).status, 0);
  EXPECT_FALSE(readFile(dir + "/bytedmd-report.json").empty());
}

TEST(Program, HonoursBytesPerElementTraceLimitAndIr) {
  const std::string dir = scratchDir();
  const ProgramRun run =
      runExample("BYTEDMD_REPORT=" + dir + "/r.json BYTEDMD_BYTES_PER_ELEMENT=2 " +
                     "BYTEDMD_TRACE_LIMIT=5 BYTEDMD_IR=" + dir + "/ir.txt",
                 dir);
  ASSERT_EQ(run.status, 0) << run.err;
  const nlohmann::json r = nlohmann::json::parse(readFile(dir + "/r.json"));
  // B = 2: depth d holds bytes 2d-1 and 2d; depths 1..6 cost 1+2, 2+2, 3+3,
  // 3+3, 3+4, 4+4 = 3, 4, 6, 6, 7, 8.
  // Trace 4,6,5,6,3,1,5,3,4,3,2,1 -> 6+8+7+8+6+3+7+6+6+6+4+3 = 70 (as the
  // reference's cost_bytes_per_element_2 for matvec N=2).
  EXPECT_EQ(r["model"]["bytes_per_element"], 2);
  EXPECT_EQ(r["measurements"][0]["cost"], 70);
  EXPECT_EQ(r["measurements"][0]["reads"], 12);
  EXPECT_EQ(r["measurements"][0]["trace"], nlohmann::json({4, 6, 5, 6, 3}));
  EXPECT_EQ(r["measurements"][0]["trace_truncated"], true);
  const std::string ir = readFile(dir + "/ir.txt");
  EXPECT_EQ(ir.rfind("STORE v1\n", 0), 0u) << ir;
  EXPECT_NE(ir.find("OP    mul(v3@4, v1@6)  cost=14\n"), std::string::npos) << ir;
  EXPECT_NE(ir.find("# total cost = 70\n"), std::string::npos) << ir;
}

TEST(Program, UnwritableReportPathFailsLoudly) {
  const std::string dir = scratchDir();
  const ProgramRun run = runExample("BYTEDMD_REPORT=/nonexistent-dir/r.json", dir);
  EXPECT_NE(run.status, 0);
  EXPECT_NE(run.err.find("cannot write the report"), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("/nonexistent-dir/r.json"), std::string::npos) << run.err;
  // The program's own output is not lost.
  EXPECT_EQ(run.out, "matvec2([[1,2],[3,4]], [5,6]) = [17, 39]\n");
}

TEST(Program, BadSettingStopsWithTheReason) {
  const std::string dir = scratchDir();
  const ProgramRun run =
      runExample("BYTEDMD_REPORT=" + dir + "/r.json BYTEDMD_BYTES_PER_ELEMENT=zero", dir);
  EXPECT_NE(run.status, 0);
  EXPECT_NE(run.err.find("BYTEDMD_BYTES_PER_ELEMENT='zero'"), std::string::npos) << run.err;
  EXPECT_TRUE(readFile(dir + "/r.json").empty());
}

TEST(Program, RunningOutOfMemoryIsAClearErrorNotACrash) {
  // 400 MiB of address space cannot hold 10^9 reads (about 6 GiB of log).
  const std::string dir = scratchDir();
  const std::string command = "cd " + dir + " && ulimit -v 400000 && BYTEDMD_REPORT=" + dir +
                              "/r.json " BYTEDMD_LONG_MEASUREMENT " 1000000000 >" + dir +
                              "/stdout 2>" + dir + "/stderr";
  const int raw = std::system(("bash -c '" + command + "'").c_str());
  ASSERT_TRUE(WIFEXITED(raw)) << "killed by a signal";
  EXPECT_EQ(WEXITSTATUS(raw), 70);
  const std::string err = readFile(dir + "/stderr");
  EXPECT_NE(err.find("bytedmd: error: out of memory recording the measurement of "
                     "'long_measurement'"),
            std::string::npos)
      << err;
  EXPECT_EQ(readFile(dir + "/stdout"), "");
  EXPECT_EQ(readFile(dir + "/r.json"), "");
}

TEST(Program, ProgressLineOnlyOnATerminal) {
  // A measurement of 10^8 reads runs for seconds: on a terminal (a pty made
  // by script(1)) it shows a progress line; with stderr in a file, nothing.
  const std::string dir = scratchDir();
  const std::string command =
      "BYTEDMD_REPORT=" + dir + "/r.json " BYTEDMD_LONG_MEASUREMENT " 100000002";
  ASSERT_EQ(std::system(("script -qec '" + command + "' /dev/null >" + dir + "/tty.txt").c_str()),
            0);
  EXPECT_NE(readFile(dir + "/tty.txt").find("bytedmd: measuring long_measurement:"),
            std::string::npos);
  ASSERT_EQ(std::system((command + " >/dev/null 2>" + dir + "/err.txt").c_str()), 0);
  EXPECT_EQ(readFile(dir + "/err.txt"), "");
}

TEST(Program, LongMeasurementCompletes) {
  // s = x*y (2 reads), then 4 reads per step while fewer than READS: 2 + 4k.
  const std::string dir = scratchDir();
  const int raw = std::system(("cd " + dir + " && BYTEDMD_REPORT=" + dir +
                               "/r.json " BYTEDMD_LONG_MEASUREMENT " 10000002 >/dev/null")
                                  .c_str());
  ASSERT_TRUE(WIFEXITED(raw) && WEXITSTATUS(raw) == 0);
  const nlohmann::json r = nlohmann::json::parse(readFile(dir + "/r.json"));
  EXPECT_EQ(r["measurements"][0]["reads"], 10000002);
  EXPECT_EQ(r["measurements"][0]["trace"].size(), 1000000u); // the default limit
  EXPECT_EQ(r["measurements"][0]["trace_truncated"], true);
}

} // namespace
} // namespace bytedmd
