import {describe, expect, it} from "vitest";
import {histogramFacts, ratingHistogram} from "../../src/components/movielens/ratingStats.js";

describe("histogramFacts(bins)", () => {
  it("says nothing about no ratings (a published workbook), instead of NaN", () => {
    expect(histogramFacts(ratingHistogram(new Uint8Array(0)))).toBeNull();
  });

  it("gives the mean, the most common rating and the shares the histogram page writes about", () => {
    // rating × 2: 1, 2, 6, 7, 8, 8, 8, 10 → 0.5, 1, 3, 3.5, 4, 4, 4, 5
    const facts = histogramFacts(ratingHistogram(Uint8Array.of(1, 2, 6, 7, 8, 8, 8, 10)))!;
    expect(facts.total).toBe(8);
    expect(facts.mean).toBe((0.5 + 1 + 3 + 3.5 + 4 * 3 + 5) / 8);
    expect(facts.top).toEqual({rating: 4, count: 3});
    expect(facts.topShare).toBe(3 / 8);
    expect(facts.lowShare).toBe(2 / 8);
    expect(facts.wholeShare).toBe(6 / 8);
    expect(facts.middleShare).toBe(5 / 8);
    expect(facts.oneStarShare).toBe(1 / 8);
    expect(facts.fiveStarShare).toBe(1 / 8);
    const ratings = [0.5, 1, 3, 3.5, 4, 4, 4, 5];
    expect(facts.variance).toBeCloseTo(ratings.reduce((s, r) => s + (r - facts.mean) ** 2, 0) / 8, 12);
  });

  it("sees a dataset without half stars, as MovieLens 1M is", () => {
    expect(histogramFacts(ratingHistogram(Uint8Array.of(2, 4, 6, 8, 10)))!.wholeShare).toBe(1);
  });
});
