// The notebook's main flow by keyboard alone (issue 22, part 6): rate 5 movies, train, open Recommendations and say
// "I've seen it" to one, reaching every control with Tab and acting with Enter, arrows or the Rate page's keys; each
// change is said in the page's live region (announce), for a screen reader.
import type {Locator, Page} from "playwright-core";
import {describe, expect, it} from "vitest";
import {SMALL, buildSite} from "../../scripts/lib/buildSite.js";
import {ANNOUNCER_ID} from "../../src/components/ui/announce.js";
import {useBrowserSite} from "../support/browserSite.js";
import {newTrainedContext, untilRunEnds} from "../support/trainOnPage.js";

const site = useBrowserSite(() => buildSite(SMALL));

/** Presses Tab until `target` has the focus (it must be reachable by keyboard), at most `max` times. */
async function tabTo(page: Page, target: Locator, max = 150): Promise<void> {
  const handle = await target.elementHandle();
  for (let i = 0; i < max; ++i) {
    if (await page.evaluate((el) => document.activeElement === el, handle)) return;
    await page.keyboard.press("Tab");
  }
  throw new Error(`not reached by ${max} Tabs: ${target}`);
}

/** Follows a sidebar link by keyboard, and waits for the page it opens. */
async function follow(page: Page, name: string) {
  await tabTo(page, page.locator("#observablehq-sidebar a", {hasText: name}));
  await Promise.all([page.waitForURL(/./, {waitUntil: "networkidle"}), page.keyboard.press("Enter")]);
}

const announced = (page: Page) => page.locator(`#${ANNOUNCER_ID}`).textContent();

describe("the main flow by keyboard alone (browser)", () => {
  it("every page's first Tab stop skips the sidebar to the page's content, and the focus shows plainly", async () => {
    await site.newContext();
    for (const path of ["./", "./rate", "./train", "./recommend"]) {
      const page = await site.open(path);
      await page.keyboard.press("Tab");
      const skip = page.locator(".skip-link");
      expect(await page.evaluate(() => document.activeElement?.textContent), path).toBe("Skip to the page’s content");
      expect((await skip.boundingBox())!.y, `${path}: shown while focused`).toBeGreaterThanOrEqual(0);
      const ring = await skip.evaluate((el) => getComputedStyle(el).outlineWidth);
      expect(parseFloat(ring), path).toBeGreaterThanOrEqual(2);
      await page.keyboard.press("Enter");
      await page.keyboard.press("Tab");
      expect(
        await page.evaluate(() => !!document.activeElement?.closest("#observablehq-main")),
        `${path}: the next Tab is in the page's content`
      ).toBe(true);
      await page.close();
    }
  });

  it("rates 5 movies, trains, and says I've seen it to a recommendation, every step said in words", async () => {
    await site.newContext();
    const page = await site.open("./rate");
    const count = () => page.locator(".rating-widget .my-ratings h3").textContent();
    const before = Number(/\((\d+)\)/.exec((await count()) ?? "")?.[1] ?? 0);
    for (let i = 0; i < 5; ++i) {
      const title = await page.locator(".rating-widget .movie-card .title").textContent();
      await page.keyboard.press("4");
      await expect.poll(count).toBe(`My ratings (${before + i + 1})`);
      await expect.poll(() => announced(page)).toContain(`Rated ${title} 4 stars. Next: `);
      await page.waitForTimeout(400); // a person's pace: a key within the card guard counts for the card before
    }
    await follow(page, "Train a model");
    await tabTo(page, page.locator(".train-controls button", {hasText: "Train"}));
    await page.keyboard.press("Enter");
    // The focus moves from Train to Stop as the run starts, and back to Train as it ends: never to the page's top.
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toMatch(/^(Stop|Train)$/);
    await untilRunEnds(page);
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe("Train");
    expect(await announced(page)).toMatch(
      /^Saved this run to the run history.* Its ranking measures are kept with it\.$/
    );
    await follow(page, "Recommendations");
    const rows = page.locator("table.recommendations tbody tr");
    await expect.poll(() => rows.count(), {timeout: 30_000}).toBe(20);
    const first = rows.first();
    const movieId = await first.getAttribute("data-movie-id");
    await tabTo(page, first.locator("select.seen-it"));
    // A select takes its value from the arrow keys, and acts once chosen (Enter).
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("Enter");
    await expect.poll(() => page.locator(`table.recommendations tbody tr[data-movie-id="${movieId}"]`).count()).toBe(0);
    expect(await announced(page)).toMatch(/: it leaves the list\.$/);
  });

  it("Save and resume by keyboard: saving and loading a checkpoint leave the focus on the button pressed", async () => {
    await newTrainedContext(site);
    const page = await site.open("./save-resume");
    const focused = () =>
      page.evaluate(() => document.activeElement?.getAttribute("aria-label") ?? document.activeElement?.textContent);
    const save = page.getByRole("button", {name: "Save as a checkpoint"});
    const message = page.locator(".store-message");
    await tabTo(page, save);
    await page.keyboard.press("Enter");
    await expect.poll(() => page.locator("table.checkpoint-list tbody tr").count()).toBe(1);
    await expect.poll(() => message.textContent()).toMatch(/^Saved “/);
    expect(await focused()).toBe("Save as a checkpoint");
    // Saved again: the same model is kept once, said so, and the focus stays.
    await page.keyboard.press("Enter");
    await expect.poll(() => message.textContent()).toContain("already saved");
    expect(await focused()).toBe("Save as a checkpoint");
    // Load + train: the run ends as the latest model, and the focus is still on the row's button.
    const load = page.locator("table.checkpoint-list button", {hasText: "Load + train"});
    const label = await load.getAttribute("aria-label");
    await tabTo(page, load);
    await page.keyboard.press("Enter");
    await expect.poll(() => message.textContent(), {timeout: 60_000}).toMatch(/^Trained “.+” for 2 more epochs/);
    expect(await focused()).toBe(label);
  });
});
