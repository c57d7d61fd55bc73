import {describe, expect, it} from "vitest";
import {
  genreAgreement,
  readMinimumRatings,
  SIMILAR_MIN_RATINGS,
  similarMovies
} from "../../src/components/model/similarMovies.js";

// Six movies × two factors: 1 points the same way as 0, 2 at 45°, 3 at 90°, 4 the opposite way, 5 is all zeros.
const factors = Float32Array.of(1, 0, 2, 0, 1, 1, 0, 3, -1, 0, 0, 0);

describe("similarMovies(movieFactors, factors, movieIndex, {n, minRatings, counts})", () => {
  it("ranks the other movies by cosine similarity, best first, without the movie itself", () => {
    const similar = similarMovies(factors, 2, 0);
    expect(similar.map((s) => s.movie)).toEqual([1, 2, 3, 4]);
    expect(similar[0].similarity).toBe(1);
    expect(similar[1].similarity).toBeCloseTo(Math.SQRT1_2, 6);
    expect(similar[2].similarity).toBe(0);
    expect(similar[3].similarity).toBe(-1);
  });
  it("returns the top n, ties by movie index", () => {
    expect(similarMovies(factors, 2, 2, {n: 2})).toEqual([
      {movie: 0, similarity: expect.closeTo(Math.SQRT1_2, 6)},
      {movie: 1, similarity: expect.closeTo(Math.SQRT1_2, 6)}
    ]);
    expect(similarMovies(factors, 2, 0, {n: 0})).toEqual([]);
  });
  it("leaves out movies with fewer than minRatings ratings", () => {
    expect(similarMovies(factors, 2, 0, {minRatings: 10, counts: [50, 5, 10, 20, 30, 40]}).map((s) => s.movie)).toEqual(
      [2, 3, 4]
    );
  });
  it("has no neighbours for a movie whose factors are all zero", () => {
    expect(similarMovies(factors, 2, 5)).toEqual([]);
  });
  it("throws on bad input", () => {
    expect(() => similarMovies(factors, 5, 0)).toThrow(TypeError);
    expect(() => similarMovies(factors, 2, 6)).toThrow("similarMovies: movie index 6 is outside 0…5");
    expect(() => similarMovies(factors, 2, 0, {minRatings: 3})).toThrow(/needs counts/);
    expect(() => similarMovies(factors, 2, 0, {counts: [1, 2]})).toThrow(/2 counts for 6 movies/);
  });
});

describe("genreAgreement(genres, queries, neighbours)", () => {
  // Four movies on two axes: 0 and 1 point one way (Drama), 2 and 3 the other (Comedy); 3 is rarely rated.
  const factors = Float32Array.of(1, 0, 0.9, 0.1, 0, 1, 0.1, 0.9);
  const genres = [["Drama"], ["Drama", "War"], ["Comedy"], ["Comedy"]];
  it("is the mean share of each query's neighbours that share a genre with it", () => {
    // One neighbour each: 0 → 1 (Drama), 2 → 3 (Comedy): all agree.
    const near =
      (n: number, options = {}) =>
      (q: number) =>
        similarMovies(factors, 2, q, {n, ...options});
    expect(genreAgreement(genres, [0, 2], near(1))).toBe(1);
    // Two neighbours each: 0 → 1, 3 (one of two agrees); 2 → 3, 1 (one of two).
    expect(genreAgreement(genres, [0, 2], near(2))).toBe(0.5);
  });
  it("follows the minimum number of ratings, and is NaN when no query has a neighbour", () => {
    const counts = [50, 50, 50, 2];
    // Without movie 3, movie 2's nearest is 1 (Drama): it disagrees.
    const near = (minRatings: number) => (q: number) => similarMovies(factors, 2, q, {n: 1, minRatings, counts});
    expect(genreAgreement(genres, [2], near(20))).toBe(0);
    expect(genreAgreement(genres, [2], near(100))).toBeNaN();
  });
});

describe("readMinimumRatings(text)", () => {
  it("takes a whole number 0 or more as typed", () => {
    expect(readMinimumRatings("0")).toEqual({minRatings: 0, note: null});
    expect(readMinimumRatings(" 250 ")).toEqual({minRatings: 250, note: null});
  });
  it("keeps the default for anything else, and says why", () => {
    expect(readMinimumRatings("")).toEqual({
      minRatings: SIMILAR_MIN_RATINGS,
      note: "The minimum is empty or not a number: showing neighbours with at least 20 ratings."
    });
    expect(readMinimumRatings("2.5").note).toBe(
      "2.5 is not a whole number of ratings: showing neighbours with at least 20 ratings."
    );
    expect(readMinimumRatings("-3").note).toBe("-3 is below 0: showing neighbours with at least 20 ratings.");
    expect(readMinimumRatings("abc").note).toBe("“abc” is not a number: showing neighbours with at least 20 ratings.");
    expect(readMinimumRatings("4029.5").minRatings).toBe(SIMILAR_MIN_RATINGS);
  });
});
