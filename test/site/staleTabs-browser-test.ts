// A stale tab acts on what is true now (issue 22, part 3), through the real pages in headless Chromium, with two tabs
// of one browser profile: tab B opened on a dataset that tab A has since replaced refuses to forget or train it,
// naming what is loaded now, and says that another tab changed the dataset; lists and settings follow other tabs.
import {readFileSync} from "node:fs";
import {mkdtempSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {zipSync} from "fflate";
import type {Page} from "playwright-core";
import {beforeAll, describe, expect, it} from "vitest";
import {SMALL, buildSite} from "../../scripts/lib/buildSite.js";
import {TRAIN_PRESET_KEY} from "../../src/components/browser/trainPreset.js";
import {writeSynthetic} from "../../src/data/writeSynthetic.js";
import {useBrowserSite} from "../support/browserSite.js";
import {trainOnPage} from "../support/trainOnPage.js";

const site = useBrowserSite(() => buildSite(SMALL));

/** Two MovieLens-format zips, X and Y, that read as different datasets (their ratings counts differ). */
const zips: Buffer[] = [];
beforeAll(async () => {
  for (const [seed, ratings] of [
    [31, 6_000],
    [37, 7_000]
  ]) {
    const dir = join(mkdtempSync(join(tmpdir(), "stale-tabs-")), "ml");
    await writeSynthetic(dir, {seed, users: 120, movies: 150, ratings});
    zips.push(
      Buffer.from(
        zipSync({
          "ml/movies.dat": new Uint8Array(readFileSync(join(dir, "movies.dat"))),
          "ml/ratings.dat": new Uint8Array(readFileSync(join(dir, "ratings.dat")))
        })
      )
    );
  }
});

/** Loads a zip through the page's "Load MovieLens from your computer", and waits for the page to reload onto it. */
async function load(page: Page, buffer: Buffer) {
  await page.locator(".dataset-loader summary").click();
  const reloaded = page.waitForEvent("load", {timeout: 60_000});
  await page.getByLabel("MovieLens files").setInputFiles({name: "ml.zip", mimeType: "application/zip", buffer});
  await reloaded;
  await page.waitForLoadState("networkidle");
}

const banner = (page: Page) => page.locator(".dataset-banner").textContent();

describe("a stale tab acts on what is true now (browser)", () => {
  it("Forget in a tab that shows X, after another tab loaded Y: refused, naming Y, and Y stays", async () => {
    await site.newContext();
    const a = await site.open("./load-data");
    await load(a, zips[0]);
    const shownX = await banner(a);
    const b = await site.open("./rate");
    expect(await banner(b)).toBe(shownX);
    await load(a, zips[1]);
    const shownY = (await banner(a))!;
    expect(shownY).not.toBe(shownX);
    // B follows: it says another tab changed the dataset, with a way to follow.
    await expect.poll(() => b.locator(".dataset-loader-stale").textContent()).toContain("Another tab");
    b.once("dialog", (dialog) => void dialog.accept());
    await b.getByRole("button", {name: "Forget this data"}).click();
    await expect
      .poll(() => b.locator(".dataset-loader-status").textContent())
      .toMatch(/^Nothing was forgotten: another tab has since loaded .+, which this page does not show\./);
    // Y is still loaded: a new page shows it.
    const c = await site.open("./load-data");
    expect(await banner(c)).toBe(shownY);
    // "Reload to follow" brings B onto Y.
    const reloaded = b.waitForEvent("load");
    await b.getByRole("button", {name: "Reload to follow"}).click();
    await reloaded;
    await expect.poll(() => banner(b)).toBe(shownY);
  });

  it("Train in a tab opened before another tab loaded a dataset: refused, training nothing", async () => {
    await site.newContext();
    const b = await site.open("./train");
    const a = await site.open("./load-data");
    await load(a, zips[0]);
    await b.getByLabel("Backend", {exact: true}).selectOption("wasm");
    await b.locator(".train-controls button", {hasText: "Train"}).click();
    // The refusal reads IndexedDB first: on a loaded machine (four test files at once) it once took longer than
    // expect.poll's 1 s default.
    await expect
      .poll(() => b.locator(".saved-note").textContent(), {timeout: 15_000})
      .toMatch(/^This page shows .+, but another tab has since loaded .+\. Reload this page .+ Nothing was trained\.$/);
    expect(await b.locator(".training-progress").getAttribute("data-status")).toBe("idle");
  });

  it("pages follow other tabs: a run kept in one shows on Compare, Save and resume and Explore in others", async () => {
    await site.newContext();
    const compare = await site.open("./compare");
    const save = await site.open("./save-resume");
    const explore = await site.open("./explore");
    expect(await compare.locator("table.run-history tbody tr").allTextContents()).toEqual(["No run is kept yet."]);
    expect(await explore.locator(".no-model").count()).toBe(1);
    const charts = await explore.locator("svg").count();
    await trainOnPage(site);
    await expect.poll(() => compare.locator("table.run-history tbody tr").count()).toBe(1);
    expect(await compare.locator("table.run-history tbody tr").textContent()).not.toContain("No run");
    await expect.poll(() => save.getByRole("button", {name: "Save as a checkpoint"}).count()).toBe(1);
    // Explore shows the new model: its search and its map, and no longer the note that there is none.
    await expect.poll(() => explore.getByLabel("Find a movie").count()).toBe(1);
    expect(await explore.locator(".no-model").count()).toBe(0);
    expect(await explore.locator("svg").count()).toBeGreaterThan(charts);
  });

  it("the Train page follows the starting settings another tab applies", async () => {
    await site.newContext();
    const b = await site.open("./train");
    const a = await site.open("./compare");
    await a.evaluate(
      ([key]) => localStorage.setItem(key, JSON.stringify({factors: 7, bs: 64, epochs: 2, seed: 5})),
      [TRAIN_PRESET_KEY]
    );
    await expect.poll(() => b.getByLabel("n_factors", {exact: true}).inputValue()).toBe("7");
    expect(await b.getByLabel("Epochs", {exact: true}).inputValue()).toBe("2");
  });
});
