// npm run bench:browser [-- --ratings 100000 --epochs 3 --backends wasm,webgpu,webgpu:ops]
// The same training in headless Chromium, on wasm (host kernels) and webgpu (SwiftShader's CPU adapter here): fit's
// own choice there (the fused kernels), and with ":ops" the TF.js-ops step.
import {build} from "esbuild";
import {copyFile, mkdtemp, readdir, rm, writeFile} from "node:fs/promises";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {fileURLToPath} from "node:url";
import {parseArgs} from "node:util";
import {launchChromium} from "../scripts/lib/chromium.js";
import {serveStatic} from "../scripts/lib/serveStatic.js";
import {WASM_PATH} from "../scripts/lib/wasmPath.js";
import type {benchTrain} from "./browserEntry.js";
import {TRAIN_DEFAULTS} from "../src/components/model/trainSettings.js";

const {values} = parseArgs({
  options: {
    ratings: {type: "string", default: "100000"},
    users: {type: "string", default: "1000"},
    movies: {type: "string", default: "600"},
    epochs: {type: "string", default: String(TRAIN_DEFAULTS.epochs)},
    backends: {type: "string", default: "wasm,webgpu,webgpu:ops"},
    lr: {type: "string", default: String(TRAIN_DEFAULTS.lrMax)},
    wd: {type: "string", default: String(TRAIN_DEFAULTS.wd)},
    bs: {type: "string", default: String(TRAIN_DEFAULTS.bs)}
  }
});
const dir = await mkdtemp(join(tmpdir(), "bench-browser-"));
await build({entryPoints: [fileURLToPath(new URL("browserEntry.ts", import.meta.url))], bundle: true, format: "esm", platform: "browser", outfile: join(dir, "bench.js"), logLevel: "error"});
for (const f of await readdir(WASM_PATH)) if (f.endsWith(".wasm")) await copyFile(join(WASM_PATH, f), join(dir, f));
await writeFile(join(dir, "index.html"), `<!doctype html><link rel="icon" href="data:,"><script type="module">import "./bench.js"; window.ready = true;</script>`);
const site = await serveStatic(dir);
const browser = await launchChromium({webgpu: true});
const lines: string[] = [];
try {
  for (const engine of values.backends!.split(",")) {
    const [backend, path = "auto"] = engine.split(":");
    const page = await browser.newPage();
    await page.goto(site.url);
    await page.waitForFunction(() => (window as {ready?: boolean}).ready === true);
    const options = {backend, path, wasmPath: site.url, users: +values.users!, movies: +values.movies!, ratings: +values.ratings!, epochs: +values.epochs!, lrMax: +values.lr!, wd: +values.wd!, bs: +values.bs!};
    console.error(`[bench:browser] ${engine}…`);
    try {
      const r = await page.evaluate((o) => (globalThis as unknown as {benchTrain: typeof benchTrain}).benchTrain(o as Parameters<typeof benchTrain>[0]), options);
      const perEpoch = r.history.reduce((s, h) => s + h.seconds, 0) / r.history.length;
      const mse = r.history.at(-1)!.validLoss;
      lines.push(`| Chromium ${(path === "auto" ? r.backend : `${r.backend}:${path}`).padEnd(10)} | ${perEpoch.toFixed(2).padStart(7)} | ${mse.toFixed(4)} | ${r.noiseFloorMse.toFixed(4)} | +${((mse / r.noiseFloorMse - 1) * 100).toFixed(1)}% | ${r.predictMs.toFixed(1).padStart(10)} |`);
    } catch (error) {
      lines.push(`| Chromium ${engine.padEnd(10)} | failed: ${(error as Error).message.split("\n")[0]} |`);
    }
    await page.close();
  }
} finally {
  await browser.close();
  await site.close();
  await rm(dir, {recursive: true, force: true});
}
console.log(`\n${(+values.ratings!).toLocaleString("en-US")} ratings, ${values.users} users, ${values.movies} movies, 20 factors, bs ${values.bs}, lr_max ${values.lr}, wd ${values.wd}, ${values.epochs} epochs\n`);
console.log("| engine              | s/epoch | valid MSE | noise floor | vs floor | predict ms |");
console.log("| ------------------- | ------- | --------- | ----------- | -------- | ---------- |");
for (const l of lines) console.log(l);
