import {describe, expect, it} from "vitest";
import {POPULARITY_WEIGHTS, RANKING_BLEND, blendPopularity} from "../../src/components/model/popularityBlend.js";

describe("blendPopularity(predicted, counts, weight)", () => {
  it("adds weight stars per doubling of a movie's ratings", () => {
    expect(Array.from(blendPopularity([3, 3, 4], [0, 1, 3], 0.5))).toEqual([3, 3.5, 5]);
    expect(Array.from(blendPopularity([3, 3, 4], [0, 1, 3], -1))).toEqual([3, 2, 2]);
    expect(Array.from(blendPopularity([3.25, 1], [7, 0], 0))).toEqual([3.25, 1]);
  });
  it("reorders a list by popularity as the weight grows: the obscure favourite gives way to the well-known", () => {
    const predicted = [4.5, 4.0],
      counts = [1, 1023]; // log2(2) = 1, log2(1024) = 10
    const first = (w: number) => (([a, b]) => (a >= b ? 0 : 1))(Array.from(blendPopularity(predicted, counts, w)));
    expect(first(0)).toBe(0);
    expect(first(0.1)).toBe(1); // 4.6 < 5.0
  });
  it(
    "writes into `out` when given, and throws a TypeError on mismatched lengths " + "or a weight that is not finite",
    () => {
      const out = new Float32Array(2);
      expect(blendPopularity([1, 2], [0, 0], 1, out)).toBe(out);
      expect(() => blendPopularity([1, 2], [0], 1)).toThrow(TypeError);
      expect(() => blendPopularity([1], [0], NaN)).toThrow(TypeError);
    }
  );
  it("has stops on both sides of 0, in order, and RANKING_BLEND among them", () => {
    expect([...POPULARITY_WEIGHTS]).toEqual([...POPULARITY_WEIGHTS].sort((a, b) => a - b));
    expect(POPULARITY_WEIGHTS).toContain(0);
    expect(POPULARITY_WEIGHTS).toContain(RANKING_BLEND);
    expect(POPULARITY_WEIGHTS[0]).toBeLessThan(0);
  });
});
