import type {Page} from "playwright-core";
import {describe, expect, it} from "vitest";
import {useBrowserSite} from "../support/browserSite.js";
import {SITES} from "../support/sites.js";

// Served from a sub-path, as GitHub Pages serves /<repo>/: every link and file must be relative. Each test gets a fresh
// browser profile, and fails on any console error or uncaught exception (test/support/browserSite.ts).
const site = useBrowserSite(SITES.train, {prefix: "/movielens-workbook/", webgpu: true});
const open = (path: string) => site.open(path);

async function setHyper(
  page: Page,
  {backend, epochs, bs, lrMax}: {backend: string; epochs: number; bs?: number; lrMax?: number}
) {
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

/**
 * Clicks Train; the progress shown until the new run's first update is marked stale, so waitForEnd waits for this run.
 */
async function startRun(page: Page): Promise<void> {
  await page
    .locator(".training-progress")
    .first()
    .evaluate((e) => ((e as HTMLElement).dataset.status = "stale"));
  await page.locator(".train-controls button", {hasText: "Train"}).click();
}

async function waitForEnd(page: Page, timeout = 240_000): Promise<string> {
  const progress = page.locator(".training-progress").first();
  await expect
    .poll(() => progress.getAttribute("data-status"), {timeout, interval: 250})
    .toMatch(/^(done|stopped|error)$/);
  return (await progress.getAttribute("data-status"))!;
}

async function tableRows(page: Page, table = page.locator(".epoch-table").first()): Promise<number[][]> {
  const rows = await table.locator("tbody tr").allTextContents();
  const cells = await table
    .locator("tbody tr")
    .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent ?? "")));
  return rows[0]?.includes("No epoch") ? [] : cells.map((c) => [Number(c[0]), Number(c[1]), Number(c[2])]);
}

describe("Train a model (browser, through the UI)", () => {
  it(
    "refuses every invalid hyperparameter under its input, with the allowed range, " +
      "and trains exactly what the inputs show",
    async () => {
      const page = await open("./train");
      const train = page.locator(".train-controls button", {hasText: "Train"});
      const error = (field: string) =>
        page.locator(`.hyper-form .field[data-field="${field}"] .input-error`).textContent();
      for (const [label, field, value, message] of [
        ["n_factors", "factors", "0", "n_factors must be a whole number from 1 to 1,000; 0 is out of range."],
        ["n_factors", "factors", "2.7", "n_factors must be a whole number from 1 to 1,000; “2.7” is not."],
        ["n_factors", "factors", "-5", "n_factors must be a whole number from 1 to 1,000; -5 is out of range."],
        [
          "n_factors",
          "factors",
          "100000",
          new RegExp(
            String.raw`^n_factors 100,000 would need about \d+(\.\d)? GB for the model, its optimizer state ` +
              String.raw`and its checkpoint on this dataset .* Try [\d,]+ or fewer\.$`
          )
        ],
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
      await expect
        .poll(() => save.locator(".latest-model").textContent())
        .toMatch(/^7 factors, batch size 256, .*, 1 epoch,/);
      await save.close();
    }
  );

  it("trains to completion on wasm: one table row per epoch, valid loss decreasing, backend shown", async () => {
    const page = await open("./train");
    // On this small set the page's default lr_max (1e-2, tuned on ML-10M's shape) overfits by the fourth epoch.
    await setHyper(page, {backend: "wasm", epochs: 4, lrMax: 0.005});
    await page.locator(".train-controls button", {hasText: "Train"}).click();
    expect(await waitForEnd(page)).toBe("done");
    expect(await page.locator(".training-progress .backend strong").textContent()).toBe("wasm");
    const rows = await tableRows(page);
    expect(rows.map((r) => r[0])).toEqual([0, 1, 2, 3]);
    for (let i = 1; i < rows.length; ++i) expect(rows[i][2]).toBeLessThan(rows[i - 1][2]);
    expect(rows.every((r) => r[1] > 0 && r[2] > 0 && r[2] < 2)).toBe(true);
    // The worker's clock, for benchmarks: each epoch's seconds, and the run's, inside the whole run's.
    const progress = page.locator(".training-progress");
    const epochSeconds = JSON.parse((await progress.getAttribute("data-epoch-seconds"))!) as number[];
    expect(epochSeconds).toHaveLength(4);
    expect(epochSeconds.every((s) => s > 0)).toBe(true);
    expect(Number(await progress.getAttribute("data-run-seconds"))).toBeGreaterThan(
      epochSeconds.reduce((a, b) => a + b)
    );
    // On synthetic data the chart shows how low valid_loss could go: the noise floor, and the oracle above it.
    const labels = await page.locator("svg text").allTextContents();
    const level = (name: string) => Number(labels.find((t) => t.startsWith(`${name} `))?.slice(name.length + 1));
    expect(level("noise floor")).toBeGreaterThan(0.3);
    expect(level("oracle")).toBeGreaterThan(level("noise floor"));
    expect(rows.at(-1)![2]).toBeGreaterThan(level("oracle"));
    await expect.poll(() => page.locator(".saved-note").textContent()).toContain("Saved this run");
    await page.close();
  });

  it(
    "trains with the weight decay and seed chosen: the same seed gives the same run, " + "another seed another",
    async () => {
      const page = await open("./train");
      const run = async (seed: number) => {
        await setHyper(page, {backend: "wasm", epochs: 1});
        await page.getByLabel("Weight decay", {exact: true}).selectOption("0.01");
        await setNumber(page, "Seed", seed);
        await startRun(page);
        expect(await waitForEnd(page)).toBe("done");
        return (await tableRows(page))[0];
      };
      const first = await run(1);
      const again = await run(1);
      const other = await run(2);
      expect(again).toEqual(first);
      expect(other[2]).not.toBe(first[2]);
      await page.close();
      const save = await open("./save-resume");
      await expect.poll(() => save.locator(".latest-model").textContent()).toMatch(/, wd 0\.01, 1 epoch,/);
      await save.close();
    }
  );

  it("stops a run with Stop, keeping the epochs done; Stop is off when nothing runs", async () => {
    const page = await open("./train");
    const stop = page.locator(".train-controls button", {hasText: "Stop"});
    expect(await stop.isDisabled()).toBe(true);
    // The most epochs the page allows, of wide factors, so the run is still training when Stop is clicked: 100 epochs
    // of 50 factors on wasm's SIMD step end in seconds, and a loaded CI machine once clicked Stop only after the
    // epochs were done, while the run was being ranked.
    await setHyper(page, {backend: "wasm", epochs: 100, bs: 64});
    await setNumber(page, "n_factors", 500);
    await page.locator(".train-controls button", {hasText: "Train"}).click();
    await expect
      .poll(() => page.locator(".epoch-table tbody tr td").first().textContent(), {timeout: 60_000})
      .toBe("0");
    await expect.poll(() => stop.isDisabled()).toBe(false);
    await stop.click();
    expect(await waitForEnd(page)).toBe("stopped");
    const rows = await tableRows(page);
    expect(rows.length).toBeGreaterThanOrEqual(1);
    expect(rows.length).toBeLessThan(100);
    await expect.poll(() => stop.isDisabled()).toBe(true);
    await page.close();
  });

  it(
    "keeps a diverged run in the history but not as the latest model, says so, " + "and does not praise its ranking",
    async () => {
      const page = await open("./train");
      await setHyper(page, {backend: "wasm", epochs: 2});
      await startRun(page);
      expect(await waitForEnd(page)).toBe("done");
      await expect.poll(() => page.locator(".saved-note").textContent()).toContain("and its model as the latest model");
      // lr_max 0.1 with no weight decay ends no better than predicting the mean rating (divergenceNote).
      await setHyper(page, {backend: "wasm", epochs: 2, lrMax: 0.1});
      await page.getByLabel("Weight decay", {exact: true}).selectOption("0");
      await startRun(page);
      expect(await waitForEnd(page)).toBe("done");
      await expect
        .poll(() => page.locator(".saved-note").textContent())
        .toBe(
          "Saved this run to the run history. It diverged, so its model did not replace the latest model: " +
            "Recommendations keep using the one before. Its ranking measures are kept with it."
        );
      expect(await page.locator(".run-note").allTextContents()).toContainEqual(
        expect.stringMatching(/^This run diverged/)
      );
      expect(await page.locator(".ranking-verdict").textContent()).toMatch(
        /^This run diverged, so these numbers are not the model's merit/
      );
      const compare = await open("./compare");
      await expect
        .poll(() => compare.locator("table.run-history tbody tr").allTextContents())
        .toContainEqual(expect.stringMatching(/\(diverged\)/));
      // Wherever it is listed: marked among the runs to compare, and not ticked by default (the other run is).
      const choices = compare.locator("form label", {hasText: /^#\d+/});
      await expect.poll(() => choices.count()).toBe(2);
      const diverged = compare.locator("form label", {hasText: "(diverged)"});
      expect(await diverged.count()).toBe(1);
      expect(await diverged.locator("input").isChecked()).toBe(false);
      expect(await compare.locator("#observablehq-main").textContent()).toContain("is ticked: tick one more run");
      // Ticked by hand, it is compared, and named as diverged there too.
      await diverged.locator("input").check();
      await expect.poll(() => compare.locator(".compare-column h2", {hasText: "(diverged)"}).count()).toBe(1);
      await compare.close();
      await page.close();
    }
  );

  it("shows a failed run's error on the page (here: the ratings file cannot be fetched)", async () => {
    site.expectErrors(/Training failed: Could not load the ratings \(404/, /404/);
    const page = await open("./train");
    await page.context().route(/ratings\.[0-9a-f]+\.bin$/, (route) => route.fulfill({status: 404, body: "gone"}));
    await setHyper(page, {backend: "wasm", epochs: 1});
    await page.locator(".train-controls button", {hasText: "Train"}).click();
    expect(await waitForEnd(page)).toBe("error");
    expect(await page.locator(".training-progress .progress-text.error").textContent()).toBe(
      "Could not load the ratings (404 Not Found)."
    );
    await page.close();
  });

  it(
    "with auto, measures each backend on the run's data and says so in one calm line: " + "on SwiftShader, wasm wins",
    async () => {
      const page = await open("./train");
      await setHyper(page, {backend: "auto", epochs: 1});
      await page.locator(".train-controls button", {hasText: "Train"}).click();
      expect(await waitForEnd(page)).toBe("done");
      const line = (await page.locator(".training-progress .backend-measured").textContent())!;
      console.log(`train-test: ${line}`);
      // Chromium's WebGPU here is SwiftShader: measured, marked, and slower than wasm. Its WebGL, SwiftShader too, is
      // not timed while wasm can be (one step of its ops path outlasts the budget), nor cpu, which runs wasm's step.
      const rate = String.raw`\d+(\.\d)?[KM]? ratings/s`;
      expect(line).toMatch(
        new RegExp(
          String.raw`^Auto measured wasm ${rate} and webgpu ${rate} \(software GPU\) in \d+\.\d s at \d\d:\d\d: ` +
            String.raw`training on wasm\.$`
        )
      );
      expect(await page.locator(".training-progress .backend strong").textContent()).toBe("wasm");
      expect(await page.locator(".training-progress .backend-fallback").getAttribute("class")).toBe(
        "backend-fallback calm"
      );
      expect(await page.locator(".training-progress .backend-fallback summary").textContent()).toBe(
        "Your browser's WebGPU and WebGL run on the CPU here (a software renderer), " +
          "so training uses WebAssembly, which is faster."
      );
      expect(await tableRows(page)).toHaveLength(1);
      // The same shape again, in the same visit: no measuring, the same choice, said to be kept (issue 25, part 4).
      const statuses: string[] = [];
      await page.exposeFunction("heardStatus", (text: string) => void statuses.push(text));
      await page.evaluate(() => {
        const heard = (window as unknown as {heardStatus: (text: string) => void}).heardStatus;
        new MutationObserver(() => heard(document.querySelector(".training-progress")?.textContent ?? "")).observe(
          document.body,
          {subtree: true, childList: true, characterData: true}
        );
      });
      await page.locator(".train-controls button", {hasText: "Train"}).click();
      const measured = page.locator(".training-progress .backend-measured");
      await expect.poll(() => measured.textContent()).toContain("keeps that choice");
      expect(await waitForEnd(page)).toBe("done");
      const kept = (await measured.textContent())!;
      expect(kept).toBe(
        line.replace(/: training on wasm\.$/, "") +
          " for this model's shape, and keeps that choice for the rest of this visit: training on wasm."
      );
      expect(statuses.some((text) => text.includes("Measuring each backend"))).toBe(false);
      await page.close();
    }
  );

  it("trains a short run on webgpu (SwiftShader) and keeps the page responsive meanwhile", async () => {
    const page = await open("./train");
    // Small batches of wide factors: the fused step is fast, and the run must last well over a second for the timer
    // below to show the page stays responsive.
    await setHyper(page, {backend: "webgpu", epochs: 1, bs: 64});
    await setNumber(page, "n_factors", 1000);
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
    // Forced onto SwiftShader's WebGPU, the run says it is on a software renderer, slower than wasm.
    expect(await page.locator(".training-progress .run-note").first().textContent()).toMatch(
      /^You chose webgpu, but in this browser it runs on a software adapter .*Choose auto or wasm to train faster\.$/
    );
    // iALS, fitted after the run, stays on the CPU: this webgpu is a software adapter, and a note says so.
    expect(await page.locator(".training-progress .run-note").allTextContents()).toContain(
      "iALS was fitted on the CPU: webgpu here runs on a software adapter, slower than the CPU for it."
    );
    const rows = await tableRows(page);
    expect(rows).toHaveLength(1);
    expect(rows[0][2]).toBeGreaterThan(0);
    expect(gaps.length).toBeGreaterThan(20);
    // The timer ran from before the click to after the run ended, so its gaps add up to the run's length. Training on
    // the main thread would block it for most of the run (one gap near the whole); rendering the live chart costs a
    // few milliseconds an update. The bound is relative to the run, not a fixed number of milliseconds: on a loaded
    // machine the run and any pause stretch together, so a third of the run cannot flake, and still catches a block.
    const run = gaps.reduce((a, b) => a + b, 0);
    expect(run).toBeGreaterThan(1000);
    expect(Math.max(...gaps)).toBeLessThan(run / 3);
    await page.close();
  });

  it("saves a checkpoint, survives a reload, loads it and trains 1 more epoch, continuing the table", async () => {
    const page = await open("./train");
    await setHyper(page, {backend: "wasm", epochs: 2});
    await page.locator(".train-controls button", {hasText: "Train"}).click();
    expect(await waitForEnd(page)).toBe("done");
    const trained = await tableRows(page);
    await page.close();

    const save = await open("./save-resume");
    await save.locator(".latest-model").waitFor();
    expect(await save.locator(".latest-model").textContent()).toContain("2 epochs");
    await save.getByRole("button", {name: "Save as a checkpoint"}).click();
    await expect.poll(() => save.locator("table.checkpoint-list tbody tr").count()).toBe(1);
    await save.reload({waitUntil: "networkidle"});
    const list = save.locator("table.checkpoint-list tbody tr");
    await expect.poll(() => list.count()).toBe(1);
    expect(await list.first().textContent()).toContain(trained.at(-1)![2].toFixed(4));
    await setNumber(save, "More epochs", 1);
    await save.getByLabel("Backend", {exact: true}).selectOption("wasm");
    await list.first().getByRole("button", {name: "Load + train"}).click();
    expect(await waitForEnd(save)).toBe("done");
    const continued = await tableRows(save);
    expect(continued.map((r) => r[0])).toEqual([0, 1, 2]);
    expect(continued.slice(0, 2)).toEqual(trained);
    expect(continued[2][2]).toBeLessThan(2);
    await save.close();
  });
});
