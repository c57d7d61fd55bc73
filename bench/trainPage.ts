// Times the Train page in headless Chromium: from opening it to the end of a run, seconds per epoch, and the worker's
// peak JS heap. Usage: npm run bench:page [-- --dir <dataset> --epochs 3 --backend auto --bs 256]
// Without --dir it uses the built-in synthetic dataset (the site's default, about 1M ratings).
import {rmSync} from "node:fs";
import {launchChromium} from "../scripts/lib/chromium.js";
import {buildSiteOn} from "../scripts/lib/buildSite.js";
import {serveStatic} from "../scripts/lib/serveStatic.js";
import {TRAIN_DEFAULTS} from "../src/components/model/trainSettings.js";

const args = process.argv.slice(2);
const flag = (name: string, fallback?: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const dir = flag("--dir");
const epochs = Number(flag("--epochs", String(TRAIN_DEFAULTS.epochs)));
const backend = flag("--backend", "auto")!;
const bs = flag("--bs", String(TRAIN_DEFAULTS.bs))!;

console.error(`Building the site on ${dir ?? "the built-in synthetic dataset"} …`);
const {dir: out} = await buildSiteOn(dir);
const server = await serveStatic(out);
// "auto" measures every backend it can start, so it gets Chromium's WebGPU too.
const browser = await launchChromium({webgpu: backend === "webgpu" || backend === "auto"});
const page = await browser.newPage();
const t0 = Date.now();
await page.goto(new URL("./train", server.url).href);
await page.getByLabel("Backend", {exact: true}).selectOption(backend);
await page.getByLabel("Batch size", {exact: true}).selectOption(bs);
const epochsInput = page.getByLabel("Epochs", {exact: true});
await epochsInput.fill(String(epochs));
await epochsInput.dispatchEvent("input");
await page.locator(".train-controls button", {hasText: "Train"}).click();
// The worker's heap, through the DevTools protocol: attach to the worker target and ask for Runtime.getHeapUsage.
const cdp = await page.context().newCDPSession(page);
const workerSessions = new Set<string>();
let peakHeap = 0;
let nextId = 1;
cdp.on("Target.attachedToTarget", (e: {sessionId: string; targetInfo: {type: string}}) => {
  if (e.targetInfo.type === "worker") workerSessions.add(e.sessionId);
});
cdp.on("Target.receivedMessageFromTarget", (e: {message: string}) => {
  const message = JSON.parse(e.message) as {result?: {usedSize?: number}};
  if (message.result?.usedSize) peakHeap = Math.max(peakHeap, message.result.usedSize);
});
await cdp.send("Target.setAutoAttach", {autoAttach: true, waitForDebuggerOnStart: false, flatten: false});
const progress = page.locator(".training-progress");
for (;;) {
  for (const sessionId of workerSessions) {
    await cdp.send("Target.sendMessageToTarget", {sessionId, message: JSON.stringify({id: nextId++, method: "Runtime.getHeapUsage"})}).catch(() => {});
  }
  const status = await progress.getAttribute("data-status");
  if (status === "done" || status === "error" || status === "stopped") break;
  await page.waitForTimeout(500);
}
const total = (Date.now() - t0) / 1000;
const status = await progress.getAttribute("data-status");
const usedBackend = await page.locator(".training-progress .backend strong").textContent();
const measuredLine = page.locator(".training-progress .backend-measured");
const measured = (await measuredLine.count()) ? await measuredLine.textContent() : null;
const rows = await page.locator(".epoch-table tbody tr").evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent)));
const pageHeap = await page.evaluate(() => (performance as unknown as {memory?: {usedJSHeapSize: number}}).memory?.usedJSHeapSize ?? 0);
console.log(`\nTrain page, ${dir ?? "built-in synthetic dataset"}: backend ${usedBackend}, bs ${bs}, ${epochs} epochs → ${status}`);
if (measured) console.log(measured);
console.table(rows.map(([epoch, train, valid, time]) => ({epoch, train_loss: train, valid_loss: valid, time})));
console.log(`open page → ${epochs} epochs done: ${total.toFixed(1)} s`);
console.log(`peak JS heap: worker ${(peakHeap / 1e6).toFixed(0)} MB (Runtime.getHeapUsage every 0.5 s; the wasm backend's memory is not JS heap), page ${(pageHeap / 1e6).toFixed(0)} MB`);
const memory = JSON.parse((await progress.getAttribute("data-memory")) ?? "null") as {tensorBytes: number; wasmHeapBytes: number; tableBytes: number} | null;
if (memory) console.log(`worker buffers at the end: tensors ${(memory.tensorBytes / 1e6).toFixed(0)} MB, wasm heap ${(memory.wasmHeapBytes / 1e6).toFixed(0)} MB, ratings columns ${(memory.tableBytes / 1e6).toFixed(0)} MB`);
if (status === "error") console.log(await progress.innerText());
await browser.close();
await server.close();
rmSync(out, {recursive: true, force: true});
