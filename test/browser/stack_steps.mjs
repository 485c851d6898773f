// stack_steps.mjs - opens the page `bytedmd html` wrote for my_add(1,2,3)
// (measured with --names) in headless Chromium, clicks Step, and checks the
// LRU stack the page draws, names and depths, against the model worked by
// hand (cases.md trace 1,2,1,2):
//   inputs stored c, b, a (a on top); add reads a@1, b@2 (cost 1+2), both
//   die; a + b stored; add reads a + b@1, c@2 (cost 1+2), both die;
//   (a + b) + c stored and kept (the result).
// usage: node stack_steps.mjs PAGE.html CHROMIUM SCREENSHOT.png
import { chromium } from "playwright-core";
import { pathToFileURL } from "node:url";

const [page_path, executable, screenshot] = process.argv.slice(2);
if (!screenshot) {
  console.error("usage: node stack_steps.mjs PAGE.html CHROMIUM SCREENSHOT.png");
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
} finally {
  await browser.close();
}
if (failures) process.exit(1);
console.log("stack steps: all checks passed; screenshot after 5 steps: " + screenshot);
