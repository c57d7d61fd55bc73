import {build} from "esbuild";
import {copyFile, mkdtemp, readdir, rm, writeFile} from "node:fs/promises";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import type {Browser, Page} from "playwright-core";
import {collectErrors, launchChromium} from "../../scripts/lib/chromium.js";
import {serveStatic} from "../../scripts/lib/serveStatic.js";
import type {TinyRun} from "../support/browserTrain.js";
import {trainTiny} from "../support/browserTrain.js";
import {WASM_PATH} from "../support/tf.js";

// The same tiny run in Node on cpu (the host kernels) is the yardstick for the browser's backends; the run through the
// WebAssembly SIMD kernel in Node is the yardstick for the same kernel in the browser.
let expected: TinyRun;
let expectedKernel: TinyRun;
let dir: string;
let site: Awaited<ReturnType<typeof serveStatic>>;
let browser: Browser | undefined;
let page: Page;
let errors: string[];

beforeAll(async () => {
  expected = await trainTiny("cpu");
  expectedKernel = await trainTiny("wasm", WASM_PATH, "kernel");
  dir = await mkdtemp(join(tmpdir(), "fit-browser-"));
  await build({
    entryPoints: [new URL("../support/browserTrain.ts", import.meta.url).pathname],
    bundle: true,
    format: "esm",
    platform: "browser",
    outfile: join(dir, "train.js"),
    logLevel: "error"
  });
  for (const f of await readdir(WASM_PATH)) if (f.endsWith(".wasm")) await copyFile(join(WASM_PATH, f), join(dir, f));
  await writeFile(
    join(dir, "index.html"),
    `<!doctype html><link rel="icon" href="data:,"><script type="module">import "./train.js"; ` +
      `window.ready = true;</script>`
  );
  site = await serveStatic(dir);
  // Without Chromium this fails with how to get it, as every other browser test does: it never skips in silence.
  browser = await launchChromium({webgpu: true});
  page = await browser.newPage();
  errors = collectErrors(page);
  await page.goto(site.url);
  await page.waitForFunction(() => (window as {ready?: boolean}).ready === true);
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
  await rm(dir, {recursive: true, force: true});
});

function expectSameRun(actual: TinyRun, tolerance: number, yardstick = expected) {
  for (const [k, values] of Object.entries(yardstick.weights)) {
    const worst = values.reduce((w, x, i) => Math.max(w, Math.abs(x - actual.weights[k][i])), 0);
    const scale = values.reduce((s, x) => Math.max(s, Math.abs(x)), 0);
    expect(worst, k).toBeLessThanOrEqual(tolerance * scale);
  }
  // Every epoch's loss, compared one by one: an empty history would otherwise pass.
  expect(yardstick.history.length).toBeGreaterThan(0);
  expect(actual.history).toHaveLength(yardstick.history.length);
  actual.history.forEach((row, i) => expect(row.validLoss).toBeCloseTo(yardstick.history[i].validLoss, 4));
  expect(actual.numTensorsAfter).toBe(0);
}

describe("fit(model, data) in headless Chromium", () => {
  it("gives the Node cpu numbers on wasm through the plain-JS host step", async () => {
    const run = await page.evaluate(
      (url) => (globalThis as unknown as {trainTiny: typeof trainTiny}).trainTiny("wasm", url, "host"),
      site.url
    );
    expect(run.backend).toBe("wasm");
    expectSameRun(run, 0);
    expect(errors).toEqual([]);
  });

  it(
    "trains on wasm through the WebAssembly SIMD kernel by default: Node's kernel numbers exactly, " +
      "the cpu numbers up to float32 rounding",
    async () => {
      const train = (path: "auto" | "kernel") =>
        page.evaluate(
          ([url, p]) =>
            (globalThis as unknown as {trainTiny: typeof trainTiny}).trainTiny("wasm", url, p as "auto" | "kernel"),
          [site.url, path]
        );
      const kernel = await train("kernel");
      expect(kernel.backend).toBe("wasm");
      expectSameRun(kernel, 0, expectedKernel);
      expectSameRun(kernel, 1e-3);
      expect(await train("auto")).toEqual(kernel);
      expect(errors).toEqual([]);
    }
  );

  it("gives the Node cpu numbers on webgpu (SwiftShader), through the ops path", async () => {
    const adapter = await page.evaluate(
      async () => !!(await (navigator as {gpu?: {requestAdapter(): Promise<unknown>}}).gpu?.requestAdapter())
    );
    expect(adapter, "Chromium exposes no WebGPU adapter (--enable-unsafe-webgpu)").toBe(true);
    const run = await page.evaluate(() =>
      (globalThis as unknown as {trainTiny: typeof trainTiny}).trainTiny("webgpu", undefined, "ops")
    );
    expect(run.backend).toBe("webgpu");
    expectSameRun(run, 1e-3);
    expect(errors).toEqual([]);
  });

  it("gives the Node cpu numbers on webgpu (SwiftShader), through the fused kernels", async () => {
    const run = await page.evaluate(() =>
      (globalThis as unknown as {trainTiny: typeof trainTiny}).trainTiny("webgpu", undefined, "fused")
    );
    expect(run.backend).toBe("webgpu");
    expectSameRun(run, 1e-5);
    expect(errors).toEqual([]);
  });
});
