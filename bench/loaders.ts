// Times the data loaders and the browser's load of the ratings file on a MovieLens 10M-shaped synthetic dataset.
// Usage: npm run bench:loaders [-- --dir <dataset folder>]   (default: generates ML-10M's shape into a temp folder)
import {existsSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {ML10M_SHAPE} from "../src/components/synth/synthesize.js";
import {PARSED_CACHE} from "../src/data/parsedCache.js";
import {writeSynthetic} from "../src/data/writeSynthetic.js";
import {launchChromium} from "../scripts/lib/chromium.js";
import {buildSiteOn} from "../scripts/lib/buildSite.js";
import {serveStatic} from "../scripts/lib/serveStatic.js";
import {measureRatingsLoad} from "./measureRatingsLoad.js";
import {timeLoader} from "./timeLoader.js";

const args = process.argv.slice(2);
const flag = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);

const dir = flag("--dir") ?? join(tmpdir(), "movielens-bench-ml10m");
if (!existsSync(join(dir, "SYNTHETIC.json")) && !existsSync(join(dir, "ratings.dat"))) {
  console.error(`Generating an ML-10M-shaped synthetic dataset in ${dir} …`);
  await writeSynthetic(dir, ML10M_SHAPE);
}

// Each loader twice: cold, parsing the dataset itself, then warm, reading what the cold run kept in PARSED_CACHE. A
// build runs the first of the four cold and the other three warm.
const rows = [];
for (const loader of ["ratings.bin.ts", "movies.json.ts", "summary.json.ts", "histogram.json.ts"]) {
  rmSync(PARSED_CACHE, {recursive: true, force: true});
  const cold = await timeLoader(dir, loader);
  const warm = await timeLoader(dir, loader);
  rows.push({
    loader,
    "cold s": cold.seconds.toFixed(2),
    "warm s": warm.seconds.toFixed(2),
    "cold peak RSS MB": cold.peakMB.toFixed(0),
    "warm peak RSS MB": warm.peakMB.toFixed(0),
    "output MB": (cold.bytes / 1e6).toFixed(1)
  });
}
console.log(
  `\nLoaders on ${dir} (node + tsx startup included): cold parses the dataset, ` +
    `warm reads the parse an earlier loader kept`
);
console.table(rows);

// Build the site on this dataset into a temp folder and load the ratings file in headless Chromium.
console.error("Building the site …");
const {dir: out} = await buildSiteOn(dir);
const server = await serveStatic(out);
const browser = await launchChromium();
const samples = [];
for (let i = 0; i < 3; ++i) {
  const {fetchMs, decodeMs, heapMB} = await measureRatingsLoad(browser, server.url);
  samples.push({
    run: i + 1,
    "fetch ms": fetchMs,
    "decode ms": decodeMs,
    "total ms": +(fetchMs + decodeMs).toFixed(1),
    "JS heap MB": +heapMB.toFixed(0)
  });
}
await browser.close();
await server.close();
rmSync(out, {recursive: true, force: true});
console.log("\nHeadless Chromium: fetch + decode data/ratings.bin on the load-data page");
console.table(samples);
console.error(
  "Note: the loader cache in src/.observablehq/cache now holds this dataset; the next `npm run dev` rebuilds it."
);
