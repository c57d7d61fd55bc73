import {describe, expect, it} from "vitest";
import {latestFlags} from "../../src/components/split/latestFlags.js";
import {splitByTime} from "../../src/components/split/splitByTime.js";

describe("latestFlags(user, timestamp, users, {validPct})", () => {
  it("flags each user's latest ⌊20%⌋ ratings, ties by row order: splitByTime's validation rows", () => {
    const user = [0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1];
    const timestamp = [3, 9, 1, 2, 5, 1, 2, 3, 4, 5, 6, 7, 40, 50, 50];
    const flags = latestFlags(user, timestamp, 2);
    expect([...flags]).toEqual([0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1]);
    expect([...splitByTime(user, timestamp, 2).valid]).toEqual([1, 13, 14]);
  });

  it("honours validPct, and says which columns disagree", () => {
    expect([...latestFlags([0, 0, 0, 0], [4, 3, 2, 1], 1, {validPct: 0.5})]).toEqual([1, 1, 0, 0]);
    expect(() => latestFlags([0, 0], [1], 1)).toThrow("latestFlags: 1 timestamps for 2 rows");
    expect(() => latestFlags([0], [1], 1, {validPct: -0.1})).toThrow(TypeError);
  });
});
