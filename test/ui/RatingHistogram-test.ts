// @vitest-environment jsdom
import {describe, expect, it} from "vitest";
import {plotHtml} from "../support/plotHtml.js";
import {RatingHistogram} from "../../src/components/ui/RatingHistogram.js";

const bins = [0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4, 4.5, 5].map((rating, i) => ({
  rating,
  count: [10, 40, 20, 90, 60, 250, 200, 1500, 300, 2_000_000][i]
}));
const texts = (chart: Element, selector: string) => [...chart.querySelectorAll(selector)].map((t) => t.textContent);

describe("RatingHistogram(bins, {width, height, mean})", () => {
  it("draws a bar per half star, whole and half stars apart, with a rule at the mean", async () => {
    const chart = RatingHistogram(bins.slice(4, 7), {width: 320, height: 160, mean: 3.123});
    const bars = [...chart.querySelectorAll('g[aria-label="rect"] rect')];
    expect(bars).toHaveLength(3);
    expect(texts(chart, 'g[aria-label="x-axis tick label"] text')).toEqual(["2.5", "3", "3.5"]);
    expect(texts(chart, 'g[aria-label="x-axis label"] text')).toEqual(["Rating →"]);
    expect(texts(chart, 'g[aria-label="y-axis label"] text')).toEqual(["↑ Ratings"]);
    // The half stars (2.5, 3.5) one colour, the whole star (3) another; the mean's rule and label.
    const fills = bars.map((b) => b.getAttribute("fill"));
    expect(fills[0]).toBe(fills[2]);
    expect(fills[1]).not.toBe(fills[0]);
    expect(texts(chart, 'g[aria-label="text"] text')).toEqual(["mean 3.12"]);
    expect(chart.querySelectorAll('g[aria-label="rule"]')).toHaveLength(2);
    await expect(plotHtml(chart)).toMatchFileSnapshot("__snapshots__/RatingHistogram.html");
  });

  it("labels the x axis with the bins' ratings, and colours whole and half stars apart", () => {
    const chart = RatingHistogram([
      {rating: 4, count: 3000},
      {rating: 4.5, count: 1000}
    ]);
    expect(chart.querySelectorAll('g[aria-label="rect"] rect')).toHaveLength(2);
    expect(texts(chart, 'g[aria-label="x-axis tick label"] text')).toEqual(["4", "4.5"]);
    expect(texts(chart, '[class$="-swatch"]')).toEqual(["whole star", "half star"]);
  });

  it("writes counts on the y axis as people do: 0, 400K, 2M", () => {
    const ticks = texts(RatingHistogram(bins), 'g[aria-label="y-axis tick label"] text');
    expect(ticks[0]).toBe("0");
    expect(ticks).toContain("400K");
    expect(ticks).toContain("2M");
  });

  it("labels the mean to two decimals, and draws no mean when there is none", () => {
    expect(texts(RatingHistogram(bins, {mean: 3.51234}), 'g[aria-label="text"] text')).toEqual(["mean 3.51"]);
    // y = 0, and the mean
    expect(RatingHistogram(bins, {mean: 3.5}).querySelectorAll('g[aria-label="rule"]')).toHaveLength(2);
    for (const mean of [undefined, null]) {
      expect(RatingHistogram(bins, {mean}).querySelectorAll('g[aria-label="rule"]')).toHaveLength(1);
      expect(RatingHistogram(bins, {mean}).querySelector('g[aria-label="text"]')).toBeNull();
    }
  });
});
