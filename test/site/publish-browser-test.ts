// The published workbook (`npm run build:publish` on real MovieLens) holds no data: every page must still read well,
// with an invitation to load MovieLens from your computer instead of errors, empty charts, zeros or NaN.
import {existsSync} from "node:fs";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {serveStatic} from "../../scripts/lib/serveStatic.js";
import config from "../../observablehq.config.js";
import {useBrowserSite} from "../support/browserSite.js";
import {SITES} from "../support/sites.js";

// A stand-in for the real dataset (SITES.publish),
// whose publish build withholds it.
/** The notebook's steps: every page of the sidebar but the glossary, which explains their words. */
const STEPS = config.pages.filter((p) => p.path !== "/glossary");

const site = useBrowserSite(SITES.publish, {prefix: "/movielens-workbook/"});

describe("a published workbook without data (browser)", () => {
  it("lists every page of the config", () => {
    expect(STEPS.length).toBe(8);
    expect(config.pages.at(-1)).toEqual({name: "Glossary", path: "/glossary"});
  });

  for (const {path} of [{path: "/"}, ...STEPS]) {
    it(`${path}: invites me to load MovieLens, with no error, warning, NaN, undefined or null`, async () => {
      const page = await site.open(`.${path}`);
      await page.waitForTimeout(500); // let every cell settle
      // The invitation: the banner says why there is no data, and "Load MovieLens from your computer" is open.
      expect(await page.locator(".dataset-banner").textContent()).toContain("load MovieLens from your computer below");
      const loader = page.locator(".dataset-loader");
      expect(await loader.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(true);
      expect(await loader.locator("summary").textContent()).toBe("Load MovieLens from your computer");
      expect(await page.getByLabel("MovieLens files").isVisible()).toBe(true);
      // Having no data is this site's normal state, not an error.
      expect(await page.locator("main .warning, main .error, main .caution").count()).toBe(0);
      // What a reader sees, less code spans (the Train page's prose names `NaN` on purpose).
      const text = await page.locator("main").evaluate((main) => {
        const seen: string[] = [];
        const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const parent = node.parentElement!;
          if (!parent.closest("code, pre") && parent.checkVisibility()) seen.push(node.textContent!);
        }
        return seen.join(" ");
      });
      expect(text).not.toMatch(/\b(NaN|undefined|null|Infinity)\b/);
      // One thing to do first, said once: no advice that cannot be followed yet, and no list that is not there.
      expect(text).not.toMatch(/train (one|two models) on the Train a model page|Not my list yet|No movie is left/);
      // Words for a visitor, who has no command line: no npm command, code spans included.
      expect(await page.locator("main").innerText()).not.toMatch(/\bnpm\b/);
      // Where to get the data: GroupLens's page, linked, and the two files most people want.
      expect(await loader.locator("a").getAttribute("href")).toBe("https://grouplens.org/datasets/movielens/");
      expect(await loader.textContent()).toMatch(/ml-latest-small\.zip.*ml-10m\.zip/);
      expect(text).not.toMatch(/\b0 (ratings|movies|users)\b|\b0\.00%|100\.00%/);
      await page.close();
    });
  }

  it(
    "works on a host that rewrites nothing, under a sub-path (GitHub Pages' layout): the pager walks every page in " +
      "order, and every link on every page resolves",
    async () => {
      const built = await SITES.publish();
      expect(existsSync(join(built.dir, ".nojekyll")), "GitHub Pages must not run Jekyll on _-folders").toBe(true);
      const page = await site.open("./");
      const visited: string[] = [];
      const links = new Set<string>();
      for (;;) {
        visited.push(new URL(page.url()).pathname);
        for (const href of await page
          .locator("a[href]")
          .evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href)))
          if (href.startsWith(site.url)) links.add(href.replace(/#.*/, ""));
        const next = page.locator("#observablehq-footer nav a[rel=next]");
        if ((await next.count()) === 0) break;
        // The link itself is clicked (a DOM click): a pointer click aims at where the link was a moment before, and
        // on a busy machine a page still drawing its cells can move the footer in between (once in CI the walk then
        // waited 30 s for a navigation that never started).
        await Promise.all([
          page.waitForURL((url) => url.pathname !== visited.at(-1)),
          next.evaluate((a) => (a as HTMLAnchorElement).click())
        ]);
        expect(await page.locator("h1").count(), page.url()).toBeGreaterThan(0);
      }
      const files = ["index.html", ...config.pages.map(({path}) => `${path.slice(1)}.html`)];
      expect(visited).toEqual(["/movielens-workbook/", ...files.slice(1).map((f) => `/movielens-workbook/${f}`)]);
      // Every link found (sidebar, pager, prose), asked for as the browser would.
      const broken: string[] = [];
      for (const link of links) {
        const response = await fetch(link, {redirect: "manual"});
        if (response.status !== 200) broken.push(`${response.status} ${link}`);
      }
      expect(broken).toEqual([]);
      expect(links.size).toBeGreaterThanOrEqual(files.length);
      await page.close();
    }
  );

  it("works on a host that strips .html (pretty URLs): a page at its extensionless path, its links too", async () => {
    const built = await SITES.publish();
    const host = await serveStatic(built.dir, {rewriting: "strip-html"});
    try {
      const page = await site.open("./");
      await page.goto(`${host.url}train.html`, {waitUntil: "networkidle"});
      expect(new URL(page.url()).pathname).toBe("/train");
      expect(await page.locator(".train-controls button", {hasText: "Train"}).count()).toBe(1);
      const links = await page.locator("a[href]").evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
      const broken: string[] = [];
      for (const link of new Set(links.filter((href) => href.startsWith(host.url)).map((h) => h.replace(/#.*/, "")))) {
        const response = await fetch(link);
        if (response.status !== 200) broken.push(`${response.status} ${link}`);
      }
      expect(broken).toEqual([]);
      await page.close();
    } finally {
      await host.close();
    }
  });

  it("/train: Train waits for data, and Stop for a run", async () => {
    const page = await site.open("./train");
    expect(await page.locator(".train-controls button", {hasText: "Train"}).isDisabled()).toBe(true);
    expect(await page.locator(".train-controls button", {hasText: "Stop"}).isDisabled()).toBe(true);
    expect(await page.locator(".no-data").textContent()).toBe(
      "Load MovieLens from your computer, above, to train a model on it."
    );
    await page.close();
  });
});
