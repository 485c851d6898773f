// Html.cpp - `bytedmd html FILE.json -o page.html`: one self-contained page
// (no network: data, style and script inline) with the LRU stack of a small
// measurement step by step, the cost per source line, and cost against size
// for a function measured at several sizes.
#include "Html.h"

#include "report.h"

#include <cstdio>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

namespace bytedmd {
namespace {

const char *const kPage = R"html(<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>bytedmd report</title>
<style>
body { font: 14px/1.4 system-ui, sans-serif; margin: 1.5em; color: #222; }
h1 { font-size: 1.3em; } h2 { font-size: 1.1em; margin-top: 1.5em; }
table { border-collapse: collapse; } td, th { padding: 2px 8px; text-align: right; }
th { border-bottom: 1px solid #999; } td.src { text-align: left; font-family: monospace; white-space: pre; }
#stack { list-style: none; padding: 0; display: flex; flex-direction: column; gap: 3px; max-width: 22em; }
#stack li { border: 1px solid #789; border-radius: 4px; padding: 3px 8px; display: flex; justify-content: space-between; transition: background 0.3s; }
#stack li.operand { background: #fd8; } #stack li.fresh { background: #bdf; }
.depth { color: #666; font-size: 0.9em; } .bar { background: #e87; height: 0.8em; display: inline-block; }
button { margin-right: 4px; } .num { text-align: right; } #event { font-family: monospace; margin: 0.5em 0; min-height: 1.4em; }
</style></head><body>
<h1>bytedmd report</h1>
<p><label>Measurement <select id="measurement"></select></label> <span id="summary"></span></p>
<h2>The LRU stack, step by step</h2>
<div id="stack-view">
  <button id="reset">Reset</button><button id="back">Back</button><button id="step">Step</button><button id="play">Play</button>
  <span id="position"></span> &nbsp; cost so far: <b id="cost">0</b>
  <div id="event"></div>
  <ol id="stack"></ol>
  <p id="names-hint" class="depth" hidden>Values are numbered in store order (vN); measure with <code>bytedmd run --names</code> to see source names.</p>
</div>
<p id="no-events" hidden></p>
<h2>Cost per source line</h2>
<div id="lines"></div>
<h2 id="sweep-title" hidden>Cost against size</h2>
<div id="sweep"></div>
<h2 id="variants-title" hidden>Other cost models</h2>
<div id="variants"></div>
<h2 id="mrc-title" hidden>Misses against cache size</h2>
<div id="mrc"></div>
<script id="data" type="application/json">__DATA__</script>
<script>
"use strict";
const data = JSON.parse(document.getElementById("data").textContent);
const B = data.bytes_per_element || 1;
function ceilSqrt(n) { let c = Math.floor(Math.sqrt(n)); while (c * c < n) c++; while (c > 0 && (c - 1) * (c - 1) >= n) c--; return c; }
function sumCeilSqrt(n) { if (n <= 0) return 0; const m = ceilSqrt(n); return m * (6 * n - 2 * m * m + 3 * m - 1) / 6; }
function readCost(d) { return B === 1 ? ceilSqrt(d) : sumCeilSqrt(d * B) - sumCeilSqrt((d - 1) * B); }
const select = document.getElementById("measurement");
data.measurements.forEach((m, i) => {
  const o = document.createElement("option"); o.value = i; o.textContent = m.function + " #" + m.call + " (cost " + m.cost + ")";
  select.appendChild(o);
});
let events = [], last = {}, names = {}, step = 0, timer = null;
function esc(s) { return String(s).replace(/[&<>"']/g, c => "&#" + c.charCodeAt(0) + ";"); }
function nameOf(v) { return names[v] || "v" + v; }
function prepare(m) {
  events = m.events ? m.events.list : [];
  last = {}; names = {}; cache = null;
  const results = new Set(m.events ? m.events.results : []);
  events.forEach((e, i) => {
    if (e.store !== undefined) { last[e.store] = i; if (e.name) names[e.store] = e.name; }
    else e.read.forEach(v => { last[v] = i; });
  });
  for (const v of results) last[v] = Infinity;
}
// The state after the first k events: the stack (top first), the cost, and
// what the k-th event did. Stepping forward applies one event to the cached
// state, so Play through a long measurement stays linear; going back replays
// from the start.
let cache = null;
function applyEvent(s, i, describe) {
  const e = events[i];
  s.operands = new Set(); s.fresh = null; s.what = "";
  if (e.store !== undefined) {
    s.stack.unshift(e.store); s.fresh = e.store;
    if (describe) s.what = "STORE " + nameOf(e.store);
    if (last[e.store] <= i) { s.stack = s.stack.filter(v => v !== e.store); if (describe) s.what += " (never read: leaves at once)"; }
    return;
  }
  const costs = e.depths.map(readCost);
  costs.forEach(c => { s.cost += c; });
  if (describe)
    s.what = (e.op ? e.op + "(" : "READ(") + e.read.map((v, j) => nameOf(v) + "@" + e.depths[j]).join(", ") +
             ")  cost=" + costs.reduce((a, b) => a + b, 0);
  const seen = new Set();
  for (const v of e.read) { if (seen.has(v)) continue; seen.add(v); s.stack = s.stack.filter(x => x !== v); s.stack.unshift(v); }
  const dead = e.read.filter(v => last[v] === i);
  if (dead.length) { s.stack = s.stack.filter(v => !dead.includes(v)); if (describe) s.what += "; leaving: " + [...new Set(dead)].map(nameOf).join(", "); }
  s.operands = seen;
}
function state(k) {
  if (!cache || cache.k > k) cache = { k: 0, stack: [], cost: 0, what: "", operands: new Set(), fresh: null };
  while (cache.k < k) { applyEvent(cache, cache.k, cache.k === k - 1); cache.k++; }
  return cache;
}
function render() {
  const s = state(step);
  const list = document.getElementById("stack");
  list.innerHTML = "";
  s.stack.forEach((v, i) => {
    const li = document.createElement("li");
    li.className = "cell" + (s.operands.has(v) ? " operand" : "") + (s.fresh === v ? " fresh" : "");
    li.dataset.value = "v" + v;
    // Names are source text (a < b): set as text, never parsed as markup.
    const label = document.createElement("span"); label.className = "label"; label.textContent = nameOf(v);
    if (names[v]) label.title = "v" + v;
    const depth = document.createElement("span"); depth.className = "depth"; depth.textContent = "depth " + (i + 1);
    li.append(label, depth);
    list.appendChild(li);
  });
  document.getElementById("cost").textContent = s.cost;
  document.getElementById("event").textContent = s.what;
  document.getElementById("position").textContent = "event " + step + " of " + events.length;
}
function showLines(m) {
  const div = document.getElementById("lines");
  if (!m.lines || !m.lines.length) { div.textContent = "No source lines in this report."; return; }
  const byFile = {};
  m.lines.forEach(l => { (byFile[l.file] = byFile[l.file] || {})[l.line] = l; });
  let html = "";
  for (const file of Object.keys(byFile)) {
    const source = (data.sources[file] || "").split("\n");
    html += "<h3>" + (file || "(no location)") + "</h3><table><tr><th>cost</th><th>share</th><th>line</th><th></th></tr>";
    const lines = source.length > 1 ? source.map((_, i) => i + 1) : Object.keys(byFile[file]).map(Number);
    for (const n of lines) {
      const l = byFile[file][n];
      if (!l && source.length > 400) continue; // large files: only the measured lines
      const share = l ? 100 * l.cost / Math.max(1, m.cost) : 0;
      const text = (source[n - 1] || "").replace(/&/g, "&amp;").replace(/</g, "&lt;");
      html += "<tr class='line'><td>" + (l ? l.cost : "") + "</td><td>" + (l ? share.toFixed(1) + "%" : "") +
              "</td><td>" + n + "</td><td class='src'>" + (l ? "<span class='bar' style='width:" + share.toFixed(0) + "px'></span> " : "") + text + "</td></tr>";
    }
    html += "</table>";
  }
  div.innerHTML = html;
}
// Cost against the number of inputs for functions measured at several sizes,
// log-log, with the least-squares exponent.
function showSweep() {
  const groups = {};
  data.measurements.forEach(m => { if (m.inputs > 0 && m.cost > 0) (groups[m.function] = groups[m.function] || []).push(m); });
  let svg = "";
  for (const [name, ms] of Object.entries(groups)) {
    const sizes = new Set(ms.map(m => m.inputs));
    if (sizes.size < 3) continue;
    const xs = ms.map(m => Math.log(m.inputs)), ys = ms.map(m => Math.log(m.cost));
    const mx = xs.reduce((a, b) => a + b) / xs.length, my = ys.reduce((a, b) => a + b) / ys.length;
    let sxx = 0, sxy = 0; xs.forEach((x, i) => { sxx += (x - mx) ** 2; sxy += (x - mx) * (ys[i] - my); });
    const p = sxy / sxx;
    const W = 360, H = 220, x0 = Math.min(...xs), x1 = Math.max(...xs), y0 = Math.min(...ys), y1 = Math.max(...ys);
    const X = x => 40 + (W - 60) * (x - x0) / Math.max(1e-9, x1 - x0), Y = y => H - 30 - (H - 50) * (y - y0) / Math.max(1e-9, y1 - y0);
    let dots = xs.map((x, i) => "<circle cx='" + X(x) + "' cy='" + Y(ys[i]) + "' r='3' fill='#c44'/>").join("");
    const fit = "<line x1='" + X(x0) + "' y1='" + Y(my + p * (x0 - mx)) + "' x2='" + X(x1) + "' y2='" + Y(my + p * (x1 - mx)) + "' stroke='#48c'/>";
    svg += "<div class='plot'><svg width='" + W + "' height='" + H + "'><rect x='40' y='20' width='" + (W - 60) + "' height='" + (H - 50) +
           "' fill='none' stroke='#999'/>" + fit + dots + "<text x='45' y='15'>" + esc(name) + ": cost ~ inputs^" + p.toFixed(2) +
           " (log-log)</text></svg></div>";
  }
  if (svg) { document.getElementById("sweep-title").hidden = false; document.getElementById("sweep").innerHTML = svg; }
}
// The report's variants of this measurement, and its miss-ratio curves: one
// line per cost model, misses against the cache size (log scale).
function showVariants(m) {
  const vs = m.variants || [];
  document.getElementById("variants-title").hidden = vs.length === 0;
  document.getElementById("variants").innerHTML = vs.length === 0 ? "" :
    "<table><tr><th>variant</th><th>cost</th><th>reads</th><th>peak live</th></tr>" +
    vs.map(v => "<tr><td>" + esc(v.name) + "</td><td class='num'>" + esc(v.cost) + "</td><td class='num'>" +
                esc(v.reads) + "</td><td class='num'>" + esc(v.peak_live) + "</td></tr>").join("") + "</table>";
  const sizes = data.cache_sizes || [];
  const series = [["default", m.misses]].concat(vs.map(v => [v.name, v.misses])).filter(s => s[1] && s[1].length === sizes.length);
  document.getElementById("mrc-title").hidden = series.length === 0 || sizes.length === 0;
  if (series.length === 0 || sizes.length === 0) { document.getElementById("mrc").innerHTML = ""; return; }
  const W = 420, H = 240, colors = ["#c44", "#48c", "#4a4", "#a4a", "#c84", "#488"];
  const xs = sizes.map(c => Math.log(c)), x0 = Math.min(...xs), x1 = Math.max(...xs);
  const top = Math.max(1, ...series.flatMap(s => s[1]));
  const X = x => 50 + (W - 70) * (x - x0) / Math.max(1e-9, x1 - x0), Y = y => H - 30 - (H - 50) * y / top;
  let svg = "<svg width='" + W + "' height='" + (H + 20 * series.length) + "'><rect x='50' y='20' width='" + (W - 70) +
            "' height='" + (H - 50) + "' fill='none' stroke='#999'/><text x='50' y='15'>misses (0 to " + top + ") against cache size " +
            sizes[0] + " to " + sizes[sizes.length - 1] + " (log)</text>";
  series.forEach(([name, misses], k) => {
    const color = colors[k % colors.length];
    svg += "<polyline class='mrc-line' fill='none' stroke='" + color + "' points='" +
           misses.map((y, i) => X(xs[i]) + "," + Y(y)).join(" ") + "'/>";
    svg += misses.map((y, i) => "<circle class='mrc-point' cx='" + X(xs[i]) + "' cy='" + Y(y) + "' r='2.5' fill='" + color + "'/>").join("");
    svg += "<text class='mrc-name' x='50' y='" + (H + 5 + 20 * k) + "' fill='" + color + "'>" + esc(name) + "</text>";
  });
  document.getElementById("mrc").innerHTML = "<div class='plot'>" + svg + "</svg></div>";
}
function choose(i) {
  const m = data.measurements[i];
  document.getElementById("summary").textContent = "cost " + m.cost + ", " + m.reads + " reads, peak live " + m.peak_live + (m.approximate ? " (approximate)" : "");
  prepare(m); step = 0;
  document.getElementById("names-hint").hidden = !m.events || Object.keys(names).length > 0;
  const note = document.getElementById("no-events");
  document.getElementById("stack-view").hidden = !m.events;
  note.hidden = !!m.events;
  note.textContent = m.events ? "" : "This measurement is too large to animate (" + m.reads + " reads); the per-line view below summarises it.";
  render(); showLines(m); showVariants(m);
}
document.getElementById("step").onclick = () => { if (step < events.length) { step++; render(); } };
document.getElementById("back").onclick = () => { if (step > 0) { step--; render(); } };
document.getElementById("reset").onclick = () => { step = 0; render(); };
document.getElementById("play").onclick = () => {
  if (timer) { clearInterval(timer); timer = null; return; }
  timer = setInterval(() => { if (step >= events.length) { clearInterval(timer); timer = null; } else { step++; render(); } }, 600);
};
select.onchange = () => choose(Number(select.value));
showSweep();
if (data.measurements.length) choose(0);
</script></body></html>
)html";

} // namespace

int htmlCommand(int argc, char **argv) {
  std::string path, output;
  for (int i = 0; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "-o" && i + 1 < argc)
      output = argv[++i];
    else if (a.rfind("-o", 0) == 0 && a.size() > 2)
      output = a.substr(2);
    else if (a == "--help" || a == "-h") {
      std::printf("usage: bytedmd html FILE.json -o page.html\n");
      return 0;
    } else if (path.empty() && a.rfind("-", 0) != 0)
      path = a;
    else {
      std::fprintf(stderr, "bytedmd: error: unexpected argument '%s'\n", a.c_str());
      return 2;
    }
  }
  if (path.empty() || output.empty()) {
    std::fprintf(stderr, "bytedmd: error: usage: bytedmd html FILE.json -o page.html\n");
    return 2;
  }
  ReportData report;
  std::string error;
  if (!loadReport(path, &report, &error)) {
    std::fprintf(stderr, "bytedmd: error: %s\n", error.c_str());
    return 2;
  }
  // The page's data (report.cpp, where the report's field names live), and
  // the measured source files for the per-line view.
  std::set<std::string> files;
  for (const MeasurementRecord &m : report.measurements)
    for (const MeasurementRecord::Line &l : m.lines)
      files.insert(l.file);
  std::vector<std::pair<std::string, std::string>> sources;
  for (const std::string &file : files) {
    std::ifstream source(file);
    if (!source)
      continue;
    std::stringstream text;
    text << source.rdbuf();
    sources.emplace_back(file, text.str());
  }
  const std::string json = pageData(report, sources);
  // Inside <script>, "</" must not appear: escape every '/' after '<'.
  std::string safe;
  for (std::size_t i = 0; i < json.size(); ++i) {
    safe.push_back(json[i]);
    if (json[i] == '<' && i + 1 < json.size() && json[i + 1] == '/')
      safe += "\\";
  }
  std::string page = kPage;
  page.replace(page.find("__DATA__"), 8, safe);
  if (!writeFileAtomically(output, page, &error)) {
    std::fprintf(stderr, "bytedmd: error: %s\n", error.c_str());
    return 1;
  }
  return 0;
}

} // namespace bytedmd
