import {describe, expect, it} from "vitest";
import {readMovieLines} from "../../src/components/movielens/readMovieLines.js";

const bytes = (text: string) => new TextEncoder().encode(text);
// A tiny `id|title|genres` format, as a reader of one release would split its lines.
const pipe = (text: string, line: number) => {
  const [id, title, genres = ""] = text.split("|");
  if (title === undefined) throw new Error(`line ${line}: no title`);
  return {id, title, genres: genres ? genres.split(",") : []};
};

describe("readMovieLines(bytes, file, readLine, {readHeader})", () => {
  it("reads each line's fields, splitting the year off the title, and allows blank lines at the end only", () => {
    expect(readMovieLines(bytes("1|Toy Story (1995)|Animation,Comedy\r\n2|Untitled|\n\n"), "m.txt", pipe)).toEqual([
      {id: 1, title: "Toy Story", year: 1995, genres: ["Animation", "Comedy"]},
      {id: 2, title: "Untitled", year: null, genres: []}
    ]);
    expect(() => readMovieLines(bytes("1|A (1990)|\n\n2|B (1991)|\n"), "m.txt", pipe)).toThrow("m.txt:2: empty line");
  });

  it("names the file and line of a bad id, a duplicate, an empty title, and an empty file", () => {
    expect(() => readMovieLines(bytes("x|A|\n"), "m.txt", pipe)).toThrow(/^m\.txt:1: movie id is not a number: "x"/);
    expect(() => readMovieLines(bytes("1|A|\n1|B|\n"), "m.txt", pipe)).toThrow(/^m\.txt:2: duplicate movie id 1/);
    expect(() => readMovieLines(bytes("1| |\n"), "m.txt", pipe)).toThrow(/^m\.txt:1: empty title/);
    expect(() => readMovieLines(bytes(""), "m.txt", pipe)).toThrow("m.txt:1: empty file: no movies");
  });

  it("decodes a Latin-1 line, and skips a UTF-8 byte-order mark", () => {
    const latin1 = Uint8Array.from([...bytes("1|Am"), 0xe9, ...bytes("lie (2001)|\n")]);
    expect(readMovieLines(latin1, "m.txt", pipe)[0].title).toBe("Amélie");
    expect(readMovieLines(Uint8Array.from([0xef, 0xbb, 0xbf, ...bytes("7|Up (2009)|\n")]), "m.txt", pipe)[0].id).toBe(
      7
    );
  });

  it('gives line 1 to readHeader, and an empty file\'s header as ""', () => {
    const headers: string[] = [];
    const readHeader = (text: string) => void headers.push(text);
    expect(readMovieLines(bytes("movieId|title|genres\n3|C (2003)|\n"), "m.csv", pipe, {readHeader})).toHaveLength(1);
    expect(() => readMovieLines(bytes(""), "m.csv", pipe, {readHeader})).toThrow("empty file");
    expect(headers).toEqual(["movieId|title|genres", ""]);
  });
});
