// Times the data loaders and the browser's load of the ratings file on a MovieLens 10M-shaped synthetic dataset.
// Usage: npm run bench:loaders [-- --dir <dataset folder>]   (default: generates ML-10M's shape into a temp folder)
import {spawn} from "node:child_process";
import {existsSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {ML10M_SHAPE} from "../src/components/synth/synthesize.js";
import {ROOT} from "../src/data/dataset.js";
import {PARSED_CACHE} from "../src/data/readDataset.js";
import {writeSynthetic} from "../src/data/writeSynthetic.js";
import {launchChromium} from "../scripts/lib/chromium.js";
import {buildSiteOn} from "../scripts/lib/buildSite.js";
import {serveStatic} from "../scripts/lib/serveStatic.js";

const args = process.argv.slice(2);
const flag = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);

const dir = flag("--dir") ?? join(tmpdir(), "movielens-bench-ml10m");
if (!existsSync(join(dir, "SYNTHETIC.json")) && !existsSync(join(dir, "ratings.dat"))) {
  console.error(`Generating an ML-10M-shaped synthetic dataset in ${dir} …`);
  await writeSynthetic(dir, ML10M_SHAPE);
}

/** Runs a loader as Framework does, in its own process, and reports wall time and peak RSS (from /usr/bin/time). */
async function timeLoader(loader: string): Promise<{loader: string; seconds: number; peakMB: number; bytes: number}> {
  const child = spawn("/usr/bin/time", ["-f", "%e %M", "node", "--import", "tsx", join("src/data", loader)], {
    cwd: ROOT,
    env: {...process.env, MOVIELENS_DIR: dir},
    stdio: ["ignore", "pipe", "pipe"]
  });
  let bytes = 0;
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (bytes += chunk.length));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk));
  const code = await new Promise<number>((resolve) => child.on("close", (c) => resolve(c ?? 1)));
  if (code !== 0) throw new Error(`${loader} failed:\n${stderr}`);
  const [seconds, kb] = stderr.trim().split("\n").at(-1)!.split(" ").map(Number);
  return {loader, seconds, peakMB: kb / 1024, bytes};
}

// Each loader twice: cold, parsing the dataset itself, then warm, reading what the cold run kept in PARSED_CACHE. A
// build runs the first of the four cold and the other three warm.
const rows = [];
for (const loader of ["ratings.bin.ts", "movies.json.ts", "summary.json.ts", "histogram.json.ts"]) {
  rmSync(PARSED_CACHE, {recursive: true, force: true});
  const cold = await timeLoader(loader);
  const warm = await timeLoader(loader);
  rows.push({loader, "cold s": cold.seconds.toFixed(2), "warm s": warm.seconds.toFixed(2), "cold peak RSS MB": cold.peakMB.toFixed(0), "warm peak RSS MB": warm.peakMB.toFixed(0), "output MB": (cold.bytes / 1e6).toFixed(1)});
}
console.log(`\nLoaders on ${dir} (node + tsx startup included): cold parses the dataset, warm reads the parse an earlier loader kept`);
console.table(rows);

// Build the site on this dataset into a temp folder and load the ratings file in headless Chromium.
console.error("Building the site …");
const {dir: out} = await buildSiteOn(dir);
const server = await serveStatic(out);
const browser = await launchChromium();
const samples = [];
for (let i = 0; i < 3; ++i) {
  const page = await browser.newPage();
  await page.goto(new URL("./load-data", server.url).href);
  const timing = page.locator(".load-timing");
  await timing.waitFor({timeout: 60_000});
  const fetchMs = Number(await timing.getAttribute("data-fetch-ms"));
  const decodeMs = Number(await timing.getAttribute("data-decode-ms"));
  const heapMB = await page.evaluate(() => ((performance as unknown as {memory?: {usedJSHeapSize: number}}).memory?.usedJSHeapSize ?? NaN) / 1e6);
  samples.push({run: i + 1, "fetch ms": fetchMs, "decode ms": decodeMs, "total ms": +(fetchMs + decodeMs).toFixed(1), "JS heap MB": +heapMB.toFixed(0)});
  await page.close();
}
await browser.close();
await server.close();
rmSync(out, {recursive: true, force: true});
console.log("\nHeadless Chromium: fetch + decode data/ratings.bin on the load-data page");
console.table(samples);
console.error("Note: the loader cache in src/.observablehq/cache now holds this dataset; the next `npm run dev` rebuilds it.");
