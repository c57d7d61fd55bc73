import {describe, expect, it} from "vitest";
import {formatMyRatings, parseMyRatingsFile} from "../../src/components/movielens/myRatingsFile.js";
import {STARS, WHOLE_STARS, ratingForKey, ratingQueue, starsFor} from "../../src/components/ui/ratingQueue.js";

const movie = (id: number, year: number | null, ratings: number) => ({
  id,
  title: `Movie ${id}`,
  year,
  genres: [],
  ratings
});

describe("ratingQueue(movies)", () => {
  it("offers the newest movies first, the most rated first within a year, then by id; undated movies last", () => {
    const movies = [
      movie(1, 1999, 10),
      movie(2, null, 500),
      movie(3, 2008, 5),
      movie(4, 1999, 30),
      movie(5, 2008, 5),
      movie(6, null, 9)
    ];
    expect(ratingQueue(movies).map((m) => m.id)).toEqual([3, 5, 4, 1, 2, 6]);
  });

  it("returns a new array, keeping the movies' own type", () => {
    const movies = [{...movie(1, 2000, 1), extra: "kept"}, movie(2, 2001, 1)] as const;
    const queue = ratingQueue(movies);
    expect(queue).not.toBe(movies);
    expect(movies.map((m) => m.id)).toEqual([1, 2]);
    expect(queue[1]).toBe(movies[0]);
    expect(ratingQueue([])).toEqual([]);
  });
});

describe("ratingForKey(event)", () => {
  it("gives whole stars for 1–5, on the digit row and the keypad", () => {
    expect([1, 2, 3, 4, 5].map((d) => ratingForKey({code: `Digit${d}`, shiftKey: false}))).toEqual([1, 2, 3, 4, 5]);
    expect(ratingForKey({code: "Numpad4", shiftKey: false})).toBe(4);
  });

  it("gives half a star less with Shift: Shift+1 is 0.5", () => {
    expect([1, 2, 3, 4, 5].map((d) => ratingForKey({code: `Digit${d}`, shiftKey: true}))).toEqual([
      0.5, 1.5, 2.5, 3.5, 4.5
    ]);
  });

  it("gives null for any other key", () => {
    for (const code of ["Digit0", "Digit6", "Numpad9", "KeyS", "Digit12", "Space", ""])
      expect(ratingForKey({code, shiftKey: false})).toBeNull();
  });
});

describe("STARS", () => {
  it("is the ten half-star ratings MovieLens allows, and every key rating is one of them", () => {
    // Ten ratings, lowest first, each one a line of my_ratings.dat may hold.
    expect(STARS).toHaveLength(10);
    expect([...STARS].sort((a, b) => a - b)).toEqual(STARS);
    const line = (rating: number) => ({movieId: 1, rating, timestamp: 0});
    for (const rating of STARS) expect(parseMyRatingsFile(formatMyRatings([line(rating)]))).toEqual([line(rating)]);
    // None is left out: everything else from 0 to 5.5 in quarter stars is refused.
    for (let quarters = 0; quarters <= 22; ++quarters)
      if (!STARS.includes(quarters / 4)) expect(() => formatMyRatings([line(quarters / 4)])).toThrow(RangeError);
    for (const shiftKey of [false, true])
      for (let d = 1; d <= 5; ++d) expect(STARS).toContain(ratingForKey({code: `Digit${d}`, shiftKey}));
    // And every star has its key: the ten key ratings are the ten stars.
    const keyed = [false, true].flatMap((shiftKey) =>
      [1, 2, 3, 4, 5].map((d) => ratingForKey({code: `Digit${d}`, shiftKey})!)
    );
    expect(keyed.sort((a, b) => a - b)).toEqual(STARS);
  });
});

describe("starsFor(wholeShare)", () => {
  it("offers whole stars where every rating of the release is one (100K, 1M), else half stars", () => {
    expect(starsFor(1)).toEqual([1, 2, 3, 4, 5]);
    expect(starsFor(1)).toBe(WHOLE_STARS);
    expect(starsFor(0.62)).toBe(STARS);
    expect(starsFor(null)).toBe(STARS);
  });
});
