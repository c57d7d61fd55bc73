import {describe, expect, it} from "vitest";
import {cosineAnneal, oneCycle} from "../../src/components/engine/schedule.js";

describe("cosineAnneal(start, end, pos)", () => {
  it("goes from start to end along a half cosine", () => {
    expect(cosineAnneal(1, 3, 0)).toBe(1);
    expect(cosineAnneal(1, 3, 1)).toBe(3);
    expect(cosineAnneal(1, 3, 0.5)).toBeCloseTo(2, 15);
  });
});

describe("oneCycle({lrMax, div, divFinal, pctStart, moms})", () => {
  const lrMax = 1e-3;
  const schedule = oneCycle({lrMax});
  // fastai's formula, written out: cos(s, e, p) = s + (1 + cos(π(1 - p)))(e - s)/2.
  const cos = (s: number, e: number, p: number) => s + ((1 + Math.cos(Math.PI * (1 - p))) * (e - s)) / 2;
  it("starts at lrMax/25 with momentum 0.95", () => {
    expect(schedule(0).lr).toBeCloseTo(lrMax / 25, 15);
    expect(schedule(0).mom).toBeCloseTo(0.95, 15);
  });
  it("peaks at lrMax with momentum 0.85 after 25% of the steps", () => {
    expect(schedule(0.25).lr).toBeCloseTo(lrMax, 15);
    expect(schedule(0.25).mom).toBeCloseTo(0.85, 15);
  });
  it("ends at lrMax/1e5 with momentum 0.95", () => {
    expect(schedule(1).lr).toBeCloseTo(lrMax / 1e5, 15);
    expect(schedule(1).mom).toBeCloseTo(0.95, 15);
  });
  it("follows the formula in between", () => {
    for (const pos of [0.01, 0.1, 0.2, 0.3, 0.5, 0.77, 0.99]) {
      const q = pos < 0.25 ? pos / 0.25 : (pos - 0.25) / 0.75;
      const lr = pos < 0.25 ? cos(lrMax / 25, lrMax, q) : cos(lrMax, lrMax / 1e5, q);
      const mom = pos < 0.25 ? cos(0.95, 0.85, q) : cos(0.85, 0.95, q);
      expect(schedule(pos).lr).toBeCloseTo(lr, 15);
      expect(schedule(pos).mom).toBeCloseTo(mom, 15);
    }
  });
  it("honours its options", () => {
    const s = oneCycle({lrMax: 1, div: 10, divFinal: 100, pctStart: 0.5, moms: [0.9, 0.8, 0.7]});
    expect(s(0)).toEqual({lr: 0.1, mom: 0.9});
    expect(s(0.5).lr).toBeCloseTo(1, 15);
    expect(s(1).lr).toBeCloseTo(0.01, 15);
    expect(s(1).mom).toBeCloseTo(0.7, 15);
  });
  it("rejects a bad lrMax or pctStart with a TypeError", () => {
    expect(() => oneCycle({lrMax: 0})).toThrow(TypeError);
    expect(() => oneCycle({lrMax: 1, pctStart: 1})).toThrow(TypeError);
  });
});
