import {readFileSync} from "node:fs";
import {describe, expect, it} from "vitest";
import {ML100K_GENRES, parseUItem} from "../../src/components/movielens/parseUItem.js";

const latin1 = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));
const flags = (...names: string[]) => ML100K_GENRES.map((g) => (names.includes(g) ? 1 : 0)).join("|");

describe("parseUItem(bytes, file, genres)", () => {
  it("parses ML-100K's u.item: Latin-1 titles, years, genre flags, and a movie with no title year or dates", () => {
    const movies = parseUItem(readFileSync("test/fixtures/ml-100k/u.item"));
    expect(movies.map((m) => m.id)).toEqual([4, 55, 246, 270, 309, 350, 381, 1306, 1363]);
    expect(movies[0]).toEqual({
      id: 4,
      title: "Paper Lanterns",
      year: 1995,
      genres: ["Animation", "Children's", "Comedy"]
    });
    expect(movies[1].genres).toEqual(["Drama", "War", "Western"]);
    expect(movies[3]).toEqual({id: 270, title: "unknown", year: null, genres: ["unknown"]});
    expect(movies[4].genres).toEqual(["Crime", "Film-Noir", "Mystery", "Thriller"]);
    expect(movies[8]).toEqual({id: 1363, title: "Célibataires, Les", year: 1995, genres: ["Drama"]});
  });
  it("takes the year from the release date when the title has none", () => {
    expect(parseUItem(latin1(`7|Twelve Monkeys|01-Jan-1995||http://x|${flags("Drama", "Sci-Fi")}\n`))).toEqual([
      {id: 7, title: "Twelve Monkeys", year: 1995, genres: ["Drama", "Sci-Fi"]}
    ]);
  });
  it("names the flags by the genres given (u.genre's)", () => {
    expect(parseUItem(latin1("1|A (2000)|||http://x|0|1\n"), "u.item", ["Quiet", "Loud"])[0].genres).toEqual(["Loud"]);
  });
  for (const [line, reason] of [
    [
      "5|Copycat (1995)|01-Jan-1995||http://x|0|1",
      'expected 24 fields separated by "|" (id|title|release date|video release date|IMDb ' +
        "URL and 19 genre flags), found 7"
    ],
    [`5::Copycat (1995)::Crime`, "expected 24 fields"],
    [
      `5|Copycat (1995)|01-Jan-1995||http://x|${flags("Crime").replace(/^0/, "2")}`,
      'genre flag 1 (unknown) is "2", not 0 or 1'
    ],
    [`5|Copycat (1995)|1995-01-01||http://x|${flags("Crime")}`, 'release date is not like 01-Jan-1995: "1995-01-01"'],
    [`x|Copycat (1995)|01-Jan-1995||http://x|${flags("Crime")}`, 'movie id is not a number: "x"'],
    [`1|Copycat (1995)|01-Jan-1995||http://x|${flags("Crime")}`, "duplicate movie id 1"],
    [`5||01-Jan-1995||http://x|${flags("Crime")}`, "empty title"]
  ]) {
    it(`rejects ${JSON.stringify(line.slice(0, 40))}… with file:line, reason and text`, () => {
      const text = `1|Paper Lanterns (1995)|01-Jan-1995||http://x|${flags("Comedy")}\n${line}\n`;
      expect(() => parseUItem(latin1(text), "ml-100k/u.item")).toThrowError(`ml-100k/u.item:2: ${reason}`);
      expect(() => parseUItem(latin1(text), "ml-100k/u.item")).toThrowError(`\n  > ${line}`);
    });
  }
  it("refuses an empty file", () => {
    expect(() => parseUItem(new Uint8Array(0))).toThrowError(/^u\.item:1: empty file: no movies/);
  });
});
