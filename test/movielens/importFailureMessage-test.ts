import {describe, expect, it} from "vitest";
import {importFailureMessage, isOutOfMemory} from "../../src/components/movielens/importFailureMessage.js";

describe("isOutOfMemory(error)", () => {
  it("recognises the engines' allocation failures, and nothing else", () => {
    for (const message of [
      "Array buffer allocation failed",
      "Invalid array length",
      "Invalid typed array length: 4294967296",
      "out of memory",
      "allocation size overflow"
    ]) {
      expect(isOutOfMemory(new RangeError(message))).toBe(true);
    }
    expect(isOutOfMemory(new Error("ratings.csv:3: the rating “x” is not a number"))).toBe(false);
    expect(isOutOfMemory("Out of memory")).toBe(true);
  });
});

describe("importFailureMessage(error, files)", () => {
  it("keeps an error's own message (a file:line for a bad line)", () => {
    expect(importFailureMessage(new Error("ratings.dat:7: too few fields"), [{name: "ml-10m.zip", size: 1}])).toBe(
      "ratings.dat:7: too few fields"
    );
  });
  it("puts running out of memory in words: the file, its size, and the two ways out, with no command", () => {
    const text = importFailureMessage(new RangeError("Array buffer allocation failed"), [
      {name: "ml-32m.zip", size: 238_950_008}
    ]);
    expect(text).toMatch(/^This browser ran out of memory reading ml-32m\.zip \(239 MB\)/);
    expect(text).toContain("Load a smaller release (ml-latest-small, ML-1M or ML-10M)");
    expect(text).toContain("or run the workbook from its source on your computer with this one, as its README says");
    expect(text).not.toMatch(/\bnpm\b/); // a visitor to a published site has no command line
    expect(
      importFailureMessage(new RangeError("Invalid array length"), [
        {name: "ratings.csv", size: 877e6},
        {name: "movies.csv", size: 4e6}
      ])
    ).toMatch(/^This browser ran out of memory reading these 2 files \(881 MB\)/);
  });
});
