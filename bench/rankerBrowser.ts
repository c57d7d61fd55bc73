// npm run bench:ranker [-- --sets small,10m[,32m]]: what a training run adds in the browser, timed in headless
// Chromium against issue 21's budgets: iALS's fit (≤ 10 s on ml-latest-small's shape, ≤ 60 s on ML-10M's; ML-32M's
// is reported), the ranking against the baselines (≤ 2 s on ML-10M's shape) and a fold-in of 40 ratings (≤ 1 s).
import {build} from "esbuild";
import {copyFile, mkdtemp, readdir, rm, writeFile} from "node:fs/promises";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {fileURLToPath} from "node:url";
import {launchChromium} from "../scripts/lib/chromium.js";
import {serveStatic} from "../scripts/lib/serveStatic.js";
import {WASM_PATH} from "../scripts/lib/wasmPath.js";
import {parseCli} from "../scripts/parseCli.js";
import {ML10M_SHAPE, ML32M_SHAPE} from "../src/components/synth/synthesize.js";
import type {benchRanker, benchRankerDevices} from "./rankerBrowserEntry.js";

const SHAPES = {
  small: {...ML10M_SHAPE, users: 610, movies: 9742, ratings: 100_836}, // ml-latest-small
  "10m": ML10M_SHAPE,
  "32m": ML32M_SHAPE
};
const BUDGETS: Record<string, string> = {small: "≤ 10 s", "10m": "≤ 60 s", "32m": "reported"};
const {sets = "small,10m", devices} = parseCli<{sets?: string; devices?: boolean}>(
  {sets: {type: "string"}, devices: {type: "boolean"}},
  "usage: npm run bench:ranker [-- --sets small,10m,32m] [--devices]\n" +
    "  --devices   instead, one iALS epoch on the CPU and through TF.js on webgpu, on each set (TF.js's wasm\n" +
    "              backend has no UnsortedSegmentSum kernel, so fitIalsTf runs only where fitRanker uses it)\n"
);
const names = sets.split(",");
for (const name of names)
  if (!(name in SHAPES)) {
    console.error(`unknown set ${name}: choose among ${Object.keys(SHAPES).join(", ")}`);
    process.exit(1);
  }
const dir = await mkdtemp(join(tmpdir(), "bench-ranker-"));
await build({
  entryPoints: [fileURLToPath(new URL("rankerBrowserEntry.ts", import.meta.url))],
  bundle: true,
  format: "esm",
  platform: "browser",
  outfile: join(dir, "bench.js"),
  logLevel: "error"
});
await writeFile(
  join(dir, "index.html"),
  `<!doctype html><link rel="icon" href="data:,"><script type="module">import "./bench.js"; ` +
    `window.ready = true;</script>`
);
for (const f of await readdir(WASM_PATH)) if (f.endsWith(".wasm")) await copyFile(join(WASM_PATH, f), join(dir, f));
const site = await serveStatic(dir);
const browser = await launchChromium({webgpu: true});
if (devices) {
  console.log(`Headless Chromium ${browser.version()}: one iALS epoch, CPU path against TF.js ops\n`);
  console.log("| set | CPU (fitIals) | TF.js backend | TF.js (fitIalsTf) |\n|---|---|---|---|");
  for (const name of names)
    for (const backend of ["webgpu"] as const) {
      const page = await browser.newPage();
      await page.goto(site.url);
      await page.waitForFunction(() => (window as {ready?: boolean}).ready === true);
      const shape = SHAPES[name as keyof typeof SHAPES];
      const r = await page.evaluate(
        ([o, b, w]) =>
          (globalThis as unknown as {benchRankerDevices: typeof benchRankerDevices}).benchRankerDevices(o, b, w),
        [shape, backend, site.url] as const
      );
      const software = r.backend === "webgpu" && r.software ? ` (${r.software})` : "";
      console.log(`| ${name} | ${r.cpuSeconds.toFixed(2)} s | ${r.backend}${software} | ${r.tfSeconds.toFixed(2)} s |`);
      await page.close();
    }
  await browser.close();
  await site.close();
  await rm(dir, {recursive: true, force: true});
  process.exit(0);
}
console.log(`Headless Chromium ${browser.version()}, one thread\n`);
console.log("| set | ratings | iALS | fit | budget | ranking (users) | fold-in of 40 |\n|---|---|---|---|---|---|---|");
try {
  for (const name of names) {
    const page = await browser.newPage();
    await page.goto(site.url);
    await page.waitForFunction(() => (window as {ready?: boolean}).ready === true);
    console.error(`[bench:ranker] ${name}…`);
    const shape = SHAPES[name as keyof typeof SHAPES];
    const r = await page.evaluate(
      (o) => (globalThis as unknown as {benchRanker: typeof benchRanker}).benchRanker(o),
      shape
    );
    const {factors, epochs, cgSteps} = r.options;
    console.log(
      `| ${name} | ${r.ratings.toLocaleString("en-US")} | ${factors} factors, ${epochs} epochs, ${cgSteps} CG | ` +
        `${r.fitSeconds.toFixed(1)} s | ${BUDGETS[name]} | ${r.rankingSeconds.toFixed(2)} s (${r.rankingUsers}) | ` +
        `${r.foldInMs.toFixed(0)} ms |`
    );
    await page.close();
  }
} finally {
  await browser.close();
  await site.close();
  await rm(dir, {recursive: true, force: true});
}
