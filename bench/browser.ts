// npm run bench:browser [-- --sets 1m,100k | --ratings N --users U --movies M] [--epochs 1 --backends
// wasm,webgpu,webgpu:ops --ops-steps 400]
// The same training in headless Chromium, on wasm (host kernels) and webgpu (SwiftShader's CPU adapter here): fit's
// own choice there (the fused kernels), and with ":ops" the TF.js-ops step; every set and engine in one table.
import {build} from "esbuild";
import {copyFile, mkdtemp, readdir, rm, writeFile} from "node:fs/promises";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {fileURLToPath} from "node:url";
import {parseArgs} from "node:util";
import {launchChromium} from "../scripts/lib/chromium.js";
import {serveStatic} from "../scripts/lib/serveStatic.js";
import {WASM_PATH} from "../scripts/lib/wasmPath.js";
import {benchSets, SET_OPTIONS, TIME_OPTIONS, timeOptions} from "./benchOptions.js";
import type {benchTrain, BrowserBenchOptions} from "./browserEntry.js";
import {engineTable, tableLegend} from "./engineTable.js";
import type {EngineRow} from "./engineTable.js";

const {values} = parseArgs({
  options: {
    ...SET_OPTIONS,
    ...TIME_OPTIONS,
    backends: {type: "string", default: "webgpu,webgpu:ops,wasm"}
  }
});
const sets = benchSets(values);
const dir = await mkdtemp(join(tmpdir(), "bench-browser-"));
await build({
  entryPoints: [fileURLToPath(new URL("browserEntry.ts", import.meta.url))],
  bundle: true,
  format: "esm",
  platform: "browser",
  outfile: join(dir, "bench.js"),
  logLevel: "error"
});
for (const f of await readdir(WASM_PATH)) if (f.endsWith(".wasm")) await copyFile(join(WASM_PATH, f), join(dir, f));
await writeFile(
  join(dir, "index.html"),
  `<!doctype html><link rel="icon" href="data:,"><script type="module">import "./bench.js"; ` +
    `window.ready = true;</script>`
);
const site = await serveStatic(dir);
const browser = await launchChromium({webgpu: true});
const rows: EngineRow[] = [];
const version = browser.version();
try {
  for (const {label, shape} of sets) {
    for (const engine of values.backends!.split(",")) {
      const [backend, path = "auto"] = engine.split(":") as [
        BrowserBenchOptions["backend"],
        BrowserBenchOptions["path"]?
      ];
      const page = await browser.newPage();
      await page.goto(site.url);
      await page.waitForFunction(() => (window as {ready?: boolean}).ready === true);
      const options: BrowserBenchOptions = {backend, wasmPath: site.url, shape, ...timeOptions(values, path)};
      console.error(`[bench:browser] ${label}: ${engine}…`);
      const row: EngineRow = {set: label, engine, noiseFloorMse: 0};
      rows.push(row);
      try {
        const r = await page.evaluate(
          (o) => (globalThis as unknown as {benchTrain: typeof benchTrain}).benchTrain(o),
          options
        );
        // fit's own choice on webgpu is the fused step; on wasm, the host step.
        row.engine =
          path === "auto" ? `${r.backend} ${r.backend === "webgpu" ? "fused" : "host"}` : `${r.backend} ${path}`;
        row.noiseFloorMse = r.noiseFloorMse;
        row.timing = r.timing;
      } catch (error) {
        row.failed = `failed: ${(error as Error).message.split("\n")[0]}`;
      }
      await page.close();
    }
  }
} finally {
  await browser.close();
  await site.close();
  await rm(dir, {recursive: true, force: true});
}
console.log(`\nHeadless Chromium ${version} (WebGPU: SwiftShader here)`);
for (const line of [...tableLegend(sets, timeOptions(values, "ops"), rows), ...engineTable(rows)]) console.log(line);
