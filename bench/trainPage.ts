// Times the Train page in headless Chromium: from opening it to the end of a run, seconds per epoch, and the worker's
// peak JS heap. Usage: npm run bench:page [-- --dir <dataset> --epochs 3 --backend auto --bs 256 --threads]
// Without --dir it uses the built-in synthetic dataset (the site's default, about 1M ratings). With --threads it then
// trains on wasm three ways, side by side: a page not cross-origin isolated (one thread), an isolated one asked for one
// thread (?threads=1: TF.js loads its threaded build there), and an isolated one on every core.
import {rmSync} from "node:fs";
import {launchChromium} from "../scripts/lib/chromium.js";
import {buildSiteOn} from "../scripts/lib/buildSite.js";
import {serveStatic} from "../scripts/lib/serveStatic.js";
import {TRAIN_DEFAULTS} from "../src/components/trainDefaults.js";
import {trainOnce} from "./trainOnce.js";

const args = process.argv.slice(2);
const flag = (name: string, fallback?: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const dir = flag("--dir");
const epochs = Number(flag("--epochs", String(TRAIN_DEFAULTS.epochs)));
const backend = flag("--backend", "auto")!;
const bs = flag("--bs", String(TRAIN_DEFAULTS.bs))!;
const compareThreads = args.includes("--threads");

console.error(`Building the site on ${dir ?? "the built-in synthetic dataset"} …`);
const {dir: out} = await buildSiteOn(dir);
const server = await serveStatic(out);
// "auto" measures every backend it can start, so it gets Chromium's WebGPU too.
const browser = await launchChromium({webgpu: backend === "webgpu" || backend === "auto"});
const page = await browser.newPage();
const run = await trainOnce(page, server.url, {epochs, backend, bs});
console.log(
  `\nTrain page, ${dir ?? "built-in synthetic dataset"}: backend ${run.backend}, bs ${bs}, ` +
    `${epochs} epochs → ${run.status}`
);
if (run.measured) console.log(run.measured);
console.table(run.epochs.map(([epoch, train, valid, time]) => ({epoch, train_loss: train, valid_loss: valid, time})));
console.log(`open page → ${epochs} epochs done: ${run.seconds.toFixed(1)} s`);
console.log(
  `peak JS heap: worker ${(run.workerHeapBytes / 1e6).toFixed(0)} MB (Runtime.getHeapUsage every 0.5 s; the wasm ` +
    `backend's memory is not JS heap), page ${(run.pageHeapBytes / 1e6).toFixed(0)} MB`
);
const {memory} = run;
if (memory)
  console.log(
    `worker buffers at the end: tensors ${(memory.tensorBytes / 1e6).toFixed(0)} MB, wasm heap ` +
      `${(memory.wasmHeapBytes / 1e6).toFixed(0)} MB, ratings columns ${(memory.tableBytes / 1e6).toFixed(0)} MB`
  );
if (run.error) console.log(run.error);
await browser.close();
await server.close();

if (compareThreads) {
  const rows = [];
  for (const [label, isolate, threads] of [
    ["not isolated (one thread)", false, undefined],
    ["isolated, ?threads=1", true, 1],
    ["isolated, every core", true, undefined]
  ] as const) {
    const host = await serveStatic(out, {isolate});
    const chromium = await launchChromium();
    try {
      const r = await trainOnce(await chromium.newPage(), host.url, {epochs, backend: "wasm", bs, threads});
      const best = Math.min(...r.epochSeconds);
      rows.push({
        page: label,
        status: r.status,
        "s per epoch (worker's clock)": r.epochSeconds.map((x) => x.toFixed(2)).join(", "),
        "best s": +best.toFixed(2),
        "valid MSE (last)": r.epochs.at(-1)?.[2]
      });
    } finally {
      await chromium.close();
      await host.close();
    }
  }
  console.log(`
wasm, bs ${bs}, ${epochs} epochs, one build, three ways of serving it:`);
  console.table(rows);
}
rmSync(out, {recursive: true, force: true});
