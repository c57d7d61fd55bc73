import {describe, expect, it} from "vitest";
import {aliasSampler, createRandom} from "../src/components/random.js";

describe("createRandom(seed)", () => {
  it("repeats for a seed, and draws standard normals and weighted indices", () => {
    expect(Array.from({length: 5}, createRandom(42))).toEqual(Array.from({length: 5}, createRandom(42)));
    expect(createRandom(42)()).not.toBe(createRandom(43)());
    const random = createRandom(5);
    const z = Array.from({length: 100_000}, () => random.normal());
    const mean = z.reduce((a, b) => a + b) / z.length;
    expect(mean).toBeCloseTo(0, 1);
    expect(z.reduce((a, b) => a + (b - mean) ** 2, 0) / z.length).toBeCloseTo(1, 1);
    const draw = aliasSampler([1, 0, 3], random);
    const hits = [0, 0, 0];
    for (let i = 0; i < 40_000; ++i) ++hits[draw()];
    expect(hits[1]).toBe(0);
    expect(hits[2] / hits[0]).toBeCloseTo(3, 0);
  });

  it("gives the same numbers for a seed on every platform (sfc32 through splitmix32), seed 0 by default", () => {
    const random = createRandom(42);
    expect([random(), random(), random.int(1000)]).toEqual([0.7912528037559241, 0.23419718188233674, 785]);
    // through Math.log and Math.cos: equal up to their rounding
    expect(random.normal()).toBeCloseTo(0.1293109345306865, 12);
    expect(Array.from({length: 3}, createRandom())).toEqual(Array.from({length: 3}, createRandom(0)));
  });

  it("gives unrelated numbers for nearby seeds", () => {
    const a = Array.from({length: 1000}, createRandom(42)),
      b = Array.from({length: 1000}, createRandom(43));
    expect(a.filter((x, i) => Math.abs(x - b[i]) < 1e-3).length).toBeLessThan(10);
  });

  it("draws uniforms in [0, 1) and integers in [0, n)", () => {
    const random = createRandom(3);
    const u = Array.from({length: 20_000}, random);
    expect(Math.min(...u)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...u)).toBeLessThan(1);
    expect(u.reduce((s, x) => s + x) / u.length).toBeCloseTo(0.5, 2);
    const hits = new Array(7).fill(0);
    for (let i = 0; i < 70_000; ++i) ++hits[random.int(7)];
    for (const h of hits) expect(h / 10_000).toBeCloseTo(1, 1);
  });

  it("draws normals with the given mean and sd, and exponentials with the given mean", () => {
    const random = createRandom(11);
    const z = Array.from({length: 50_000}, () => random.normal(3, 0.5));
    const mean = z.reduce((s, x) => s + x) / z.length;
    expect(mean).toBeCloseTo(3, 1);
    expect(Math.sqrt(z.reduce((s, x) => s + (x - mean) ** 2, 0) / z.length)).toBeCloseTo(0.5, 1);
    const e = Array.from({length: 50_000}, () => random.exponential(12));
    expect(Math.min(...e)).toBeGreaterThanOrEqual(0);
    expect(e.reduce((s, x) => s + x) / e.length / 12).toBeCloseTo(1, 1);
    expect(Number.isFinite(Math.max(...e))).toBe(true);
  });
});

describe("aliasSampler(weights, random)", () => {
  it("always draws the only positive weight", () => {
    const draw = aliasSampler(Float64Array.of(0, 0, 2.5, 0), createRandom(1));
    expect(new Set(Array.from({length: 1000}, draw))).toEqual(new Set([2]));
  });

  it("draws in proportion to the weights, whatever their scale", () => {
    const draw = aliasSampler([1e-9, 2e-9, 7e-9], createRandom(2));
    const hits = [0, 0, 0];
    for (let i = 0; i < 100_000; ++i) ++hits[draw()];
    expect(hits.map((h) => Math.round(h / 10_000))).toEqual([1, 2, 7]);
  });

  it("throws a TypeError without a positive, finite weight", () => {
    for (const weights of [[], [0, 0], [1, Infinity], [NaN, 1]])
      expect(() => aliasSampler(weights, Math.random)).toThrow(
        new TypeError("aliasSampler needs at least one positive, finite weight")
      );
  });
});
