// report.cpp - the report's schema: its writer, its reader, the html page's view, atomic writes.
#include "report.h"

#include <nlohmann/json.hpp>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <functional>
#include <map>
#include <sstream>
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
using Json = nlohmann::ordered_json;

/// A function's or region's row: `name` and `calls` are its keys for the
/// name and the calls (readPart's twin).
Json partsValue(const std::vector<Breakdown::Part> &parts, const char *name, const char *calls) {
  Json rows = Json::array();
  for (const Breakdown::Part &p : parts)
    rows.push_back({{name, p.name},
                    {calls, p.calls},
                    {"reads", p.reads},
                    {"reads_inclusive", p.readsInclusive},
                    {"cost_exclusive", p.cost},
                    {"cost_inclusive", p.costInclusive}});
  return rows;
}

/// The breakdown's fields (the report's and the page's), the long arrays
/// columnar so they print on a line each.
Json breakdownValue(const Breakdown &b, const std::function<Json(Json)> &line) {
  Json out = Json::object();
  out["by_function"] = partsValue(b.functions, "function", "calls");
  if (!b.regions.empty()) {
    out["by_region"] = partsValue(b.regions, "region", "entries");
    out["outside_regions"] = {{"reads", b.outsideRegions.reads},
                              {"cost", b.outsideRegions.cost}};
  }
  Json inputs = Json::array();
  for (const Breakdown::Input &i : b.inputs)
    inputs.push_back({{"input", i.name},
                      {"elements", i.elements},
                      {"reads", i.reads},
                      {"cost", i.cost},
                      {"first_reads", i.firstReads},
                      {"first_cost", i.firstCost}});
  out["by_input"] = std::move(inputs);
  Json ops = Json::array();
  for (const Breakdown::Op &o : b.ops)
    ops.push_back({{"op", o.op}, {"reads", o.reads}, {"cost", o.cost}});
  out["by_op"] = std::move(ops);
  Json lo = Json::array(), hi = Json::array(), reads = Json::array(), cdf = Json::array();
  for (const Breakdown::Bin &bin : b.depthHistogram) {
    lo.push_back(bin.lo);
    hi.push_back(bin.hi);
    reads.push_back(bin.reads);
    cdf.push_back(bin.cdf);
  }
  out["depth_histogram"] = {{"lo", line(std::move(lo))},
                            {"hi", line(std::move(hi))},
                            {"reads", line(std::move(reads))},
                            {"cdf", line(std::move(cdf))}};
  Json event = Json::array(), live = Json::array(), cost = Json::array();
  for (const Attribution::Point &p : b.timeline) {
    event.push_back(p.event);
    live.push_back(p.live);
    cost.push_back(p.cost);
  }
  out["timeline"] = {{"event", line(std::move(event))},
                     {"live", line(std::move(live))},
                     {"cost", line(std::move(cost))}};
  return out;
}

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

/// One measurement as the html page reads it: the summary fields, no trace.
Json pageMeasurement(const MeasurementRecord &m) {
  Json j = {{"function", m.function},     {"call", m.call},
            {"cost", m.stats.cost},       {"reads", m.stats.reads},
            {"inputs", m.stats.inputs},   {"peak_live", m.stats.peakLive},
            {"approximate", m.approximate}};
  j["lines"] = Json::array();
  for (const MeasurementRecord::Line &l : m.lines)
    j["lines"].push_back(
        {{"file", l.file}, {"line", l.line}, {"cost", l.cost}, {"reads", l.reads}});
  if (!m.events.empty())
    j["events"] = eventsValue(m);
  if (!m.stats.misses.empty())
    j["misses"] = m.stats.misses;
  if (m.hasSize)
    j["size"] = m.size;
  if (m.breakdown.present)
    j.update(breakdownValue(m.breakdown, [](Json v) { return v; }));
  j["variants"] = Json::array();
  for (const MeasurementRecord::Variant &v : m.variants) {
    Json one = {{"name", v.name}, {"reads", v.stats.reads}, {"peak_live", v.stats.peakLive}};
    one["cost"] = v.spec.sqrtCost ? Json(v.stats.sqrtCost) : Json(v.stats.cost);
    if (!v.stats.misses.empty())
      one["misses"] = v.stats.misses;
    j["variants"].push_back(std::move(one));
  }
  return j;
}
} // namespace

std::string pageData(const ReportData &report,
                     const std::vector<std::pair<std::string, std::string>> &sources) {
  Json data;
  data["bytes_per_element"] = report.model.bytesPerElement;
  data["cache_sizes"] = report.model.cacheSizes;
  data["measurements"] = Json::array();
  for (const MeasurementRecord &m : report.measurements)
    data["measurements"].push_back(pageMeasurement(m));
  data["sources"] = Json::object();
  for (const auto &[path, text] : sources)
    data["sources"][path] = text;
  return data.dump();
}

namespace {

/// Builds the report's JSON. Traces go in as placeholders, swapped at the end
/// for the trace on one line: a million depths one per line would make the
/// report unreadable.
class ReportWriter {
public:
  explicit ReportWriter(const Settings &settings) : settings_(settings) {}

  Json model() const {
    Json model = {{"cost", "ceil_sqrt"},
                  {"bytes_per_element", settings_.bytesPerElement},
                  {"variant", settings_.variant}};
    if (!settings_.cacheSizes.empty())
      model["cache_sizes"] = settings_.cacheSizes;
    if (!settings_.variants.empty()) {
      Json names = Json::array();
      for (const VariantSpec &v : settings_.variants)
        names.push_back(v.name());
      model["variants"] = std::move(names);
    }
    return model;
  }

  Json measurement(const MeasurementRecord &m) {
    Json entry;
    entry["function"] = m.function;
    entry["call"] = m.call;
    entry["source"] = {{"file", m.file}, {"line", m.line}};
    entry["cost"] = m.stats.cost;
    entry["reads"] = m.stats.reads;
    entry["instructions"] = m.stats.instructions;
    entry["inputs"] = m.stats.inputs;
    entry["peak_live"] = m.stats.peakLive;
    entry["trace"] = trace(m.stats.trace);
    entry["trace_truncated"] = m.stats.traceTruncated;
    entry["approximate"] = m.approximate;
    entry["diagnostics"] = m.diagnostics;
    entry["stale_loads"] = m.staleLoads;
    entry["unattributed_loads"] = m.unattributedLoads;
    if (m.hasSize)
      entry["size"] = m.size;
    Json lines = Json::array();
    for (const MeasurementRecord::Line &l : m.lines)
      lines.push_back({{"file", l.file}, {"line", l.line}, {"reads", l.reads}, {"cost", l.cost}});
    entry["lines"] = std::move(lines);
    if (!m.events.empty())
      entry["events"] = eventsValue(m);
    if (!settings_.cacheSizes.empty())
      entry["misses"] = misses(m.stats);
    if (!m.variants.empty()) {
      Json variants = Json::array();
      for (const MeasurementRecord::Variant &v : m.variants)
        variants.push_back(variant(v));
      entry["variants"] = std::move(variants);
    }
    if (m.breakdown.present)
      entry.update(breakdownValue(m.breakdown, [this](Json v) { return onOneLine(std::move(v)); }));
    return entry;
  }

  /// The text, with each trace on one line where its placeholder was.
  std::string text(const Json &report) const {
    const std::string text = report.dump(2);
    std::string out;
    out.reserve(text.size());
    std::size_t from = 0;
    for (std::size_t i = 0; i < lines_.size(); ++i) {
      // dump() escapes the placeholder's control character.
      const std::string placeholder = "\"\\u0001bytedmd-trace-" + std::to_string(i) + "\"";
      const std::size_t at = text.find(placeholder, from);
      out.append(text, from, at - from);
      out += lines_[i];
      from = at + placeholder.size();
    }
    out.append(text, from, std::string::npos);
    out += "\n";
    return out;
  }

private:
  Json variant(const MeasurementRecord::Variant &v) {
    Json one;
    one["name"] = v.name;
    one["liveness"] = v.spec.liveness;
    one["cost_model"] = v.spec.sqrtCost ? "sqrt" : "ceil_sqrt";
    one["bytes"] = v.spec.nativeBytes ? "native" : "element";
    one["stack"] = v.spec.locations ? "locations" : "values";
    if (v.spec.locations)
      one["cold_reads"] = v.coldReads;
    if (v.spec.sqrtCost)
      one["cost"] = v.stats.sqrtCost;
    else
      one["cost"] = v.stats.cost;
    one["reads"] = v.stats.reads;
    one["peak_live"] = v.stats.peakLive;
    if (v.spec.nativeBytes)
      one["peak_live_bytes"] = v.stats.peakLiveBytes;
    one["trace"] = trace(v.stats.trace);
    one["trace_truncated"] = v.stats.traceTruncated;
    if (!settings_.cacheSizes.empty())
      one["misses"] = misses(v.stats);
    return one;
  }
  std::string trace(const std::vector<std::uint32_t> &t) { return onOneLine(Json(t)); }
  /// A value printed on one line where its placeholder is. Placeholders
  /// appear in the text in the order they were made: fields are written in
  /// order, and ordered_json keeps it.
  std::string onOneLine(const Json &value) {
    lines_.push_back(value.dump());
    return kTracePlaceholder + std::to_string(lines_.size() - 1);
  }
  Json misses(const ReplayStats &stats) const {
    Json out = Json::array();
    for (std::size_t i = 0; i < stats.misses.size() && i < settings_.cacheSizes.size(); ++i)
      out.push_back({{"cache_size", settings_.cacheSizes[i]}, {"misses", stats.misses[i]}});
    return out;
  }

  const Settings &settings_;
  std::vector<std::string> lines_; // by placeholder number
};

} // namespace

std::string formatReport(const std::vector<MeasurementRecord> &measurements,
                         const Settings &settings) {
  ReportWriter writer(settings);
  Json report;
  report["schema_version"] = 1;
  report["generator"] = std::string("bytedmd ") + BYTEDMD_VERSION;
  report["model"] = writer.model();
  Json list = Json::array();
  std::map<std::string, std::pair<std::uint64_t, std::uint64_t>> functions;
  std::vector<std::string> order; // functions in first-call order
  for (const MeasurementRecord &m : measurements) {
    list.push_back(writer.measurement(m));
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
  return writer.text(report);
}

namespace {

// The reader: a missing optional field takes its default; a missing
// required one throws nlohmann::json::exception, which parseReport reports.

std::vector<std::uint64_t> readMisses(const nlohmann::json &owner) {
  std::vector<std::uint64_t> out;
  if (owner.contains("misses"))
    for (const auto &entry : owner.at("misses"))
      out.push_back(entry.at("misses").get<std::uint64_t>());
  return out;
}

void readEvents(const nlohmann::json &events, MeasurementRecord &r) {
  r.resultValues = events.value("results", std::vector<std::uint32_t>());
  for (const auto &e : events.at("list")) {
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

MeasurementRecord::Variant readVariant(const nlohmann::json &v) {
  MeasurementRecord::Variant variant;
  variant.name = v.at("name").get<std::string>();
  variant.spec.liveness = v.value("liveness", true);
  variant.spec.sqrtCost = v.value("cost_model", "ceil_sqrt") == "sqrt";
  variant.spec.nativeBytes = v.value("bytes", "element") == "native";
  variant.spec.locations = v.value("stack", "values") == "locations";
  variant.coldReads = v.value("cold_reads", std::uint64_t(0));
  variant.stats.peakLiveBytes = v.value("peak_live_bytes", std::uint64_t(0));
  if (variant.spec.sqrtCost)
    variant.stats.sqrtCost = v.at("cost").get<double>();
  else
    variant.stats.cost = v.at("cost").get<std::uint64_t>();
  variant.stats.reads = v.value("reads", std::uint64_t(0));
  variant.stats.peakLive = v.value("peak_live", std::uint64_t(0));
  variant.stats.trace = v.value("trace", std::vector<std::uint32_t>());
  variant.stats.traceTruncated = v.value("trace_truncated", false);
  variant.stats.misses = readMisses(v);
  return variant;
}

Breakdown::Part readPart(const nlohmann::json &p, const char *name, const char *calls) {
  Breakdown::Part part;
  part.name = p.at(name).get<std::string>();
  part.calls = p.value(calls, std::uint64_t(0));
  part.reads = p.value("reads", std::uint64_t(0));
  part.readsInclusive = p.value("reads_inclusive", std::uint64_t(0));
  part.cost = p.value("cost_exclusive", std::uint64_t(0));
  part.costInclusive = p.value("cost_inclusive", std::uint64_t(0));
  return part;
}

template <class T> std::vector<T> column(const nlohmann::json &owner, const char *key) {
  return owner.contains(key) ? owner.at(key).get<std::vector<T>>() : std::vector<T>();
}

/// The breakdown, when the report has one (by_function marks it).
Breakdown readBreakdown(const nlohmann::json &m) {
  Breakdown b;
  if (!m.contains("by_function"))
    return b;
  b.present = true;
  for (const auto &p : m.at("by_function"))
    b.functions.push_back(readPart(p, "function", "calls"));
  if (m.contains("by_region"))
    for (const auto &p : m.at("by_region"))
      b.regions.push_back(readPart(p, "region", "entries"));
  if (m.contains("outside_regions")) {
    b.outsideRegions.reads = m.at("outside_regions").value("reads", std::uint64_t(0));
    b.outsideRegions.cost = m.at("outside_regions").value("cost", std::uint64_t(0));
  }
  if (m.contains("by_input"))
    for (const auto &i : m.at("by_input"))
      b.inputs.push_back({i.at("input").get<std::string>(), i.value("elements", std::uint64_t(0)),
                          i.value("reads", std::uint64_t(0)), i.value("cost", std::uint64_t(0)),
                          i.value("first_reads", std::uint64_t(0)),
                          i.value("first_cost", std::uint64_t(0))});
  if (m.contains("by_op"))
    for (const auto &o : m.at("by_op"))
      b.ops.push_back({o.at("op").get<std::string>(), o.value("reads", std::uint64_t(0)),
                       o.value("cost", std::uint64_t(0))});
  if (m.contains("depth_histogram")) {
    const auto &h = m.at("depth_histogram");
    const auto lo = column<std::uint64_t>(h, "lo"), hi = column<std::uint64_t>(h, "hi"),
               reads = column<std::uint64_t>(h, "reads");
    const auto cdf = column<double>(h, "cdf");
    for (std::size_t i = 0; i < lo.size() && i < hi.size() && i < reads.size() && i < cdf.size(); ++i)
      b.depthHistogram.push_back({lo[i], hi[i], reads[i], cdf[i]});
  }
  if (m.contains("timeline")) {
    const auto &t = m.at("timeline");
    const auto event = column<std::uint64_t>(t, "event"), live = column<std::uint64_t>(t, "live"),
               cost = column<std::uint64_t>(t, "cost");
    for (std::size_t i = 0; i < event.size() && i < live.size() && i < cost.size(); ++i)
      b.timeline.push_back({event[i], live[i], cost[i]});
  }
  return b;
}

MeasurementRecord readMeasurement(const nlohmann::json &m) {
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
  r.unattributedLoads = m.value("unattributed_loads", std::uint64_t(0));
  r.hasSize = m.contains("size");
  r.size = m.value("size", std::uint64_t(0));
  r.breakdown = readBreakdown(m);
  if (m.contains("events"))
    readEvents(m.at("events"), r);
  if (m.contains("lines"))
    for (const auto &l : m.at("lines"))
      r.lines.push_back({l.value("file", ""), l.value("line", 0u),
                         l.value("reads", std::uint64_t(0)), l.value("cost", std::uint64_t(0))});
  r.stats.misses = readMisses(m);
  if (m.contains("variants"))
    for (const auto &v : m.at("variants"))
      r.variants.push_back(readVariant(v));
  return r;
}

} // namespace

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
    report->model.cacheSizes = model.value("cache_sizes", std::vector<std::uint64_t>());
    report->measurements.clear();
    for (const auto &m : json.at("measurements")) {
      MeasurementRecord r = readMeasurement(m);
      r.sequence = report->measurements.size();
      report->measurements.push_back(std::move(r));
    }
  } catch (const nlohmann::json::exception &e) {
    *error = std::string("a field is missing or has the wrong type (") + e.what() + ")";
    return false;
  }
  return true;
}

bool loadReport(const std::string &path, ReportData *report, std::string *error) {
  std::ifstream in(path);
  if (!in) {
    *error = "cannot read " + path + ": " + std::strerror(errno);
    return false;
  }
  std::stringstream text;
  text << in.rdbuf();
  if (in.bad()) {
    *error = "cannot read " + path + ": " + std::strerror(errno);
    return false;
  }
  std::string why;
  if (!parseReport(text.str(), report, &why)) {
    *error = path + ": " + why;
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
