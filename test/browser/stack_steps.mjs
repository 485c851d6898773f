// stack_steps.mjs - opens the page `bytedmd html` wrote for my_add(1,2,3)
// (measured with --names) in headless Chromium, clicks Step, and checks the
// LRU stack the page draws, names and depths, against the model worked by
// hand (cases.md trace 1,2,1,2):
//   inputs stored c, b, a (a on top); add reads a@1, b@2 (cost 1+2), both
//   die; a + b stored; add reads a + b@1, c@2 (cost 1+2), both die;
//   (a + b) + c stored and kept (the result).
// Then the page for examples/matvec.cpp (four sizes): the sweep plot shows
// four points and the least-squares slope of log cost on log inputs,
// computed here from the report; measured with --no-liveness and six cache
// sizes, it lists the variant with the report's cost and draws one
// miss-ratio curve per cost model, never rising.
// Then the page for large.cpp: its small measurement animates, its large one
// (more events than the report keeps) is summarised, not animated.
// Last, the page for sized_matvec.cpp (matvec with row_dot, a region and
// bytedmd::size): it opens on the summary, and each plot and breakdown is
// checked against numbers computed here from its report.
// usage: node stack_steps.mjs PAGE.html CHROMIUM SCREENSHOT.png SWEEP.html SWEEP.json LARGE.html
//        SIZED.html SIZED.json SUMMARY.png
import { chromium } from "playwright-core";
import { pathToFileURL } from "node:url";
import { readFileSync } from "node:fs";

const [page_path, executable, screenshot, sweep_page, sweep_report, large_page, sized_page,
       sized_report, summary_shot] = process.argv.slice(2);
if (!summary_shot) {
  console.error("usage: node stack_steps.mjs PAGE.html CHROMIUM SCREENSHOT.png SWEEP.html SWEEP.json " +
                "LARGE.html SIZED.html SIZED.json SUMMARY.png");
  process.exit(2);
}

const expected = [
  // [stack top first, cost so far] after k steps
  [[], 0],
  [["c"], 0],
  [["b", "c"], 0],
  [["a", "b", "c"], 0],
  [["c"], 3],
  [["a + b", "c"], 3],
  [[], 6],
  [["(a + b) + c"], 6],
];
// What the page says the k-th event did.
const said = {
  4: "add(a@1, b@2)  cost=3; leaving: a, b",
  6: "add(a + b@1, c@2)  cost=3; leaving: a + b, c",
};

const browser = await chromium.launch({
  executablePath: executable,
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--no-first-run"],
});
let failures = 0;
const check = (what, got, want) => {
  if (JSON.stringify(got) !== JSON.stringify(want)) {
    console.error(`FAIL ${what}: got ${JSON.stringify(got)}, want ${JSON.stringify(want)}`);
    failures++;
  }
};
try {
  const page = await browser.newPage();
  const errors = [];
  page.on("pageerror", e => errors.push(String(e)));
  // The page must not reach out: every request but the page itself fails the test.
  const url = pathToFileURL(page_path).href;
  page.on("request", r => { if (r.url() !== url && !r.url().startsWith("data:")) errors.push("request " + r.url()); });
  await page.goto(url);
  const read = async () => [
    await page.$$eval("#stack li.cell .label", cells => cells.map(c => c.textContent)),
    Number(await page.textContent("#cost")),
  ];
  const depths = () => page.$$eval("#stack li.cell .depth", cells => cells.map(c => c.textContent));
  check("no hint when named", await page.isVisible("#names-hint"), false);
  // The view opens on the initial stack: the three inputs in place.
  check("opens on the inputs", await page.textContent("#position"), "event 3 of 7");
  for (let k = 3; k < expected.length; k++) {
    if (k > 3) await page.click("#step");
    check(`after ${k} steps`, await read(), expected[k]);
    check(`depths after ${k} steps`, await depths(), expected[k][0].map((_, i) => "depth " + (i + 1)));
    if (said[k]) check(`event ${k}`, await page.textContent("#event"), said[k]);
    if (k === 5) await page.screenshot({ path: screenshot, fullPage: true });
  }
  check("position", await page.textContent("#position"), "event 7 of 7");
  // Step past the end stays at the end; Back undoes one event; Reset empties.
  await page.click("#step");
  check("step past the end", await read(), expected[7]);
  await page.click("#back");
  check("back", await read(), expected[6]);
  await page.click("#back");
  check("back twice", await read(), expected[5]);
  await page.click("#reset");
  check("reset to the inputs", await read(), expected[3]);
  await page.click("#back");
  check("nothing before the inputs", await read(), expected[3]);
  check("page errors", errors, []);

  const ms = JSON.parse(readFileSync(sweep_report, "utf8")).measurements;
  const xs = ms.map(m => Math.log(m.inputs)), ys = ms.map(m => Math.log(m.cost));
  const mx = xs.reduce((a, b) => a + b) / xs.length, my = ys.reduce((a, b) => a + b) / ys.length;
  let sxx = 0, sxy = 0;
  xs.forEach((x, i) => { sxx += (x - mx) ** 2; sxy += (x - mx) * (ys[i] - my); });
  const sweep = await browser.newPage();
  await sweep.goto(pathToFileURL(sweep_page).href);
  check("sweep title shown", await sweep.isVisible("#sweep-title"), true);
  check("sweep points", await sweep.$$eval("#sweep circle", c => c.length), ms.length);
  check("sweep label", await sweep.textContent("#sweep text"),
        "matvec: cost ~ inputs^" + (sxy / sxx).toFixed(2) + " (log-log)");
  check("variants title shown", await sweep.isVisible("#variants-title"), true);
  check("variant row", await sweep.$$eval("#variants tr", rows => rows.slice(1).map(r =>
        [...r.querySelectorAll("td")].slice(0, 2).map(td => td.textContent))),
        [["no-liveness", String(ms[0].variants[0].cost)]]);
  check("mrc title shown", await sweep.isVisible("#mrc-title"), true);
  check("mrc curves", await sweep.$$eval("#mrc polyline", l => l.length), 2);
  check("mrc points", await sweep.$$eval("#mrc circle", c => c.length), 2 * ms[0].misses.length);
  check("mrc names", await sweep.$$eval("#mrc .mrc-name", t => t.map(e => e.textContent)),
        ["default", "no-liveness"]);
  // Screen y grows downward: misses never rising means y never falling.
  check("mrc never rises", await sweep.$$eval("#mrc polyline", lines => lines.every(l => {
    const ys = l.getAttribute("points").split(" ").map(p => Number(p.split(",")[1]));
    return ys.every((y, i) => i === 0 || y >= ys[i - 1] - 1e-9);
  })), true);

  const large = await browser.newPage();
  await large.goto(pathToFileURL(large_page).href);
  check("small one animates", await large.isVisible("#stack-view"), true);
  check("hint at --names when unnamed", await large.isVisible("#names-hint"), true);
  const inputs = Number(await large.textContent("#totals .total[data-field='inputs']"));
  check("small one opens on its inputs", await large.textContent("#position"), "event " + inputs + " of 28");
  check("initial stack holds the inputs", await large.$$eval("#stack li.cell", c => c.length), inputs);
  // Stepping to the end adds up to the measurement's cost, and leaves only
  // the result on the stack.
  for (let k = 0; k < 28; k++) await large.click("#step");
  check("stepped cost is the cost", "cost " + (await large.textContent("#cost")),
        (await large.textContent("#summary")).split(",")[0]);
  check("only the result is left", await large.$$eval("#stack li.cell", c => c.length), 1);
  await large.click("#back");
  await large.click("#step");
  check("back then step", "cost " + (await large.textContent("#cost")),
        (await large.textContent("#summary")).split(",")[0]);
  await large.selectOption("#measurement", "1");
  check("large one does not animate", await large.isVisible("#stack-view"), false);
  check("large one is summarised", (await large.textContent("#no-events")).includes("too large to animate"), true);
  check("large one's lines", await large.$$eval("#lines tr", rows => rows.length > 0), true);
  check("large one's summary", await large.isVisible("#depth-svg"), true);
  check("page errors", errors, []);

  // The summary page, against its report.
  const report = JSON.parse(readFileSync(sized_report, "utf8")).measurements;
  const sized = await browser.newPage();
  const sizedUrl = pathToFileURL(sized_page).href;
  sized.on("pageerror", e => errors.push(String(e)));
  sized.on("request", r => { if (r.url() !== sizedUrl && !r.url().startsWith("data:")) errors.push("request " + r.url()); });
  await sized.goto(sizedUrl);
  const box = async sel => (await sized.locator(sel).boundingBox()).y;
  check("opens on the summary", await box("#overview") < await box("#stack-view"), true);
  check("source listing folded", await sized.isVisible("#lines"), false);
  for (const k of [0, 3]) {
    const m = report[k];
    await sized.selectOption("#measurement", String(k));
    check(`total ${k}`, await sized.textContent("#totals .total[data-field='cost']"), m.cost.toLocaleString("en-US"));
    check(`size ${k}`, await sized.textContent("#totals .total[data-field='size']"), String(m.size));
    const h = m.depth_histogram;
    check(`depth bars ${k}`, await sized.$$eval("#depth-svg .depth-bar", b => b.map(e => [Number(e.dataset.lo), Number(e.dataset.hi), Number(e.dataset.reads)])),
          h.lo.map((lo, i) => [lo, h.hi[i], h.reads[i]]));
    // The CDF, cumulated here from the bars' reads.
    const total = h.reads.reduce((a, b) => a + b, 0);
    let seen = 0;
    check(`cdf ${k}`, await sized.$$eval("#depth-svg .cdf-point", p => p.map(e => Number(e.dataset.cdf).toFixed(9))),
          h.reads.map(r => ((seen += r) / total).toFixed(9)));
    check(`cdf ends at 1 (${k})`, seen, m.reads);
    check(`live points ${k}`, await sized.$eval("#live-svg .live-line", l => l.getAttribute("points").split(" ").length), m.timeline.event.length);
    check(`live peak ${k}`, Number(await sized.$eval("#live-svg .live-line", l => l.dataset.peak)), m.peak_live);
    check(`cost line ends at the cost ${k}`, Number(await sized.$eval("#live-svg .cost-line", l => l.dataset.cost)), m.cost);
    const rows = sel => sized.$$eval(sel + " tr.part", r => r.map(e => [e.dataset.name, Number(e.dataset.exclusive), Number(e.dataset.inclusive)]));
    check(`functions ${k}`, (await rows("#functions")).sort(),
          m.by_function.map(f => [f.function, f.cost_exclusive, f.cost_inclusive]).sort());
    check(`regions ${k}`, await rows("#regions"),
          m.by_region.map(r => [r.region, r.cost_exclusive, r.cost_inclusive]).sort().concat(
            [["(outside regions)", m.outside_regions.cost, m.outside_regions.cost]]));
    check(`inputs ${k}`, (await rows("#by-input")).sort(), m.by_input.map(i => [i.input, i.cost, i.cost]).sort());
    check(`ops ${k}`, (await rows("#ops")).sort(), m.by_op.map(o => [o.op, o.cost, o.cost]).sort());
    if (k === 0) await sized.screenshot({ path: summary_shot });
  }
  // Cost against size: the least-squares exponent of log cost on log N.
  const lx = report.map(m => Math.log(m.size)), ly = report.map(m => Math.log(m.cost));
  const ax = lx.reduce((a, b) => a + b) / lx.length, ay = ly.reduce((a, b) => a + b) / ly.length;
  let vxx = 0, vxy = 0;
  lx.forEach((x, i) => { vxx += (x - ax) ** 2; vxy += (x - ax) * (ly[i] - ay); });
  check("sweep against size", await sized.textContent("#sweep text"), "matvec: cost ~ size^" + (vxy / vxx).toFixed(2) + " (log-log)");
  check("sweep points", await sized.$$eval("#sweep circle", c => c.length), report.length);
  check("summary page errors", errors, []);
} finally {
  await browser.close();
}
if (failures) process.exit(1);
console.log("stack steps: all checks passed; screenshots: " + screenshot + ", " + summary_shot);
