// Recommendations you can trust (issue 14, parts 3 and 5), through the real pages in headless Chromium: a
// recommendation's "Why?" breakdown adds up to its prediction and follows "I've seen it"; the experiment grid runs an
// edited grid of two runs, plots both, keeps both for Compare, and "Apply best so far" sets the Train page's inputs.
import type {Locator, Page} from "playwright-core";
import {describe, expect, it} from "vitest";
import {SMALL, buildSite} from "../../scripts/lib/buildSite.js";
import {useBrowserSite} from "../support/browserSite.js";
import {trainOnPage} from "../support/trainOnPage.js";

const site = useBrowserSite(() => buildSite(SMALL));
const PHONE = {width: 390, height: 844};

/** A breakdown's parts, at full precision (data-value). */
const partsOf = (breakdown: Locator) =>
  breakdown
    .locator("[data-part]")
    .evaluateAll((dds) =>
      Object.fromEntries(dds.map((dd) => [(dd as HTMLElement).dataset.part!, +(dd as HTMLElement).dataset.value!]))
    );
const sigmoidStars = (logit: number) => 0.5 + 5 / (1 + Math.exp(-logit));

describe("Recommendations: why this movie? (browser)", () => {
  it(
    "opens a row's breakdown from the keyboard at 390 px; its parts add up to the shown prediction, " +
      "and it follows I've seen it",
    async () => {
      await site.newContext({viewport: PHONE});
      await trainOnPage(site);
      const page = await site.open("./recommend");
      const rows = page.locator("table.recommendations tbody tr[data-movie-id]");
      await expect.poll(() => rows.count(), {timeout: 30_000}).toBe(20);
      // The predicted rating's breakdown (iALS's is tested below): the notebook's order, from the keyboard.
      const notebook = page.getByLabel("Predicted rating, as the notebook ranked");
      await notebook.focus();
      await page.keyboard.press("Space");
      await expect.poll(() => page.locator(".popularity-knob").count()).toBe(1);
      const first = rows.first();
      const movieId = await first.getAttribute("data-movie-id");
      const why = first.locator("button.why");
      expect(await why.getAttribute("aria-expanded")).toBe("false");
      await why.focus();
      await page.keyboard.press("Enter");
      const breakdown = page.locator(`#why-${movieId} .prediction-breakdown`);
      await expect.poll(() => breakdown.isVisible()).toBe(true);
      expect(await why.getAttribute("aria-expanded")).toBe("true");

      const shown = async (row: Locator) =>
        +(await row.locator(".col-predicted").evaluate((td) => td.firstChild!.textContent!));
      const before = await partsOf(breakdown);
      expect(before["user-bias"] + before["movie-bias"] + before["factor-term"]).toBeCloseTo(before.logit, 12);
      expect(sigmoidStars(before.logit)).toBeCloseTo(before.predicted, 12);
      expect(Math.abs(before.predicted - (await shown(first)))).toBeLessThanOrEqual(0.005);
      expect(await breakdown.locator(".pushed-up li, .pushed-down li").count()).toBeGreaterThan(0);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);

      // Rate the second: my factors are folded in (on this small model, a new top 20),
      // and a breakdown opened now shows them.
      await rows.nth(1).locator("select.seen-it").selectOption("5");
      await expect
        .poll(() => page.locator(".prediction-source").getAttribute("class"))
        .toBe("prediction-source approximate");
      // The open breakdown is drawn again from the fold-in, or gone with its movie from the list; then closed.
      const again = page.locator(`#why-${movieId} .prediction-breakdown`);
      await expect
        .poll(async () => (await again.count()) === 0 || (await partsOf(again))["user-bias"] !== before["user-bias"])
        .toBe(true);
      for (const button of await page.locator('button.why[aria-expanded="true"]').all()) await button.click();
      await expect.poll(() => page.locator(".prediction-breakdown").count()).toBe(0);
      const opened: (string | null)[] = [];
      for (const i of [0, 1, 2, 3, 4]) {
        await rows.nth(i).locator("button.why").click();
        opened.push(await rows.nth(i).getAttribute("data-movie-id"));
      }
      expect(await page.locator(".prediction-breakdown").count()).toBe(5);
      const folded = await partsOf(page.locator(".prediction-breakdown").first());
      expect(folded["user-bias"]).not.toBe(before["user-bias"]);

      // Rate one more: the breakdowns still open (those of the movies still recommended)
      // are drawn from the new fold-in.
      await rows.nth(5).locator("select.seen-it").selectOption("1");
      const open = page.locator("tr.breakdown");
      await expect
        .poll(
          async () => (await partsOf(page.locator(".prediction-breakdown").first()))["user-bias"] ?? folded["user-bias"]
        )
        .not.toBe(folded["user-bias"]);
      expect(await open.count()).toBeGreaterThan(0);
      const ids = await open.evaluateAll((trs) => trs.map((tr) => tr.id.replace("why-", "")));
      expect(opened).toEqual(expect.arrayContaining(ids));
      for (const id of ids) {
        const after = await partsOf(page.locator(`#why-${id} .prediction-breakdown`));
        expect(after["user-bias"]).not.toBe(folded["user-bias"]);
        expect(after["user-bias"] + after["movie-bias"] + after["factor-term"]).toBeCloseTo(after.logit, 12);
        const row = page.locator(`table.recommendations tbody tr[data-movie-id="${id}"]`);
        expect(Math.abs(sigmoidStars(after.logit) - (await shown(row)))).toBeLessThanOrEqual(0.005);
        expect(await row.locator("button.why").getAttribute("aria-expanded")).toBe("true");
      }
      await page.close();
    }
  );
});

describe("Recommendations: the measured best ranking, and its Why? (browser)", () => {
  it("opens on the ranking the run measured best, and each row's Why? gives the score that put it there", async () => {
    await site.newContext();
    await trainOnPage(site);
    const page = await site.open("./recommend");
    const rows = page.locator("table.recommendations tbody tr[data-movie-id]");
    await expect.poll(() => rows.count(), {timeout: 30_000}).toBe(20);
    const line = (await page.locator(".ranking-switch .ranking-line").textContent())!;
    expect(line).toMatch(/^Ranked by .+ On \d+ other users it scores NDCG@10 0\.\d{3}, against 0\.\d{3} for the most/);
    const ials = line.startsWith("Ranked by iALS:");
    const scores: number[] = [];
    for (const i of [0, 1, 2, 3]) {
      await rows.nth(i).locator("button.why").click();
      const breakdown = page.locator(`#why-${await rows.nth(i).getAttribute("data-movie-id")} .prediction-breakdown`);
      await expect.poll(() => breakdown.isVisible()).toBe(true);
      const parts = await partsOf(breakdown);
      expect(await breakdown.evaluate((e) => e.classList.contains("ials-breakdown"))).toBe(ials);
      // iALS's score, or the predicted rating plus the popularity term of a blend.
      if (!ials && "popularity" in parts) expect(parts.score).toBeCloseTo(parts.predicted + parts.popularity, 12);
      scores.push(ials || "score" in parts ? parts.score : parts.predicted);
      expect(await breakdown.locator(".rest").textContent()).toMatch(/the shares add up to the (score|factor term)\.$/);
    }
    // The scores the breakdowns give order the rows.
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    // A breakdown explains one order's score: the notebook's order opens with every row closed.
    await page.getByLabel("Predicted rating, as the notebook ranked").check();
    await expect.poll(() => page.locator(".popularity-knob").count()).toBe(1);
    expect(await page.locator(".prediction-breakdown").count()).toBe(0);
    await page.close();
  });
});

/** Sets a text input as a person types it. */
async function type(input: Locator, value: string): Promise<void> {
  await input.fill(value);
  await input.dispatchEvent("input");
}

describe("Train: the notebook's experiments in one click (browser)", () => {
  it(
    "runs an edited grid of two runs, plots both, keeps both for Compare, " +
      "and applies the best to the Train page's inputs",
    async () => {
      await site.newContext();
      const page: Page = await site.open("./train");
      await page.getByLabel("Backend", {exact: true}).selectOption("wasm");
      const editor = page.locator(".grid-editor");
      expect(await editor.locator("tbody tr").count()).toBe(5);
      for (let i = 0; i < 3; ++i) await editor.getByRole("button", {name: "Remove run 3"}).click();
      expect(await editor.locator("tbody tr").count()).toBe(2);
      for (const [n, factors] of [
        [1, "4"],
        [2, "8"]
      ] as const) {
        await type(editor.getByLabel(`Run ${n}: n_factors`), factors);
        await editor.getByLabel(`Run ${n}: batch size`).selectOption("1024");
        await type(editor.getByLabel(`Run ${n}: epochs`), "1");
      }
      const run = page.locator(".grid-controls button", {hasText: "Run the grid"});
      await expect.poll(() => run.isDisabled()).toBe(false);
      // A double click, as people do: one grid, and no error (the second click used to throw "A grid is already
      // running." uncaught).
      await run.dblclick();
      await expect
        .poll(() => page.locator(".grid-status").textContent(), {timeout: 180_000})
        .toBe("Done: 2 runs, each kept in the run history (see Compare models).");
      const chart = page.locator(".grid-chart");
      expect(await chart.getAttribute("data-points")).toBe("2");
      expect(await chart.locator('.grid-loss g[aria-label="dot"] title').allTextContents()).toEqual([
        expect.stringMatching(/^Run 1: 4 factors, bs 1024, 1 epoch: valid_loss \d\.\d{4} after \d+\.\d s$/),
        expect.stringMatching(/^Run 2: 8 factors, bs 1024, 1 epoch: valid_loss \d\.\d{4} after \d+\.\d s$/)
      ]);

      // Both runs are on Compare.
      const compare = await site.open("./compare");
      // (A run of one epoch in batches of 1024 can end no better than the mean rating: it is then marked diverged.)
      const labels = compare.locator("label").filter({hasText: /^#\d+( \(diverged\))?: \d+ factors/});
      await expect
        .poll(() => labels.allTextContents())
        .toEqual([
          expect.stringMatching(/^#2( \(diverged\))?: 8 factors, bs 1024, 1 epoch/),
          expect.stringMatching(/^#1( \(diverged\))?: 4 factors, bs 1024, 1 epoch/)
        ]);
      await compare.close();

      // Apply best so far: the Train page's inputs change now, and start from it after a reload.
      const apply = page.locator("button", {hasText: /^Apply best so far: /});
      const best = /^Apply best so far: (\d+) factors/.exec((await apply.textContent())!)![1];
      await type(page.getByLabel("Epochs", {exact: true}), "7");
      await page.getByLabel("Batch size", {exact: true}).selectOption("256");
      await apply.click();
      // Inputs.select's options are valued by index: read the chosen option's text.
      const batchSize = () =>
        page
          .getByLabel("Batch size", {exact: true})
          .evaluate((select) => (select as HTMLSelectElement).selectedOptions[0].textContent);
      const inputs = async () => [
        await page.getByLabel("n_factors", {exact: true}).inputValue(),
        await batchSize(),
        await page.getByLabel("Epochs", {exact: true}).inputValue()
      ];
      await expect.poll(inputs).toEqual([best, "1024", "1"]);
      await page.reload({waitUntil: "networkidle"});
      await expect.poll(inputs).toEqual([best, "1024", "1"]);
      await page.close();
    }
  );
});
