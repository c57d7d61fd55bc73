// Every page passes axe-core (WCAG 2.1 A and AA rules) with no serious or critical violations, at 1280 and 390 px, in
// its main states (issue 22, part 6): empty (a fresh browser, no model), loaded (the build's data), trained, and with
// recommendations.
import AxeBuilder from "@axe-core/playwright";
import type {Page} from "playwright-core";
import {describe, expect, it} from "vitest";
import {SMALL, buildSite} from "../../scripts/lib/buildSite.js";
import {useBrowserSite} from "../support/browserSite.js";
import {trainOnPage} from "../support/trainOnPage.js";

const site = useBrowserSite(() => buildSite(SMALL));
const PAGES = ["./", "./load-data", "./histogram", "./train", "./save-resume", "./rate", "./recommend", "./compare"];
const TRAINED = ["./train", "./save-resume", "./recommend", "./compare", "./explore"];
const WIDTHS = [1280, 390];

/**
 * The serious and critical violations axe finds on the page as it is now, one line each: rule, and where. In
 * @axe-core/playwright's legacy mode, which runs axe in the page itself: its default opens a blank page to gather
 * frames' results, which costs more than the analysis on these pages (8.8 s against 4.8 s of CPU for four pages at two
 * widths), and the workbook's pages have no frames. Only violations are gathered in full (axe's `resultTypes`; passes
 * and the rest keep one node each, and every rule still runs): the file's CPU fell from 32.2 to 27.3 s. The options
 * come before the tags, which they would otherwise replace.
 */
async function violations(page: Page): Promise<string[]> {
  const {violations} = await new AxeBuilder({page})
    .options({resultTypes: ["violations"]})
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    .setLegacyMode(true)
    .analyze();
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}): ${n.target.join(" ")} — ${v.help}`));
}

/** Opens each page once, and lists what axe finds on it at each width. */
async function check(paths: string[]): Promise<string[]> {
  const found: string[] = [];
  for (const path of paths) {
    const page = await site.open(path);
    for (const width of WIDTHS) {
      await page.setViewportSize({width, height: 900});
      // Let the page settle at this width (what scrolls, and so must take focus, depends on it).
      await page.waitForTimeout(300);
      found.push(...(await violations(page)).map((v) => `${path} at ${width} px: ${v}`));
    }
    await page.close();
  }
  return found;
}

describe("accessibility: axe-core finds nothing serious (browser)", () => {
  it("on every page, empty (a fresh browser) and loaded with the build's data, at 1280 and 390 px", async () => {
    await site.newContext();
    expect(await check([...PAGES, "./explore"])).toEqual([]);
  }, 180_000);

  it("on the pages that show a model, once one is trained, with recommendations, at 1280 and 390 px", async () => {
    await site.newContext();
    await trainOnPage(site);
    expect(await check(TRAINED)).toEqual([]);
  }, 180_000);
});
