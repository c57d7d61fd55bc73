import {describe, expect, it} from "vitest";
import {parseUGenre} from "../../src/components/movielens/parseUGenre.js";
import {ML100K_GENRES} from "../../src/components/movielens/parseUItem.js";
import {U_GENRE} from "../support/uGenre.js";

const bytes = (s: string) => new TextEncoder().encode(s);

describe("parseUGenre(bytes, file)", () => {
  it("reads ML-100K's u.genre, blank line at the end included, as the README's list", () => {
    expect(parseUGenre(U_GENRE)).toEqual(ML100K_GENRES);
  });
  it("refuses a malformed line, an index out of order and an empty file, with file:line", () => {
    expect(() => parseUGenre(bytes("unknown|0\nAction\n"))).toThrowError(
      'u.genre:2: expected "name|index", found "Action"'
    );
    expect(() => parseUGenre(bytes("unknown|0\nAction|2\n"))).toThrowError('u.genre:2: expected index 1, found "2"');
    expect(() => parseUGenre(bytes("unknown|0\n\nAction|1\n"))).toThrowError("u.genre:2: empty line");
    expect(() => parseUGenre(bytes(""))).toThrowError("u.genre:1: empty file: no genres");
  });
});
