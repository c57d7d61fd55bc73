import {describe, expect, it} from "vitest";
import {predictAll, predictFor, predictPair, sigmoidRange} from "../../src/components/model/predictRatings.js";

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));
const expectClose = (actual: ArrayLike<number>, expected: number[]) => {
  expect(actual).toHaveLength(expected.length);
  expected.forEach((e, i) => expect(actual[i]).toBeCloseTo(e, 6));
};

describe("predictAll(weights, userIndex, {yRange})", () => {
  const weights = {
    userFactors: Float32Array.of(1, 0, 0.5, -1), // two users × two factors
    userBias: Float32Array.of(0.1, -0.2),
    movieFactors: Float32Array.of(1, 2, 0, 0, -1, 1), // three movies
    movieBias: Float32Array.of(0, 0.5, -0.5)
  };
  it("computes sigmoid(u·m + bu + bm) scaled to yRange for every movie", () => {
    const p = predictAll(weights, 1, {yRange: [0.5, 5.5]});
    const expected = [0.5 - 2 - 0.2, 0.5 - 0.2, -0.5 - 1 - 0.2 - 0.5].map((x) => 5 * sigmoid(x) + 0.5);
    expect(p).toBeInstanceOf(Float32Array);
    expectClose(p, expected);
    expectClose(predictAll(weights, 0, {yRange: [0, 1]}), [1.1, 0.6, -1.4].map(sigmoid));
  });
  it("throws on a user index outside the table", () => {
    expect(() => predictAll(weights, 2, {yRange: [0.5, 5.5]})).toThrow("predictAll: user index 2 is outside 0…1");
  });
});

describe("predictFor(movieFactors, movieBias, user, userBias, {yRange})", () => {
  it("predicts for a factor vector that is not in the table", () => {
    const p = predictFor(Float32Array.of(1, 2, 3, 4), Float32Array.of(0, 1), [1, -1], 0.5, {yRange: [0, 2]});
    expectClose(p, [2 * sigmoid(-0.5), 2 * sigmoid(0.5)]);
    expect(() => predictFor(Float32Array.of(1, 2, 3, 4), Float32Array.of(0, 1), [1], 0, {yRange: [0, 2]})).toThrow(
      /1 factors, the movies 2/
    );
  });
});

describe("sigmoidRange(x, lo, hi) and predictPair(weights, user, movie)", () => {
  it("map a logit into the range, and predict one pair as predictAll does", () => {
    expect(sigmoidRange(0, 0.5, 5.5)).toBe(3);
    expect(sigmoidRange(Math.log(4), 0, 5)).toBeCloseTo(4, 12);
    const weights = {
      userFactors: Float32Array.of(1, 2, -1, 0.5),
      movieFactors: Float32Array.of(0.3, -0.2, 0.1, 0.4, 2, 1),
      userBias: Float32Array.of(0.1, -0.2),
      movieBias: Float32Array.of(0, 0.5, -0.5),
      yRange: [0.5, 5.5] as [number, number]
    };
    for (const u of [0, 1]) {
      const all = predictAll(weights, u, weights);
      for (const m of [0, 1, 2]) expect(predictPair(weights, u, m)).toBeCloseTo(all[m], 5);
    }
  });
});
