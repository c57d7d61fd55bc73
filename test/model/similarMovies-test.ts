import {describe, expect, it} from "vitest";
import {similarMovies} from "../../src/components/model/similarMovies.js";

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
