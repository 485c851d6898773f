// Reports.cpp - `bytedmd report` and `bytedmd compare`: reading reports for
// people and for CI.
#include "Reports.h"

#include "Breakdowns.h"
#include "report.h"

#include <cstdio>
#include <cstring>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

namespace bytedmd {
namespace {

enum class Format { Text, Markdown, Json };

bool parseFormat(const std::string &value, bool allowJson, Format *format) {
  if (value == "text")
    *format = Format::Text;
  else if (value == "markdown")
    *format = Format::Markdown;
  else if (value == "json" && allowJson)
    *format = Format::Json;
  else
    return false;
  return true;
}

/// Loads a report file; on failure prints a one-line reason and returns false.
bool load(const std::string &path, ReportData *report) {
  std::string error;
  if (!loadReport(path, report, &error)) {
    std::fprintf(stderr, "bytedmd: error: %s\n", error.c_str());
    return false;
  }
  return true;
}

std::string grouped(std::uint64_t n) {
  std::string digits = std::to_string(n), out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i != 0 && (digits.size() - i) % 3 == 0)
      out.push_back(',');
    out.push_back(digits[i]);
  }
  return out;
}

} // namespace

void printSummary(const ReportData &report, bool markdown) {
  if (markdown) {
    std::printf("| function | call | reads | cost | peak live | approximate |\n");
    std::printf("|---|---:|---:|---:|---:|---|\n");
    for (const MeasurementRecord &m : report.measurements)
      std::printf("| `%s` | %u | %s | %s | %s | %s |\n", m.function.c_str(), m.call,
                  grouped(m.stats.reads).c_str(), grouped(m.stats.cost).c_str(),
                  grouped(m.stats.peakLive).c_str(), m.approximate ? "yes" : "no");
    return;
  }
  std::printf("%-24s %5s %14s %16s %10s\n", "function", "call", "reads", "cost", "peak live");
  auto misses = [&](const ReplayStats &stats) {
    if (stats.misses.empty())
      return;
    std::printf("%-24s misses:", "");
    for (std::size_t i = 0; i < stats.misses.size() && i < report.model.cacheSizes.size(); ++i)
      std::printf(" %s@%s", grouped(stats.misses[i]).c_str(),
                  grouped(report.model.cacheSizes[i]).c_str());
    std::printf("\n");
  };
  for (const MeasurementRecord &m : report.measurements) {
    std::printf("%-24s %5u %14s %16s %10s%s\n", m.function.c_str(), m.call,
                grouped(m.stats.reads).c_str(), grouped(m.stats.cost).c_str(),
                grouped(m.stats.peakLive).c_str(), m.approximate ? "  approximate" : "");
    misses(m.stats);
    for (const MeasurementRecord::Variant &v : m.variants) {
      char cost[64];
      if (v.spec.sqrtCost)
        std::snprintf(cost, sizeof cost, "%.3f", v.stats.sqrtCost);
      else
        std::snprintf(cost, sizeof cost, "%s", grouped(v.stats.cost).c_str());
      std::printf("  %-28s %14s %16s %10s\n", ("[" + v.name + "]").c_str(),
                  grouped(v.stats.reads).c_str(), cost, grouped(v.stats.peakLive).c_str());
      misses(v.stats);
    }
  }
  if (report.measurements.empty())
    std::printf("(no measurements: no measured function ran)\n");
}

namespace {
const char *const kReportUsage =
    "usage: bytedmd report FILE.json [--by=function|region|input|op] "
    "[--format=text|markdown|json|csv]";
} // namespace

int reportCommand(int argc, char **argv) {
  std::string path, by;
  Format format = Format::Text;
  bool csv = false;
  for (int i = 0; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--format=csv") {
      csv = true;
    } else if (a.rfind("--format=", 0) == 0) {
      if (!parseFormat(a.substr(9), true, &format)) {
        std::fprintf(stderr, "bytedmd: error: --format must be text, markdown, json or csv\n");
        return 2;
      }
    } else if (a.rfind("--by=", 0) == 0) {
      by = a.substr(5);
      if (!isBreakdown(by)) {
        std::fprintf(stderr,
                     "bytedmd: error: --by='%s': the breakdowns are function, region, input "
                     "and op\n",
                     by.c_str());
        return 2;
      }
    } else if (a == "--help" || a == "-h") {
      std::printf("%s\n"
                  "  --by=KIND    where the cost went: by function (inclusive and exclusive),\n"
                  "               region, input (parameter) or op\n"
                  "  --format=csv the distributions (depth histogram and CDF, live set and\n"
                  "               cost over time) for plotting; with --by, that table\n",
                  kReportUsage);
      return 0;
    } else if (path.empty() && a.rfind("-", 0) != 0) {
      path = a;
    } else {
      std::fprintf(stderr, "bytedmd: error: unexpected argument '%s'; %s\n", a.c_str(),
                   kReportUsage);
      return 2;
    }
  }
  if (path.empty()) {
    std::fprintf(stderr, "bytedmd: error: no report; usage: bytedmd report FILE.json\n");
    return 2;
  }
  ReportData report;
  if (!load(path, &report))
    return 2;
  if (!by.empty()) {
    printBreakdown(report, by,
                   csv                          ? TableFormat::Csv
                   : format == Format::Json     ? TableFormat::Json
                   : format == Format::Markdown ? TableFormat::Markdown
                                                : TableFormat::Text);
    return 0;
  }
  if (csv) {
    printDistributionsCsv(report);
    return 0;
  }
  if (format == Format::Json) {
    // The summary as JSON: the report's own format, without the traces.
    for (MeasurementRecord &m : report.measurements) {
      m.stats.traceTruncated = m.stats.traceTruncated || !m.stats.trace.empty();
      m.stats.trace.clear();
    }
    std::fputs(formatReport(report.measurements, report.model).c_str(), stdout);
    return 0;
  }
  printSummary(report, format == Format::Markdown);
  return 0;
}

int compareCommand(int argc, char **argv) {
  std::vector<std::string> paths;
  Format format = Format::Text;
  double maxIncrease = 0; // percent
  for (int i = 0; i < argc; ++i) {
    const std::string a = argv[i];
    if (a.rfind("--format=", 0) == 0) {
      if (!parseFormat(a.substr(9), false, &format)) {
        std::fprintf(stderr, "bytedmd: error: --format must be text or markdown\n");
        return 2;
      }
    } else if (a.rfind("--max-increase=", 0) == 0) {
      char *end = nullptr;
      const std::string value = a.substr(15);
      maxIncrease = std::strtod(value.c_str(), &end);
      if (value.empty() || *end != '\0' || maxIncrease < 0) {
        std::fprintf(stderr, "bytedmd: error: --max-increase='%s' is not a percentage >= 0\n",
                     value.c_str());
        return 2;
      }
    } else if (a == "--help" || a == "-h") {
      std::printf("usage: bytedmd compare BASE.json NEW.json [--max-increase=PCT] "
                  "[--format=text|markdown]\n");
      return 0;
    } else if (a.rfind("-", 0) != 0) {
      paths.push_back(a);
    } else {
      std::fprintf(stderr, "bytedmd: error: unknown option '%s'\n", a.c_str());
      return 2;
    }
  }
  if (paths.size() != 2) {
    std::fprintf(stderr, "bytedmd: error: usage: bytedmd compare BASE.json NEW.json "
                         "[--max-increase=PCT] [--format=text|markdown]\n");
    return 2;
  }
  ReportData base, fresh;
  if (!load(paths[0], &base) || !load(paths[1], &fresh))
    return 2;

  // Rows in the new report's order, then measurements that disappeared.
  std::map<std::pair<std::string, std::uint32_t>, const MeasurementRecord *> before;
  for (const MeasurementRecord &m : base.measurements)
    before[{m.function, m.call}] = &m;
  struct Row {
    std::string function;
    std::uint32_t call;
    const MeasurementRecord *base, *fresh;
  };
  std::vector<Row> rows;
  for (const MeasurementRecord &m : fresh.measurements) {
    auto it = before.find({m.function, m.call});
    rows.push_back({m.function, m.call, it == before.end() ? nullptr : it->second, &m});
    if (it != before.end())
      before.erase(it);
  }
  for (const MeasurementRecord &m : base.measurements)
    if (before.count({m.function, m.call}))
      rows.push_back({m.function, m.call, &m, nullptr});

  int regressions = 0;
  auto change = [&](const Row &r, bool *regressed) -> std::string {
    *regressed = false;
    if (r.base == nullptr)
      return "new";
    if (r.fresh == nullptr)
      return "removed";
    const double a = double(r.base->stats.cost), b = double(r.fresh->stats.cost);
    if (a == 0) {
      *regressed = b > 0;
      return b > 0 ? "+inf%" : "0.0%";
    }
    const double percent = (b - a) / a * 100;
    *regressed = percent > maxIncrease;
    char text[32];
    std::snprintf(text, sizeof text, "%+.1f%%", percent);
    return text;
  };
  const bool md = format == Format::Markdown;
  if (md) {
    std::printf("| function | call | base cost | new cost | change |\n");
    std::printf("|---|---:|---:|---:|---:|\n");
  } else {
    std::printf("%-24s %5s %16s %16s %9s\n", "function", "call", "base cost", "new cost", "change");
  }
  for (const Row &r : rows) {
    bool regressed = false;
    const std::string delta = change(r, &regressed);
    regressions += regressed;
    const std::string a = r.base ? grouped(r.base->stats.cost) : "-";
    const std::string b = r.fresh ? grouped(r.fresh->stats.cost) : "-";
    if (md)
      std::printf("| `%s` | %u | %s | %s | %s%s |\n", r.function.c_str(), r.call, a.c_str(),
                  b.c_str(), delta.c_str(), regressed ? " :x:" : "");
    else
      std::printf("%-24s %5u %16s %16s %9s%s\n", r.function.c_str(), r.call, a.c_str(), b.c_str(),
                  delta.c_str(), regressed ? "  REGRESSION" : "");
  }
  // By region too, when both reports have regions (a regression there also fails).
  regressions += compareRegions(base, fresh, maxIncrease, md);
  char threshold[32];
  std::snprintf(threshold, sizeof threshold, "%g%%", maxIncrease);
  if (regressions)
    std::printf("%s%d measurement%s rose by more than %s.\n", md ? "\n**bytedmd:** " : "\n",
                regressions, regressions == 1 ? "" : "s", threshold);
  else
    std::printf("%sno cost rose by more than %s.\n", md ? "\n**bytedmd:** " : "\n", threshold);
  return regressions ? 1 : 0;
}

int annotateCommand(int argc, char **argv) {
  std::string path, function;
  long call = -1;
  for (int i = 0; i < argc; ++i) {
    const std::string a = argv[i];
    if (a.rfind("--function=", 0) == 0) {
      function = a.substr(11);
    } else if (a.rfind("--call=", 0) == 0) {
      char *end = nullptr;
      call = std::strtol(a.c_str() + 7, &end, 10);
      if (*end != '\0' || call < 0) {
        std::fprintf(stderr, "bytedmd: error: --call='%s' is not a call number\n", a.c_str() + 7);
        return 2;
      }
    } else if (a == "--help" || a == "-h") {
      std::printf("usage: bytedmd annotate FILE.json [--function=NAME] [--call=N]\n");
      return 0;
    } else if (path.empty() && a.rfind("-", 0) != 0) {
      path = a;
    } else {
      std::fprintf(stderr, "bytedmd: error: unexpected argument '%s'\n", a.c_str());
      return 2;
    }
  }
  if (path.empty()) {
    std::fprintf(stderr, "bytedmd: error: usage: bytedmd annotate FILE.json [--function=NAME] "
                         "[--call=N]\n");
    return 2;
  }
  ReportData report;
  if (!load(path, &report))
    return 2;
  // Cost per (file, line) over the chosen measurements.
  std::map<std::string, std::map<std::uint32_t, std::pair<std::uint64_t, std::uint64_t>>> files;
  std::uint64_t total = 0;
  unsigned chosen = 0;
  for (const MeasurementRecord &m : report.measurements) {
    if ((!function.empty() && m.function != function) || (call >= 0 && long(m.call) != call))
      continue;
    ++chosen;
    total += m.stats.cost;
    for (const MeasurementRecord::Line &l : m.lines) {
      auto &entry = files[l.file][l.line];
      entry.first += l.reads;
      entry.second += l.cost;
    }
  }
  if (chosen == 0) {
    std::fprintf(stderr, "bytedmd: error: %s has no measurement%s%s%s\n", path.c_str(),
                 function.empty() ? "" : (" of " + function).c_str(),
                 call >= 0 ? (" call " + std::to_string(call)).c_str() : "",
                 "; see bytedmd report for what it holds");
    return 2;
  }
  std::printf("%u measurement%s, cost %s\n", chosen, chosen == 1 ? "" : "s",
              grouped(total).c_str());
  for (const auto &[file, lines] : files) {
    std::uint64_t fileCost = 0;
    for (const auto &entry : lines)
      fileCost += entry.second.second;
    std::printf("\n-- %s (cost %s, %.1f%%)\n", file.empty() ? "(no source location)" : file.c_str(),
                grouped(fileCost).c_str(), total ? 100.0 * double(fileCost) / double(total) : 0.0);
    std::ifstream source(file);
    if (file.empty() || !source) {
      if (!file.empty())
        std::printf("   (cannot open %s: run annotate where the program was measured)\n",
                    file.c_str());
      for (const auto &[line, rc] : lines)
        std::printf("%14s %6.1f%%  line %u\n", grouped(rc.second).c_str(),
                    total ? 100.0 * double(rc.second) / double(total) : 0.0, line);
      continue;
    }
    std::printf("%14s %7s %5s\n", "cost", "share", "line");
    std::string text;
    for (std::uint32_t number = 1; std::getline(source, text); ++number) {
      auto it = lines.find(number);
      if (it == lines.end())
        std::printf("%14s %7s %5u  %s\n", "", "", number, text.c_str());
      else
        std::printf("%14s %6.1f%% %5u  %s\n", grouped(it->second.second).c_str(),
                    total ? 100.0 * double(it->second.second) / double(total) : 0.0, number,
                    text.c_str());
    }
  }
  return 0;
}

} // namespace bytedmd
