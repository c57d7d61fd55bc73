import {readFileSync} from "node:fs";
import {describe, expect, it} from "vitest";
import {RatingsParser, parseRatings} from "../../src/components/movielens/parseRatings.js";

const bytes = (s: string) => new TextEncoder().encode(s);
const rows = (r: ReturnType<typeof parseRatings>) =>
  Array.from(r.userId, (u, i) => [u, r.movieId[i], r.rating2[i] / 2, r.timestamp[i]]);

describe("parseRatings(bytes, file)", () => {
  it("parses the real format into columns, half stars included", () => {
    expect(rows(parseRatings(readFileSync("test/fixtures/ratings.dat")))).toEqual([
      [1, 124, 4, 900000046],
      [1, 186, 2.5, 900000525],
      [1, 233, 5, 900000392],
      [2, 1, 3.5, 1200000171],
      [2, 2, 0.5, 1200000200]
    ]);
  });
  it("handles CRLF endings and a missing final newline", () => {
    expect(rows(parseRatings(bytes("1::2::3::4\r\n5::6::4.5::8")))).toEqual([
      [1, 2, 3, 4],
      [5, 6, 4.5, 8]
    ]);
  });
  it("accepts trailing zeros in ratings, such as 4.0 and 3.50", () => {
    expect(rows(parseRatings(bytes("1::2::4.0::4\n1::3::3.50::4\n")))).toEqual([
      [1, 2, 4, 4],
      [1, 3, 3.5, 4]
    ]);
  });
  it("ignores blank lines at the end of the file only", () => {
    expect(rows(parseRatings(bytes("1::2::3::4\n\n\r\n")))).toEqual([[1, 2, 3, 4]]);
    expect(() => parseRatings(bytes("1::2::3::4\n\n1::3::3::4\n"))).toThrowError(/^ratings\.dat:2: empty line/);
  });
  for (const [line, reason] of [
    ["1::2::3", 'expected 4 fields separated by "::" (UserID::MovieID::Rating::Timestamp), found 3'],
    ["1::2::3::4::5", "expected 4 fields"],
    ["1:2::3::4", "expected 4 fields"],
    ["a::2::3::4", 'user id is not a number: "a"'],
    ["1::-2::3::4", 'movie id is not a number: "-2"'],
    ["1::2::x::4", 'rating is not a number: "x"'],
    ["1::2::0::4", "rating 0 is outside 0.5–5"],
    ["1::2::5.5::4", "rating 5.5 is outside 0.5–5"],
    ["1::2::10::4", "rating 10 is outside 0.5–5"],
    ["1::2::3.25::4", "rating 3.25 is not a multiple of 0.5"],
    ["1::2::3.05::4", "rating 3.05 is not a multiple of 0.5"],
    ["1::2::3::t", 'timestamp is not a valid number of seconds: "t"'],
    ["1::2::3::99999999999", "timestamp 99999999999 is too large: at most 2147483647"],
    ["1234567890::2::3::4", "user id 1234567890 is too large: ids have at most 9 digits"],
    ["1::1234567890::3::4", "movie id 1234567890 is too large: ids have at most 9 digits"]
  ]) {
    it(`rejects ${JSON.stringify(line)} with file:line, reason and text`, () => {
      const text = `1::1::4::1\n${line}\n1::1::4::1\n`;
      expect(() => parseRatings(bytes(text), "r.dat")).toThrowError(`r.dat:2: ${reason}`);
      expect(() => parseRatings(bytes(text), "r.dat")).toThrowError(`\n  > ${line}`);
    });
  }
  it("rejects an empty file", () => {
    expect(() => parseRatings(bytes(""))).toThrowError(/^ratings\.dat:1: empty file/);
  });
});

describe("new RatingsParser(file, sizeHint)", () => {
  it("gives the same columns whatever the chunk boundaries, line numbers included", () => {
    const text = bytes(
      Array.from({length: 3000}, (_, i) => `${i + 1}::${(i * 7) % 101}::${((i % 10) + 1) / 2}::${1e9 + i}\r\n`).join("")
    );
    const whole = parseRatings(text);
    for (const size of [1, 3, 7, 64, 1000]) {
      const parser = new RatingsParser("ratings.dat", 0);
      for (let i = 0; i < text.length; i += size) parser.push(text.subarray(i, i + size));
      expect(parser.finish()).toEqual(whole);
    }
    const broken = new Uint8Array([...text, ...bytes("1::2::7::3\n")]);
    const parser = new RatingsParser("ratings.dat", 0);
    expect(() => {
      for (let i = 0; i < broken.length; i += 5) parser.push(broken.subarray(i, i + 5));
      parser.finish();
    }).toThrowError(/^ratings\.dat:3001: rating 7 is outside 0\.5–5/);
  });
});
