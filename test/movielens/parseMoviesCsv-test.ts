import {readFileSync} from "node:fs";
import {describe, expect, it} from "vitest";
import {parseMoviesCsv} from "../../src/components/movielens/parseMoviesCsv.js";

const bytes = (s: string) => new TextEncoder().encode(s);
const HEADER = "movieId,title,genres\n";

describe("parseMoviesCsv(bytes, file)", () => {
  it("parses movies.csv: quoted titles, no year, a year range, (no genres listed), UTF-8", () => {
    expect(parseMoviesCsv(readFileSync("test/fixtures/ml-latest-small/movies.csv"))).toEqual([
      {id: 1, title: "Paper Lanterns", year: 1995, genres: ["Animation", "Comedy"]},
      {id: 4, title: "Grumpy Old Keepers", year: 1995, genres: ["Comedy", "Romance"]},
      {id: 12, title: "Long Parliament, The", year: 1995, genres: ["Comedy", "Drama"]},
      {id: 26590, title: "Tenfold, The (Dziesiec)", year: 1989, genres: ["Crime", "Drama"]},
      {id: 40701, title: "Station 9", year: null, genres: ["Sci-Fi"]},
      {id: 149340, title: '"Grand Stages" Dogs', year: 1998, genres: ["Musical"]},
      {id: 171755, title: "Night Ledger: Yoru nôto (2006–2007)", year: 2006, genres: []}
    ]);
  });
  it("reads CRLF endings and a byte-order mark", () => {
    expect(parseMoviesCsv(bytes('\ufeffmovieId,title,genres\r\n2,"Copper Canyon (1995)",Adventure\r\n'))).toEqual([
      {id: 2, title: "Copper Canyon", year: 1995, genres: ["Adventure"]}
    ]);
  });
  it("refuses a wrong header (checkCsvHeader) or no movies after it, at line 1", () => {
    expect(() => parseMoviesCsv(bytes("movieId,title\n"))).toThrowError(
      'movies.csv:1: expected the header "movieId,title,genres", found another first line\n  > movieId,title'
    );
    expect(() => parseMoviesCsv(bytes(HEADER))).toThrowError("movies.csv:1: empty file: no movies");
  });
  // Each malformed line, after a good one, and the reason given for it.
  const malformed: Record<string, string> = {
    "5,Father of the Bride Part II (1995)": "expected 3 fields separated by commas (movieId,title,genres), found 2",
    "5,Long Parliament, The (1995),Comedy": "expected 3 fields separated by commas (movieId,title,genres), found 4",
    '5,"Heat (1995),Action': "field 2 opens a quote that is not closed on this line",
    '5,Say "Hi" (1990),Drama': "field 2 has a quote but does not start with one",
    "x,Heat (1995),Action": 'movie id is not a number: "x"',
    "1,Heat (1995),Action": "duplicate movie id 1",
    "5,,Action": "empty title"
  };
  for (const [line, reason] of Object.entries(malformed)) {
    it(`rejects ${JSON.stringify(line)} with file:line, reason and text`, () => {
      const text = `${HEADER}1,Paper Lanterns (1995),Comedy\n${line}\n`;
      expect(() => parseMoviesCsv(bytes(text), "ml-25m/movies.csv")).toThrowError(`ml-25m/movies.csv:3: ${reason}`);
      expect(() => parseMoviesCsv(bytes(text), "ml-25m/movies.csv")).toThrowError(`\n  > ${line}`);
    });
  }
  it("refuses a blank line before the end", () => {
    expect(() => parseMoviesCsv(bytes(`${HEADER}1,A (2000),Drama\n\n2,B (2001),Drama\n`))).toThrowError(
      /^movies\.csv:3: empty line/
    );
  });
});
