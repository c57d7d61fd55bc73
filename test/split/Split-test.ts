import {describe, expect, it} from "vitest";
import {sortSplit, splitByFlags} from "../../src/components/split/Split.js";
import {splitRows} from "../../src/components/split/splitRows.js";

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
