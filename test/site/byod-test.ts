import {readFileSync, readdirSync, statSync} from "node:fs";
import {mkdtempSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {strToU8, zipSync} from "fflate";
import type {Page} from "playwright-core";
import {describe, expect, it} from "vitest";
import {parseMoviesDat} from "../../src/components/movielens/parseMoviesDat.js";
import {decodeRatingsFile} from "../../src/components/movielens/ratingsFile.js";
import {writeSynthetic} from "../../src/data/writeSynthetic.js";
import {buildSite} from "../../scripts/lib/buildSite.js";
import {SITES} from "../support/sites.js";
import {patchZipEntry} from "../support/patchZipEntry.js";
import {untilRunEnds} from "../support/trainOnPage.js";
import {useBrowserSite} from "../support/browserSite.js";

function* files(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* files(path);
    else yield path;
  }
}

describe("npm run build:publish (WORKBOOK_PUBLISH=1)", () => {
  it("embeds no file derived from MovieLens when the real dataset is in use", async () => {
    // A stand-in for the real dataset: synthetic files without SYNTHETIC.json read as MovieLens.
    const site = await SITES.publish();
    expect(site.log).toContain("MovieLens data is withheld from dist/");
    const titles = parseMoviesDat(readFileSync(join(site.dataDir, "movies.dat")))
      .map((m) => m.title)
      .filter((t) => t.length >= 12);
    expect(titles.length).toBeGreaterThan(50);
    const leaks: string[] = [];
    let binaries = 0;
    for (const file of files(site.dir)) {
      expect(file).not.toMatch(/\.dat$/);
      const text = readFileSync(file, "latin1");
      const title = titles.find((t) => text.includes(t));
      if (title) leaks.push(`${file}: ${title}`);
      if (/ratings\.[0-9a-f]+\.bin$/.test(file)) {
        const bytes = readFileSync(file);
        expect(
          decodeRatingsFile(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length) as ArrayBuffer).header
            .rows
        ).toBe(0);
        ++binaries;
      }
    }
    expect(leaks).toEqual([]);
    expect(binaries).toBe(1);
  });
});

describe("Load MovieLens from your computer (browser)", () => {
  let zip: Buffer;
  // The visitor's movies and the built-in ones: their ids collide (both start at 1), so they are told apart by title.
  let mine: {movies: Set<number>; titles: string[]; byId: Map<number, string>; ratings: number};
  let builtInTitles: string[];

  // Each test gets a fresh browser profile and fails on any page error (test/support/browserSite.ts).
  const site = useBrowserSite(
    async () => {
      const built = await buildSite();
      builtInTitles = parseMoviesDat(new Uint8Array(readFileSync(join(built.dataDir, "movies.dat")))).map(
        (m) => m.title
      );
      // The visitor's dataset: another synthetic set, zipped as GroupLens lays out ml-10m.zip.
      const dir = join(mkdtempSync(join(tmpdir(), "byod-")), "ml-10M100K");
      await writeSynthetic(dir, {seed: 21, users: 400, movies: 350, ratings: 24_000});
      const read = (name: string) => new Uint8Array(readFileSync(join(dir, name)));
      zip = Buffer.from(
        zipSync({
          "ml-10M100K/movies.dat": read("movies.dat"),
          "ml-10M100K/ratings.dat": read("ratings.dat"),
          "ml-10M100K/README.html": strToU8("<p>readme</p>")
        })
      );
      const movies = parseMoviesDat(read("movies.dat"));
      mine = {
        movies: new Set(movies.map((m) => m.id)),
        titles: movies.map((m) => m.title),
        byId: new Map(movies.map((m) => [m.id, m.title])),
        ratings: 24_000
      };
      return built;
    },
    {prefix: "/movielens-workbook/"}
  );

  const open = async (path: string) => ({page: await site.open(path)});

  async function load(page: Page, files: {name: string; buffer: Buffer}[]) {
    await page.locator(".dataset-loader summary").click();
    await page
      .getByLabel("MovieLens files")
      .setInputFiles(files.map((f) => ({...f, mimeType: "application/octet-stream"})));
  }

  it("rejects a zip without ratings.dat, and a malformed line, with a clear error and nothing stored", async () => {
    const {page} = await open("./load-data");
    const status = page.locator(".dataset-loader-status");
    await load(page, [
      {name: "ml-10m.zip", buffer: Buffer.from(zipSync({"ml-10M100K/movies.dat": strToU8("1::A (2000)::Drama\n")}))}
    ]);
    await expect.poll(() => status.textContent()).toContain("lacks ratings.dat");
    expect(await status.textContent()).toContain("Nothing was stored.");
    await load(page, [
      {name: "movies.dat", buffer: Buffer.from("1::A (2000)::Drama\n")},
      {name: "ratings.dat", buffer: Buffer.from("1::1::4::1\n1::1::9::2\n")}
    ]);
    await expect.poll(() => status.textContent()).toContain("ratings.dat:2: rating 9 is outside 0.5–5");
    // 7-Zip's Deflate64: refused for its method, with the fix, not called damaged.
    await load(page, [
      {name: "ml-1m.zip", buffer: Buffer.from(patchZipEntry(zip, "ml-10M100K/ratings.dat", {method: 9}))}
    ]);
    await expect
      .poll(() => status.textContent())
      .toContain(
        "ml-10M100K/ratings.dat in ml-1m.zip is compressed with Deflate64 (method 9), which this import cannot read."
      );
    await page.reload({waitUntil: "networkidle"});
    expect(await page.locator(".dataset-banner").textContent()).toContain("Synthetic");
    await page.close();
  });

  it("takes files dropped anywhere on the control, as the file input does", async () => {
    const {page} = await open("./load-data");
    const control = page.locator(".dataset-loader");
    const bytes = [...zipSync({"ml-10M100K/movies.dat": strToU8("1::A (2000)::Drama\n")})];
    const dataTransfer = await page.evaluateHandle((b) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([new Uint8Array(b)], "ml-10m.zip"));
      return transfer;
    }, bytes);
    await control.dispatchEvent("dragover", {dataTransfer});
    expect(await control.evaluate((d) => [(d as HTMLDetailsElement).open, d.classList.contains("dragging")])).toEqual([
      true,
      true
    ]);
    await control.dispatchEvent("drop", {dataTransfer});
    await expect.poll(() => page.locator(".dataset-loader-status").textContent()).toContain("lacks ratings.dat");
    expect(await control.evaluate((d) => d.classList.contains("dragging"))).toBe(false);
    await page.close();
  });

  it("loads a zip through the file input; the data, train and recommendations pages then use it", async () => {
    const {page} = await open("./load-data");
    await load(page, [{name: "ml-10m.zip", buffer: zip}]);
    await page.waitForEvent("load", {timeout: 60_000});
    await page.waitForLoadState("networkidle");
    await expect.poll(() => page.locator(".dataset-banner").textContent()).toContain("loaded from your computer");
    // Named for what it is: no MovieLens release, so by its counts.
    const name =
      `MovieLens-format data, ${mine.movies.size.toLocaleString("en-US")} movies, ` +
      `${mine.ratings.toLocaleString("en-US")} ratings`;
    expect(await page.locator(".dataset-banner").textContent()).toBe(
      `${name}, loaded from your computer and kept in this browser.`
    );
    expect(await page.locator(".dataset-loader summary").textContent()).toBe(`${name} (from your computer) is in use`);
    expect(await page.locator(".load-timing").textContent()).toContain(
      `Loaded ${mine.ratings.toLocaleString("en-US")} ratings`
    );
    // The movies table lists the visitor's first movies, not the built-in ones with the same ids.
    const titles = await page
      .locator("table")
      .first()
      .locator("tbody tr")
      .evaluateAll((trs) => trs.map((tr) => tr.querySelectorAll("td")[2]?.textContent ?? ""));
    expect(titles).toEqual(mine.titles.slice(0, 10));
    expect(titles).not.toEqual(builtInTitles.slice(0, 10));
    await page.close();

    const train = await open("./train");
    await expect.poll(() => train.page.locator(".dataset-banner").textContent()).toContain("loaded from your computer");
    await train.page.getByLabel("Backend", {exact: true}).selectOption("wasm");
    const epochs = train.page.getByLabel("Epochs", {exact: true});
    await epochs.fill("1");
    await epochs.dispatchEvent("input");
    await train.page.locator(".train-controls button", {hasText: "Train"}).click();
    await untilRunEnds(train.page);
    await train.page.close();

    const recommend = await open("./recommend");
    const rows = recommend.page.locator("table.recommendations tbody tr");
    await expect.poll(() => rows.count(), {timeout: 30_000}).toBe(20);
    const ids = await rows.evaluateAll((trs) => trs.map((tr) => +(tr as HTMLElement).dataset.movieId!));
    expect(ids.every((id) => mine.movies.has(id))).toBe(true);
    // Each recommended title is the visitor's movie of that id, not the built-in movie that shares it.
    // The title cell's own text (a narrow screen adds the year and genres under it).
    const recommended = await rows.evaluateAll((trs) =>
      trs.map((tr) => (tr as HTMLTableRowElement).querySelector("td.col-title")?.firstChild?.textContent ?? "")
    );
    expect(recommended).toEqual(ids.map((id) => mine.byId.get(id)));
    expect(recommended.some((t) => !builtInTitles.includes(t))).toBe(true);
    // None of my ratings on the visitor's data: a cold start. The list is not called mine: it is the most popular
    // movies, most rated first, with no predicted column, and the page links Rate movies.
    const cold = recommend.page.locator(".cold-start");
    expect((await cold.textContent())!.replace(/\s+/g, " ")).toMatch(
      /^ ?Not my list yet\. I have not rated any movie yet, and a list becomes mine from 5 ratings\. .*most popular/
    );
    // The link works on a host that rewrites nothing, as this test's server is.
    const rateHref = (await cold.getByRole("link", {name: "Rate movies"}).getAttribute("href"))!;
    expect((await fetch(new URL(rateHref, recommend.page.url()))).status).toBe(200);
    expect(await recommend.page.locator("table.recommendations thead th").allTextContents()).not.toContain("Predicted");
    expect(await recommend.page.locator(".prediction-source").count()).toBe(0);
    // No control that would do nothing: no ranking switch, no popularity knob.
    expect(await recommend.page.locator(".ranking-switch, .popularity-knob, .knob-off").count()).toBe(0);
    const counts = (await rows.locator("td.col-ratings").allTextContents()).map((t) => +t.replaceAll(",", ""));
    expect(counts).toEqual([...counts].sort((a, b) => b - a));

    // "Forget this data" returns every page to the build's dataset.
    recommend.page.once("dialog", (dialog) => void dialog.accept());
    // Waiting for the reload from before the click: it can finish before a wait begun after it.
    const reloaded = recommend.page.waitForEvent("load");
    await recommend.page.getByRole("button", {name: "Forget this data"}).click();
    await reloaded;
    await expect.poll(() => recommend.page.locator(".dataset-banner").textContent()).toContain("Synthetic");
    // The latest model was trained on the visitor's data: the page says so rather than ranking the wrong movies.
    await expect
      .poll(() => recommend.page.locator(".other-dataset").textContent())
      .toContain("trained on another dataset");
    expect(await recommend.page.locator("table.recommendations").count()).toBe(0);
    await recommend.page.close();
  });
});
