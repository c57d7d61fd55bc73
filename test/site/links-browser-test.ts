// Shareable links (issue 23, part 4), through the real pages in headless Chromium: a page's settings live in its URL,
// "Copy link" gives that URL, and opening it in a fresh browser restores them; a link's wrong values are refused under
// their inputs, in words, and a link made on another dataset says so.
import type {Page} from "playwright-core";
import {describe, expect, it} from "vitest";
import {SMALL, buildSite} from "../../scripts/lib/buildSite.js";
import {useBrowserSite} from "../support/browserSite.js";
import {trainOnPage} from "../support/trainOnPage.js";

const site = useBrowserSite(() => buildSite(SMALL));

const errorOf = (page: Page, field: string) => page.locator(`.field[data-field=${field}] .input-error`).textContent();
const valueOf = (page: Page, label: string) => page.getByLabel(label, {exact: true}).inputValue();

describe("shareable links (browser)", () => {
  it("Train: a link fills the inputs, wrong values are refused under them, and Copy link restores them", async () => {
    const context = await site.newContext();
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    const page = await site.open("./train?factors=2.7&bs=300&epochs=abc&seed=7&split=time&lrMax=0.003&data=elsewhere");
    // As typed: 2.7 refused by the page's own check; options that are not among the choices refused by the link.
    expect(await valueOf(page, "n_factors")).toBe("2.7");
    expect(await errorOf(page, "factors")).toBe("n_factors must be a whole number from 1 to 1,000; “2.7” is not.");
    expect(await valueOf(page, "Batch size")).toBe("1"); // the option's index: 256, the page's own
    expect(await errorOf(page, "bs")).toBe(
      "The link's batch size “300” is not one of 64, 256, 1024, 4096, so this page's own is shown."
    );
    expect(await errorOf(page, "epochs")).toBe("The link's epochs “abc” is not a number, so it is left empty.");
    expect(await valueOf(page, "Seed")).toBe("7");
    expect(await page.getByLabel("each user's latest 20%").isChecked()).toBe(true);
    expect(await page.locator("main").textContent()).toContain("This link was made on another dataset");
    expect(await page.locator(".train-controls button", {hasText: "Train"}).isDisabled()).toBe(true);

    // Mending the fields: the URL follows, and the refusals go as each input is changed.
    for (const [label, value] of [
      ["n_factors", "20"],
      ["Epochs", "2"]
    ]) {
      await page.getByLabel(label, {exact: true}).fill(value);
      await page.getByLabel(label, {exact: true}).dispatchEvent("input");
    }
    // Each input event is checked in turn: the URL holds both values once the last one has been.
    const linked = () => new URL(page.url()).searchParams;
    await expect.poll(() => [linked().get("factors"), linked().get("epochs")]).toEqual(["20", "2"]);
    expect(await errorOf(page, "factors")).toBe("");
    expect(await errorOf(page, "epochs")).toBe("");
    await page.getByRole("button", {name: "Copy link"}).click();
    await expect.poll(() => page.locator(".copy-link-status").textContent()).toMatch(/^Link copied/);
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toBe(page.url());
    const params = new URL(copied).searchParams;
    expect(Object.fromEntries(params)).toMatchObject({
      factors: "20",
      epochs: "2",
      seed: "7",
      split: "time",
      lrMax: "0.003"
    });
    expect(params.get("data")).not.toBe("elsewhere");

    // A fresh browser opens the copied link onto the same settings, with nothing refused.
    await site.newContext();
    const again = await site.open(copied.slice(site.url.length - 1).replace(/^\//, "./"));
    expect([await valueOf(again, "n_factors"), await valueOf(again, "Epochs"), await valueOf(again, "Seed")]).toEqual([
      "20",
      "2",
      "7"
    ]);
    expect(await again.getByLabel("each user's latest 20%").isChecked()).toBe(true);
    expect(await again.locator(".hyper-form .input-error").allTextContents()).toEqual(Array(8).fill(""));
    expect(await again.locator("main").textContent()).not.toContain("This link was made on another dataset");
    expect(await again.locator(".train-controls button", {hasText: "Train"}).isEnabled()).toBe(true);
  });

  it("Recommendations: a list's link opens the same list in a fresh browser; bad links are refused", async () => {
    const context = await site.newContext();
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    await trainOnPage(site);
    const page = await site.open("./recommend");
    const rows = page.locator("table.recommendations tbody tr");
    await expect.poll(() => rows.count(), {timeout: 30_000}).toBe(20);
    const type = async (label: string, value: string) => {
      await page.getByLabel(label, {exact: true}).fill(value);
      await page.getByLabel(label, {exact: true}).dispatchEvent("input");
    };
    await type("Top N", "8");
    await type("At least this many ratings", "5");
    await page.getByLabel("Not these genres").selectOption(["Drama"]);
    await page.getByLabel("Predicted rating, as the notebook ranked").check();
    await page.getByLabel("Popularity: stars added per doubling of a movie's ratings").fill("6"); // +0.3★
    await expect.poll(() => new URL(page.url()).searchParams.get("popularity")).toBe("0.3");
    await expect.poll(() => rows.count()).toBe(8);
    const ids = () => rows.evaluateAll((trs) => trs.map((tr) => (tr as HTMLElement).dataset.movieId));
    const shown = await ids();
    await page.getByRole("button", {name: "Copy link to this list"}).click();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(Object.fromEntries(new URL(copied).searchParams)).toMatchObject({
      n: "8",
      minRatings: "5",
      exclude: "Drama",
      ranking: "predicted",
      popularity: "0.3"
    });

    // A fresh browser with no model yet keeps the link's ranking and popularity in its URL, for once it has one.
    await site.newContext();
    const early = await site.open(`./${copied.slice(site.url.length)}`);
    await expect.poll(() => early.locator(".no-model").count()).toBe(1);
    expect(Object.fromEntries(new URL(early.url()).searchParams)).toMatchObject({
      ranking: "predicted",
      popularity: "0.3"
    });
    await early.close();

    // A fresh browser that trained the same model (same data, same settings, same seed) opens the same list.
    await trainOnPage(site);
    const again = await site.open(`./${copied.slice(site.url.length)}`);
    const againRows = again.locator("table.recommendations tbody tr");
    await expect.poll(() => againRows.count(), {timeout: 30_000}).toBe(8);
    expect(await againRows.evaluateAll((trs) => trs.map((tr) => (tr as HTMLElement).dataset.movieId))).toEqual(shown);
    expect(
      await again
        .getByLabel("Not these genres")
        .evaluate((s) => [...(s as HTMLSelectElement).selectedOptions].map((o) => o.text))
    ).toEqual(["Drama"]);
    expect(await again.getByLabel("Predicted rating, as the notebook ranked").isChecked()).toBe(true);
    expect(await again.locator(".filter-note").allTextContents()).toEqual([]);

    // A link with wrong values: each refused in words, the rest applied, nothing raised.
    const bad = await site.open("./recommend?n=abc&include=Nonsense&include=Comedy&ranking=worst&popularity=7&data=x");
    await expect
      .poll(() => bad.locator(".filter-note").allTextContents())
      .toEqual([
        "The link's genres to keep “Nonsense” is not among the choices, so it is left out.",
        "The link's ranking “worst” is not one of best, predicted, so this page's own is shown.",
        "The link's popularity “7” is not one of -0.3, -0.2, -0.1, 0, 0.1, 0.2, 0.3, 0.5, 0.75, 1, so this " +
          "page's own is shown.",
        "The link's Top N “abc” is not a number, so it is left empty."
      ]);
    expect(await bad.locator("main").textContent()).toContain("This link was made on another dataset");
    const compare = await site.open("./compare?n=abc");
    expect(await compare.locator("main").textContent()).toContain(
      "The link's Top N “abc” is not a number, so it is left empty."
    );
    expect(
      await bad
        .getByLabel("Only these genres")
        .evaluate((s) => [...(s as HTMLSelectElement).selectedOptions].map((o) => o.text))
    ).toEqual(["Comedy"]);
  });
});
