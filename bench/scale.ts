// The workbook at scale (issue 15): loader time and peak RSS, the served ratings file's size, the browser's fetch and
// decode, one wasm epoch on the Train page with the worker's memory, and opening Recommendations to the top 20, for
// one or more datasets, printed side by side with ratios (last ÷ first) to show what grows faster than linearly.
// Usage: npm run bench:scale -- [--shape small|ml-10m|ml-32m]… [--dir <dataset folder>]… [--bs <n>] [--isolate]
//   [--threads <n>] [--factors <n>]
//   --isolate serves the site with COOP and COEP, so the pages are cross-origin isolated and train on every core;
//   --threads caps the kernel's threads (the Train page's ?threads=), to measure one thread on an isolated page.
//   e.g. npm run bench:scale -- --shape ml-10m --shape ml-32m   (generates the shapes into the temp folder once)
// ML-32M's shape is 32,000,204 ratings written as CSV (ratings.csv, ~0.8 GB): generating it takes minutes and GBs.
import {existsSync, readFileSync, readdirSync, rmSync, statSync} from "node:fs";
import {tmpdir} from "node:os";
import {basename, join} from "node:path";
import {ML10M_SHAPE, ML32M_SHAPE} from "../src/components/synth/synthesize.js";
import type {SynthOptions} from "../src/components/synth/synthesize.js";
import {MOVIELENS_FILES} from "../src/components/movielens/movielensFormat.js";
import {PARSED_CACHE} from "../src/data/parsedCache.js";
import {writeSynthetic} from "../src/data/writeSynthetic.js";
import {launchChromium} from "../scripts/lib/chromium.js";
import {buildSiteOn} from "../scripts/lib/buildSite.js";
import {serveStatic} from "../scripts/lib/serveStatic.js";
import {measureRatingsLoad} from "./measureRatingsLoad.js";
import {openRecommendations} from "./openRecommendations.js";
import {TRAIN_DEFAULTS} from "../src/components/trainDefaults.js";
import {copyBandwidth, floorNsPerRating} from "./memoryFloor.js";
import {timeLoader} from "./timeLoader.js";
import {trainOnce} from "./trainOnce.js";

/** The shapes --shape generates: a small one to check the benchmark runs, and ML-10M's and ML-32M's. */
const SHAPES: Record<string, {options: SynthOptions; csv: boolean; dir: string}> = {
  small: {options: {seed: 7, users: 3000, movies: 2000, ratings: 300_000}, csv: true, dir: "movielens-bench-small"},
  "ml-10m": {options: ML10M_SHAPE, csv: false, dir: "movielens-bench-ml10m"},
  "ml-32m": {options: ML32M_SHAPE, csv: true, dir: "movielens-bench-ml32m"}
};
const LOADERS = ["ratings.bin.ts", "movies.json.ts", "summary.json.ts", "histogram.json.ts"];

// 1. Read the datasets to measure, generating the shapes asked for once.
const args = process.argv.slice(2);
const all = (name: string) => args.flatMap((a, i) => (a === name && i + 1 < args.length ? [args[i + 1]] : []));
const bs = all("--bs")[0];
const isolate = args.includes("--isolate");
const threads = all("--threads")[0] ? Number(all("--threads")[0]) : undefined;
const factors = all("--factors")[0] ? Number(all("--factors")[0]) : undefined;
const bandwidth = copyBandwidth();
const datasets: {label: string; dir: string}[] = [];
for (const shape of all("--shape")) {
  const spec = SHAPES[shape];
  if (!spec) throw new Error(`--shape ${shape}: expected one of ${Object.keys(SHAPES).join(", ")}`);
  const dir = join(tmpdir(), spec.dir);
  if (!existsSync(join(dir, "SYNTHETIC.json"))) {
    console.error(
      `Generating ${shape}'s shape (${spec.options.ratings!.toLocaleString("en-US")} ratings, ` +
        `${spec.csv ? "CSV" : ".dat"}) in ${dir} …`
    );
    await writeSynthetic(dir, spec.options, (m) => console.error(m), {csv: spec.csv});
  }
  datasets.push({label: shape, dir});
}
for (const dir of all("--dir")) datasets.push({label: basename(dir), dir});
if (!datasets.length) {
  console.error(
    "Usage: npm run bench:scale -- [--shape small|ml-10m|ml-32m]… [--dir <dataset folder>]… [--bs <batch size>]"
  );
  process.exit(1);
}

/** The one file of dist/_file/data whose name starts with `prefix` ("ratings." for ratings.<hash>.bin). */
function builtFile(out: string, prefix: string): string {
  const folder = join(out, "_file/data");
  const name = readdirSync(folder).find((f) => f.startsWith(prefix));
  if (!name) throw new Error(`no ${prefix}* in ${folder}`);
  return join(folder, name);
}

const MB = 1e6;
const results: Record<string, number | string>[] = [];
for (const {label, dir} of datasets) {
  // 2. The loaders as a build runs them: the first parses the dataset (cold), the others read its parse (warm).
  rmSync(PARSED_CACHE, {recursive: true, force: true});
  const runs = [];
  for (const loader of LOADERS) runs.push(await timeLoader(dir, loader));
  const files = readdirSync(dir).filter((f) => MOVIELENS_FILES.includes(f));
  const inputBytes = files.reduce((n, f) => n + statSync(join(dir, f)).size, 0);

  // 3. Build the site on it, then measure the pages in headless Chromium.
  console.error(`${label}: building the site …`);
  const {dir: out} = await buildSiteOn(dir);
  const summary = JSON.parse(readFileSync(builtFile(out, "summary."), "utf-8")) as {
    counts: {users: number; movies: number; ratings: number};
  };
  const servedBytes = statSync(builtFile(out, "ratings.")).size;
  const server = await serveStatic(out, {isolate});
  const browser = await launchChromium();
  try {
    const loads = [await measureRatingsLoad(browser, server.url), await measureRatingsLoad(browser, server.url)];
    const load = loads.sort((a, b) => a.fetchMs + a.decodeMs - b.fetchMs - b.decodeMs)[0];
    const context = await browser.newContext();
    const train = await trainOnce(await context.newPage(), server.url, {
      epochs: 1,
      backend: "wasm",
      bs,
      threads,
      factors
    });
    if (train.status !== "done")
      throw new Error(`${label}: the training run ended ${train.status}: ${train.error ?? ""}`);
    const recommend = await openRecommendations(context, server.url);
    results.push({
      dataset: label,
      ratings: summary.counts.ratings,
      users: summary.counts.users,
      movies: summary.counts.movies,
      "input files MB": +(inputBytes / MB).toFixed(0),
      "loaders s (ratings.bin cold, the others warm)": +runs.reduce((s, r) => s + r.seconds, 0).toFixed(1),
      "ratings.bin loader s (parse)": runs[0].seconds,
      "loaders peak RSS MB": +Math.max(...runs.map((r) => r.peakMB)).toFixed(0),
      "served ratings.bin MB": +(servedBytes / MB).toFixed(1),
      "browser fetch ms": load.fetchMs,
      "browser decode ms": load.decodeMs,
      "browser fetch+decode s": +((load.fetchMs + load.decodeMs) / 1000).toFixed(2),
      "wasm epoch (open → done) s": +train.seconds.toFixed(1),
      "wasm epoch s (worker's clock)": train.epochSeconds[0] ?? "",
      "wasm epoch ns per training rating": train.epochSeconds[0]
        ? +((train.epochSeconds[0] / (0.8 * summary.counts.ratings)) * 1e9).toFixed(0)
        : "",
      [`memory-traffic floor ns per rating (${factors ?? TRAIN_DEFAULTS.factors} factors)`]: +floorNsPerRating(
        factors ?? TRAIN_DEFAULTS.factors,
        bandwidth
      ).toFixed(0),
      "run in the worker s (request → done)": train.runSeconds ?? "",
      "worker JS heap peak MB": +(train.workerHeapBytes / MB).toFixed(0),
      "worker wasm heap MB": train.memory ? +(train.memory.wasmHeapBytes / MB).toFixed(0) : "",
      "worker ratings columns MB": train.memory ? +(train.memory.tableBytes / MB).toFixed(0) : "",
      "Recommendations open → top 20 ms": recommend.openMs
    });
    await context.close();
  } finally {
    await browser.close();
    await server.close();
    rmSync(out, {recursive: true, force: true});
  }
}

// 4. Side by side: one column per dataset, and the ratio of the last to the first for every number.
const metrics = Object.keys(results[0]).filter((k) => k !== "dataset");
const table = Object.fromEntries(
  metrics.map((metric) => {
    const row: Record<string, number | string> = Object.fromEntries(
      results.map((r) => [r.dataset as string, r[metric]])
    );
    const [first, last] = [results[0][metric], results.at(-1)![metric]];
    if (results.length > 1 && typeof first === "number" && typeof last === "number" && first > 0)
      row[`${results.at(-1)!.dataset} ÷ ${results[0].dataset}`] = +(last / first).toFixed(2);
    return [metric, row];
  })
);
const served = isolate
  ? `, cross-origin isolated: ${threads === undefined ? "every core" : `at most ${threads} thread(s)`}`
  : ", not isolated: one thread";
console.log(
  `\nThe workbook at scale (loaders include node + tsx startup; browser: headless Chromium; ` +
    `epoch: wasm${bs ? `, bs ${bs}` : ""}${served})`
);
console.table(table);
console.error(
  "Note: the loader cache in src/.observablehq/cache now holds the last dataset; the next `npm run dev` rebuilds it."
);
