import {describe, expect, it} from "vitest";
import {pca2} from "../../src/components/model/pca2.js";

// Points on a plane in 5-D: a·u + b·w + offset, with u and w orthonormal and a spread wider than b.
const u = [1, 1, 0, 0, 0].map((v) => v / Math.SQRT2);
const w = [0, 0, 1, 1, 1].map((v) => v / Math.sqrt(3));
const offset = [3, -1, 2, 0.5, 7];
const a = [-4, -2, 0, 2, 4, 1, -1];
const b = [1, -1, 0.25, -0.5, 0.25, 1, -1]; // mean 0 and uncorrelated with a, so u and w are the principal axes
const embedded = Float32Array.from(a.flatMap((ai, i) => offset.map((o, j) => o + ai * u[j] + b[i] * w[j])));
const variance = (v: number[]) => v.reduce((s, x) => s + x * x, 0) / (v.length - 1);

describe("pca2(matrix, rows, cols)", () => {
  it("recovers the coordinates of points on a plane embedded in 5-D, and the variance each axis explains", () => {
    const {x, y, explained} = pca2(embedded, 7, 5);
    // u's largest loading is its first (positive) entry, and w's its third, so the signs come out as planted.
    a.forEach((ai, i) => expect(x[i]).toBeCloseTo(ai, 4));
    b.forEach((bi, i) => expect(y[i]).toBeCloseTo(bi, 4));
    const total = variance(a) + variance(b);
    expect(explained[0]).toBeCloseTo(variance(a) / total, 6);
    expect(explained[1]).toBeCloseTo(variance(b) / total, 6);
  });
  it("chooses each sign so that the largest loading is positive, whatever the input's sign", () => {
    const flipped = embedded.map((v) => -v);
    const {x, y} = pca2(flipped, 7, 5);
    a.forEach((ai, i) => expect(x[i]).toBeCloseTo(-ai, 4));
    b.forEach((bi, i) => expect(y[i]).toBeCloseTo(-bi, 4));
  });
  it("is deterministic", () => {
    expect(pca2(embedded, 7, 5)).toEqual(pca2(embedded, 7, 5));
  });
  it("gives zeros for a missing second dimension and for no variance at all", () => {
    expect(pca2(Float32Array.of(1, 2, 3, 4), 4, 1)).toEqual({
      x: Float32Array.of(-1.5, -0.5, 0.5, 1.5),
      y: new Float32Array(4),
      explained: [1, 0]
    });
    expect(pca2(Float32Array.of(2, 2, 2, 2), 2, 2)).toEqual({
      x: new Float32Array(2),
      y: new Float32Array(2),
      explained: [0, 0]
    });
    expect(pca2(new Float32Array(0), 0, 3)).toEqual({
      x: new Float32Array(0),
      y: new Float32Array(0),
      explained: [0, 0]
    });
  });
  it("throws when the shape does not match the data", () => {
    expect(() => pca2(embedded, 7, 4)).toThrow(TypeError);
  });
  it("maps ML-10M's 10,677 movies × 100 random factors: one point each, no dominant direction", () => {
    let s = 1;
    const random = () => (s = (s * 16807) % 2147483647) / 2147483647 - 0.5;
    const big = Float32Array.from({length: 10677 * 100}, random);
    const {x, y, explained} = pca2(big, 10677, 100);
    expect(x).toHaveLength(10677);
    expect(y).toHaveLength(10677);
    // Random data has no dominant direction: each component explains a little more than 1/100 of the variance.
    expect(explained[0]).toBeGreaterThanOrEqual(explained[1]);
    expect(explained[0] + explained[1]).toBeLessThan(0.1);
  });
});
