// Times the notebook's whole experiment grid (the Train page's "Run the grid", NOTEBOOK_GRID: five runs, 19 epochs) on
// the wasm backend in headless Chromium, from the click to the last run kept, with each run's own training time.
// Usage: npm run bench:grid [-- --dir <dataset>]. Without --dir it uses the built-in synthetic dataset (the site's
// default, about 1M ratings). The target: under 2 minutes on wasm.
import {NOTEBOOK_GRID} from "../src/components/browser/experimentGrid.js";
import {servedSite} from "./servedSite.js";

const args = process.argv.slice(2);
const dir = args.includes("--dir") ? args[args.indexOf("--dir") + 1] : undefined;
const site = await servedSite(dir);
const page = await site.browser.newPage();
await page.goto(new URL("./train.html", site.url).href, {waitUntil: "networkidle"});
await page.getByLabel("Backend", {exact: true}).selectOption("wasm");
const run = page.locator(".grid-controls button", {hasText: "Run the grid"});
await page.waitForFunction(() => !document.querySelector<HTMLButtonElement>(".grid-controls button")?.disabled);
const t0 = Date.now();
await run.click();
const status = page.locator(".grid-status");
let text: string;
for (;;) {
  text = (await status.textContent()) ?? "";
  if (/^(Done|Stopped|The grid ended)/.test(text)) break;
  await page.waitForTimeout(500);
}
const seconds = (Date.now() - t0) / 1000;
const titles = await page.locator('.grid-loss g[aria-label="dot"] title').allTextContents();
console.log(`\nThe notebook's grid on ${dir ?? "the built-in synthetic dataset"}, wasm: ${text}`);
console.table(
  NOTEBOOK_GRID.map((r, i) => ({
    run: i + 1,
    factors: r.factors,
    bs: r.bs,
    epochs: r.epochs,
    result: titles.find((t) => t.startsWith(`Run ${i + 1}:`))?.replace(/^Run \d+: [^:]+: /, "") ?? "–"
  }))
);
console.log(`click → last run kept: ${seconds.toFixed(1)} s (target < 120 s)`);
await site.close();
