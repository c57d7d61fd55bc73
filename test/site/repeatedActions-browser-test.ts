// Actions fired twice and output left behind, driven as a person would in headless Chromium: a double click on every
// button that trains or saves, a refusal that must not outlive a later success, and tables and panels that describe
// something no longer chosen. The harness fails any test on an uncaught page error.
import type {Page} from "playwright-core";
import {describe, expect, it} from "vitest";
import {useBrowserSite} from "../support/browserSite.js";
import {newTrainedContext, untilRunEnds} from "../support/trainOnPage.js";
import {SMALL, buildSite} from "../../scripts/lib/buildSite.js";

const site = useBrowserSite(() => buildSite(SMALL));
const rows = (page: Page) => page.locator(".checkpoint-list tbody tr");

describe("a double click starts one run and keeps one thing (browser)", () => {
  it("Train: one run, no error", async () => {
    await site.newContext();
    const page = await site.open("./train");
    await page.getByLabel("Backend", {exact: true}).selectOption("wasm");
    await page.locator(".train-controls button", {hasText: "Train"}).dblclick();
    await untilRunEnds(page);
    const compare = await site.open("./compare");
    expect(await compare.getByText(/^Only one run is kept so far/).count()).toBe(1);
  });

  it(
    "Save as a checkpoint: one checkpoint; Load + train: one run, " +
      "then a confirmation that replaces an earlier refusal",
    async () => {
      await newTrainedContext(site);
      const page = await site.open("./save-resume");
      await page.getByLabel("Checkpoint name").fill("twice");
      await page.getByRole("button", {name: "Save as a checkpoint"}).dblclick();
      await expect.poll(() => rows(page).count()).toBe(1);
      await page.waitForTimeout(500);
      expect(await rows(page).count()).toBe(1);

      const more = page.getByLabel("More epochs");
      await more.fill("0");
      await more.dispatchEvent("input");
      await rows(page).first().getByRole("button", {name: "Load + train"}).click();
      await expect
        .poll(() => page.locator(".store-message").textContent())
        .toMatch(/^More epochs must be a whole number/);
      await more.fill("1");
      await more.dispatchEvent("input");
      await page.getByLabel("Backend", {exact: true}).selectOption("wasm");
      await rows(page).first().getByRole("button", {name: "Load + train"}).dblclick();
      await expect
        .poll(() => page.locator(".store-message").textContent(), {timeout: 120_000})
        .toBe("Trained “twice” for 1 more epoch: it is the latest model, and in the run history.");
      await expect.poll(() => page.locator(".training-progress").getAttribute("data-status")).toBe("done");
    },
    180_000
  );

  it("Retrain with my new ratings: one run; choosing another model hides what the retrain changed", async () => {
    await newTrainedContext(site);
    const save = await site.open("./save-resume");
    await save.getByLabel("Checkpoint name").fill("before");
    await save.getByRole("button", {name: "Save as a checkpoint"}).click();
    await expect.poll(() => rows(save).count()).toBe(1);
    await save.close();
    const page = await site.open("./recommend");
    const list = page.locator("table.recommendations tbody tr");
    await expect.poll(() => list.count(), {timeout: 30_000}).toBe(20);
    await list.first().locator("select.seen-it").selectOption("5");
    await page.getByRole("button", {name: "Retrain with my new ratings"}).dblclick();
    const changes = page.locator(".top-n-changes");
    await expect.poll(() => changes.count(), {timeout: 120_000}).toBe(1);
    await page.getByLabel("Model", {exact: true}).selectOption({label: "Checkpoint: before"});
    await expect.poll(() => changes.count()).toBe(0);
    await page.getByLabel("Model", {exact: true}).selectOption({label: "The latest trained model"});
    await expect.poll(() => changes.count()).toBe(1);
  }, 180_000);
});

describe("output that describes what is no longer chosen goes (browser)", () => {
  it("Explore: a search that matches nothing clears the last movie's similar movies", async () => {
    await newTrainedContext(site);
    const page = await site.open("./explore");
    const search = page.getByLabel("Find a movie");
    await expect.poll(() => page.getByLabel("Movie", {exact: true}).count(), {timeout: 30_000}).toBe(1);
    await expect.poll(() => page.getByText("Cosine similarity", {exact: true}).count()).toBe(1);
    await search.fill("zzzzqqq");
    await expect.poll(() => page.locator(".no-match").count()).toBe(1);
    await expect.poll(() => page.getByText("Cosine similarity", {exact: true}).count()).toBe(0);
  });
});

describe("a checkpoint's name (browser)", () => {
  it("a long unbroken name wraps at 390 px, and the same model saved under another name is kept once", async () => {
    await newTrainedContext(site, {}, {viewport: {width: 390, height: 844}});
    const page = await site.open("./save-resume");
    const name = page.getByLabel("Checkpoint name");
    await name.fill("x".repeat(300));
    expect((await name.inputValue()).length).toBe(120);
    await page.getByRole("button", {name: "Save as a checkpoint"}).click();
    await expect.poll(() => rows(page).count()).toBe(1);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await name.fill("another name");
    await page.getByRole("button", {name: "Save as a checkpoint"}).dblclick();
    await expect
      .poll(() => page.locator(".store-message").textContent())
      .toMatch(/^This model is already saved as “x{120}”: nothing was added\.$/);
    expect(await rows(page).count()).toBe(1);
  });
});
