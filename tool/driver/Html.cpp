// Html.cpp - `bytedmd html FILE.json -o page.html`: one self-contained page
// (no network: data, style and script inline). It opens on a measurement's
// summary: its totals, where the cost went (by function, region, input and
// op), the depth histogram with its CDF, the live set and the cost over
// time, and cost against size for a function measured at several sizes;
// then the LRU stack of a small measurement step by step (from the inputs
// in place), and the cost per source line. Every plot is bounded (the
// report keeps at most 1,000 timeline points and a few hundred depth bins),
// so a large report never freezes the page.
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
.plots { display: flex; flex-wrap: wrap; gap: 1.5em; } .plot text { font-size: 11px; }
table.parts td:first-child { text-align: left; font-family: monospace; } table.parts th:first-child { text-align: left; } .excl { background: #c55; } .incl { background: #f3b9a9; }
.partbar { display: inline-block; height: 0.8em; position: relative; } .partbar span { position: absolute; left: 0; top: 0; height: 100%; }
details summary { cursor: pointer; font-size: 1.1em; font-weight: bold; margin-top: 1.5em; }
</style></head><body>
<h1>bytedmd report</h1>
<p><label>Measurement <select id="measurement"></select></label> <span id="summary"></span></p>
<section id="overview">
<h2>Summary</h2>
<table id="totals" class="parts"></table>
<div class="plots"><div id="depth-plot"></div><div id="live-plot"></div></div>
<h3 id="functions-title">Cost by function</h3><div id="functions"></div>
<h3 id="regions-title" hidden>Cost by region</h3><div id="regions"></div>
<h3 id="inputs-title">Cost by input</h3><div id="by-input"></div>
<h3 id="ops-title">Cost by operation</h3><div id="ops"></div>
<p id="no-breakdown" hidden>This report was written before bytedmd kept breakdowns; measure again to see them.</p>
</section>
<h2 id="sweep-title" hidden>Cost against size</h2>
<div id="sweep"></div>
<h2>The LRU stack, step by step</h2>
<div id="stack-view">
  <button id="reset">Reset</button><button id="back">Back</button><button id="step">Step</button><button id="play">Play</button>
  <span id="position"></span> &nbsp; cost so far: <b id="cost">0</b>
  <div id="event"></div>
  <ol id="stack"></ol>
  <p id="names-hint" class="depth" hidden>Values are numbered in store order (vN); measure with <code>bytedmd run --names</code> to see source names.</p>
</div>
<p id="no-events" hidden></p>
<details id="lines-details"><summary>Cost per source line</summary>
<div id="lines"></div>
</details>
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
let events = [], last = {}, names = {}, step = 0, first = 0, timer = null;
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
// Cost against the problem size (bytedmd::size) for functions measured at
// several sizes, else against the number of inputs (which the label says),
// log-log, with the least-squares exponent.
function showSweep() {
  const groups = {};
  data.measurements.forEach(m => { if (m.inputs > 0 && m.cost > 0) (groups[m.function] = groups[m.function] || []).push(m); });
  let svg = "";
  for (const [name, ms] of Object.entries(groups)) {
    const bySize = ms.every(m => m.size > 0);
    const x = m => bySize ? m.size : m.inputs, what = bySize ? "size" : "inputs";
    const sizes = new Set(ms.map(x));
    if (sizes.size < 3) continue;
    const xs = ms.map(m => Math.log(x(m))), ys = ms.map(m => Math.log(m.cost));
    const mx = xs.reduce((a, b) => a + b) / xs.length, my = ys.reduce((a, b) => a + b) / ys.length;
    let sxx = 0, sxy = 0; xs.forEach((x, i) => { sxx += (x - mx) ** 2; sxy += (x - mx) * (ys[i] - my); });
    const p = sxy / sxx;
    const W = 360, H = 220, x0 = Math.min(...xs), x1 = Math.max(...xs), y0 = Math.min(...ys), y1 = Math.max(...ys);
    const X = x => 40 + (W - 60) * (x - x0) / Math.max(1e-9, x1 - x0), Y = y => H - 30 - (H - 50) * (y - y0) / Math.max(1e-9, y1 - y0);
    let dots = xs.map((x, i) => "<circle cx='" + X(x) + "' cy='" + Y(ys[i]) + "' r='3' fill='#c44'/>").join("");
    const fit = "<line x1='" + X(x0) + "' y1='" + Y(my + p * (x0 - mx)) + "' x2='" + X(x1) + "' y2='" + Y(my + p * (x1 - mx)) + "' stroke='#48c'/>";
    svg += "<div class='plot'><svg width='" + W + "' height='" + H + "'><rect x='40' y='20' width='" + (W - 60) + "' height='" + (H - 50) +
           "' fill='none' stroke='#999'/>" + fit + dots + "<text x='45' y='15'>" + esc(name) + ": cost ~ " + what + "^" + p.toFixed(2) +
           " (log-log)</text></svg>" + (bySize ? "" : "<div class='depth'>against the number of inputs: call bytedmd::size(n) to plot against N</div>") + "</div>";
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
// ---- the summary: totals, breakdowns, distributions ----
function fmt(n) { return Number(n).toLocaleString("en-US"); }
function share(part, whole) { return (whole > 0 ? 100 * part / whole : 0).toFixed(1) + "%"; }
// A table of parts, at most 30 rows (the rest summed), each with a bar:
// exclusive cost dark over inclusive cost light.
function parts(div, rows, total, key, inOrder) {
  if (!inOrder) rows = rows.slice().sort((a, b) => b.incl - a.incl);
  const shown = rows.slice(0, 30), rest = rows.slice(30);
  if (rest.length) shown.push({ name: "(" + rest.length + " more)", calls: "", reads: rest.reduce((a, r) => a + r.reads, 0),
                                excl: rest.reduce((a, r) => a + r.excl, 0), incl: rest.reduce((a, r) => a + r.excl, 0) });
  const width = 220;
  div.innerHTML = "<table class='parts'><tr><th>" + key + "</th><th>" + (rows.length && rows[0].calls !== undefined ? "calls" : "") +
    "</th><th>reads</th><th>exclusive</th><th>inclusive</th><th>share</th><th></th></tr>" + shown.map(r =>
    "<tr class='part' data-name='" + esc(r.name) + "' data-exclusive='" + r.excl + "' data-inclusive='" + r.incl + "'><td>" + esc(r.name) +
    "</td><td>" + (r.calls === undefined ? "" : esc(r.calls)) + "</td><td>" + fmt(r.reads) + "</td><td>" + fmt(r.excl) + "</td><td>" + fmt(r.incl) +
    "</td><td>" + share(r.incl, total) + "</td><td><span class='partbar' style='width:" + width + "px'><span class='incl' style='width:" +
    (total > 0 ? width * r.incl / total : 0).toFixed(1) + "px'></span><span class='excl' style='width:" +
    (total > 0 ? width * r.excl / total : 0).toFixed(1) + "px'></span></span></td></tr>").join("") + "</table>";
}
function axes(W, H, L, title) {
  return "<rect x='" + L + "' y='20' width='" + (W - L - 50) + "' height='" + (H - 50) + "' fill='none' stroke='#999'/>" +
         "<text x='" + L + "' y='14'>" + esc(title) + "</text>";
}
// Reads per depth bin (bars, left axis) and the CDF (line, right axis 0..1).
function depthPlot(m) {
  const h = m.depth_histogram;
  if (!h || !h.reads.length) return "";
  const W = 460, H = 240, L = 50, n = h.reads.length, top = Math.max(1, ...h.reads);
  const bw = (W - L - 50) / n, Y = v => H - 30 - (H - 50) * v / top, C = c => H - 30 - (H - 50) * c;
  let svg = "<svg class='plot' id='depth-svg' width='" + W + "' height='" + H + "'>" + axes(W, H, L, "reads per depth (bars), CDF (line); depths " + h.lo[0] + " to " + h.hi[n - 1]);
  for (let i = 0; i < n; i++)
    svg += "<rect class='depth-bar' data-lo='" + h.lo[i] + "' data-hi='" + h.hi[i] + "' data-reads='" + h.reads[i] + "' x='" + (L + i * bw).toFixed(2) +
           "' y='" + Y(h.reads[i]).toFixed(2) + "' width='" + Math.max(0.5, bw - 0.5).toFixed(2) + "' height='" + (H - 30 - Y(h.reads[i])).toFixed(2) + "' fill='#e87'/>";
  svg += "<polyline class='cdf-line' fill='none' stroke='#48c' points='" + h.cdf.map((c, i) => (L + (i + 1) * bw).toFixed(2) + "," + C(c).toFixed(2)).join(" ") + "'/>";
  svg += h.cdf.map((c, i) => "<circle class='cdf-point' data-cdf='" + c + "' cx='" + (L + (i + 1) * bw).toFixed(2) + "' cy='" + C(c).toFixed(2) + "' r='1.5' fill='#48c'/>").join("");
  svg += "<text x='" + (L - 4) + "' y='26' text-anchor='end'>" + fmt(top) + "</text><text x='" + (W - 46) + "' y='26'>1</text><text x='" + (W - 46) + "' y='" + (H - 30) + "'>0</text>";
  svg += "<text x='" + L + "' y='" + (H - 12) + "'>depth " + h.lo[0] + "</text><text x='" + (W - 50) + "' y='" + (H - 12) + "' text-anchor='end'>" + h.hi[n - 1] + "</text>";
  return svg + "</svg>";
}
// The live set (max per window, left axis) and the cost so far (right axis)
// against events.
function livePlot(m) {
  const t = m.timeline;
  if (!t || !t.event.length) return "";
  const W = 460, H = 240, L = 50, end = t.event[t.event.length - 1], peak = Math.max(1, ...t.live), cost = Math.max(1, t.cost[t.cost.length - 1]);
  const X = e => L + (W - L - 50) * e / Math.max(1, end), Y = v => H - 30 - (H - 50) * v / peak, C = c => H - 30 - (H - 50) * c / cost;
  let svg = "<svg class='plot' id='live-svg' width='" + W + "' height='" + H + "'>" + axes(W, H, L, "live values (red) and cost so far (blue) over " + fmt(end) + " events");
  svg += "<polyline class='live-line' data-peak='" + Math.max(...t.live) + "' fill='none' stroke='#c44' points='" + t.event.map((e, i) => X(e).toFixed(2) + "," + Y(t.live[i]).toFixed(2)).join(" ") + "'/>";
  svg += "<polyline class='cost-line' data-cost='" + t.cost[t.cost.length - 1] + "' fill='none' stroke='#48c' points='" + t.event.map((e, i) => X(e).toFixed(2) + "," + C(t.cost[i]).toFixed(2)).join(" ") + "'/>";
  svg += "<text x='" + (L - 4) + "' y='26' text-anchor='end'>" + fmt(Math.max(...t.live)) + "</text><text x='" + (W - 46) + "' y='26'>" + fmt(cost) + "</text>";
  return svg + "</svg>";
}
function showOverview(m) {
  const rows = [["cost", fmt(m.cost)], ["reads", fmt(m.reads)], ["inputs", fmt(m.inputs)], ["peak live", fmt(m.peak_live)]];
  if (m.size !== undefined) rows.push(["size", fmt(m.size)]);
  if (m.approximate) rows.push(["approximate", "yes: see the report's diagnostics"]);
  document.getElementById("totals").innerHTML = rows.map(r => "<tr><td>" + r[0] + "</td><td class='total' data-field='" + r[0] + "'>" + esc(r[1]) + "</td></tr>").join("");
  const has = !!m.by_function;
  document.getElementById("no-breakdown").hidden = has;
  for (const id of ["functions-title", "inputs-title", "ops-title"]) document.getElementById(id).hidden = !has;
  document.getElementById("depth-plot").innerHTML = depthPlot(m);
  document.getElementById("live-plot").innerHTML = livePlot(m);
  const fs = (m.by_function || []).map(f => ({ name: f.function, calls: f.calls, reads: f.reads_inclusive, excl: f.cost_exclusive, incl: f.cost_inclusive }));
  parts(document.getElementById("functions"), fs, m.cost, "function");
  const regions = m.by_region || [];
  document.getElementById("regions-title").hidden = regions.length === 0;
  const rs = regions.map(r => ({ name: r.region, calls: r.entries, reads: r.reads_inclusive, excl: r.cost_exclusive, incl: r.cost_inclusive }));
  // Regions in path order, so nested ones sit under their parents (an icicle as a table).
  rs.sort((a, b) => a.name < b.name ? -1 : 1);
  if (regions.length) rs.push({ name: "(outside regions)", calls: "", reads: m.outside_regions.reads, excl: m.outside_regions.cost, incl: m.outside_regions.cost });
  if (regions.length) parts(document.getElementById("regions"), rs, m.cost, "region", true); else document.getElementById("regions").innerHTML = "";
  parts(document.getElementById("by-input"), (m.by_input || []).map(i => ({ name: i.input, reads: i.reads, excl: i.cost, incl: i.cost })), m.cost, "input");
  parts(document.getElementById("ops"), (m.by_op || []).map(o => ({ name: o.op, reads: o.reads, excl: o.cost, incl: o.cost })), m.cost, "op");
}
function choose(i) {
  const m = data.measurements[i];
  document.getElementById("summary").textContent = "cost " + m.cost + ", " + m.reads + " reads, peak live " + m.peak_live + (m.approximate ? " (approximate)" : "");
  // The stack view opens on the initial stack: the inputs' stores done.
  prepare(m);
  first = 0;
  while (first < events.length && first < m.inputs && events[first].store !== undefined) first++;
  step = first;
  document.getElementById("names-hint").hidden = !m.events || Object.keys(names).length > 0;
  const note = document.getElementById("no-events");
  document.getElementById("stack-view").hidden = !m.events;
  note.hidden = !!m.events;
  note.textContent = m.events ? "" : "This measurement is too large to animate (" + m.reads + " reads); the per-line view below summarises it.";
  render(); showLines(m); showVariants(m); showOverview(m);
}
document.getElementById("step").onclick = () => { if (step < events.length) { step++; render(); } };
document.getElementById("back").onclick = () => { if (step > first) { step--; render(); } };
document.getElementById("reset").onclick = () => { step = first; render(); };
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
