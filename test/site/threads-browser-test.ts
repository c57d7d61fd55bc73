// Training on several threads in the browser (issue 25, part 2): a page that is cross-origin isolated, whether by the
// host's headers or by the service worker every build ships (scripts/lib/isolatePages.ts), trains on as many threads
// as the machine has cores (here two), says so in a line, and gives the same model for the same seed; a page that is
// not says it trains on one thread, and why.
import type {Page} from "playwright-core";
import {describe, expect, it} from "vitest";
import {SMALL, buildSite} from "../../scripts/lib/buildSite.js";
import {useBrowserSite} from "../support/browserSite.js";
import {trainInPage} from "../support/trainOnPage.js";

/** The run's notes and its epoch table's train and valid losses, on the Train page after a run. */
async function runOnPage(page: Page) {
  return {
    notes: await page.locator(".run-note").allTextContents(),
    losses: await page
      .locator(".epoch-table tbody tr")
      .evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll("td")].slice(1, 3).map((td) => td.textContent))),
    isolated: await page.evaluate(() => crossOriginIsolated)
  };
}

/** Trains one run (1 epoch, seed 5) on the Train page (at `path`), as trainOnPage does, and reads it back. */
async function trainAndRead(site: ReturnType<typeof useBrowserSite>, path?: string) {
  const page = await trainInPage(site, {seed: 5, path});
  try {
    return await runOnPage(page);
  } finally {
    await page.close();
  }
}

describe("on a host that sends COOP and COEP", () => {
  const site = useBrowserSite(() => buildSite(SMALL), {isolate: true});

  it("trains on two threads, says so, and gives the same losses for the same seed", async () => {
    await site.newContext();
    const first = await trainAndRead(site);
    expect(first.isolated).toBe(true);
    expect(first.notes.join(" ")).toMatch(/trains on 2 threads \(this page is cross-origin isolated; 2 cores\)/);
    expect(first.losses).toHaveLength(1);
    await site.newContext();
    const again = await trainAndRead(site);
    expect(again.losses).toEqual(first.losses);
    // The address can ask for one thread, to measure one: another model, as good.
    const one = await trainAndRead(site, "./train?threads=1");
    expect(one.notes.join(" ")).toMatch(/trains on one thread, as the address's \?threads=1 asks/);
    expect(one.losses).not.toEqual(first.losses);
  });
});

describe("on a plain static host", () => {
  const site = useBrowserSite(() => buildSite(SMALL));

  it("trains on one thread under automation, and says why", async () => {
    await site.newContext();
    const run = await trainAndRead(site);
    expect(run.isolated).toBe(false);
    expect(run.notes.join(" ")).toMatch(/trains on one thread, not on the 2 cores here: this page is not cross-origin/);
  });

  it("the build's service worker isolates the pages after one reload, and training takes two threads", async () => {
    const context = await site.newContext();
    // A visitor's browser is not under automation: the service worker registers as it would for them.
    await context.addInitScript(() => Object.defineProperty(Navigator.prototype, "webdriver", {get: () => false}));
    const page = await site.open("./train");
    await expect.poll(() => page.evaluate(() => crossOriginIsolated).catch(() => false), {timeout: 30_000}).toBe(true);
    await page.close();
    const run = await trainAndRead(site);
    expect(run.isolated).toBe(true);
    expect(run.notes.join(" ")).toMatch(/trains on 2 threads/);
  });
});
