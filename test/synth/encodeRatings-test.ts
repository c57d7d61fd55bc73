import {describe, expect, it} from "vitest";
import {parseRatingsCsv} from "../../src/components/movielens/parseRatingsCsv.js";
import {encodeRatings, formatRatings} from "../../src/components/synth/encodeRatings.js";
import {synthesize} from "../../src/components/synth/synthesize.js";

const {ratings, myRatings} = synthesize({seed: 7, users: 300, movies: 1000, ratings: 20_000});
const R = ratings.userId.length;

describe("formatRatings(ratings, start, end)", () => {
  it("writes MovieLens lines, whole ratings without a decimal point", () => {
    const text = formatRatings(ratings);
    const lines = text.slice(0, -1).split("\n");
    expect(lines.length).toBe(R);
    for (const line of lines) expect(line).toMatch(/^\d+::\d+::(0\.5|[1-4](\.5)?|5)::\d+$/);
    for (const line of formatRatings(myRatings).slice(0, -1).split("\n"))
      expect(line).toMatch(/^99999::\d+::(0\.5|[1-4](\.5)?|5)::\d+$/);
    const fixture = {
      userId: Int32Array.of(1, 3),
      movieId: Int32Array.of(122, 1252),
      rating2: Uint8Array.of(10, 9),
      timestamp: Int32Array.of(900000046, 1200000171)
    };
    expect(formatRatings(fixture)).toBe("1::122::5::900000046\n3::1252::4.5::1200000171\n");
  });
  it("formats slices [start, end) that add up to the whole", () => {
    const whole = formatRatings(ratings);
    expect(formatRatings(ratings, 0, 7000) + formatRatings(ratings, 7000, 13001) + formatRatings(ratings, 13001)).toBe(
      whole
    );
    expect(formatRatings(ratings, 5, 5)).toBe("");
    expect(new TextDecoder().decode(encodeRatings(ratings))).toBe(whole);
  });
});

describe("encodeRatings(ratings, start, end, {csv: true})", () => {
  it("writes ratings.csv rows, whole stars as 4.0, which parseRatingsCsv reads back after the header", () => {
    const fixture = {
      userId: Int32Array.of(1, 3),
      movieId: Int32Array.of(122, 1252),
      rating2: Uint8Array.of(10, 9),
      timestamp: Int32Array.of(900000046, 1200000171)
    };
    expect(new TextDecoder().decode(encodeRatings(fixture, 0, 2, {csv: true}))).toBe(
      "1,122,5.0,900000046\n3,1252,4.5,1200000171\n"
    );
    const text = new Uint8Array([
      ...new TextEncoder().encode("userId,movieId,rating,timestamp\n"),
      ...encodeRatings(ratings, 0, R, {csv: true})
    ]);
    expect(parseRatingsCsv(text)).toEqual(ratings);
  });
});
