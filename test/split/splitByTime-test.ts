import {describe, expect, it} from "vitest";
import {splitByTime} from "../../src/components/split/splitByTime.js";

describe("splitByTime(user, timestamp, users, {validPct})", () => {
  it("holds out each user's latest ⌊20%⌋ ratings, ties by row order", () => {
    // User 0: 5 ratings (1 held out, the latest, row 1); user 1: 10 ratings (2 held out:
    // rows 14 and 13 tie at 50, 12 at 40).
    const user = [0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1];
    const timestamp = [3, 9, 1, 2, 5, 1, 2, 3, 4, 5, 6, 7, 40, 50, 50];
    const {train, valid} = splitByTime(user, timestamp, 2);
    expect([...valid]).toEqual([1, 13, 14]);
    expect([...train]).toEqual([0, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
  });

  it("holds out nothing of a user with too few ratings, and checks its inputs", () => {
    expect([...splitByTime([0, 0, 0, 0], [1, 2, 3, 4], 1).valid]).toEqual([]);
    expect(() => splitByTime([0], [], 1)).toThrow(TypeError);
    expect(() => splitByTime([0], [1], 1, {validPct: 1})).toThrow(TypeError);
  });
});
