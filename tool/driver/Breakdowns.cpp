// Breakdowns.cpp - breakdown tables (text, markdown, json, csv), the
// distributions as CSV, and compare by region.
#include "Breakdowns.h"

#include "report.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <map>
#include <string>
#include <tuple>
#include <vector>

namespace bytedmd {
namespace {

/// A breakdown as rows of cells, whatever its kind.
struct Table {
  std::vector<std::string> columns; // the first is the name; the rest are numbers
  std::vector<std::vector<std::string>> rows;
  std::vector<std::vector<double>> numbers; // per row, the numeric cells (for json)
};

std::string percent(std::uint64_t part, std::uint64_t whole) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f%%", whole ? 100.0 * double(part) / double(whole) : 0.0);
  return text;
}

void addRow(Table &t, const std::string &name, const std::vector<std::uint64_t> &values,
            std::uint64_t share, std::uint64_t total) {
  std::vector<std::string> row{name};
  std::vector<double> numbers;
  for (std::uint64_t v : values) {
    row.push_back(std::to_string(v));
    numbers.push_back(double(v));
  }
  row.push_back(percent(share, total));
  numbers.push_back(total ? double(share) / double(total) : 0.0);
  t.rows.push_back(std::move(row));
  t.numbers.push_back(std::move(numbers));
}

Table tableOf(const MeasurementRecord &m, const std::string &by) {
  const Breakdown &b = m.breakdown;
  const std::uint64_t total = m.stats.cost;
  Table t;
  if (by == "function") {
    t.columns = {"function", "calls", "reads", "reads_inclusive", "cost_exclusive",
                 "cost_inclusive", "share_inclusive"};
    for (const Breakdown::Part &p : b.functions)
      addRow(t, p.name, {p.calls, p.reads, p.readsInclusive, p.cost, p.costInclusive},
             p.costInclusive, total);
  } else if (by == "region") {
    t.columns = {"region", "entries", "reads", "reads_inclusive", "cost_exclusive",
                 "cost_inclusive", "share_inclusive"};
    for (const Breakdown::Part &p : b.regions)
      addRow(t, p.name, {p.calls, p.reads, p.readsInclusive, p.cost, p.costInclusive},
             p.costInclusive, total);
    if (!b.regions.empty())
      addRow(t, "(outside regions)",
             {0, b.outsideRegions.reads, b.outsideRegions.reads, b.outsideRegions.cost,
              b.outsideRegions.cost},
             b.outsideRegions.cost, total);
  } else if (by == "input") {
    t.columns = {"input", "elements", "reads", "cost", "first_reads", "first_cost", "share"};
    for (const Breakdown::Input &i : b.inputs)
      addRow(t, i.name, {i.elements, i.reads, i.cost, i.firstReads, i.firstCost}, i.cost, total);
  } else {
    t.columns = {"op", "reads", "cost", "share"};
    for (const Breakdown::Op &o : b.ops)
      addRow(t, o.op, {o.reads, o.cost}, o.cost, total);
  }
  return t;
}

std::string csvField(const std::string &s) {
  if (s.find_first_of(",\"\n") == std::string::npos)
    return s;
  std::string out = "\"";
  for (char c : s)
    out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

void printText(const MeasurementRecord &m, const Table &t, const std::string &by, bool markdown) {
  std::printf("%s%s (call %u): cost %llu%s\n", markdown ? "\n#### " : "\n", m.function.c_str(),
              m.call, static_cast<unsigned long long>(m.stats.cost),
              m.approximate ? " (approximate)" : "");
  if (!m.breakdown.present) {
    std::printf("  (no breakdown: the report was written before bytedmd kept them)\n");
    return;
  }
  if (t.rows.empty()) {
    std::printf(by == "region" ? "  (no regions: BYTEDMD_REGION(\"name\") marks them)\n"
                               : "  (none)\n");
    return;
  }
  if (markdown) {
    std::string head = "|", rule = "|";
    for (std::size_t c = 0; c < t.columns.size(); ++c) {
      head += " " + t.columns[c] + " |";
      rule += c == 0 ? "---|" : "---:|";
    }
    std::printf("\n%s\n%s\n", head.c_str(), rule.c_str());
    for (const auto &row : t.rows) {
      std::string line = "| `" + row[0] + "` |";
      for (std::size_t c = 1; c < row.size(); ++c)
        line += " " + row[c] + " |";
      std::printf("%s\n", line.c_str());
    }
    return;
  }
  std::size_t nameWidth = t.columns[0].size();
  for (const auto &row : t.rows)
    nameWidth = std::max(nameWidth, row[0].size());
  std::printf("  %-*s", int(nameWidth), t.columns[0].c_str());
  for (std::size_t c = 1; c < t.columns.size(); ++c)
    std::printf(" %16s", t.columns[c].c_str());
  std::printf("\n");
  for (const auto &row : t.rows) {
    std::printf("  %-*s", int(nameWidth), row[0].c_str());
    for (std::size_t c = 1; c < row.size(); ++c)
      std::printf(" %16s", row[c].c_str());
    std::printf("\n");
  }
}

} // namespace

bool isBreakdown(const std::string &by) {
  return by == "function" || by == "region" || by == "input" || by == "op";
}

void printBreakdown(const ReportData &report, const std::string &by, TableFormat format) {
  if (format == TableFormat::Json) {
    nlohmann::ordered_json out = nlohmann::ordered_json::array();
    for (const MeasurementRecord &m : report.measurements) {
      const Table t = tableOf(m, by);
      nlohmann::ordered_json rows = nlohmann::ordered_json::array();
      for (std::size_t r = 0; r < t.rows.size(); ++r) {
        nlohmann::ordered_json row;
        row[t.columns[0]] = t.rows[r][0];
        for (std::size_t c = 1; c < t.columns.size(); ++c) {
          const double v = t.numbers[r][c - 1];
          if (c + 1 == t.columns.size())
            row[t.columns[c]] = v;
          else
            row[t.columns[c]] = std::uint64_t(v);
        }
        rows.push_back(std::move(row));
      }
      out.push_back({{"function", m.function},
                     {"call", m.call},
                     {"cost", m.stats.cost},
                     {"by_" + by, std::move(rows)}});
    }
    std::printf("%s\n", out.dump(2).c_str());
    return;
  }
  if (format == TableFormat::Csv) {
    std::string head = "function,call";
    for (const std::string &c : tableOf(MeasurementRecord{}, by).columns)
      head += "," + c;
    std::printf("%s\n", head.c_str());
    for (const MeasurementRecord &m : report.measurements) {
      const Table t = tableOf(m, by);
      for (std::size_t r = 0; r < t.rows.size(); ++r) {
        std::string line = csvField(m.function) + "," + std::to_string(m.call) + "," +
                           csvField(t.rows[r][0]);
        for (std::size_t c = 1; c < t.columns.size(); ++c) {
          char v[32];
          std::snprintf(v, sizeof v, c + 1 == t.columns.size() ? "%.6g" : "%.0f",
                        t.numbers[r][c - 1]);
          line += std::string(",") + v;
        }
        std::printf("%s\n", line.c_str());
      }
    }
    return;
  }
  for (const MeasurementRecord &m : report.measurements)
    printText(m, tableOf(m, by), by, format == TableFormat::Markdown);
  if (report.measurements.empty())
    std::printf("(no measurements: no measured function ran)\n");
}

void printDistributionsCsv(const ReportData &report) {
  std::printf("function,call,series,x_lo,x_hi,value\n");
  for (const MeasurementRecord &m : report.measurements) {
    const std::string who = csvField(m.function) + "," + std::to_string(m.call);
    const Breakdown &b = m.breakdown;
    for (const Breakdown::Bin &bin : b.depthHistogram)
      std::printf("%s,depth_reads,%llu,%llu,%llu\n", who.c_str(),
                  static_cast<unsigned long long>(bin.lo), static_cast<unsigned long long>(bin.hi),
                  static_cast<unsigned long long>(bin.reads));
    for (const Breakdown::Bin &bin : b.depthHistogram)
      std::printf("%s,depth_cdf,%llu,%llu,%.9g\n", who.c_str(),
                  static_cast<unsigned long long>(bin.lo), static_cast<unsigned long long>(bin.hi),
                  bin.cdf);
    for (const Attribution::Point &p : b.timeline)
      std::printf("%s,live,%llu,%llu,%llu\n", who.c_str(), static_cast<unsigned long long>(p.event),
                  static_cast<unsigned long long>(p.event),
                  static_cast<unsigned long long>(p.live));
    for (const Attribution::Point &p : b.timeline)
      std::printf("%s,cost,%llu,%llu,%llu\n", who.c_str(), static_cast<unsigned long long>(p.event),
                  static_cast<unsigned long long>(p.event),
                  static_cast<unsigned long long>(p.cost));
  }
}

int compareRegions(const ReportData &base, const ReportData &fresh, double maxIncrease,
                   bool markdown) {
  using Key = std::tuple<std::string, std::uint32_t, std::string>;
  std::map<Key, std::pair<const std::uint64_t *, const std::uint64_t *>> costs;
  std::vector<Key> order;
  auto collect = [&](const ReportData &r, bool isBase) {
    for (const MeasurementRecord &m : r.measurements)
      for (const Breakdown::Part &p : m.breakdown.regions) {
        const Key k{m.function, m.call, p.name};
        auto [it, fresh] = costs.try_emplace(k, nullptr, nullptr);
        if (fresh)
          order.push_back(k);
        (isBase ? it->second.first : it->second.second) = &p.costInclusive;
      }
  };
  collect(fresh, false);
  collect(base, true);
  bool baseHas = false, freshHas = false;
  for (const auto &[k, v] : costs) {
    baseHas = baseHas || v.first;
    freshHas = freshHas || v.second;
  }
  if (!baseHas || !freshHas)
    return 0;
  if (markdown)
    std::printf("\n| function | call | region | base cost | new cost | change |\n"
                "|---|---:|---|---:|---:|---:|\n");
  else
    std::printf("\n%-24s %5s %-20s %16s %16s %9s\n", "function", "call", "region", "base cost",
                "new cost", "change");
  int regressions = 0;
  for (const Key &k : order) {
    const auto &[a, b] = costs[k];
    std::string delta = !a ? "new" : !b ? "removed" : "";
    bool regressed = false;
    if (a && b) {
      if (*a == 0) {
        regressed = *b > 0;
        delta = *b > 0 ? "+inf%" : "0.0%";
      } else {
        const double pct = (double(*b) - double(*a)) / double(*a) * 100;
        regressed = pct > maxIncrease;
        char text[32];
        std::snprintf(text, sizeof text, "%+.1f%%", pct);
        delta = text;
      }
    }
    regressions += regressed;
    const std::string x = a ? std::to_string(*a) : "-", y = b ? std::to_string(*b) : "-";
    const auto &[function, call, region] = k;
    if (markdown)
      std::printf("| `%s` | %u | `%s` | %s | %s | %s%s |\n", function.c_str(), call,
                  region.c_str(), x.c_str(), y.c_str(), delta.c_str(), regressed ? " :x:" : "");
    else
      std::printf("%-24s %5u %-20s %16s %16s %9s%s\n", function.c_str(), call, region.c_str(),
                  x.c_str(), y.c_str(), delta.c_str(), regressed ? "  REGRESSION" : "");
  }
  return regressions;
}

} // namespace bytedmd
