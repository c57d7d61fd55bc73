// Ranking beside MSE and the popularity knob (issue 14, parts 2 and 4), through the real pages in headless Chromium at
// 390 px: a run on the time split shows its ranking table on the Train page and in the run history on Compare; the
// knob on Recommendations reorders the list and updates its readouts live, and 0 gives the notebook's order back.
import {describe, expect, it} from "vitest";
import {SMALL, buildSite} from "../../scripts/lib/buildSite.js";
import {useBrowserSite} from "../support/browserSite.js";
import {trainOnPage, untilRunEnds} from "../support/trainOnPage.js";

const site = useBrowserSite(() => buildSite(SMALL));
const PHONE = {width: 390, height: 844};

describe("Ranking beside MSE (browser)", () => {
  it(
    "trains on the time split and shows the model against the three baselines, " +
      "on Train and in the run history on Compare",
    async () => {
      await site.newContext({viewport: PHONE});
      const page = await site.open("./train");
      await page.getByLabel("Backend", {exact: true}).selectOption("wasm");
      const epochs = page.getByLabel("Epochs", {exact: true});
      await epochs.fill("1");
      await epochs.dispatchEvent("input");
      await page.getByText("each user's latest 20%").click();
      await page.locator(".train-controls button", {hasText: "Train"}).click();
      await untilRunEnds(page);
      const table = page.locator("figure.ranking-table");
      await expect.poll(() => table.isVisible()).toBe(true);
      expect(await table.locator("p").first().textContent()).toMatch(
        /^Validation MSE \d\.\d{4} stars², RMSE \d\.\d{4} stars, on the time split/
      );
      expect(await table.locator(".ranking-verdict").textContent()).toMatch(/NDCG@10/);
      expect(await table.locator(".ranking-verdict").textContent()).toMatch(
        /Recommendations opens on (iALS|predicted rating[^,]*), the best of 11 rankings on half of these users/
      );
      expect(await table.locator("tbody tr td:first-child").allTextContents()).toEqual([
        "iALS",
        "model + popularity 0.3",
        "model (predicted rating)",
        "most popular",
        "damped mean rating",
        "bias only"
      ]);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
      // Choosing the other split for the next run keeps what the page said of this one
      // (it used to wipe "Saved this run").
      await page.getByText("random 20% (fastai)").click();
      await page.waitForTimeout(300);
      expect(await page.locator(".saved-note").textContent()).toContain("Saved this run");
      await page.close();

      await trainOnPage(site); // a second run, on the default random split
      const compare = await site.open("./compare");
      const history = compare.locator("table.run-history tbody tr");
      await expect.poll(() => history.count(), {timeout: 30_000}).toBe(2);
      const rows = await history.evaluateAll((trs) =>
        trs.map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent))
      );
      expect(rows.map((r) => r[6]!.replace(/,.*/, ""))).toEqual(["random", "time"]); // newest first
      for (const r of rows) {
        expect(r[1]).toMatch(/^\d\.\d{4}$/); // valid MSE
        expect(+r[2]!).toBeCloseTo(Math.sqrt(+r[1]!), 3); // RMSE
        expect(r[3]).toMatch(/^0\.\d{3}$/); // NDCG@10 with popularity
        expect(r[5]).toMatch(/^(most popular|damped mean rating|bias only) 0\.\d{3}$/);
        expect(r[6]).toMatch(/^(random|time), [\d,]+ users$/);
      }
      expect(await compare.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    }
  );

  it(
    "moves the popularity knob: the list reorders and the readouts follow, " +
      "and 0 gives the predicted-rating order back",
    async () => {
      await site.newContext({viewport: PHONE});
      await trainOnPage(site);
      const page = await site.open("./recommend");
      const titles = () =>
        page
          .locator("table.recommendations tbody tr[data-movie-id]")
          .evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-movie-id")));
      await expect.poll(async () => (await titles()).length, {timeout: 30_000}).toBe(20);
      // The list opens on the ranking the run measured best, said in one line; the knob waits for the notebook's order.
      const line = page.locator(".ranking-switch .ranking-line");
      expect(await line.textContent()).toMatch(/^Ranked by (iALS|predicted rating[^:]*): of the 11 rankings/);
      expect(await page.locator(".popularity-knob").count()).toBe(0);
      expect(await page.locator(".knob-off").textContent()).toMatch(/ranked by predicted rating/);
      await page.getByLabel("Predicted rating, as the notebook ranked").check();
      await expect.poll(() => line.textContent()).toMatch(/^Ranked by predicted rating, as the notebook ranked/);
      await expect.poll(() => page.locator(".popularity-knob").count()).toBe(1);
      const byRating = await titles();
      const predicted = await page
        .locator("table.recommendations tbody tr[data-movie-id] .col-predicted")
        .evaluateAll((tds) => tds.map((td) => +td.firstChild!.textContent!));
      expect(predicted).toEqual([...predicted].sort((a, b) => b - a));
      const knob = page.locator(".popularity-knob");
      const readout = knob.locator(".knob-readout");
      const atZero = await readout.textContent();
      expect(atZero).toMatch(
        new RegExp(
          String.raw`^On this run's held-out ratings \(random split, [\d,]+ users, without the filters\), ` +
            String.raw`lists ranked this way score NDCG@10 0\.\d{3}`
        )
      );
      expect(await knob.locator("output").textContent()).toBe("0: by predicted rating alone, as the notebook ranked");

      const slider = knob.locator("input[type=range]");
      await slider.fill("9"); // the last stop: +1★ per doubling of a movie's ratings
      await expect
        .poll(() => knob.locator("output").textContent())
        .toBe("+1★ per doubling of a movie's ratings: favours well-known movies");
      expect(await readout.textContent()).not.toBe(atZero);
      expect(await readout.textContent()).toMatch(/\(\+|\(−/); // a change against 0, in words
      await expect.poll(titles).not.toEqual(byRating);
      await slider.fill("3"); // back to 0
      await expect.poll(titles).toEqual(byRating);
      expect(await readout.textContent()).toBe(atZero);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    }
  );

  it(
    "shows a model trained in another tab when Recommendations is looked at again, " +
      "and leaves the page alone otherwise",
    async () => {
      await site.newContext();
      await trainOnPage(site, {factors: 8});
      const page = await site.open("./recommend");
      const info = page.locator(".model-info");
      await expect
        .poll(() => info.textContent(), {timeout: 30_000})
        .toMatch(/^8 factors, bs 256, 1 epoch: trained for 1 epoch/);
      await page.getByLabel("Predicted rating, as the notebook ranked").check();
      const knob = page.locator(".popularity-knob input[type=range]");
      await knob.fill("5");
      // Looking at the tab again with nothing new changes nothing: the knob stays where it was.
      await page.evaluate(() => window.dispatchEvent(new Event("focus")));
      await page.waitForTimeout(500);
      expect(await knob.inputValue()).toBe("5");
      await trainOnPage(site, {factors: 12}); // in another tab of the same browser
      await page.evaluate(() => window.dispatchEvent(new Event("focus")));
      await expect
        .poll(() => info.textContent(), {timeout: 30_000})
        .toMatch(/^12 factors, bs 256, 1 epoch: trained for 1 epoch/);
    }
  );
});
