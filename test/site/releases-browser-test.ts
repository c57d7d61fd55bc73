// Every MovieLens release through "Load MovieLens from your computer" (issue 15), in headless Chromium: an ML-100K zip
// (tab-separated u.data, |-separated Latin-1 u.item) and a CSV release's zip (ml-latest-small) are read, named by what
// they are, and the Train, Rate and Recommendations pages then run on them.
import {mkdtempSync, readFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {strToU8, zipSync} from "fflate";
import type {Page} from "playwright-core";
import {describe, expect, it} from "vitest";
import {ML100K_GENRES} from "../../src/components/movielens/parseUItem.js";
import {CARD_GUARD_MS} from "../../src/components/ui/RatingWidget.js";
import {synthesize} from "../../src/components/synth/synthesize.js";
import {writeSynthetic} from "../../src/data/writeSynthetic.js";
import {buildSite} from "../../scripts/lib/buildSite.js";
import {useBrowserSite} from "../support/browserSite.js";
import {trainOnPage} from "../support/trainOnPage.js";

// ML-100K's exact counts (943 users, 1,682 movies, 100,000 ratings), so the import names it MovieLens 100K.
const ML100K = {seed: 17, users: 943, movies: 1682, ratings: 100_000};
let ml100kZip: Buffer;
let ml100kIds: Set<number>;
let smallZip: Buffer;
let smallIds: Set<number>;

/** A synthetic set written as ml-100k.zip lays it out: u.data with whole stars, u.item in Latin-1 with genre flags. */
function ml100k(): {zip: Buffer; ids: Set<number>} {
  const {movies, ratings} = synthesize(ML100K);
  const data = Array.from(
    ratings.userId,
    (u, i) =>
      `${u}\t${ratings.movieId[i]}\t${Math.max(1, Math.round(ratings.rating2[i] / 2))}\t${ratings.timestamp[i]}\n`
  ).join("");
  // The first title gets an accent, so the Latin-1 decoding is on the page's path.
  const item = movies
    .map(
      (m, i) =>
        `${m.id}|${i === 0 ? "Misérables, Les" : m.title} ` +
        `(${m.year})|01-Jan-${m.year}||http://us.imdb.com/M/title-exact?${m.id}|` +
        `${ML100K_GENRES.map((g) => (m.genres.includes(g) ? 1 : 0)).join("|")}\n`
    )
    .join("");
  const zip = zipSync({
    "ml-100k": {
      "u.data": strToU8(data),
      "u.item": new Uint8Array(Buffer.from(item, "latin1")),
      "u.user": strToU8(""),
      README: strToU8("ml-100k")
    }
  });
  return {zip: Buffer.from(zip), ids: new Set(movies.map((m) => m.id))};
}

const site = useBrowserSite(
  async () => {
    const built = await buildSite();
    ({zip: ml100kZip, ids: ml100kIds} = ml100k());
    const dir = join(mkdtempSync(join(tmpdir(), "releases-browser-")), "ml-latest-small");
    await writeSynthetic(dir, {seed: 23, users: 400, movies: 350, ratings: 24_000}, () => {}, {csv: true});
    const read = (name: string) => new Uint8Array(readFileSync(join(dir, name)));
    smallZip = Buffer.from(
      zipSync({
        "ml-latest-small": {
          "movies.csv": read("movies.csv"),
          "ratings.csv": read("ratings.csv"),
          "links.csv": strToU8("movieId,imdbId,tmdbId\n")
        }
      })
    );
    smallIds = new Set([...new TextDecoder().decode(read("movies.csv")).matchAll(/^(\d+),/gm)].map((m) => +m[1]));
    return built;
  },
  {prefix: "/movielens-workbook/"}
);

async function load(name: string, buffer: Buffer): Promise<Page> {
  const page = await site.open("./load-data");
  await page.locator(".dataset-loader summary").click();
  await page.getByLabel("MovieLens files").setInputFiles([{name, buffer, mimeType: "application/zip"}]);
  await page.waitForEvent("load", {timeout: 60_000});
  await page.waitForLoadState("networkidle");
  return page;
}

const cardId = async (page: Page) => +(await page.locator(".movie-card").getAttribute("data-movie-id"))!;

describe("Load MovieLens from your computer: every release", () => {
  it("reads an ML-100K zip, names it MovieLens 100K, and trains and rates on it", async () => {
    const page = await load("ml-100k.zip", ml100kZip);
    await expect
      .poll(() => page.locator(".dataset-banner").textContent())
      .toBe("MovieLens 100K, loaded from your computer and kept in this browser.");
    expect(await page.locator(".dataset-loader summary").textContent()).toBe(
      "MovieLens 100K (from your computer) is in use"
    );
    expect(await page.locator(".load-timing").textContent()).toContain("Loaded 100,000 ratings");
    // The page describes the files this release came in, not the notebook's movies.dat and ratings.dat.
    const body = await page.locator("main").innerText();
    expect(body).toContain("The data in use, MovieLens 100K (from your computer), comes as a tab-separated u.data");
    expect(await page.locator("code.format-line").allTextContents()).toEqual([
      "movie id | movie title (year) | release date | video release date | IMDb URL | 19 genre flags (0 or 1)",
      "user id ⇥ item id ⇥ rating ⇥ timestamp"
    ]);
    expect(body).toContain("u.item holds one line per movie");
    // What was kept is said of this release's movies file too.
    expect(body).toMatch(/every rated movie is in u\.item|missing from u\.item were dropped/);
    await page.close();

    // The histogram describes this release's own scale: whole stars 1–5, whose middle is 3.
    const histogram = await site.open("./histogram");
    await expect.poll(() => histogram.locator(".dataset-banner").textContent()).toContain("MovieLens 100K");
    const prose = await histogram.locator("main").innerText();
    expect(prose).toContain(
      "These ratings take only five values, the whole stars 1 to 5, so here each gets its own bar"
    );
    expect(prose).not.toContain("each half star gets its own bar");
    expect(prose).toContain("There are no half stars.");
    expect(prose).toMatch(/the middle of the scale \(3\)/);
    expect(prose).not.toContain("(2.75)");
    await histogram.close();

    await trainOnPage(site);

    const rate = await site.open("./rate");
    await expect.poll(() => rate.locator(".dataset-banner").textContent()).toContain("MovieLens 100K");
    const shown = await cardId(rate);
    expect(ml100kIds.has(shown)).toBe(true);
    // Rate offers this release's own scale: whole stars 1–5, and Shift+4 (3.5 stars) rates nothing.
    expect(await rate.locator(".stars button.star").allTextContents()).toEqual(["1★", "2★", "3★", "4★", "5★"]);
    expect(await rate.locator(".rating-widget .keys").textContent()).toContain("whole stars only");
    await rate.waitForTimeout(CARD_GUARD_MS + 200);
    await rate.keyboard.press("Shift+Digit4");
    await rate.waitForTimeout(300);
    expect(await cardId(rate)).toBe(shown);
    await rate.waitForTimeout(CARD_GUARD_MS + 200);
    await rate.locator('.stars button.star[data-rating="4"]').click();
    await expect.poll(() => rate.locator(`.my-ratings-table tr[data-movie-id="${shown}"]`).count()).toBe(1);
    // The accented title, read as Latin-1, is found by the search.
    await rate.getByPlaceholder("Find a movie to rate…").fill("Misérables");
    await expect
      .poll(() => rate.locator(".search-results li[data-movie-id]").first().textContent())
      .toContain("Misérables, Les");
    await rate.close();
  });

  it(
    "reads a CSV release's zip (ml-latest-small), names it by its folder, " + "and trains and recommends on it",
    async () => {
      const page = await load("ml-latest-small.zip", smallZip);
      await expect
        .poll(() => page.locator(".dataset-banner").textContent())
        .toBe("MovieLens Latest Small, loaded from your computer and kept in this browser.");
      expect(await page.locator("code.format-line").allTextContents()).toEqual([
        "movieId,title,genres",
        "userId,movieId,rating,timestamp"
      ]);
      expect(await page.locator("main").innerText()).toContain("ratings.csv holds one line per rating");
      await page.close();

      await trainOnPage(site);

      const recommend = await site.open("./recommend");
      await expect.poll(() => recommend.locator(".dataset-banner").textContent()).toContain("MovieLens Latest Small");
      const rows = recommend.locator("table.recommendations tbody tr");
      await expect.poll(() => rows.count(), {timeout: 30_000}).toBe(20);
      const ids = await rows.evaluateAll((trs) => trs.map((tr) => +(tr as HTMLElement).dataset.movieId!));
      expect(ids.every((id) => smallIds.has(id))).toBe(true);
      await recommend.close();
    }
  );
});
