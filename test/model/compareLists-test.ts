import {describe, expect, it} from "vitest";
import {compareTopN, jaccard, rankCorrelation} from "../../src/components/model/compareLists.js";

describe("jaccard(a, b)", () => {
  it("is the size of the intersection over that of the union", () => {
    expect(jaccard([1, 2, 3], [2, 3, 4])).toBe(0.5);
    expect(jaccard([1, 2, 3], [3, 2, 1])).toBe(1);
    expect(jaccard([1, 2], [3, 4])).toBe(0);
    expect(jaccard([1, 1, 2], [2])).toBe(0.5);
  });
  it("is 1 for two empty lists and 0 when only one is empty", () => {
    expect(jaccard([], [])).toBe(1);
    expect(jaccard([1], [])).toBe(0);
  });
});

describe("rankCorrelation(a, b)", () => {
  it("is 1 for identical lists and −1 for the same items reversed", () => {
    expect(rankCorrelation([7, 3, 9, 1], [7, 3, 9, 1])).toBe(1);
    expect(rankCorrelation([7, 3, 9, 1], [1, 9, 3, 7])).toBe(-1);
  });
  it("is Spearman's rho on the ranks: 1 − 6Σd² / (n(n² − 1)) without ties", () => {
    expect(rankCorrelation([1, 2, 3], [2, 1, 3])).toBeCloseTo(0.5, 12);
  });
  it("ties the items a list lacks at the bottom, at their average rank", () => {
    // Union 1, 2, 3: a ranks 3 third (the only missing item), b ranks 2 third.
    expect(rankCorrelation([1, 2], [1, 3])).toBeCloseTo(0.5, 12);
    // Disjoint: a ranks 1, 2, 3.5, 3.5 and b 3.5, 3.5, 1, 2, so rho = −4 / 4.5.
    expect(rankCorrelation([1, 2], [3, 4])).toBeCloseTo(-8 / 9, 12);
    expect(rankCorrelation([1], [2])).toBe(-1);
  });
  it("falls as the lists share fewer items", () => {
    const a = [1, 2, 3, 4, 5];
    const r = [
      [1, 2, 3, 4, 5],
      [1, 2, 3, 4, 6],
      [1, 2, 3, 6, 7],
      [1, 6, 7, 8, 9]
    ].map((b) => rankCorrelation(a, b));
    for (let i = 1; i < r.length; ++i) expect(r[i]).toBeLessThan(r[i - 1]);
  });
  it("is 1 for two empty lists or one shared item, and 0 when one list is empty", () => {
    expect(rankCorrelation([], [])).toBe(1);
    expect(rankCorrelation([5], [5])).toBe(1);
    expect(rankCorrelation([], [1, 2])).toBe(0);
  });
  it("throws when a list repeats an item", () => {
    expect(() => rankCorrelation([1, 1], [1])).toThrow(TypeError);
  });
});

describe("compareTopN(lists)", () => {
  it("compares every pair, and finds the items in all lists and how many lists hold each", () => {
    const {pairs, shared, counts} = compareTopN([
      [1, 2, 3],
      [2, 3, 4],
      [3, 2, 1]
    ]);
    expect(pairs.map((row) => row.map((c) => c.jaccard))).toEqual([
      [1, 0.5, 1],
      [0.5, 1, 0.5],
      [1, 0.5, 1]
    ]);
    expect(pairs[0][2].rank).toBe(-1);
    expect(pairs[0][1].rank).toBeCloseTo(rankCorrelation([1, 2, 3], [2, 3, 4]), 12);
    expect(pairs[1][0]).toEqual(pairs[0][1]);
    expect(pairs.map((row, i) => row[i])).toEqual([
      {jaccard: 1, rank: 1},
      {jaccard: 1, rank: 1},
      {jaccard: 1, rank: 1}
    ]);
    expect([...shared]).toEqual([2, 3]);
    expect([...counts]).toEqual([
      [1, 2],
      [2, 3],
      [3, 3],
      [4, 1]
    ]);
  });
  it("handles no lists and one list", () => {
    expect(compareTopN([])).toEqual({pairs: [], shared: new Set(), counts: new Map()});
    expect([...compareTopN([[4, 5]]).shared]).toEqual([4, 5]);
  });
});
