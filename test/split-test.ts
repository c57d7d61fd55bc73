import {describe, expect, it} from "vitest";
import {sortSplit, splitByFlags, splitRows} from "../src/components/split.js";

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

describe("sortSplit(split)", () => {
  it("puts both lists of a split in increasing order, in place, keeping which rows validate", () => {
    const split = splitRows(1001, {seed: 1});
    const valid = new Set(split.valid),
      train = new Set(split.train);
    const {train: trainBuffer, valid: validBuffer} = split;
    expect(sortSplit(split)).toBe(split);
    expect(split.train).toBe(trainBuffer);
    expect(split.valid).toBe(validBuffer);
    expect(Array.from(split.valid)).toEqual([...valid].sort((a, b) => a - b));
    expect(Array.from(split.train)).toEqual([...train].sort((a, b) => a - b));
  });
  it("refuses a split that does not partition its rows, rather than losing one", () => {
    expect(() => sortSplit({train: Uint32Array.of(0, 1), valid: Uint32Array.of(2, 2)})).toThrow(
      /validation row 2 repeats/
    );
    expect(() => sortSplit({train: Uint32Array.of(0), valid: Uint32Array.of(5)})).toThrow(
      /row 5 repeats or lies past the 2 rows/
    );
  });
});
