// Layout and legibility, driven in headless Chromium as a person would, at a phone's width (390 px) and a laptop's
// (1280 px): the histogram's prose and axis, the Train page's controls and backend note, the Recommendations table and
// its fold-in note, and the Explore page's movie picker and map.
import type {Page} from "playwright-core";
import {describe, expect, it} from "vitest";
import {useBrowserSite} from "../support/browserSite.js";
import {newTrainedContext, untilRunEnds} from "../support/trainOnPage.js";
import {SMALL, buildSite} from "../../scripts/lib/buildSite.js";

// Chromium's SwiftShader WebGPU adapter and WebGL renderer: software GPUs, which "auto" passes over for wasm.
const site = useBrowserSite(() => buildSite(SMALL), {webgpu: true});

const PHONE = {width: 390, height: 844};
const LAPTOP = {width: 1280, height: 900};

/** The text a reader sees in the page's main column. */
const mainText = (page: Page) => page.locator("main").innerText();

describe("Ratings histogram (browser)", () => {
  it("writes its prose from the data in use, and labels its axis 0, 500, 1K…", async () => {
    const page = await site.open("./histogram");
    const ticks = page.locator('svg [aria-label="y-axis tick label"] text');
    await expect.poll(() => ticks.count()).toBeGreaterThan(3);
    const labels = await ticks.allTextContents();
    expect(labels[0]).toBe("0");
    for (const label of labels) expect(label).toMatch(/^(0|[1-9]\d*(\.\d)?[KM]?)$/);

    const counts = await page.locator("form table tbody tr td:nth-child(3)").allTextContents();
    const total = counts.reduce((n, c) => n + Number(c.replaceAll(",", "")), 0);
    expect(total).toBeGreaterThan(20_000);
    const text = await mainText(page);
    expect(text).not.toContain("ten million");
    expect(text).toContain(`never reads the ${total.toLocaleString("en-US")} ratings themselves`);
    // Synthetic data has half stars only from some users: the page says so, not MovieLens's history of older ratings.
    expect(text).toContain("Half stars are rarer than whole stars.");
    expect(text).toContain("This synthetic set imitates MovieLens");
    expect(text).not.toContain("many older ratings could not use them");
    await page.close();
  });
});

describe("Train a model (browser)", () => {
  it(
    "enables Stop only while a run is in progress, Train only when none is, " +
      "and tells a software GPU calmly in plain words",
    async () => {
      const page = await site.open("./train");
      const train = page.locator(".train-controls button", {hasText: "Train"});
      const stop = page.locator(".train-controls button", {hasText: "Stop"});
      expect(await train.isDisabled()).toBe(false);
      expect(await stop.isDisabled()).toBe(true);
      // Every state the two buttons pass through during the run, [Train disabled, Stop disabled].
      await page.evaluate(() => {
        const w = window as unknown as {buttonStates: string[]};
        w.buttonStates = [];
        const record = () => {
          const [t, s] = document.querySelectorAll<HTMLButtonElement>(".train-controls button");
          const state = JSON.stringify([t.disabled, s.disabled]);
          if (w.buttonStates.at(-1) !== state) w.buttonStates.push(state);
        };
        new MutationObserver(record).observe(document.querySelector("main")!, {
          subtree: true,
          attributes: true,
          childList: true
        });
      });
      const epochs = page.getByLabel("Epochs", {exact: true});
      await epochs.fill("1");
      await epochs.dispatchEvent("input");
      await train.click(); // backend "auto"
      await untilRunEnds(page);
      const states = await page.evaluate(() => (window as unknown as {buttonStates: string[]}).buttonStates);
      expect(states).toContain("[true,false]"); // running: Stop on, Train off
      expect(states).not.toContain("[false,false]");
      expect(await train.isDisabled()).toBe(false);
      expect(await stop.isDisabled()).toBe(true);

      expect(await page.locator(".training-progress .backend strong").textContent()).toBe("wasm");
      const note = page.locator(".backend-fallback");
      expect(await note.getAttribute("class")).toBe("backend-fallback calm");
      expect(await page.locator("main .warning").count()).toBe(0);
      const summary = (await note.locator("summary").textContent())!;
      expect(summary).toMatch(
        new RegExp(
          String.raw`^Your browser's WebGPU( and WebGL)? runs? on the CPU here \(a software renderer\)[^.]*, ` +
            String.raw`so training uses WebAssembly, which is faster\.$`
        )
      );
      expect(summary).not.toMatch(/swiftshader|adapter|ANGLE|Vulkan/i);
      // The drivers' own words are a click away.
      expect(await note.locator("li").first().isVisible()).toBe(false);
      await note.locator("summary").click();
      expect(await note.locator("li").first().textContent()).toMatch(
        /^webgpu: skipped, a software adapter \(.*swiftshader.*\)/i
      );
      await page.close();
    }
  );
});

describe("Save and resume (browser)", () => {
  it("enables Stop only while a run is in progress", async () => {
    const page = await site.open("./save-resume");
    const stop = page.getByRole("button", {name: "Stop"});
    await stop.waitFor();
    expect(await stop.isDisabled()).toBe(true);
    await page.close();
  });
});

describe("Recommendations (browser)", () => {
  it("fits a 390 px screen with “I've seen it” on it, and a fold-in reads as a calm note", async () => {
    await newTrainedContext(site, {}, {viewport: PHONE});
    const page = await site.open("./recommend");
    const rows = page.locator("table.recommendations tbody tr");
    await expect.poll(() => rows.count(), {timeout: 30_000}).toBe(20);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    const table = (await page.locator("table.recommendations").boundingBox())!;
    expect(table.x + table.width).toBeLessThanOrEqual(PHONE.width);
    // The ratings count and mean fold under the title with the year and genres.
    expect(await rows.first().locator(".title-extra").textContent()).toMatch(/ · [\d,]+ ratings?, mean \d\.\d\d★$/);
    const seen = rows.first().locator("select.seen-it");
    const box = (await seen.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width);
    // The year and genres fold under the title.
    expect(await rows.first().locator(".col-genres").isVisible()).toBe(false);
    expect(await rows.first().locator(".title-extra").isVisible()).toBe(true);
    expect(await rows.first().locator(".title-extra").textContent()).toMatch(/^\d{4} · \w/);

    await seen.selectOption("5");
    const note = page.locator(".prediction-source");
    await expect.poll(() => note.getAttribute("class")).toBe("prediction-source approximate");
    expect(await note.textContent()).toMatch(/^Approximate: my ratings changed/);
    expect(await page.locator("main .warning").count()).toBe(0);

    // On a laptop every column is there, the folded line is not.
    await page.setViewportSize(LAPTOP);
    expect(
      await page
        .locator("table.recommendations thead th")
        .evaluateAll((ths) => ths.filter((th) => (th as HTMLElement).offsetParent).map((th) => th.textContent))
    ).toEqual(["#", "Title", "Year", "Genres", "Ratings", "Mean", "Predicted", "I've seen it"]);
    expect(await rows.first().locator(".title-extra").isVisible()).toBe(false);
    // How many rated each movie, and their mean: what a person judges a recommendation by.
    expect(await rows.first().locator("td.col-ratings").textContent()).toMatch(/^[1-9][\d,]*$/);
    expect(await rows.first().locator("td.col-mean").textContent()).toMatch(/^[0-5]\.\d\d★$/);
    await page.close();
  });
});

describe("Explore the factors (browser)", () => {
  for (const viewport of [PHONE, LAPTOP]) {
    it(
      `at ${viewport.width} px: finds a movie by typing part of its title, ` +
        `and colours one or two chosen genres on the map, the rest grey`,
      async () => {
        await newTrainedContext(site, {}, {viewport});
        const page = await site.open("./explore");
        const search = page.getByLabel("Find a movie");
        await search.waitFor();
        const picker = page.getByLabel("Movie", {exact: true});
        const all = await picker.locator("option").allTextContents();
        const word = all[5]
          .split(/[\s,]+/)
          .find((w) => w.length >= 5)!
          .toLowerCase();
        await search.fill(word);
        await expect
          .poll(async () => (await picker.locator("option").allTextContents()).length)
          .toBeLessThan(all.length);
        const matches = await picker.locator("option").allTextContents();
        expect(matches.length).toBeGreaterThan(0);
        expect(matches.every((t) => t.toLowerCase().includes(word))).toBe(true);
        await picker.selectOption({label: matches.at(-1)!});
        await expect.poll(() => page.locator("form table tbody tr").count()).toBe(10);
        expect(await page.locator("form table tbody").textContent()).not.toContain(
          matches.at(-1)!.replace(/ \(\d{4}\)$/, "")
        );
        // "Similar" is said plainly: iALS's vectors, and neighbours with at least the chosen number of ratings.
        expect(await page.locator("#observablehq-main").textContent()).toContain("The vectors are iALS's");
        const fewest = page.getByLabel("Neighbours with at least this many ratings");
        expect(await fewest.inputValue()).toBe("20");
        await fewest.fill("100000");
        await fewest.dispatchEvent("input");
        // allTextContents does not wait for an element, so each poll returns at once.
        await expect
          .poll(() => page.locator(".similar").allTextContents())
          .toEqual(["No other movie has 100,000 ratings or more."]);
        expect(await page.locator("form table tbody tr").count()).toBe(0);
        await fewest.fill("-3");
        await fewest.dispatchEvent("input");
        await expect
          .poll(() => page.locator(".similar-minimum").allTextContents())
          .toEqual(["-3 is below 0: showing neighbours with at least 20 ratings."]);
        await expect.poll(() => page.locator("form table tbody tr").count()).toBe(10);
        // Not a whole number: refused in words, not rounded.
        await fewest.fill("2.5");
        await fewest.dispatchEvent("input");
        await expect
          .poll(() => page.locator(".similar-minimum").allTextContents())
          .toEqual(["2.5 is not a whole number of ratings: showing neighbours with at least 20 ratings."]);
        await fewest.fill("20");
        await fewest.dispatchEvent("input");
        await expect.poll(() => page.locator(".similar-minimum").count()).toBe(0);
        await expect.poll(() => page.locator("form table tbody tr").count()).toBe(10);

        // The map: the two chosen genres, both together, and the rest in grey; no more colours than that.
        const first = page.getByLabel("Colour a genre");
        const second = page.getByLabel("and another");
        const [a, b] = [
          await first.evaluate((s) => (s as HTMLSelectElement).selectedOptions[0].textContent),
          await second.evaluate((s) => (s as HTMLSelectElement).selectedOptions[0].textContent)
        ];
        const legend = () => page.locator("figure [class$=-swatch]").allTextContents();
        expect(await legend()).toEqual([a, b, `${a} and ${b}`, "other genres"]);
        const fills = () =>
          page
            .locator('figure svg g[aria-label="dot"] circle')
            .evaluateAll((cs) => [...new Set(cs.map((c) => c.getAttribute("fill")))]);
        expect((await fills()).length).toBe(4);
        await second.selectOption({label: "(none)"});
        await expect.poll(legend).toEqual([a, "other genres"]);
        expect((await fills()).length).toBe(2);
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
        await page.close();
      }
    );
  }
});
