import {describe, expect, it} from "vitest";
import {splitCsvLine} from "../../src/components/movielens/splitCsvLine.js";

describe("splitCsvLine(line)", () => {
  it("splits plain fields, keeping empty ones", () => {
    expect(splitCsvLine("1,Toy Story (1995),Comedy")).toEqual({fields: ["1", "Toy Story (1995)", "Comedy"]});
    expect(splitCsvLine("")).toEqual({fields: [""]});
    expect(splitCsvLine("a,,b,")).toEqual({fields: ["a", "", "b", ""]});
  });
  it("reads quoted fields with commas and doubled quotes (RFC 4180)", () => {
    expect(splitCsvLine('11,"American President, The (1995)",Comedy|Drama')).toEqual({
      fields: ["11", "American President, The (1995)", "Comedy|Drama"]
    });
    expect(splitCsvLine('149334,"""Great Performances"" Cats (1998)",Musical')).toEqual({
      fields: ["149334", '"Great Performances" Cats (1998)', "Musical"]
    });
    expect(splitCsvLine('"",""""')).toEqual({fields: ["", '"']});
  });
  it("gives the reason for a quote out of place or left open", () => {
    expect(splitCsvLine('1,Say "Hi" (1990),Drama')).toEqual({
      reason: 'field 2 has a quote but does not start with one (write it as "…""…")'
    });
    expect(splitCsvLine('1,"Heat" (1995),Drama')).toEqual({reason: "field 2 has text after its closing quote"});
    expect(splitCsvLine('1,"Heat (1995),Drama')).toEqual({
      reason: "field 2 opens a quote that is not closed on this line"
    });
  });
});
