import {readFileSync, writeFileSync} from "node:fs";
import {join} from "node:path";
import type {Page} from "playwright-core";
import {csvParse} from "d3";
import {describe, expect, it} from "vitest";
import {CARD_GUARD_MS} from "../../src/components/ui/RatingWidget.js";
import {parseMyRatingsFile} from "../../src/components/movielens/myRatingsFile.js";
import {buildSite} from "../../scripts/lib/buildSite.js";
import {useBrowserSite} from "../support/browserSite.js";
import {trainOnPage} from "../support/trainOnPage.js";

// Titles are untrusted: the first movie of the dataset gets one that would run script if parsed as HTML.
const EVIL = `<img src=x onerror="window.__pwned=1">Evil <b>Title</b>`;

let evilId: number;
let demoRatings: {movieId: number; rating: number}[];

// Each test gets a fresh browser profile (no ratings, runs or models left by another test) and fails on any console
// error or uncaught exception (test/support/browserSite.ts).
const site = useBrowserSite(() =>
  buildSite({seed: 5, users: 600, movies: 500, ratings: 40_000}, {}, (dir) => {
    demoRatings = parseMyRatingsFile(readFileSync(join(dir, "my_ratings.dat")));
    const path = join(dir, "movies.dat");
    const lines = readFileSync(path, "utf-8").split("\n");
    // The newest movie heads the rating queue; make it the evil one, and newer than all others.
    const newest = lines
      .filter(Boolean)
      .map((line) => ({line, year: +(/\((\d{4})\)::/.exec(line)?.[1] ?? 0)}))
      .sort((a, b) => b.year - a.year)[0].line;
    const [id, , genres] = newest.split("::");
    evilId = +id;
    writeFileSync(path, lines.map((line) => (line === newest ? `${id}::${EVIL} (2009)::${genres}` : line)).join("\n"));
  })
);
const open = (path: string) => site.open(path);

// My ratings on the dataset in use: the one list stored per catalogue (there is one catalogue in these tests).
const myRatings = (page: Page) =>
  page.evaluate(() => {
    const key = Object.keys(localStorage).find((k) => k.startsWith("movielens-workbook:my-ratings@"));
    return JSON.parse((key && localStorage.getItem(key)) ?? "null") as {movieId: number; rating: number}[] | null;
  });

const train = (epochs: number, factors: number) => trainOnPage(site, {epochs, factors});

/** Clicks the button named `name`, and returns the text of the file it downloads, which must be named `file`. */
async function download(page: Page, name: string, file: string): Promise<string> {
  const [saved] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", {name}).click()]);
  expect(saved.suggestedFilename()).toBe(file);
  return readFileSync((await saved.path())!, "utf-8");
}

describe("Rate movies (browser)", () => {
  it("shows untrusted titles as text: nothing executes", async () => {
    const page = await open("./rate");
    await expect
      .poll(() => page.locator(".movie-card .title").textContent())
      .toBe('<img src=x onerror="window.__pwned=1">Evil <b>Title</b>');
    expect(await page.locator(".movie-card img, .movie-card b").count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as {__pwned?: number}).__pwned)).toBeUndefined();
    await page.close();
  });

  it("rates 10 movies with clicks and keys, and keeps them across a reload", async () => {
    const page = await open("./rate");
    const card = page.locator(".movie-card");
    const rated: [number, number][] = [];
    for (let i = 0; i < 10; ++i) {
      const id = +(await card.getAttribute("data-movie-id"))!;
      // A person sees the new card before rating it: a click or key within CARD_GUARD_MS
      // of the card changing is ignored.
      await page.waitForTimeout(CARD_GUARD_MS + 50);
      if (i % 2 === 0) {
        const rating = [0.5, 3.5, 5, 2, 4][i / 2];
        await page.locator(`.stars button.star[data-rating="${rating}"]`).click();
        rated.push([id, rating]);
      } else {
        const [key, rating] = [
          ["Digit4", 4],
          ["Shift+Digit3", 2.5],
          ["Digit1", 1],
          ["Shift+Digit5", 4.5],
          ["Digit2", 2]
        ][(i - 1) / 2] as [string, number];
        await page.keyboard.press(key);
        rated.push([id, rating]);
      }
      await expect.poll(() => card.getAttribute("data-movie-id")).not.toBe(String(id));
    }
    // Two keys at once: the first rates the card, the second comes as the card changes, so it rates nothing, and the
    // page says so (a person who presses or clicks fast sees why).
    const shown = +(await card.getAttribute("data-movie-id"))!;
    await page.waitForTimeout(CARD_GUARD_MS + 50);
    await page.evaluate(() => {
      for (const [code, key] of [
        ["Digit3", "3"],
        ["Digit5", "5"]
      ])
        document.dispatchEvent(new KeyboardEvent("keydown", {code, key, bubbles: true}));
    });
    rated.push([shown, 3]);
    await expect.poll(() => page.locator(".held-back").textContent()).toMatch(/^That came as the card changed, so it/);
    const next = +(await card.getAttribute("data-movie-id"))!;
    expect(next).not.toBe(shown);
    expect((await myRatings(page))!.some((r) => r.movieId === next)).toBe(false);
    const skippedFrom = await card.getAttribute("data-movie-id");
    await page.waitForTimeout(CARD_GUARD_MS + 50);
    await page.keyboard.press("KeyS");
    await expect.poll(() => card.getAttribute("data-movie-id")).not.toBe(skippedFrom);
    await page.keyboard.press("KeyU");
    await expect.poll(() => card.getAttribute("data-movie-id")).toBe(skippedFrom);
    const stored = new Map((await myRatings(page))!.map((r) => [r.movieId, r.rating]));
    for (const [id, rating] of rated) expect(stored.get(id)).toBe(rating);
    expect(rated.map(([id]) => id)).toContain(evilId);

    await page.reload({waitUntil: "networkidle"});
    await expect.poll(() => page.locator(".my-ratings-table tbody tr").count()).toBe(stored.size);
    expect(await card.getAttribute("data-movie-id")).toBe(skippedFrom);
    for (const [id, rating] of rated)
      expect(await page.locator(`.my-ratings-table tr[data-movie-id="${id}"] select`).inputValue()).toBe(
        String(rating)
      );
    await page.close();
  });

  it("exports my_ratings.dat in the original's format and imports it back to the same ratings", async () => {
    await site.newContext({acceptDownloads: true});
    const page = await open("./rate");
    // Rate two movies, so this browser holds my ratings (the dataset's demo ratings and these).
    for (const key of ["Digit4", "Shift+Digit3"]) {
      await page.waitForTimeout(CARD_GUARD_MS + 50);
      const id = await page.locator(".movie-card").getAttribute("data-movie-id");
      await page.keyboard.press(key);
      await expect.poll(() => page.locator(".movie-card").getAttribute("data-movie-id")).not.toBe(id);
    }
    const before = (await myRatings(page))!;
    expect(before.length).toBeGreaterThanOrEqual(2);
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", {name: "Export my_ratings.dat"}).click()
    ]);
    expect(download.suggestedFilename()).toBe("my_ratings.dat");
    const text = readFileSync((await download.path())!, "utf-8");
    expect(
      text
        .split("\n")
        .filter(Boolean)
        .every((line) => /^99999::\d+::(0\.5|[1-4](\.5)?|5)::\d+$/.test(line))
    ).toBe(true);
    expect(
      parseMyRatingsFile(text)
        .map((r) => [r.movieId, r.rating])
        .sort()
    ).toEqual(before.map((r) => [r.movieId, r.rating]).sort());

    // Clear the browser's ratings, then import the exported file.
    await page.evaluate(() => localStorage.clear());
    await page.reload({waitUntil: "networkidle"});
    await page
      .getByLabel("Import my_ratings.dat")
      .setInputFiles({name: "my_ratings.dat", mimeType: "text/plain", buffer: Buffer.from(text)});
    await expect
      .poll(() => page.locator(".import-note").textContent())
      .toMatch(/^Imported (\d+) of the \1 ratings in my_ratings\.dat: 2 new, 0 replaced, \d+ already the same\.$/);
    const after = (await myRatings(page))!;
    const asMap = (rs: {movieId: number; rating: number}[]) => Object.fromEntries(rs.map((r) => [r.movieId, r.rating]));
    expect(asMap(after)).toMatchObject(asMap(before));

    // A file with a bad line is rejected whole, with its line number; nothing changes.
    await page.getByLabel("Import my_ratings.dat").setInputFiles({
      name: "bad.dat",
      mimeType: "text/plain",
      buffer: Buffer.from("99999::1::4::1\n99999::2::7::1\n")
    });
    await expect
      .poll(() => page.locator(".import-note").textContent())
      .toContain("bad.dat:2: rating 7 is outside 0.5–5");
    expect(await page.locator(".import-note").textContent()).toContain("nothing was imported");
    expect(await myRatings(page)).toEqual(after);
    await page.close();
  });
});

describe("Recommendations and Compare models (browser)", () => {
  it(
    "excludes rated movies and titles with excluded terms; " + "I've seen it refreshes the list with a fold-in",
    async () => {
      await train(2, 20);
      const page = await open("./recommend");
      const rows = page.locator("table.recommendations tbody tr");
      await expect.poll(() => rows.count(), {timeout: 30_000}).toBe(20);
      // Nothing rated in this fresh browser: my ratings are the dataset's own my_ratings.dat (the demo user's).
      expect(await myRatings(page)).toBeNull();
      const rated = new Set(demoRatings.map((r) => r.movieId));
      expect(rated.size).toBeGreaterThan(10);
      const ids = await rows.evaluateAll((trs) => trs.map((tr) => +(tr as HTMLElement).dataset.movieId!));
      expect(ids.filter((id) => rated.has(id))).toEqual([]);
      expect(await page.locator(".prediction-source").getAttribute("class")).toContain("exact");

      // Exclude a word from the first recommended title: every title containing it disappears.
      const title = (await rows.first().locator("td.col-title").textContent())!;
      const term = title.split(/\s+/).find((w) => w.length > 3 && /^[A-Za-z]+$/.test(w)) ?? title;
      await page.getByLabel("Exclude titles containing").fill(term.toUpperCase());
      await page.getByLabel("Exclude titles containing").dispatchEvent("input");
      // Titles are matched from the start of a word, as people type them.
      const startsAWord = new RegExp(`(^|[^\\p{L}\\p{N}])${term}`, "iu");
      await expect
        .poll(async () => (await rows.locator("td.col-title").allTextContents()).some((t) => startsAWord.test(t)))
        .toBe(false);
      expect(await rows.count()).toBe(20);

      // The list leaves as CSV as shown: the filter applied, the same movies in the same order.
      const csv = csvParse(await download(page, "Download this list (CSV)", "recommendations.csv"));
      expect(csv.columns).toEqual(["rank", "movieId", "title", "year", "genres", "predicted", "ratings", "mean"]);
      expect(csv.map((r) => +r.movieId!)).toEqual(
        await rows.evaluateAll((trs) => trs.map((tr) => +(tr as HTMLElement).dataset.movieId!))
      );
      expect(csv.some((r) => startsAWord.test(r.title!))).toBe(false);

      // Rate the first one from the table: it leaves the list, and the list is marked as an approximation.
      const first = await rows.first().getAttribute("data-movie-id");
      await rows.first().locator("select.seen-it").selectOption("5");
      await expect.poll(() => page.locator(".prediction-source").getAttribute("class")).toContain("approximate");
      expect(await page.locator(`table.recommendations tr[data-movie-id="${first}"]`).count()).toBe(0);
      expect(await page.locator(".prediction-source").textContent()).toMatch(/fold-in/);
      await page.close();
    }
  );

  it("compares two runs side by side with their overlap, measured on the lists it shows", async () => {
    await train(1, 10);
    await train(1, 20);
    const page = await open("./compare");
    const columns = page.locator(".compare-column");
    await expect.poll(() => columns.count(), {timeout: 30_000}).toBe(2);
    const lists = await columns.evaluateAll((cards) =>
      cards.map((card) => [...card.querySelectorAll("li")].map((li) => li.textContent!.replace(/ · [\d.]+$/, "")))
    );
    expect(lists.map((l) => l.length)).toEqual([20, 20]);
    const [a, b] = lists.map((l) => new Set(l));
    const common = [...a].filter((t) => b.has(t)).length;
    expect(await columns.evaluateAll((cards) => cards.map((card) => card.querySelector("h2")!.textContent))).toEqual([
      "Run #2",
      "Run #1"
    ]);
    expect(await page.locator(".compare-metrics tbody tr").count()).toBe(1);
    const cells = await page.locator(".compare-metrics tbody td").allTextContents();
    expect(cells[0]).toBe("Run #2 vs Run #1");
    expect(cells[1]).toBe((common / (a.size + b.size - common)).toFixed(2));
    expect(await page.locator(".compare-column li.shared").count()).toBe(2 * common);

    // The run history leaves as CSV (one row per run, newest first, as listed) and as JSON run cards.
    const history = csvParse(await download(page, "Download the run history (CSV)", "run-history.csv"));
    expect(history.map((r) => [r.run, r.factors, r.epochsDone])).toEqual([
      ["2", "20", "1"],
      ["1", "10", "1"]
    ]);
    const cardsJson = await download(page, "Download the run history (JSON)", "run-history.json");
    const cards = JSON.parse(cardsJson) as {
      runs: {id: number; hyper: {factors: number}; myPredictions?: unknown}[];
    };
    expect(cards.runs.map((r) => [r.id, r.hyper.factors, "myPredictions" in r])).toEqual([
      [2, 20, false],
      [1, 10, false]
    ]);

    // The comparison is in the page's link, and a link restores it: a run not kept here is refused in words.
    expect(new URL(page.url()).searchParams.getAll("runs")).toEqual(["2", "1"]);
    const linked = await open("./compare?runs=1&runs=99&runs=2&n=5");
    await expect.poll(() => linked.locator(".compare-column").count(), {timeout: 30_000}).toBe(2);
    expect(await linked.locator(".link-note").allTextContents()).toEqual([
      "The link's run “99” is not kept in this browser, so it is left out."
    ]);
    expect(await linked.locator(".compare-column").first().locator("li").count()).toBe(5);
    await linked.close();
    await page.close();

    // Another browser, with no runs of its own, imports the run cards: they show beside its (no) runs, and each
    // offers to train it again with its settings. A file that is not run cards is refused in words.
    await site.newContext();
    const elsewhere = await open("./compare");
    const input = elsewhere.getByLabel("Import run cards (JSON)");
    await input.setInputFiles({
      name: "notes.json",
      mimeType: "application/json",
      buffer: Buffer.from('{"runs": [{}]}')
    });
    await expect
      .poll(() => elsewhere.locator(".card-note").textContent())
      .toBe("notes.json was not imported: hyper is missing.");
    await input.setInputFiles({name: "run-history.json", mimeType: "application/json", buffer: Buffer.from(cardsJson)});
    const importedRows = elsewhere.locator("table.run-history").last().locator("tbody tr");
    await expect.poll(() => importedRows.count()).toBe(2);
    expect(await importedRows.first().locator("td").first().textContent()).toBe("#2 (imported from run-history.json)");
    await elsewhere.getByRole("link", {name: "Train #2 again"}).click();
    await elsewhere.waitForURL(/train\.html\?/);
    await expect.poll(() => elsewhere.getByLabel("n_factors", {exact: true}).inputValue()).toBe("20");
    expect(await elsewhere.locator("main").textContent()).not.toContain("This link was made on another dataset");
  });
});
