import {describe, expect, it} from "vitest";
import {splitRows} from "../../src/components/split/splitRows.js";

describe("splitRows(n, {validPct, seed})", () => {
  it("puts ⌊validPct·n⌋ rows in validation and the rest in training, each row once", () => {
    const {train, valid} = splitRows(1001, {seed: 1});
    expect(valid.length).toBe(200);
    expect(train.length).toBe(801);
    const all = [...train, ...valid].sort((a, b) => a - b);
    expect(all).toEqual(Array.from({length: 1001}, (_, i) => i));
  });
  it("is reproducible from the seed and changes with it", () => {
    expect(splitRows(100, {seed: 3}).valid).toEqual(splitRows(100, {seed: 3}).valid);
    expect(splitRows(100, {seed: 3}).valid).not.toEqual(splitRows(100, {seed: 4}).valid);
  });
  it("honours validPct", () => {
    expect(splitRows(10, {validPct: 0.5}).valid.length).toBe(5);
    expect(() => splitRows(10, {validPct: 1})).toThrow(TypeError);
  });
});
