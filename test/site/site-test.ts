import {readFileSync, readdirSync, statSync} from "node:fs";
import {join} from "node:path";
import type {Browser} from "playwright-core";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import config from "../../observablehq.config.js";
import type {DatasetSummary, MovieRow} from "../../src/components/movielens/datasetArtifacts.js";
import {buildSite} from "../../scripts/lib/buildSite.js";
import {collectErrors, launchChromium} from "../../scripts/lib/chromium.js";
import {serveStatic} from "../../scripts/lib/serveStatic.js";
import {pageFile} from "../support/browserSite.js";

// Anything that would make the built site fetch code from the network instead of from dist/.
/** The notebook's steps: every page of the sidebar but the glossary, which explains their words. */
const STEPS = config.pages.filter((p) => p.path !== "/glossary");

const CDN = new RegExp(
  String.raw`https?:\/\/(cdn\.jsdelivr\.net|unpkg\.com|esm\.sh|esm\.run|cdnjs\.cloudflare\.com|` +
    String.raw`cdn\.skypack\.dev|ga\.jspm\.io|api\.observablehq\.com)`
);

function* files(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* files(path);
    else yield path;
  }
}

let site: Awaited<ReturnType<typeof buildSite>>;

/** A JSON file the build wrote (a loader's output), found by its name. */
function builtJson<T>(name: RegExp): T {
  const file = [...files(site.dir)].find((f) => name.test(f));
  if (!file) throw new Error(`no built file matches ${name}`);
  return JSON.parse(readFileSync(file, "utf-8")) as T;
}
let server: Awaited<ReturnType<typeof serveStatic>>;
let browser: Browser;

beforeAll(async () => {
  site = await buildSite();
  // Served from a sub-path, as GitHub Pages serves /<repo>/: every link and file must be relative.
  server = await serveStatic(site.dir, {prefix: "/movielens-workbook/"});
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe("observable build", () => {
  it("bundles every library: no file in dist/ refers to a CDN", () => {
    const offenders = [...files(site.dir)]
      .filter((f) => /\.(html|js|css|json)$/.test(f))
      .flatMap((f) => {
        const match = CDN.exec(readFileSync(f, "utf-8"));
        return match ? [`${f.slice(site.dir.length)}: ${match[0]}`] : [];
      });
    expect(offenders).toEqual([]);
  });
});

describe("the built site in headless Chromium", () => {
  async function open(path: string) {
    const page = await browser.newPage();
    const errors = collectErrors(page);
    const failed: string[] = [];
    page.on("requestfailed", (request) => failed.push(request.url()));
    page.on(
      "response",
      (response) => response.status() >= 400 && failed.push(`${response.status()} ${response.url()}`)
    );
    await page.goto(new URL(pageFile(path), server.url).href, {waitUntil: "networkidle"});
    return {page, errors, failed};
  }

  it("index: says what the workbook reproduces, with the dataset banner and counts", async () => {
    const {page, errors, failed} = await open("./");
    await expect
      .poll(() => page.locator(".dataset-banner").textContent())
      .toContain("Synthetic MovieLens-shaped data (20,000 ratings, seed 7)");
    expect(await page.locator(".dataset-banner code").textContent()).toBe("npm run data:fetch");
    expect(await page.locator("h1").first().textContent()).toContain("Movie recommendations");
    const summary = builtJson<DatasetSummary>(/summary\.[0-9a-f]+\.json$/);
    expect(await page.locator(".card .big").allTextContents()).toEqual(
      [summary.counts.ratings, summary.counts.users, summary.counts.movies, summary.counts.myRatings].map((n) =>
        n.toLocaleString("en-US")
      )
    );
    expect(errors).toEqual([]);
    expect(failed).toEqual([]);
    await page.close();
  });

  it(
    "load-data: the first movies, the last ratings (mine included), counts, " +
      "sparsity, and the decoded ratings file",
    async () => {
      const {page, errors, failed} = await open("./load-data");
      await page.locator(".load-timing").waitFor();
      // What the pages must show, computed here from the build's own outputs.
      const summary = builtJson<DatasetSummary>(/summary\.[0-9a-f]+\.json$/);
      const movies = builtJson<MovieRow[]>(/movies\.[0-9a-f]+\.json$/);
      const cells = (n: number) =>
        page
          .locator("table")
          .nth(n)
          .locator("tbody tr")
          .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent ?? "")));
      // Inputs.table keeps an empty first cell for its row selector, even with select off.
      const firstMovies = await cells(0);
      expect(firstMovies.map((row) => row.slice(1, 4))).toEqual(
        movies.slice(0, 10).map((m) => [m.id.toLocaleString("en-US"), m.title, String(m.year ?? "")])
      );
      const lastRatings = await cells(2);
      expect(lastRatings.map((row) => row.slice(1, 5))).toEqual(
        summary.lastRatings.map((r) => [String(r.userId), String(r.movieId), r.title, String(r.rating)])
      );
      expect(lastRatings.at(-1)![1]).toBe("99999");
      const cards = await page
        .locator(".card")
        .evaluateAll((divs) =>
          Object.fromEntries(
            divs.map((d) => [d.querySelector("h2")?.textContent, d.querySelector(".big")?.textContent])
          )
        );
      expect(cards).toMatchObject({
        Users: summary.counts.users.toLocaleString("en-US"),
        Movies: summary.counts.movies.toLocaleString("en-US"),
        Ratings: summary.counts.ratings.toLocaleString("en-US"),
        Sparsity: `${(100 * summary.sparsity).toFixed(2)}%`
      });
      expect(summary.sparsity).toBeGreaterThan(0.5);
      expect(await page.locator(".load-timing").textContent()).toMatch(
        new RegExp(`^Loaded ${summary.counts.ratings.toLocaleString("en-US")} ratings \\(`)
      );
      expect(await page.locator(".dataset-banner").count()).toBe(1);
      expect(errors).toEqual([]);
      expect(failed).toEqual([]);
      await page.close();
    }
  );

  it("histogram: ten bars, one per half star, and the mean", async () => {
    const {page, errors, failed} = await open("./histogram");
    const bars = page.locator("svg[class^=plot] g[aria-label=rect] rect");
    await expect.poll(() => bars.count()).toBe(10);
    expect(await page.locator("svg").filter({hasText: "mean"}).count()).toBe(1);
    expect(await page.locator(".dataset-banner").count()).toBe(1);
    expect(await page.locator("text=Half stars are rarer than whole stars").count()).toBe(1);
    expect(errors).toEqual([]);
    expect(failed).toEqual([]);
    await page.close();
  });

  it(
    "every page in the sidebar opens with the dataset banner, a title, a first paragraph that says what to do, " +
      "and no error, even before any training; the words it links to the glossary are all explained there",
    async () => {
      expect(STEPS.length).toBe(8);
      const terms = new Map<string, string>();
      for (const {path} of [{path: "/"}, ...STEPS]) {
        const {page, errors, failed} = await open(`.${path}`);
        await expect.poll(() => page.locator(".dataset-banner").count(), {message: path}).toBe(1);
        expect(await page.locator("h1").first().textContent(), path).toBeTruthy();
        // The page opens with what it does and what to do, in a sentence or two, before anything else.
        const lead = await page.locator("main p.lead").first().textContent();
        expect(lead?.split(/(?<=[.!?])\s+(?=[A-Z])/).length, `${path}: ${lead}`).toBeLessThanOrEqual(2);
        const links = await page
          .locator('main a[href*="glossary"]')
          .evaluateAll((as) => as.map((a) => [(a as HTMLAnchorElement).hash.slice(1), a.textContent!] as const));
        if (path !== "/") expect(links.length, path).toBeGreaterThan(0);
        for (const [id, text] of links) terms.set(id, `${path}: ${text}`);
        await page.waitForTimeout(500);
        expect(errors, path).toEqual([]);
        expect(failed, path).toEqual([]);
        await page.close();
      }
      const {page, errors, failed} = await open("./glossary");
      expect(await page.locator("h1").textContent()).toBe("Glossary");
      const ids = new Set(await page.locator("main [id]").evaluateAll((es) => es.map((e) => e.id)));
      expect([...terms].filter(([id]) => !ids.has(id)).map(([id, where]) => `#${id} (${where})`)).toEqual([]);
      expect(terms.size).toBeGreaterThanOrEqual(12);
      expect(errors).toEqual([]);
      expect(failed).toEqual([]);
      await page.close();
    }
  );
});
