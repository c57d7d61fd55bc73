// The published workbook (`npm run build:publish` on real MovieLens) holds no data: every page must still read well,
// with an invitation to load MovieLens from your computer instead of errors, empty charts, zeros or NaN.
import {describe, expect, it} from "vitest";
import config from "../../observablehq.config.js";
import {useBrowserSite} from "../support/browserSite.js";
import {SITES} from "../support/sites.js";

// A stand-in for the real dataset (SITES.publish),
// whose publish build withholds it.
const site = useBrowserSite(SITES.publish, {prefix: "/movielens-workbook/"});

describe("a published workbook without data (browser)", () => {
  it("lists every page of the config", () => {
    expect(config.pages.length).toBe(8);
  });

  for (const {path} of [{path: "/"}, ...config.pages]) {
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
      expect(text).not.toMatch(/\b0 (ratings|movies|users)\b|\b0\.00%|100\.00%/);
      await page.close();
    });
  }

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
