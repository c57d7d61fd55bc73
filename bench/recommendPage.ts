// Times the Recommendations page in headless Chromium: opening it until the top 20 shows, and the refresh after
// "I've seen it" (a fold-in). Trains one epoch on the Train page first.
// Usage: npm run bench:recommend [-- --dir <dataset>]
import {rmSync} from "node:fs";
import {launchChromium} from "../scripts/lib/chromium.js";
import {buildSiteOn} from "../scripts/lib/buildSite.js";
import {serveStatic} from "../scripts/lib/serveStatic.js";
import {openRecommendations} from "./openRecommendations.js";

const args = process.argv.slice(2);
const dir = args.includes("--dir") ? args[args.indexOf("--dir") + 1] : undefined;
console.error(`Building the site on ${dir ?? "the built-in synthetic dataset"} …`);
const {dir: out} = await buildSiteOn(dir);
const server = await serveStatic(out);
const browser = await launchChromium();
const context = await browser.newContext();
const train = await context.newPage();
await train.goto(new URL("./train.html", server.url).href);
const epochs = train.getByLabel("Epochs", {exact: true});
await epochs.fill("1");
await epochs.dispatchEvent("input");
await train.locator(".train-controls button", {hasText: "Train"}).click();
await train.locator(".saved-note", {hasText: "Saved"}).waitFor({timeout: 600_000});
await train.close();

const samples = [];
for (let i = 0; i < 3; ++i) {
  const {page, openMs, rows: movies} = await openRecommendations(context, server.url);
  const rows = page.locator("table.recommendations tbody tr");
  const t1 = Date.now();
  await rows.first().locator("select.seen-it").selectOption("4");
  await page.locator(".prediction-source.approximate").waitFor();
  const refreshMs = Date.now() - t1;
  const note = (await page.locator(".prediction-source").textContent()) ?? "";
  const foldInMs = Number(/in (\d+) ms/.exec(note)?.[1]);
  samples.push({
    run: i + 1,
    "open → top 20 (ms)": openMs,
    "I've seen it → refreshed (ms)": refreshMs,
    "fold-in (ms)": foldInMs,
    rows: movies
  });
  await page.evaluate(() => localStorage.clear());
  await page.close();
}
console.log(`\nRecommendations page on ${dir ?? "the built-in synthetic dataset"}`);
console.table(samples);
await browser.close();
await server.close();
rmSync(out, {recursive: true, force: true});
