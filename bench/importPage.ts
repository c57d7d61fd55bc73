// Times "Load MovieLens from your computer" in headless Chromium: a zip of ML-10M's shape (made with the synthetic
// generator by `npm run bench:import`, or given with --zip) is parsed in the import worker and stored in IndexedDB.
// Prints the parse time, the total time (reading the file, parsing, storing) and the worker's and page's peak JS heap.
// Usage: npm run bench:import-page [-- --zip <ml-10m.zip>]
import {existsSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {launchChromium} from "../scripts/lib/chromium.js";
import {buildSiteOn} from "../scripts/lib/buildSite.js";
import {serveStatic} from "../scripts/lib/serveStatic.js";

const args = process.argv.slice(2);
const zip = args.includes("--zip")
  ? args[args.indexOf("--zip") + 1]
  : join(tmpdir(), "movielens-bench-import", "ml-10m.zip");
if (!existsSync(zip)) {
  console.error(
    `No zip at ${zip}: run \`npm run bench:import\` first (it writes one of ML-10M's shape), or pass --zip.`
  );
  process.exit(1);
}
console.error("Building the site …");
const {dir: out} = await buildSiteOn(undefined);
const server = await serveStatic(out);
const browser = await launchChromium();
const samples = [];
for (let i = 0; i < 2; ++i) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(new URL("./load-data.html", server.url).href, {waitUntil: "networkidle"});
  const cdp = await context.newCDPSession(page);
  let workerPeak = 0,
    nextId = 1;
  const sessions = new Set<string>();
  cdp.on(
    "Target.attachedToTarget",
    (e: {sessionId: string; targetInfo: {type: string}}) => e.targetInfo.type === "worker" && sessions.add(e.sessionId)
  );
  cdp.on("Target.receivedMessageFromTarget", (e: {message: string}) => {
    const used = (JSON.parse(e.message) as {result?: {usedSize?: number}}).result?.usedSize;
    if (used) workerPeak = Math.max(workerPeak, used);
  });
  await cdp.send("Target.setAutoAttach", {autoAttach: true, waitForDebuggerOnStart: false, flatten: false});
  let pagePeak = 0;
  // The import's result, or why it failed: an error it logs (e.g. out of memory, in words), or the tab crashing.
  const result = new Promise<{ratings: number; parseSeconds: number; totalSeconds: number}>((resolve, reject) => {
    page.on("console", (m) => {
      if (m.text().startsWith("movielens-import: ")) resolve(JSON.parse(m.text().slice(18)));
      else if (m.type() === "error") reject(new Error(`the page logged an error: ${m.text()}`));
    });
    page.on("crash", () => reject(new Error("the tab crashed")));
  });
  await page.locator(".dataset-loader summary").click();
  await page.getByLabel("MovieLens files").setInputFiles(zip);
  const timer = setInterval(async () => {
    for (const sessionId of sessions)
      await cdp
        .send("Target.sendMessageToTarget", {
          sessionId,
          message: JSON.stringify({id: nextId++, method: "Runtime.getHeapUsage"})
        })
        .catch(() => {});
    const heap = await cdp.send("Runtime.getHeapUsage").catch(() => null);
    if (heap) pagePeak = Math.max(pagePeak, heap.usedSize);
  }, 250);
  const r = await result;
  clearInterval(timer);
  samples.push({
    run: i + 1,
    ratings: r.ratings,
    "parse s (worker)": +r.parseSeconds.toFixed(2),
    "total s (read + parse + store)": +r.totalSeconds.toFixed(2),
    "worker peak JS heap MB": Math.round(workerPeak / 1e6),
    "page peak JS heap MB": Math.round(pagePeak / 1e6)
  });
  await context.close();
}
console.log(`\nHeadless Chromium: Load MovieLens from your computer, ${zip}`);
console.table(samples);
await browser.close();
await server.close();
rmSync(out, {recursive: true, force: true});
