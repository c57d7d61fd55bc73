import type {Browser, BrowserContext, Page} from "playwright-core";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {buildSite} from "./support/buildSite.js";
import {launchChromium, openPage} from "./support/chromium.js";
import {serveStatic} from "./support/serveStatic.js";

// Big enough that a run has many batches, small enough to train in seconds on wasm.
const DATA = {seed: 11, users: 600, movies: 500, ratings: 40_000};

let server: Awaited<ReturnType<typeof serveStatic>>;
let browser: Browser;
let context: BrowserContext;

beforeAll(async () => {
  const site = await buildSite(DATA);
  // Served from a sub-path, as GitHub Pages serves /<repo>/: every link and file must be relative.
  server = await serveStatic(site.dir, {prefix: "/movielens-workbook/"});
  browser = await launchChromium({webgpu: true});
  context = await browser.newContext();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const open = (path: string) => openPage(context, server.url, path);

async function setHyper(page: Page, {backend, epochs, bs, lrMax}: {backend: string; epochs: number; bs?: number; lrMax?: number}) {
  await page.getByLabel("Backend", {exact: true}).selectOption(backend);
  await setNumber(page, "Epochs", epochs);
  if (bs) await page.getByLabel("Batch size", {exact: true}).selectOption(String(bs));
  if (lrMax) await page.getByLabel("lr_max", {exact: true}).selectOption(String(lrMax));
}

async function setNumber(page: Page, label: string, value: number) {
  const input = page.getByLabel(label, {exact: true});
  await input.fill(String(value));
  await input.dispatchEvent("input");
}

async function waitForEnd(page: Page, timeout = 240_000): Promise<string> {
  const progress = page.locator(".training-progress").first();
  await expect.poll(() => progress.getAttribute("data-status"), {timeout, interval: 250}).toMatch(/^(done|stopped|error)$/);
  return (await progress.getAttribute("data-status"))!;
}

async function tableRows(page: Page, table = page.locator(".epoch-table").first()): Promise<number[][]> {
  const rows = await table.locator("tbody tr").allTextContents();
  const cells = await table.locator("tbody tr").evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent ?? "")));
  return rows[0]?.includes("No epoch") ? [] : cells.map((c) => [Number(c[0]), Number(c[1]), Number(c[2])]);
}

describe("Train a model (browser, through the UI)", () => {
  it("refuses every invalid hyperparameter under its input, with the allowed range, and trains exactly what the inputs show", async () => {
    const {page, errors} = await open("./train");
    const train = page.locator(".train-controls button", {hasText: "Train"});
    const error = (field: string) => page.locator(`.hyper-form .field[data-field="${field}"] .input-error`).textContent();
    for (const [label, field, value, message] of [
      ["n_factors", "factors", "0", "n_factors must be a whole number from 1 to 1,000; 0 is out of range."],
      ["n_factors", "factors", "2.7", "n_factors must be a whole number from 1 to 1,000; “2.7” is not."],
      ["n_factors", "factors", "-5", "n_factors must be a whole number from 1 to 1,000; -5 is out of range."],
      ["n_factors", "factors", "100000", /^n_factors 100,000 would need about \d+(\.\d)? GB for the model, its optimizer state and its checkpoint on this dataset .* Try [\d,]+ or fewer\.$/],
      ["Epochs", "epochs", "1000", "Epochs must be a whole number from 1 to 100; 1,000 is out of range."],
      ["Seed", "seed", "", "Seed is empty: type a whole number from 0 to 2,147,483,647."]
    ] as const) {
      const input = page.getByLabel(label, {exact: true});
      await input.fill(value);
      await input.dispatchEvent("input");
      if (typeof message === "string") await expect.poll(() => error(field)).toBe(message);
      else await expect.poll(() => error(field)).toMatch(message);
      expect(await train.isDisabled()).toBe(true);
      await input.fill(field === "factors" ? "7" : field === "epochs" ? "1" : "42");
      await input.dispatchEvent("input");
      await expect.poll(() => error(field)).toBe("");
    }
    expect(await train.isDisabled()).toBe(false);
    await page.getByLabel("Backend", {exact: true}).selectOption("wasm");
    await train.click();
    expect(await waitForEnd(page)).toBe("done");
    expect(await tableRows(page)).toHaveLength(1);
    await expect.poll(() => page.locator(".saved-note").textContent()).toContain("Saved this run");
    await page.close();
    const save = await open("./save-resume");
    await expect.poll(() => save.page.locator(".latest-model").textContent()).toMatch(/^7 factors, batch size 256, .*, 1 epochs,/);
    expect([...errors, ...save.errors]).toEqual([]);
    await save.page.close();
  });

  it("trains to completion on wasm: one table row per epoch, valid loss decreasing, backend shown", async () => {
    const {page, errors} = await open("./train");
    // On this small set the page's default lr_max (1e-2, tuned on ML-10M's shape) overfits by the fourth epoch.
    await setHyper(page, {backend: "wasm", epochs: 4, lrMax: 0.005});
    await page.locator(".train-controls button", {hasText: "Train"}).click();
    expect(await waitForEnd(page)).toBe("done");
    expect(await page.locator(".training-progress .backend strong").textContent()).toBe("wasm");
    const rows = await tableRows(page);
    expect(rows.map((r) => r[0])).toEqual([0, 1, 2, 3]);
    for (let i = 1; i < rows.length; ++i) expect(rows[i][2]).toBeLessThan(rows[i - 1][2]);
    expect(rows.every((r) => r[1] > 0 && r[2] > 0 && r[2] < 2)).toBe(true);
    // On synthetic data the chart shows how low valid_loss could go: the noise floor, and the oracle above it.
    const labels = await page.locator("svg text").allTextContents();
    const level = (name: string) => Number(labels.find((t) => t.startsWith(`${name} `))?.slice(name.length + 1));
    expect(level("noise floor")).toBeGreaterThan(0.3);
    expect(level("oracle")).toBeGreaterThan(level("noise floor"));
    expect(rows.at(-1)![2]).toBeGreaterThan(level("oracle"));
    await expect.poll(() => page.locator(".saved-note").textContent()).toContain("Saved this run");
    expect(errors).toEqual([]);
    await page.close();
  });

  it("trains a short run on webgpu (SwiftShader) and keeps the page responsive meanwhile", async () => {
    const {page, errors} = await open("./train");
    await setHyper(page, {backend: "webgpu", epochs: 1, bs: 1024});
    // A main-thread timer that should keep firing every 50 ms while the worker trains.
    await page.evaluate(() => {
      const w = window as unknown as {gaps: number[]; timer: number};
      w.gaps = [];
      let last = performance.now();
      w.timer = window.setInterval(() => {
        const t = performance.now();
        w.gaps.push(t - last);
        last = t;
      }, 50);
    });
    await page.locator(".train-controls button", {hasText: "Train"}).click();
    expect(await waitForEnd(page)).toBe("done");
    const gaps = await page.evaluate(() => (window as unknown as {gaps: number[]}).gaps);
    expect(await page.locator(".training-progress .backend strong").textContent()).toBe("webgpu");
    const rows = await tableRows(page);
    expect(rows).toHaveLength(1);
    expect(rows[0][2]).toBeGreaterThan(0);
    expect(gaps.length).toBeGreaterThan(20);
    // Rendering the live chart takes a few milliseconds per update; a blocked main thread would show gaps of seconds.
    expect(Math.max(...gaps)).toBeLessThan(500);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("saves a checkpoint, survives a reload, loads it and trains 1 more epoch, continuing the table", async () => {
    const {page, errors} = await open("./train");
    await setHyper(page, {backend: "wasm", epochs: 2});
    await page.locator(".train-controls button", {hasText: "Train"}).click();
    expect(await waitForEnd(page)).toBe("done");
    const trained = await tableRows(page);
    await page.close();

    const save = await open("./save-resume");
    await save.page.locator(".latest-model").waitFor();
    expect(await save.page.locator(".latest-model").textContent()).toContain("2 epochs");
    await save.page.getByRole("button", {name: "Save as a checkpoint"}).click();
    await expect.poll(() => save.page.locator("table.checkpoint-list tbody tr").count()).toBeGreaterThanOrEqual(1);
    await save.page.reload({waitUntil: "networkidle"});
    const list = save.page.locator("table.checkpoint-list tbody tr");
    await expect.poll(() => list.count()).toBeGreaterThanOrEqual(1);
    expect(await list.first().textContent()).toContain(trained.at(-1)![2].toFixed(4));
    await setNumber(save.page, "More epochs", 1);
    await save.page.getByLabel("Backend", {exact: true}).selectOption("wasm");
    await list.first().getByRole("button", {name: "Load + train"}).click();
    expect(await waitForEnd(save.page)).toBe("done");
    const continued = await tableRows(save.page);
    expect(continued.map((r) => r[0])).toEqual([0, 1, 2]);
    expect(continued.slice(0, 2)).toEqual(trained);
    expect(continued[2][2]).toBeLessThan(2);
    expect(save.errors).toEqual([]);
    expect(errors).toEqual([]);
    await save.page.close();
  });
});
