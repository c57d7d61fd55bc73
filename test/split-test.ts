import {describe, expect, it} from "vitest";
import {splitByFlags, splitRows} from "../src/components/split.js";

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

describe("splitByFlags(isValid)", () => {
  it("validates the flagged rows and trains on the rest, each in increasing order", () => {
    const split = splitByFlags(Uint8Array.of(0, 1, 1, 0, 0, 1));
    expect(Array.from(split.valid)).toEqual([1, 2, 5]);
    expect(Array.from(split.train)).toEqual([0, 3, 4]);
    expect(splitByFlags([])).toEqual({train: new Uint32Array(0), valid: new Uint32Array(0)});
  });
});
