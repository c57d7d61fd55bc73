import {readFileSync} from "node:fs";
import {describe, expect, it} from "vitest";
import {RatingsParser} from "../../src/components/movielens/parseRatings.js";
import {U_DATA, parseUData} from "../../src/components/movielens/parseUData.js";

const bytes = (s: string) => new TextEncoder().encode(s);
const rows = (r: ReturnType<typeof parseUData>) =>
  Array.from(r.userId, (u, i) => [u, r.movieId[i], r.rating2[i] / 2, r.timestamp[i]]);

describe("parseUData(bytes, file)", () => {
  it("parses ML-100K's tab-separated u.data, whole stars", () => {
    expect(rows(parseUData(readFileSync("test/fixtures/ml-100k/u.data")))).toEqual([
      [31, 246, 3, 887000949],
      [8, 309, 4, 887000742],
      [57, 381, 1, 887000116],
      [12, 55, 2, 887000923],
      [40, 350, 1, 887000596],
      [31, 4, 5, 887001001]
    ]);
  });
  it("handles CRLF endings, a missing final newline and blank lines at the end", () => {
    expect(rows(parseUData(bytes("1\t2\t3\t4\r\n5\t6\t4\t8")))).toEqual([
      [1, 2, 3, 4],
      [5, 6, 4, 8]
    ]);
    expect(rows(parseUData(bytes("1\t2\t3\t4\n\n")))).toEqual([[1, 2, 3, 4]]);
  });
  for (const [line, reason] of [
    ["1\t2\t3", "expected 4 fields separated by tabs (user id, item id, rating, timestamp), found 3"],
    ["1::2::3::4", "expected 4 fields separated by tabs"],
    ["1 2 3 4", "expected 4 fields separated by tabs"],
    ["a\t2\t3\t4", 'user id is not a number: "a"'],
    ["1\t2\t3.5\t4", "rating 3.5 is not a whole number of stars from 1 to 5"],
    ["1\t2\t4.0\t4", "rating 4.0 is not a whole number of stars from 1 to 5"],
    ["1\t2\t0\t4", "rating 0 is not a whole number of stars from 1 to 5"],
    ["1\t2\t6\t4", "rating 6 is not a whole number of stars from 1 to 5"],
    ["1\t2\t3\tt", 'timestamp is not a valid number of seconds: "t"']
  ]) {
    it(`rejects ${JSON.stringify(line)} with file:line, reason and text`, () => {
      const text = `1\t1\t4\t1\n${line}\n1\t1\t4\t1\n`;
      expect(() => parseUData(bytes(text))).toThrowError(`u.data:2: ${reason}`);
      expect(() => parseUData(bytes(text))).toThrowError(`\n  > ${line}`);
    });
  }
  it("gives the same columns streamed through RatingsParser in any chunks", () => {
    const text = bytes(
      Array.from({length: 2000}, (_, i) => `${i + 1}\t${(i * 7) % 101}\t${(i % 5) + 1}\t${1e9 + i}\n`).join("")
    );
    const parser = new RatingsParser("u.data", 0, {format: U_DATA});
    for (let at = 0; at < text.length; at += 333) parser.push(text.subarray(at, at + 333));
    expect(rows(parser.finish())).toEqual(rows(parseUData(text)));
  });
});
