// report.cpp - settings, the JSON report and atomic writes.
#include "report.h"

#include <nlohmann/json.hpp>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <unistd.h>

#ifndef BYTEDMD_VERSION
#define BYTEDMD_VERSION "0.0.0"
#endif

namespace bytedmd {

namespace {
// Cannot collide with a real string: function names and diagnostics are
// written before the traces they follow, and this text is not valid C++.
const std::string kTracePlaceholder = "\x01"
                                      "bytedmd-trace-";

// Accepts decimal digits only (no sign, no spaces), within [min, max].
bool parseCount(const char *text, std::uint64_t min, std::uint64_t max, std::uint64_t *out) {
  if (text == nullptr || *text == '\0')
    return false;
  std::uint64_t value = 0;
  for (const char *p = text; *p != '\0'; ++p) {
    if (*p < '0' || *p > '9')
      return false;
    const std::uint64_t digit = std::uint64_t(*p - '0');
    if (value > (max - digit) / 10)
      return false;
    value = value * 10 + digit;
  }
  if (value < min)
    return false;
  *out = value;
  return true;
}
} // namespace

bool settingsFromEnvironment(Settings *settings, std::string *error) {
  if (const char *report = std::getenv("BYTEDMD_REPORT")) {
    if (*report == '\0') {
      *error = "BYTEDMD_REPORT is set but empty; unset it or give a file path";
      return false;
    }
    settings->reportPath = report;
  }
  if (const char *ir = std::getenv("BYTEDMD_IR"))
    settings->irPath = ir;
  if (const char *names = std::getenv("BYTEDMD_IR_NAMES"))
    settings->irNames = std::string(names) == "1";
  if (const char *bpe = std::getenv("BYTEDMD_BYTES_PER_ELEMENT")) {
    if (!parseCount(bpe, 1, 1u << 20, &settings->bytesPerElement)) {
      *error = std::string("BYTEDMD_BYTES_PER_ELEMENT='") + bpe +
               "' is not an integer from 1 to 1048576; unset it (default 1) or give e.g. 8";
      return false;
    }
  }
  if (const char *limit = std::getenv("BYTEDMD_TRACE_LIMIT")) {
    if (!parseCount(limit, 0, ~std::uint64_t(0), &settings->traceLimit)) {
      *error = std::string("BYTEDMD_TRACE_LIMIT='") + limit +
               "' is not a non-negative integer; unset it (default 1000000) or give e.g. 0";
      return false;
    }
  }
  return true;
}

namespace {
using Json = nlohmann::ordered_json;

Json eventsValue(const MeasurementRecord &m) {
  Json list = Json::array();
  for (const MeasurementRecord::Event &e : m.events)
    if (e.read)
      list.push_back({{"read", e.values}, {"depths", e.depths}, {"op", e.op}});
    else if (e.name.empty())
      list.push_back({{"store", e.values.front()}});
    else
      list.push_back({{"store", e.values.front()}, {"name", e.name}});
  return {{"results", m.resultValues}, {"list", std::move(list)}};
}
} // namespace

std::string eventsJson(const MeasurementRecord &m) {
  return m.events.empty() ? std::string() : eventsValue(m).dump();
}

std::string formatReport(const std::vector<MeasurementRecord> &measurements,
                         const Settings &settings) {
  Json report;
  report["schema_version"] = 1;
  report["generator"] = std::string("bytedmd ") + BYTEDMD_VERSION;
  report["model"] = {{"cost", "ceil_sqrt"},
                     {"bytes_per_element", settings.bytesPerElement},
                     {"variant", settings.variant}};
  Json list = Json::array();
  std::map<std::string, std::pair<std::uint64_t, std::uint64_t>> functions;
  std::vector<std::string> order; // functions in first-call order
  for (const MeasurementRecord &m : measurements) {
    Json entry;
    entry["function"] = m.function;
    entry["call"] = m.call;
    entry["source"] = {{"file", m.file}, {"line", m.line}};
    entry["cost"] = m.stats.cost;
    entry["reads"] = m.stats.reads;
    entry["instructions"] = m.stats.instructions;
    entry["inputs"] = m.stats.inputs;
    entry["peak_live"] = m.stats.peakLive;
    // A placeholder, swapped below for the trace on one line: a million
    // depths one per line would make the report unreadable.
    entry["trace"] = kTracePlaceholder + std::to_string(list.size());
    entry["trace_truncated"] = m.stats.traceTruncated;
    entry["approximate"] = m.approximate;
    entry["diagnostics"] = m.diagnostics;
    entry["stale_loads"] = m.staleLoads;
    Json lines = Json::array();
    for (const MeasurementRecord::Line &l : m.lines)
      lines.push_back({{"file", l.file}, {"line", l.line}, {"reads", l.reads}, {"cost", l.cost}});
    entry["lines"] = std::move(lines);
    if (!m.events.empty())
      entry["events"] = eventsValue(m);
    list.push_back(std::move(entry));
    auto [it, fresh] = functions.try_emplace(m.function, 0, 0);
    if (fresh)
      order.push_back(m.function);
    it->second.first += 1;
    it->second.second += m.stats.cost;
  }
  report["measurements"] = std::move(list);
  Json perFunction = Json::object();
  for (const std::string &name : order)
    perFunction[name] = {{"calls", functions[name].first}, {"total_cost", functions[name].second}};
  report["functions"] = std::move(perFunction);
  const std::string text = report.dump(2);
  std::string out;
  out.reserve(text.size());
  std::size_t from = 0;
  for (std::size_t i = 0; i < measurements.size(); ++i) {
    // dump() escapes the placeholder's control character.
    const std::string placeholder = "\"\\u0001bytedmd-trace-" + std::to_string(i) + "\"";
    const std::size_t at = text.find(placeholder, from);
    out.append(text, from, at - from);
    out += Json(measurements[i].stats.trace).dump();
    from = at + placeholder.size();
  }
  out.append(text, from, std::string::npos);
  out += "\n";
  return out;
}

bool parseReport(const std::string &text, ReportData *report, std::string *error) {
  nlohmann::json json;
  try {
    json = nlohmann::json::parse(text);
  } catch (const nlohmann::json::exception &e) {
    *error = std::string("not valid JSON (") + e.what() + ")";
    return false;
  }
  try {
    if (!json.is_object() || !json.contains("schema_version")) {
      *error = "not a bytedmd report (no schema_version)";
      return false;
    }
    report->schemaVersion = json.at("schema_version").get<int>();
    if (report->schemaVersion != 1) {
      *error = "schema_version " + std::to_string(report->schemaVersion) +
               ", but this bytedmd reads schema_version 1";
      return false;
    }
    report->generator = json.value("generator", "");
    const auto &model = json.at("model");
    report->model.bytesPerElement = model.value("bytes_per_element", std::uint64_t(1));
    report->model.variant = model.value("variant", "reference");
    report->measurements.clear();
    for (const auto &m : json.at("measurements")) {
      MeasurementRecord r;
      r.function = m.at("function").get<std::string>();
      r.call = m.at("call").get<std::uint32_t>();
      r.file = m.at("source").value("file", "");
      r.line = m.at("source").value("line", 0u);
      r.stats.cost = m.at("cost").get<std::uint64_t>();
      r.stats.reads = m.at("reads").get<std::uint64_t>();
      r.stats.instructions = m.value("instructions", std::uint64_t(0));
      r.stats.inputs = m.value("inputs", std::uint64_t(0));
      r.stats.peakLive = m.value("peak_live", std::uint64_t(0));
      r.stats.trace = m.value("trace", std::vector<std::uint32_t>());
      r.stats.traceTruncated = m.value("trace_truncated", false);
      r.approximate = m.value("approximate", false);
      r.diagnostics = m.value("diagnostics", std::vector<std::string>());
      r.staleLoads = m.value("stale_loads", std::uint64_t(0));
      if (m.contains("events")) {
        r.resultValues = m.at("events").value("results", std::vector<std::uint32_t>());
        for (const auto &e : m.at("events").at("list")) {
          MeasurementRecord::Event event;
          event.read = e.contains("read");
          event.values = event.read ? e.at("read").get<std::vector<std::uint32_t>>()
                                    : std::vector<std::uint32_t>{e.at("store").get<std::uint32_t>()};
          event.depths = e.value("depths", std::vector<std::uint32_t>());
          event.op = e.value("op", "");
          event.name = e.value("name", "");
          r.events.push_back(std::move(event));
        }
      }
      if (m.contains("lines"))
        for (const auto &l : m.at("lines"))
          r.lines.push_back({l.value("file", ""), l.value("line", 0u),
                             l.value("reads", std::uint64_t(0)),
                             l.value("cost", std::uint64_t(0))});
      r.sequence = report->measurements.size();
      report->measurements.push_back(std::move(r));
    }
  } catch (const nlohmann::json::exception &e) {
    *error = std::string("a field is missing or has the wrong type (") + e.what() + ")";
    return false;
  }
  return true;
}

bool writeFileAtomically(const std::string &path, const std::string &data, std::string *error) {
  const std::string temporary = path + ".tmp." + std::to_string(::getpid());
  std::FILE *out = std::fopen(temporary.c_str(), "wb");
  if (out == nullptr) {
    *error = "cannot create '" + temporary + "': " + std::strerror(errno);
    return false;
  }
  const bool written = std::fwrite(data.data(), 1, data.size(), out) == data.size();
  const int writeErrno = errno;
  const bool closed = std::fclose(out) == 0;
  if (!written || !closed) {
    *error = "cannot write '" + temporary + "': " + std::strerror(written ? errno : writeErrno);
    std::remove(temporary.c_str());
    return false;
  }
  if (std::rename(temporary.c_str(), path.c_str()) != 0) {
    *error = "cannot rename '" + temporary + "' to '" + path + "': " + std::strerror(errno);
    std::remove(temporary.c_str());
    return false;
  }
  return true;
}

} // namespace bytedmd
