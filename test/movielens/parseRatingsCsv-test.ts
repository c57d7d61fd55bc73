import {readFileSync} from "node:fs";
import {describe, expect, it} from "vitest";
import {RatingsParser} from "../../src/components/movielens/parseRatings.js";
import {RATINGS_CSV, parseRatingsCsv} from "../../src/components/movielens/parseRatingsCsv.js";

const bytes = (s: string) => new TextEncoder().encode(s);
const rows = (r: ReturnType<typeof parseRatingsCsv>) =>
  Array.from(r.userId, (u, i) => [u, r.movieId[i], r.rating2[i] / 2, r.timestamp[i]]);
const HEADER = "userId,movieId,rating,timestamp\n";

describe("parseRatingsCsv(bytes, file)", () => {
  it("parses ratings.csv after its header, half stars included", () => {
    expect(rows(parseRatingsCsv(readFileSync("test/fixtures/ml-latest-small/ratings.csv")))).toEqual([
      [1, 1, 3.5, 960000703],
      [1, 4, 4, 960000247],
      [1, 12, 2.5, 960000224],
      [2, 26590, 5, 1440000835],
      [2, 40701, 0.5, 1440000990],
      [3, 149340, 3.5, 1300000578],
      [3, 171755, 4.5, 1300001000]
    ]);
  });
  it("reads a CRLF header and rows, and a UTF-8 byte-order mark", () => {
    expect(rows(parseRatingsCsv(bytes("\ufeffuserId,movieId,rating,timestamp\r\n1,2,3.5,4\r\n5,6,4,8")))).toEqual([
      [1, 2, 3.5, 4],
      [5, 6, 4, 8]
    ]);
  });
  it("refuses a wrong header (checkCsvHeader), split across chunks or not, and no ratings after it, at line 1", () => {
    expect(() => parseRatingsCsv(bytes("1,2,3.5,4\n"))).toThrowError(
      'ratings.csv:1: expected the header "userId,movieId,rating,timestamp", found another first line\n  > 1,2,3.5,4'
    );
    expect(() => parseRatingsCsv(bytes(""))).toThrowError(
      'ratings.csv:1: missing header: expected "userId,movieId,rating,timestamp" on the first line'
    );
    expect(() => parseRatingsCsv(bytes(HEADER))).toThrowError("ratings.csv:1: empty file: no ratings");
  });
  for (const [line, reason] of [
    ["1,2,3", 'expected 4 fields separated by "," (userId,movieId,rating,timestamp), found 3'],
    ["1,2,3,4,5", "expected 4 fields"],
    ["1;2;3;4", "expected 4 fields"],
    ['"1",2,3,4', 'user id is not a number: "\\"1\\""'],
    ["1,2,3.25,4", "rating 3.25 is not a multiple of 0.5"],
    ["1,2,0.0,4", "rating 0.0 is outside 0.5–5"],
    ["1,2,3,", 'timestamp is not a valid number of seconds: ""']
  ]) {
    it(`rejects ${JSON.stringify(line)} with file:line (the header is line 1), reason and text`, () => {
      const text = `${HEADER}1,1,4.0,1\n${line}\n1,1,4,1\n`;
      expect(() => parseRatingsCsv(bytes(text), "ml-32m/ratings.csv")).toThrowError(`ml-32m/ratings.csv:3: ${reason}`);
      expect(() => parseRatingsCsv(bytes(text), "ml-32m/ratings.csv")).toThrowError(`\n  > ${line}`);
    });
  }
  it("gives the same columns streamed in any chunks, the header split across them", () => {
    const text = bytes(
      HEADER +
        Array.from({length: 2000}, (_, i) => `${i + 1},${(i * 7) % 101},${((i % 10) + 1) / 2},${1e9 + i}\n`).join("")
    );
    for (const size of [5, 333, 1 << 16]) {
      const parser = new RatingsParser("ratings.csv", 0, {format: RATINGS_CSV});
      for (let at = 0; at < text.length; at += size) parser.push(text.subarray(at, at + size));
      expect(rows(parser.finish())).toEqual(rows(parseRatingsCsv(text)));
    }
  });
});
