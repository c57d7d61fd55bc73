import {describe, expect, it} from "vitest";
import {createRandom} from "../../src/components/random.js";
import {expectedRating, normalCdf, ratingVariance, roundToGrid} from "../../src/components/synth/ratingGrid.js";

describe("roundToGrid(x, step)", () => {
  it("rounds to the nearest grid value, a half step up, and clips to [step, 5]", () => {
    expect([3.24, 3.25, 3.74, 3.75].map((x) => roundToGrid(x, 0.5))).toEqual([3, 3.5, 3.5, 4]);
    expect([2.49, 2.5].map((x) => roundToGrid(x, 1))).toEqual([2, 3]);
    expect([-3, 0, 0.24].map((x) => roundToGrid(x, 0.5))).toEqual([0.5, 0.5, 0.5]);
    expect([0.4, 5.4, 99].map((x) => roundToGrid(x, 1))).toEqual([1, 5, 5]);
  });
});

describe("normalCdf(z)", () => {
  it("is symmetric, and accurate far in the tails", () => {
    for (const z of [0.3, 1, 2.5, 6]) expect(normalCdf(z) + normalCdf(-z)).toBeCloseTo(1, 12);
    expect(normalCdf(-8) / 6.22096057427178e-16).toBeCloseTo(1, 6);
    expect(normalCdf(40)).toBe(1);
  });
});

describe("expectedRating(mu, step, noise)", () => {
  it("is the rounded score without noise, and the grid's middle for a score there", () => {
    expect(expectedRating(3.2, 1, 0)).toBe(3);
    expect(expectedRating(3.3, 0.5, 0)).toBe(3.5);
    expect(expectedRating(9, 1, 0.75)).toBeCloseTo(5, 6);
    expect(expectedRating(-4, 0.5, 0.75)).toBeCloseTo(0.5, 6);
    expect(expectedRating(2.75, 0.5, 1)).toBeCloseTo(2.75, 6);
    expect(ratingVariance(3, 1, 0)).toBe(0);
  });
  it("agrees with simulation, mean and variance", () => {
    const random = createRandom(1);
    for (const [mu, step] of [
      [4.6, 1],
      [1.2, 0.5],
      [3.4, 0.5]
    ]) {
      let sum = 0,
        square = 0;
      const n = 200_000;
      for (let i = 0; i < n; ++i) {
        const r = roundToGrid(random.normal(mu, 0.75), step);
        {
          sum += r;
          square += r * r;
        }
      }
      expect(sum / n).toBeCloseTo(expectedRating(mu, step, 0.75), 2);
      expect(square / n - (sum / n) ** 2).toBeCloseTo(ratingVariance(mu, step, 0.75), 2);
    }
  });
  it("uses an accurate normal CDF", () => {
    expect(normalCdf(0)).toBeCloseTo(0.5, 7);
    expect(normalCdf(1.959963985)).toBeCloseTo(0.975, 7);
    expect(normalCdf(-3)).toBeCloseTo(0.0013498980316301, 8);
  });
});

describe("ratingVariance(mu, step, noise)", () => {
  it("is never negative, and vanishes where the noise cannot move the rating off the grid's end", () => {
    for (const mu of [-50, 0, 2.2, 3.75, 50])
      for (const step of [0.5, 1]) expect(ratingVariance(mu, step, 0.75)).toBeGreaterThanOrEqual(0);
    expect(ratingVariance(50, 0.5, 0.75)).toBe(0);
    expect(ratingVariance(3.25, 0.5, 0.01)).toBeCloseTo(0.0625, 6); // a score on a cell's edge: 3 or 3.5, evenly
  });
});
