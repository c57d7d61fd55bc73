// Filters and empty states (issue 11 §3, and Compare's items of §4), driven through the real pages in headless
// Chromium: every state a filter can be put in shows a list or a sentence, titles are found the way people type them,
// and Compare clears, labels and measures what it shows.
import {readFileSync, writeFileSync} from "node:fs";
import {join} from "node:path";
import type {Page} from "playwright-core";
import {describe, expect, it} from "vitest";
import {jaccard, rankCorrelation} from "../../src/components/model/compareLists.js";
import {buildSite} from "../../scripts/lib/buildSite.js";
import {useBrowserSite} from "../support/browserSite.js";
import {newTrainedContext, trainOnPage} from "../support/trainOnPage.js";

/** A movie as the test knows it from the dataset's files. */
interface Known {
  id: number;
  title: string;
  year: number | null;
  genres: string[];
  ratings: number;
}

// The dataset's movies after the edit below, and the ones my_ratings.dat rates (the pages start from those).
let catalogue: Known[] = [];
let rated = new Set<number>();

// Titles as MovieLens writes them, given to movies I have not rated; one movie loses its year.
const RENAMED = [
  "Matrix, The (1999)",
  "Matrix Reloaded, The (2003)",
  "Haine, La (1995)",
  "Amélie (2001)",
  "Undated Gem"
];

// Few enough movies that a top 100 lists every one I have not rated (100 was also the old Top N's maximum).
const site = useBrowserSite(() =>
  buildSite({seed: 17, users: 300, movies: 120, ratings: 20_000}, {}, (dir) => {
    rated = new Set(
      readFileSync(join(dir, "my_ratings.dat"), "utf-8")
        .split("\n")
        .filter(Boolean)
        .map((line) => +line.split("::")[1])
    );
    const counts = new Map<number, number>();
    for (const line of readFileSync(join(dir, "ratings.dat"), "utf-8").split("\n"))
      if (line) counts.set(+line.split("::")[1], (counts.get(+line.split("::")[1]) ?? 0) + 1);
    const lines = readFileSync(join(dir, "movies.dat"), "utf-8").split("\n").filter(Boolean);
    let next = 0;
    const edited = lines.map((line, i) => {
      const [id, title, genres] = line.split("::");
      // Rename movies from the middle of the list that I have not rated and that have a few ratings.
      if (next < RENAMED.length && i > 30 && !rated.has(+id) && (counts.get(+id) ?? 0) >= 5)
        return `${id}::${RENAMED[next++]}::${genres}`;
      return `${id}::${title}::${genres}`;
    });
    writeFileSync(join(dir, "movies.dat"), `${edited.join("\n")}\n`);
    catalogue = edited.map((line) => {
      const [id, title, genres] = line.split("::");
      const year = /\((\d{4})\)$/.exec(title);
      return {
        id: +id,
        title: title.replace(/\s*\(\d{4}\)$/, ""),
        year: year ? +year[1] : null,
        genres: genres.split("|"),
        ratings: (counts.get(+id) ?? 0) + (rated.has(+id) ? 1 : 0)
      }; // mine count, as in movies.json
    });
  })
);

/** Trains a 1-epoch model on the Train page (wasm), which becomes the latest model and a run to compare. */
const trainOnce = (factors = 20) => trainOnPage(site, {factors});

const unrated = (keep: (m: Known) => boolean = () => true) =>
  catalogue
    .filter((m) => !rated.has(m.id) && keep(m))
    .map((m) => m.id)
    .sort((a, b) => a - b);
const byTitle = (title: string) => catalogue.find((m) => m.title === title)!;

/** Trains a model, opens Recommendations on it, and gives the handles a test needs. */
async function openRecommendations() {
  await newTrainedContext(site, {factors: 20});
  const page = await site.open("./recommend");
  const rows = page.locator("table.recommendations tbody tr");
  await expect.poll(() => rows.count(), {timeout: 30_000}).toBe(20);
  expect(unrated().length).toBeLessThanOrEqual(100);
  return {
    page,
    rows,
    shown: async () =>
      (await rows.evaluateAll((trs) => trs.map((tr) => +(tr as HTMLElement).dataset.movieId!))).sort((a, b) => a - b),
    notes: () => page.locator(".filter-note").allTextContents(),
    empty: () => page.locator(".recommendations.empty").textContent(),
    field: (label: string) => page.getByLabel(label, {exact: true}),
    retrain: page.getByRole("button", {name: "Retrain with my new ratings"})
  };
}

describe("Recommendations: every filter accepts every state it can be put in", () => {
  it(
    "years: inverted while typing, read the right way round with a note; a cleared bound is no bound; " +
      "unset, they exclude nothing",
    async () => {
      const {page, shown, notes, field, retrain} = await openRecommendations();
      await field("Top N").fill("100"); // every movie I have not rated

      // To year 1999, then From year 2005, as typing leaves them: read as 1999–2005,
      // with a note; the table and Retrain stay.
      await field("To year").fill("1999");
      await field("From year").fill("2005");
      await expect.poll(shown).toEqual(unrated((m) => m.year !== null && m.year >= 1999 && m.year <= 2005));
      expect(await notes()).toEqual([
        "From year 2005 is after To year 1999, so the list shows movies from 1999 to 2005.",
        "1 movie has no year, and is left out while a year is set."
      ]);
      expect(await retrain.isVisible()).toBe(true);
      expect(await page.locator(".observablehq--error").count()).toBe(0);

      // A cleared bound is no bound; both cleared, the movie without a year is back.
      await field("From year").fill("");
      await expect.poll(shown).toEqual(unrated((m) => m.year !== null && m.year <= 1999));
      expect(await notes()).toEqual(["1 movie has no year, and is left out while a year is set."]);
      // Both cleared, as when the page opens: filters left alone exclude nothing, the movie without a year included.
      await field("To year").fill("");
      await expect.poll(shown).toEqual(unrated());
      expect(await shown()).toContain(byTitle("Undated Gem").id);
      expect(await notes()).toEqual([]);
      await page.close();
    }
  );

  it(
    "genres: one wanted, one not, and one in both selects (a note, and " + "an empty state that is a sentence)",
    async () => {
      const {page, rows, shown, notes, empty, field} = await openRecommendations();
      await field("Only these genres").selectOption(["Drama"]);
      await field("Not these genres").selectOption(["Drama"]);
      await expect
        .poll(notes)
        .toEqual([
          "Drama is in both “Only these genres” and “Not these genres”: “Not” wins, so no Drama movie is shown."
        ]);
      expect(await rows.count()).toBe(0);
      expect(await empty()).toBe(
        "No movie I have not rated passes these filters (only Drama; no Drama). Loosen one of them to see more."
      );
      await field("Top N").fill("100");
      await field("Not these genres").selectOption([]);
      await expect.poll(shown).toEqual(unrated((m) => m.genres.includes("Drama")));
      await field("Only these genres").selectOption([]);
      await field("Not these genres").selectOption(["Comedy"]);
      await expect.poll(shown).toEqual(unrated((m) => !m.genres.includes("Comedy")));
      expect(await notes()).toEqual([]);
      await field("Not these genres").selectOption([]);
      await expect.poll(shown).toEqual(unrated());
      await page.close();
    }
  );

  it("minimum ratings: a real minimum, one no movie reaches (said so), and cleared", async () => {
    const {page, rows, shown, notes, empty, field} = await openRecommendations();
    const minimum = field("At least this many ratings");
    await minimum.fill("100000");
    await expect.poll(() => rows.count()).toBe(0);
    const most = Math.max(...catalogue.map((m) => m.ratings));
    expect(await notes()).toEqual([
      `No movie has 100,000 ratings: the most rated has ${most.toLocaleString("en-US")}.`
    ]);
    expect(await empty()).toBe(
      "No movie I have not rated passes these filters (at least 100,000 ratings). Loosen one of them to see more."
    );
    await field("Top N").fill("100");
    await minimum.fill("170");
    await expect.poll(shown).toEqual(unrated((m) => m.ratings >= 170));
    expect(await notes()).toEqual([]);
    await minimum.fill("");
    await expect.poll(shown).toEqual(unrated());
    expect(await notes()).toEqual([]);
    await page.close();
  });

  it("Top N: 0, 3.5, 1000 and cleared all show a list, with a note where the number was read otherwise", async () => {
    const {page, rows, notes, field, retrain} = await openRecommendations();
    const topN = field("Top N");
    await topN.fill("0");
    await expect.poll(() => rows.count()).toBe(1);
    expect(await notes()).toEqual(["Top N is at least 1, so the list shows the top 1."]);
    await topN.fill("3.5");
    await expect.poll(() => rows.count()).toBe(4);
    expect(await notes()).toEqual(["Top N is a whole number, so the list shows the top 4."]);
    await topN.fill("1000");
    await expect.poll(() => rows.count()).toBe(unrated().length); // every movie I have not rated: fewer than 1,000
    expect(await notes()).toEqual([]);
    await topN.fill("");
    await expect.poll(() => rows.count()).toBe(20);
    expect(await notes()).toEqual([]);
    expect(await retrain.isVisible()).toBe(true);
    await page.close();
  });

  it(
    "exclude titles as people type them: “The Matrix” leaves out “Matrix, The”; accents, " +
      "case and years; one letter is too short",
    async () => {
      const {page, shown, notes, field} = await openRecommendations();
      await field("Top N").fill("100");
      const exclude = field("Exclude titles containing");
      await exclude.fill("The Matrix");
      const matrices = [byTitle("Matrix, The").id, byTitle("Matrix Reloaded, The").id];
      await expect.poll(shown).toEqual(unrated((m) => !matrices.includes(m.id)));
      // "amelie" is a word start: it leaves out "Amélie" and "Amélie's Garden" alike.
      await exclude.fill("la haine, AMELIE, (1988");
      await expect
        .poll(shown)
        .toEqual(
          unrated((m) => m.title !== "Haine, La" && !/(^|[^\p{L}])am[eé]lie/iu.test(m.title) && m.year !== 1988)
        );
      await exclude.fill("a");
      await expect.poll(notes).toEqual(["“a” is too short to exclude anything: type at least two letters."]);
      expect(await shown()).toEqual(unrated());
      await exclude.fill("");
      await expect.poll(notes).toEqual([]);
      await page.close();
    }
  );
});

describe("Rate movies: the search finds titles the way people type them", () => {
  it(
    "finds “The Matrix” as “Matrix, The”, ignores case and accents, reads a year, " +
      "hints at one letter, and counts the rest",
    async () => {
      await site.newContext();
      const page = await site.open("./rate");
      const search = page.getByLabel("Find a movie to rate");
      const results = page.locator(".search-results li");
      const titles = () => page.locator(".search-results li .title").allTextContents();

      await search.fill("The Matrix");
      await expect.poll(titles).toEqual(expect.arrayContaining(["Matrix, The (1999)", "Matrix Reloaded, The (2003)"]));
      expect(await titles()).toHaveLength(2);
      await search.fill("matrix, the");
      await expect.poll(titles).toHaveLength(2);
      await search.fill("LA HAINE");
      await expect.poll(titles).toEqual(["Haine, La (1995)"]);
      await search.fill("amelie");
      await expect.poll(titles).toContain("Amélie (2001)");

      // A year, typed as MovieLens writes it or bare: that year's movies, most rated first, then how many more.
      const perYear = new Map<number, number>();
      for (const m of catalogue) if (m.year !== null) perYear.set(m.year, (perYear.get(m.year) ?? 0) + 1);
      const [year, count] = [...perYear].sort((a, b) => b[1] - a[1])[0];
      for (const query of [`(${year}`, `${year}`, `(${year})`]) {
        await search.fill(query);
        await expect.poll(titles).toHaveLength(Math.min(count, 10));
        expect((await titles()).every((t) => t.endsWith(`(${year})`))).toBe(true);
      }
      // "(200" is the start of a year: the 2000s, ten of them listed, and how many more.
      const decade = catalogue.filter((m) => m.year !== null && m.year >= 2000 && m.year <= 2009).length;
      expect(decade).toBeGreaterThan(11);
      await search.fill("(200");
      await expect.poll(titles).toHaveLength(10);
      expect((await titles()).every((t) => /\(200\d\)$/.test(t))).toBe(true);
      expect(await page.locator(".search-results li.more").textContent()).toBe(
        `…and ${decade - 10} more movies match: type more of the title, or its year, to narrow the list.`
      );

      // One letter: a hint, not every title. Nothing found: a sentence that names the query.
      await search.fill("m");
      await expect
        .poll(() => results.allTextContents())
        .toEqual(["Type at least two letters of the title, or its year."]);
      await search.fill("zzqx");
      await expect.poll(() => results.allTextContents()).toEqual(["No movie matches “zzqx”."]);

      // A movie found by its MovieLens title can be rated from the results.
      await search.fill("the matrix reloaded");
      await expect.poll(titles).toEqual(["Matrix Reloaded, The (2003)"]);
      await page.locator(".search-results li select.rating-select").selectOption("4.5");
      await expect
        .poll(() =>
          page
            .locator(`.my-ratings-table tr[data-movie-id="${byTitle("Matrix Reloaded, The").id}"] select`)
            .inputValue()
        )
        .toBe("4.5");
      await page.close();
    }
  );
});

describe("Compare models: runs by their own names, cleared when fewer than two are ticked, real overlaps", () => {
  /** Each column's run name and titles, in order, and the titles it highlights. */
  const columns = (page: Page) =>
    page.locator(".compare-column").evaluateAll((cards) =>
      cards.map((card) => ({
        name: card.querySelector("h2")!.textContent!,
        titles: [...card.querySelectorAll("li")].map((li) => li.textContent!.replace(/ · [\d.]+$/, "")),
        shared: [...card.querySelectorAll("li.shared")].map((li) => li.textContent!.replace(/ · [\d.]+$/, ""))
      }))
    );
  const metrics = (page: Page) =>
    page
      .locator(".compare-metrics tbody tr")
      .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent!)));

  /** The metrics the page must show for its own lists: Jaccard and rank correlation of each pair, by name. */
  function expected(shown: {name: string; titles: string[]}[]): string[][] {
    const index = new Map<string, number>();
    const ids = shown.map((c) => c.titles.map((t) => index.get(t) ?? (index.set(t, index.size), index.size - 1)));
    const rows: string[][] = [];
    for (let i = 0; i < shown.length; ++i) {
      for (let j = i + 1; j < shown.length; ++j) {
        const rank = rankCorrelation(ids[i], ids[j]);
        rows.push([
          `${shown[i].name} vs ${shown[j].name}`,
          jaccard(ids[i], ids[j]).toFixed(2),
          Number.isFinite(rank) ? rank.toFixed(2) : "–"
        ]);
      }
    }
    return rows;
  }
  async function check(page: Page, names: string[], n: number) {
    await expect.poll(async () => (await columns(page)).map((c) => c.name)).toEqual(names);
    await expect.poll(async () => (await columns(page)).map((c) => c.titles.length)).toEqual(names.map(() => n));
    const shown = await columns(page);
    const inAll = shown[0].titles.filter((t) => shown.every((c) => c.titles.includes(t)));
    for (const c of shown) expect(c.shared).toEqual(c.titles.filter((t) => inAll.includes(t)));
    expect((await metrics(page)).map((r) => r.slice(0, 3))).toEqual(expected(shown));
    expect(await page.locator(".shared-count").textContent()).toBe(
      inAll.length === 0
        ? "No title is in every list."
        : `${inAll.length === 1 ? "One title is" : `${inAll.length} titles are`} in every list (highlighted).`
    );
  }

  it(
    "labels runs #N, computes Jaccard and rank correlation from the lists it shows, " +
      "follows Top N, and asks for two runs",
    async () => {
      await site.newContext();
      for (const factors of [10, 20, 30]) await trainOnce(factors);
      const page = await site.open("./compare");
      const run = (id: number) => page.getByLabel(new RegExp(`^#${id}: `));

      // Newest first, the two latest ticked: named by their own numbers, not by their position.
      await check(page, ["Run #3", "Run #2"], 20);

      // Top N follows, and every state of its field shows some list.
      const topN = page.getByLabel("Top N", {exact: true});
      await topN.fill("5");
      await check(page, ["Run #3", "Run #2"], 5);
      await topN.fill("0");
      await check(page, ["Run #3", "Run #2"], 1);
      expect(await page.locator(".top-n-note").textContent()).toBe("Top N is at least 1, so the list shows the top 1.");
      await topN.fill("");
      await check(page, ["Run #3", "Run #2"], 20);
      expect(await page.locator(".top-n-note").count()).toBe(0);

      // Three runs: highlighted titles are those in all three lists.
      await run(1).check();
      await check(page, ["Run #3", "Run #2", "Run #1"], 20);
      expect(await metrics(page)).toHaveLength(3);

      // One run ticked, then none: the old comparison goes, and the page asks for two.
      await run(3).uncheck();
      await run(2).uncheck();
      await expect.poll(() => page.locator(".compare-runs").count()).toBe(0);
      expect(await page.locator(".choose-two").textContent()).toBe(
        "Only Run #1 is ticked: tick one more run to compare it with."
      );
      await run(1).uncheck();
      await expect
        .poll(() => page.locator(".choose-two").textContent())
        .toBe("No run is ticked: tick two runs, up to four, to compare them.");
      expect(await page.locator(".compare-runs").count()).toBe(0);

      // Two again: the comparison is back, for those two.
      await run(1).check();
      await run(3).check();
      await check(page, ["Run #3", "Run #1"], 20);
      expect(await page.locator(".choose-two").count()).toBe(0);
      await page.close();
    }
  );
});

describe("Empty states read like sentences", () => {
  it("Recommendations, Compare and Explore before any model, and after one", async () => {
    await site.newContext();
    const text = async (path: string, selector: string) => {
      const page = await site.open(path);
      await expect.poll(() => page.locator(selector).count(), {timeout: 30_000}).toBeGreaterThan(0);
      const found = await page.locator(selector).allTextContents();
      await page.close();
      return found;
    };
    expect(await text("./recommend", ".recommendations.empty")).toEqual([
      "My recommendations appear here once a model is trained."
    ]);
    expect(await text("./compare", ".no-runs")).toEqual([
      "No run is kept yet: train two models on the Train a model page to compare them."
    ]);
    expect(await text("./explore", ".similar.empty, .factor-map.empty")).toEqual([
      "The movies most like a chosen one appear here once a model is trained on this dataset.",
      "The map appears here once a model is trained on this dataset."
    ]);
    const prose = (await text("./explore", "#observablehq-main")).join("");
    expect(prose).toContain(
      "A model's factors have as many dimensions as it has factors (n_factors on the Train a model page); principal"
    );
    expect(prose).not.toMatch(/\bn dimensions\b/);

    await trainOnce(20);
    expect((await text("./explore", "#observablehq-main")).join("")).toContain(
      "The latest model's factors have 20 dimensions; principal"
    );
    expect(await text("./compare", ".no-runs")).toEqual([
      "Only one run is kept so far: train one more on the Train a model page to compare the two."
    ]);
    expect(await text("./recommend", ".model-info")).toEqual([
      expect.stringMatching(/: trained for 1 epoch, valid loss \d\.\d{4}\.$/)
    ]);
  });
});
