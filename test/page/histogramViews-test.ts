// @vitest-environment jsdom
import {describe, expect, it} from "vitest";
import type {DatasetSummary, HistogramSummary} from "../../src/components/movielens/datasetArtifacts.js";
import {histogramViews} from "../../src/components/page/histogramViews.js";

const bins = [1, 2, 3, 4, 5].flatMap((star) => [
  {rating: star - 0.5, count: 10 * star},
  {rating: star, count: 20 * star}
]);
const data = (counts: number[] | null, kind = "synthetic") => ({
  source: "build" as const,
  summary: {dataset: {kind}} as DatasetSummary,
  histogram: {bins: counts ? bins.map((b, i) => ({...b, count: counts[i]})) : bins} as HistogramSummary
});
const table = (root: HTMLElement) =>
  [...root.querySelectorAll("tbody tr")].map((tr) =>
    [...tr.querySelectorAll("td")].slice(1).map((td) => td.textContent)
  );

describe("histogramViews(data)", () => {
  it("writes the intro, the findings and the five-star clause from the ratings in use", () => {
    const views = histogramViews(data(null));
    // 450 ratings: 300 on whole stars, 100 of them 5 stars.
    expect(views.intro).toContain("each half star gets its own bar");
    expect(views.intro).toContain("never reads the 450 ratings themselves");
    expect(views.fiveStars).toBe(", and 22.2% of these ratings are 5 stars");
    expect(views.findings.querySelectorAll("li")).toHaveLength(3);
    expect(views.findings.textContent).toContain("66.7% of ratings are whole stars");
    expect(views.findings.textContent).toContain("This synthetic set imitates MovieLens");
    // The mean and the variance of the 450 ratings themselves.
    const ratings = bins.flatMap((b) => Array(b.count).fill(b.rating) as number[]);
    const mean = ratings.reduce((a, b) => a + b, 0) / ratings.length;
    const variance = ratings.reduce((a, r) => a + (r - mean) ** 2, 0) / ratings.length;
    expect(views.baseline).toBe(
      `predicting ${mean.toFixed(2)} stars for every rating here scores an MSE of ${variance.toFixed(3)} ` +
        `(an RMSE of ${Math.sqrt(variance).toFixed(3)} stars).`
    );
    expect(histogramViews(data(Array(10).fill(0), "none")).baseline).toBe("it shows here once there are ratings.");
  });

  it("tabulates each star value's count and share", () => {
    const rows = table(histogramViews(data(null)).table);
    expect(rows).toHaveLength(10);
    expect(rows[0]).toEqual(["0.5", "10", "2.2%"]);
    expect(rows[9]).toEqual(["5", "100", "22.2%"]);
  });

  it("draws the chart at the width it is given", () => {
    const chart = histogramViews(data(null)).chart(480);
    // The plot's own svg, after the legend's swatches.
    const widths = [...chart.querySelectorAll("svg")].map((svg) => svg.getAttribute("width"));
    expect(widths.at(-1)).toBe("480");
    expect(chart.querySelectorAll("rect[fill]").length).toBeGreaterThanOrEqual(10);
  });

  it("says what to do where there are no ratings, and no findings", () => {
    const views = histogramViews(data(Array(10).fill(0), "none"));
    expect(views.chart(480).textContent).toBe("Load MovieLens from your computer, above, to see how people rate.");
    expect(views.table.textContent).toBe(
      "Load MovieLens from your computer, above, to see the count at each half star."
    );
    expect(views.findings.outerHTML).toBe('<div class="nothing"></div>');
    expect(views.fiveStars).toBe("");
    expect(views.intro).toContain("they are counted once, when the data is loaded");
  });
});
