// My ratings are safe (issue 10), driven through the real pages in headless Chromium: one action gives one rating,
// two tabs lose nothing, ratings belong to a dataset, and a checkpoint resumes after I rated one more movie.
import {mkdtempSync, readFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {zipSync} from "fflate";
import type {Page} from "playwright-core";
import {describe, expect, it} from "vitest";
import {CARD_GUARD_MS} from "../../src/components/ui/RatingWidget.js";
import {writeSynthetic} from "../../src/data/writeSynthetic.js";
import {SMALL, buildSite} from "../../scripts/lib/buildSite.js";
import {useBrowserSite} from "../support/browserSite.js";
import {newTrainedContext, trainOnPage} from "../support/trainOnPage.js";
import type {BrowserSite} from "../support/browserSite.js";

let otherZip: Buffer;
let sameZip: Buffer;

const site = useBrowserSite(async () => {
  const built = await buildSite(SMALL);
  // The built-in dataset's own files, zipped: the same catalogue, loaded from the visitor's disk.
  sameZip = Buffer.from(
    zipSync({
      "same/movies.dat": new Uint8Array(readFileSync(join(built.dataDir, "movies.dat"))),
      "same/ratings.dat": new Uint8Array(readFileSync(join(built.dataDir, "ratings.dat")))
    })
  );
  // Another MovieLens-format dataset whose movie ids collide with the built-in one's (both start at 1).
  const dir = join(mkdtempSync(join(tmpdir(), "my-ratings-browser-")), "ml");
  await writeSynthetic(dir, {seed: 29, users: 250, movies: 380, ratings: 15_000});
  otherZip = Buffer.from(
    zipSync({
      "ml/movies.dat": new Uint8Array(readFileSync(join(dir, "movies.dat"))),
      "ml/ratings.dat": new Uint8Array(readFileSync(join(dir, "ratings.dat")))
    })
  );
  return built;
});
const freshContext = (options: Parameters<BrowserSite["newContext"]>[0] = {}) => site.newContext(options);
const open = (path: string) => site.open(path);

/** My stored ratings on every catalogue, as movie id → rating per storage key. */
const stored = (page: Page) =>
  page.evaluate(() =>
    Object.fromEntries(
      Object.keys(localStorage)
        .filter((k) => /^movielens-workbook:my-ratings(@|$)/.test(k) && !k.endsWith(":deleted"))
        .map((k) => [
          k,
          Object.fromEntries(
            (JSON.parse(localStorage.getItem(k)!) as {movieId: number; rating: number}[]).map((r) => [
              r.movieId,
              r.rating
            ])
          )
        ])
    )
  );
const onlyList = async (page: Page) => {
  const lists = Object.values(await stored(page));
  expect(lists).toHaveLength(1);
  return lists[0];
};
const cardId = async (page: Page) => +(await page.locator(".movie-card").getAttribute("data-movie-id"))!;
const tableIds = (page: Page) =>
  page
    .locator(".my-ratings-table tbody tr")
    .evaluateAll((trs) => trs.map((tr) => +(tr as HTMLElement).dataset.movieId!).sort((a, b) => a - b));

describe("Rate movies: one action gives one rating, to the movie on the card", () => {
  it("a double click and a triple click rate only the movie shown; Undo undoes exactly that rating", async () => {
    await freshContext();
    const page = await open("./rate");
    const seed = await tableIds(page);
    const a = await cardId(page);
    await page.locator('.stars button.star[data-rating="4"]').dblclick();
    await expect.poll(() => cardId(page)).not.toBe(a);
    const b = await cardId(page);
    const list = await onlyList(page);
    expect(list[a]).toBe(4);
    expect(list[b]).toBeUndefined();
    expect(Object.keys(list)).toHaveLength(seed.length + 1);

    await page.waitForTimeout(CARD_GUARD_MS + 200);
    await page.locator('.stars button.star[data-rating="3"]').click({clickCount: 3});
    await expect.poll(() => cardId(page)).not.toBe(b);
    const c = await cardId(page);
    expect((await onlyList(page))[b]).toBe(3);
    expect((await onlyList(page))[c]).toBeUndefined();

    await page.getByRole("button", {name: "Undo"}).click();
    await expect.poll(() => cardId(page)).toBe(b);
    const after = await onlyList(page);
    expect(after[b]).toBeUndefined();
    expect(after[a]).toBe(4);
    await page.close();
  });

  it("a click that lands as the card changes under the pointer does not rate the new movie", async () => {
    await freshContext();
    const page = await open("./rate");
    // Two separate clicks 120 ms apart, each with detail 1 (as two quick taps on a trackpad give): the second lands
    // on the card that appeared after the first. The second's time is set to 120 ms after the first was handled (the
    // page reads the event's timeStamp, which a browser sets to when the input happened), so a busy machine, whose
    // timers fire late, cannot turn it into a deliberate click.
    const [a, b, after] = await page.evaluate(async () => {
      const card = () => +document.querySelector<HTMLElement>(".movie-card")!.dataset.movieId!;
      const star = () => document.querySelector<HTMLButtonElement>('.stars button.star[data-rating="5"]')!;
      const a = card();
      star().dispatchEvent(new MouseEvent("click", {bubbles: true, detail: 1}));
      const b = card();
      const second = new MouseEvent("click", {bubbles: true, detail: 1});
      Object.defineProperty(second, "timeStamp", {value: performance.now() + 120});
      await new Promise((resolve) => setTimeout(resolve, 120));
      star().dispatchEvent(second);
      return [a, b, card()];
    });
    expect(b).not.toBe(a);
    expect(after).toBe(b);
    expect((await onlyList(page))[a]).toBe(5);
    expect((await onlyList(page))[b]).toBeUndefined();
    // A deliberate click on the new card, once it has been on screen, rates it.
    await page.waitForTimeout(CARD_GUARD_MS + 100);
    await page.locator('.stars button.star[data-rating="2"]').click();
    await expect.poll(async () => (await onlyList(page))[b]).toBe(2);
    await page.close();
  });

  it("a quick double press rates only the movie shown; a press once the new card has been seen rates it", async () => {
    await freshContext();
    const page = await open("./rate");
    const a = await cardId(page);
    await page.keyboard.press("Digit4");
    await page.waitForTimeout(100);
    await page.keyboard.press("Digit4");
    await expect.poll(() => cardId(page)).not.toBe(a);
    const b = await cardId(page);
    await page.waitForTimeout(200);
    expect(await cardId(page)).toBe(b);
    expect((await onlyList(page))[a]).toBe(4);
    expect((await onlyList(page))[b]).toBeUndefined();
    await page.waitForTimeout(CARD_GUARD_MS);
    await page.keyboard.press("Digit2");
    await expect.poll(async () => (await onlyList(page))[b]).toBe(2);
    await page.close();
  });

  it("a held key rates once", async () => {
    await freshContext();
    const page = await open("./rate");
    const a = await cardId(page);
    await page.keyboard.down("Digit4");
    await expect.poll(() => cardId(page)).not.toBe(a);
    const b = await cardId(page);
    for (let i = 0; i < 5; ++i) await page.keyboard.down("Digit4"); // auto-repeat: repeat = true
    await page.keyboard.up("Digit4");
    await page.waitForTimeout(200);
    expect(await cardId(page)).toBe(b);
    expect((await onlyList(page))[a]).toBe(4);
    expect((await onlyList(page))[b]).toBeUndefined();
    await page.close();
  });

  it("a tap (touch, then its synthetic click) rates once, at 390 px", async () => {
    await freshContext({hasTouch: true, isMobile: true, viewport: {width: 390, height: 844}});
    const page = await open("./rate");
    const a = await cardId(page);
    await page.locator('.stars button.star[data-rating="3.5"]').tap();
    await expect.poll(() => cardId(page)).not.toBe(a);
    const b = await cardId(page);
    await page.waitForTimeout(300);
    expect(await cardId(page)).toBe(b);
    expect((await onlyList(page))[a]).toBe(3.5);
    expect((await onlyList(page))[b]).toBeUndefined();
    await page.close();
  });
});

describe("Rate movies: Skip, and my ratings table", () => {
  it(
    "Skip moves on without rating; the table's select changes a rating and Delete removes one, " +
      "each stored at once",
    async () => {
      await freshContext();
      const page = await open("./rate");
      const a = await cardId(page);
      await page.getByRole("button", {name: "Skip"}).click();
      await expect.poll(() => cardId(page)).not.toBe(a);
      expect(await stored(page)).toEqual({});
      const seed = await tableIds(page);
      const first = page.locator(".my-ratings-table tbody tr").first();
      const id = +(await first.getAttribute("data-movie-id"))!;
      await first.locator("select").selectOption("0.5");
      await expect.poll(async () => (await onlyList(page))[id]).toBe(0.5);
      const second = +(await page.locator(".my-ratings-table tbody tr").nth(1).getAttribute("data-movie-id"))!;
      await page
        .locator(`.my-ratings-table tr[data-movie-id="${second}"]`)
        .getByRole("button", {name: "Delete"})
        .click();
      await expect.poll(async () => second in (await onlyList(page))).toBe(false);
      expect(Object.keys(await onlyList(page))).toHaveLength(seed.length - 1);
      expect(await tableIds(page)).toEqual(seed.filter((x) => x !== second));
      await page.close();
    }
  );

  it(
    "arrow keys on a rating select step it without saving; Enter saves where they stopped " +
      "(the table's select, and Recommendations' I've seen it)",
    async () => {
      await freshContext();
      const page = await open("./rate");
      const first = page.locator(".my-ratings-table tbody tr").first();
      const id = +(await first.getAttribute("data-movie-id"))!;
      const select = first.locator("select");
      const before = +(await select.inputValue());
      // Two steps away from the rating it has, towards the middle of the stars.
      const key = before >= 1.5 ? "ArrowUp" : "ArrowDown";
      await select.focus();
      await page.keyboard.press(key);
      await page.keyboard.press(key);
      const chosen = +(await select.inputValue());
      expect(Math.abs(chosen - before)).toBe(1);
      // Nothing is stored while the value is only stepped through.
      expect(await stored(page)).toEqual({});
      await page.keyboard.press("Enter");
      await expect.poll(async () => (await onlyList(page))[id]).toBe(chosen);
      await page.close();

      await trainOnPage(site);
      const recommend = await open("./recommend");
      const rows = recommend.locator("table.recommendations tbody tr");
      await expect.poll(() => rows.count(), {timeout: 30_000}).toBe(20);
      const movie = +(await rows.first().getAttribute("data-movie-id"))!;
      await rows.first().locator("select.seen-it").focus();
      for (let i = 0; i < 3; ++i) await recommend.keyboard.press("ArrowDown");
      const seen = +(await rows.first().locator("select.seen-it").inputValue());
      expect(seen).toBeGreaterThan(0);
      expect((await onlyList(recommend))[movie]).toBeUndefined();
      expect(+(await rows.first().getAttribute("data-movie-id"))!).toBe(movie);
      await recommend.keyboard.press("Enter");
      await expect.poll(async () => (await onlyList(recommend))[movie]).toBe(seen);
      // The rated movie leaves the list, and focus stays in the table: on the "I've seen it" of the row now first.
      await expect.poll(async () => +(await rows.first().getAttribute("data-movie-id"))!).not.toBe(movie);
      await expect
        .poll(() =>
          recommend.evaluate(() => {
            const active = document.activeElement;
            return active?.matches("select.seen-it") ? active.closest("tr")!.getAttribute("data-movie-id") : null;
          })
        )
        .toBe(await rows.first().getAttribute("data-movie-id"));
      await recommend.close();
    }
  );
});

describe("My ratings across tabs", () => {
  it("two tabs of one browser lose nothing, and each sees the other's ratings at once", async () => {
    await freshContext();
    const tabB = await open("./rate"); // opened first, as in the report
    const tabA = await open("./rate");
    const x = await cardId(tabA);
    await tabA.locator('.stars button.star[data-rating="5"]').click();
    await expect.poll(() => cardId(tabA)).not.toBe(x);
    // Tab B, opened earlier, finds another movie by search and rates it 4.5.
    const search = tabB.getByPlaceholder("Find a movie to rate…");
    const other = await tabB.locator(".my-ratings-table tbody tr").count(); // the seed's ratings are shown
    await search.fill("a");
    await search.fill("th");
    const result = tabB.locator(`.search-results li[data-movie-id]:not([data-movie-id="${x}"])`).first();
    const y = +(await result.getAttribute("data-movie-id"))!;
    expect(y).not.toBe(x);
    await result.locator("select").selectOption("4.5");
    const list = await onlyList(tabA);
    expect(list[x]).toBe(5);
    expect(list[y]).toBe(4.5);
    // Both pages show both ratings without a reload.
    await expect.poll(() => tabA.locator(`.my-ratings-table tr[data-movie-id="${y}"] select`).inputValue()).toBe("4.5");
    await expect.poll(() => tabB.locator(`.my-ratings-table tr[data-movie-id="${x}"] select`).inputValue()).toBe("5");
    expect(other).toBeGreaterThan(0);
    await tabA.close();
    await tabB.close();
  });
});

describe("My ratings belong to a dataset", () => {
  it("loading another dataset shows its own ratings; forgetting it brings mine back", async () => {
    await freshContext();
    const rate = await open("./rate");
    for (const stars of ["5", "4", "3"]) {
      const id = await cardId(rate);
      await rate.locator(`.stars button.star[data-rating="${stars}"]`).click();
      await expect.poll(() => cardId(rate)).not.toBe(id);
      await rate.waitForTimeout(CARD_GUARD_MS + 50);
    }
    const mine = await tableIds(rate);
    expect(mine.length).toBeGreaterThanOrEqual(3);

    const load = async (buffer: Buffer) => {
      await rate.locator(".dataset-loader summary").click();
      await rate.getByLabel("MovieLens files").setInputFiles({name: "ml.zip", mimeType: "application/zip", buffer});
      await rate.waitForEvent("load", {timeout: 60_000});
      await rate.waitForLoadState("networkidle");
      await expect.poll(() => rate.locator(".dataset-banner").textContent()).toContain("from your computer");
    };
    const forget = async () => {
      rate.once("dialog", (dialog) => void dialog.accept());
      // Waiting for the reload from before the click: it can finish before a wait begun after it.
      const reloaded = rate.waitForEvent("load");
      await rate.getByRole("button", {name: "Forget this data"}).click();
      await reloaded;
      await rate.waitForLoadState("networkidle");
    };
    // The same movies loaded from disk are the same catalogue: my ratings carry over.
    await load(sameZip);
    await expect.poll(() => tableIds(rate)).toEqual(mine);
    await forget();
    await expect.poll(() => tableIds(rate)).toEqual(mine);

    // Load another dataset through the page, as a visitor would.
    await load(otherZip);
    // None of my ratings sit on the other dataset's movies, whose ids collide with the built-in ones.
    await expect.poll(() => rate.locator(".my-ratings h3").textContent()).toBe("My ratings (0)");
    expect(await rate.locator(".my-ratings-table").count()).toBe(0);

    // Forget this data says what happens to my ratings, then returns to the built-in dataset with them.
    const asked: string[] = [];
    rate.once("dialog", (dialog) => {
      asked.push(dialog.message());
      void dialog.accept();
    });
    // Waiting for the reload from before the click: it can finish before a wait begun after it.
    const reloaded = rate.waitForEvent("load");
    await rate.getByRole("button", {name: "Forget this data"}).click();
    await reloaded;
    await rate.waitForLoadState("networkidle");
    await expect.poll(() => tableIds(rate)).toEqual(mine);
    expect(asked).toHaveLength(1);
    expect(asked[0]).toMatch(/your ratings on it stay in this browser/i);
    await rate.close();
  });
});

describe("Save and resume: a checkpoint and ratings that change", () => {
  it("refuses a checkpoint of another dataset in words, and shows no epochs for the refused run", async () => {
    site.expectErrors(/^Training failed: This checkpoint was trained on Synthetic/);
    await newTrainedContext(site);
    const save = await open("./save-resume");
    await save.getByRole("button", {name: "Save as a checkpoint"}).click();
    await expect.poll(() => save.locator(".checkpoint-list tbody tr").count()).toBe(1);
    await save.locator(".dataset-loader summary").click();
    await save
      .getByLabel("MovieLens files")
      .setInputFiles({name: "ml.zip", mimeType: "application/zip", buffer: otherZip});
    await save.waitForEvent("load", {timeout: 60_000});
    await save.waitForLoadState("networkidle");
    await save.getByLabel("Backend", {exact: true}).selectOption("wasm");
    await save.locator(".checkpoint-list tbody tr").first().getByRole("button", {name: "Load + train"}).click();
    const progress = save.locator(".training-progress");
    await expect.poll(() => progress.getAttribute("data-status"), {timeout: 60_000}).toBe("error");
    expect(await progress.locator(".progress-text").textContent()).toMatch(
      new RegExp(
        String.raw`^This checkpoint was trained on Synthetic MovieLens-shaped data .*: ` +
          String.raw`its 400 movies are not the movies of the loaded MovieLens-format data, 380 movies, ` +
          String.raw`15,000 ratings \(from your computer\), even where their ids agree\. ` +
          String.raw`Train a new model on this dataset instead; nothing was loaded\.$`
      )
    );
    expect(await save.locator(".epoch-table tbody td").first().textContent()).not.toBe("0");
    await save.close();
  });

  it("Save and resume fits a 390 px phone: no sideways scrolling", async () => {
    await newTrainedContext(site, {}, {viewport: {width: 390, height: 844}, hasTouch: true, isMobile: true});
    const save = await open("./save-resume");
    await save.getByRole("button", {name: "Save as a checkpoint"}).tap();
    await expect.poll(() => save.locator(".checkpoint-list tbody tr").count()).toBe(1);
    expect(await save.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    const button = (await save
      .locator(".checkpoint-list tbody tr")
      .first()
      .getByRole("button", {name: "Delete"})
      .boundingBox())!;
    expect(button.height).toBeGreaterThanOrEqual(40);
    // Every button of a checkpoint is on the screen, not hidden in a box that scrolls sideways.
    for (const name of ["Load + train", "Download", "Delete"]) {
      const box = (await save.locator(".checkpoint-list tbody tr").first().getByRole("button", {name}).boundingBox())!;
      expect(box.x + box.width, name).toBeLessThanOrEqual(390);
    }
    await save.close();
  });

  it("resumes a checkpoint after I rated one more movie, and says how my ratings differ", async () => {
    await newTrainedContext(site);

    const save = await open("./save-resume");
    await save.getByRole("button", {name: "Save as a checkpoint"}).click();
    await expect.poll(() => save.locator(".checkpoint-list tbody tr").count()).toBe(1);

    const rate = await open("./rate");
    const id = await cardId(rate);
    await rate.locator('.stars button.star[data-rating="4.5"]').click();
    await expect.poll(() => cardId(rate)).not.toBe(id);
    await rate.close();

    await save.getByLabel("Backend", {exact: true}).selectOption("wasm");
    await save.getByRole("button", {name: "Load + train"}).click();
    const progress = save.locator(".training-progress");
    await expect.poll(() => progress.getAttribute("data-status"), {timeout: 120_000}).toBe("done");
    expect(await progress.locator(".run-note").first().textContent()).toMatch(
      /^Resuming on my ratings as they are now: 1 added since this checkpoint was trained on \d+ ratings of mine/
    );
    expect(await progress.textContent()).not.toMatch(/another dataset|fingerprint|fnv1a/);
    await save.close();
  });
});
