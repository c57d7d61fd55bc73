import {readFileSync} from "node:fs";
import {describe, expect, it} from "vitest";
import {FormatError} from "../../src/components/movielens/FormatError.js";
import {parseMoviesDat} from "../../src/components/movielens/parseMoviesDat.js";

const bytes = (s: string) => new TextEncoder().encode(s);

describe("parseMoviesDat(bytes, file)", () => {
  it("parses the real format, with CRLF endings, the year split out and genres as a list", () => {
    const movies = parseMoviesDat(readFileSync("test/fixtures/movies.dat"));
    expect(movies).toEqual([
      {id: 1, title: "Paper Lanterns", year: 1996, genres: ["Animation", "Comedy", "Fantasy"]},
      {id: 2, title: "Copper Canyon", year: 1993, genres: ["Adventure", "Western"]},
      {id: 32, title: "Seven Clocks (a.k.a. 7 Clocks)", year: 1998, genres: ["Mystery", "Sci-Fi"]},
      {id: 50, title: "Quiet Harbour, The", year: 1991, genres: ["Crime", "Drama"]},
      {id: 8606, title: "Hold My Lantern", year: 1958, genres: []}
    ]);
  });
  it("extracts the year with the original's pattern, the first (dddd) in the title", () => {
    const [a, b] = parseMoviesDat(bytes("7::1984 (1956)::Drama\n8::Untitled::Drama"));
    expect(a).toEqual({id: 7, title: "1984", year: 1956, genres: ["Drama"]});
    expect(b).toEqual({id: 8, title: "Untitled", year: null, genres: ["Drama"]});
  });
  it("handles a missing final newline", () => {
    expect(parseMoviesDat(bytes("1::A (2000)::Drama\n2::B (2001)::Comedy")).map((m) => m.id)).toEqual([1, 2]);
  });
  it("decodes UTF-8, and falls back to Latin-1 for lines that are not valid UTF-8", () => {
    const utf8 = bytes("1::Amélie (2001)::Comedy|Romance\n");
    const latin1 = Uint8Array.from([...bytes("2::Am"), 0xe9, ...bytes("lie (2001)::Comedy\n")]);
    const all = new Uint8Array([...utf8, ...latin1]);
    expect(parseMoviesDat(all).map((m) => m.title)).toEqual(["Amélie", "Amélie"]);
  });
  it("rejects a wrong field count with file:line and the offending text", () => {
    expect(() => parseMoviesDat(bytes("1::A (2000)::Drama\n2::B (2001)\n"), "movies.dat")).toThrowError(
      'movies.dat:2: expected 3 fields separated by "::", found 2\n  > 2::B (2001)'
    );
  });
  it("rejects a non-numeric id", () => {
    expect(() => parseMoviesDat(bytes("x1::A (2000)::Drama\n"))).toThrowError(
      /^movies\.dat:1: movie id is not a number: "x1"/
    );
  });
  it("rejects a duplicate id", () => {
    expect(() => parseMoviesDat(bytes("1::A (2000)::Drama\n1::B (2000)::Drama\n"))).toThrowError(
      /^movies\.dat:2: duplicate movie id 1/
    );
  });
  it("skips a UTF-8 byte-order mark, and refuses UTF-16 with the fix", () => {
    expect(parseMoviesDat(Uint8Array.from([0xef, 0xbb, 0xbf, ...bytes("1::A (2000)::Drama\n")]))).toEqual([
      {id: 1, title: "A", year: 2000, genres: ["Drama"]}
    ]);
    const utf16 = Uint8Array.from([0xff, 0xfe, ...[..."1::A (2000)::Drama\n"].flatMap((c) => [c.charCodeAt(0), 0])]);
    expect(() => parseMoviesDat(utf16)).toThrowError(/^movies\.dat:1: the file is UTF-16 text .*save it as UTF-8/);
  });
  it("rejects an empty file, and a blank line in the middle", () => {
    expect(() => parseMoviesDat(bytes(""))).toThrowError(/^movies\.dat:1: empty file/);
    expect(() => parseMoviesDat(bytes("1::A (2000)::Drama\n\n2::B (2000)::Drama\n"))).toThrowError(
      /^movies\.dat:2: empty line/
    );
  });
  it("throws a FormatError that carries the file, line and text", () => {
    try {
      parseMoviesDat(bytes("1::A (2000)::Drama\n2::B\n"), "m.dat");
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(FormatError);
      expect(error).toMatchObject({file: "m.dat", line: 2, text: "2::B"});
    }
  });
});
