// stack_steps.mjs - opens the page `bytedmd html` wrote for my_add(1,2,3) in
// headless Chromium, clicks Step, and checks the LRU stack the page draws
// against the model, worked by hand:
//   inputs stored v1, v2, v3 (v3 on top); add reads v3@1, v2@2, both die;
//   v4 stored; add reads v4@1, v1@2, both die; v5 stored and kept (result).
// usage: node stack_steps.mjs PAGE.html [CHROMIUM]
import { chromium } from "playwright-core";
import { pathToFileURL } from "node:url";

const [page_path, executable = "/usr/bin/chromium"] = process.argv.slice(2);
if (!page_path) {
  console.error("usage: node stack_steps.mjs PAGE.html [CHROMIUM]");
  process.exit(2);
}

const expected = [
  // [stack top first, cost so far] after k steps
  [[], 0],
  [["v1"], 0],
  [["v2", "v1"], 0],
  [["v3", "v2", "v1"], 0],
  [["v1"], 3],
  [["v4", "v1"], 3],
  [[], 6],
  [["v5"], 6],
];

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
  for (let k = 0; k < expected.length; k++) {
    if (k > 0) await page.click("#step");
    check(`after ${k} steps`, await read(), expected[k]);
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
console.log("stack steps: all " + (expected.length + 5) + " checks passed");
