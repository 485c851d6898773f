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
// Last, the page for large.cpp: its small measurement animates, its large one
// (more events than the report keeps) is summarised, not animated.
// usage: node stack_steps.mjs PAGE.html CHROMIUM SCREENSHOT.png SWEEP.html SWEEP.json LARGE.html
import { chromium } from "playwright-core";
import { pathToFileURL } from "node:url";
import { readFileSync } from "node:fs";

const [page_path, executable, screenshot, sweep_page, sweep_report, large_page] = process.argv.slice(2);
if (!large_page) {
  console.error("usage: node stack_steps.mjs PAGE.html CHROMIUM SCREENSHOT.png SWEEP.html SWEEP.json LARGE.html");
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
  for (let k = 0; k < expected.length; k++) {
    if (k > 0) await page.click("#step");
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
  check("reset", await read(), expected[0]);
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
  check("small one's events", await large.textContent("#position"), "event 0 of 28");
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
} finally {
  await browser.close();
}
if (failures) process.exit(1);
console.log("stack steps: all checks passed; screenshot after 5 steps: " + screenshot);
