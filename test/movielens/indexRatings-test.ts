import {describe, expect, it} from "vitest";
import {indexRatings} from "../../src/components/movielens/indexRatings.js";
import type {RatingColumns} from "../../src/components/movielens/parseRatings.js";

const columns = (rows: number[][]): RatingColumns => ({
  userId: Int32Array.from(rows, (r) => r[0]),
  movieId: Int32Array.from(rows, (r) => r[1]),
  rating2: Uint8Array.from(rows, (r) => r[2] * 2),
  timestamp: Int32Array.from(rows, (r) => r[3])
});

describe("indexRatings(movieIds, parts)", () => {
  it("maps ids to dense indexes, movies in movies.dat order, users in order of appearance", () => {
    const r = indexRatings(
      [50, 10, 30],
      [
        columns([
          [7, 30, 4, 1],
          [3, 50, 2.5, 2],
          [7, 10, 5, 3]
        ])
      ]
    );
    expect(Array.from(r.user)).toEqual([0, 1, 0]);
    expect(Array.from(r.movie)).toEqual([2, 0, 1]);
    expect(Array.from(r.rating2)).toEqual([8, 5, 10]);
    expect(Array.from(r.userIds)).toEqual([7, 3]);
    expect(Array.from(r.movieIds)).toEqual([50, 10, 30]);
    expect(r.report).toEqual({unknownMovieRatings: 0, unknownMovies: 0, duplicates: 0});
  });
  it("appends later parts (my ratings) after the ratings", () => {
    const r = indexRatings(
      [1, 2],
      [
        columns([[1, 1, 3, 1]]),
        columns([
          [99999, 2, 5, 9],
          [99999, 1, 1, 9]
        ])
      ]
    );
    expect(Array.from(r.userIds)).toEqual([1, 99999]);
    expect(Array.from(r.user)).toEqual([0, 1, 1]);
    expect(Array.from(r.movie)).toEqual([0, 1, 0]);
  });
  it("drops and counts ratings of movies missing from movies.dat", () => {
    const r = indexRatings(
      [1],
      [
        columns([
          [1, 1, 3, 1],
          [1, 5, 3, 1],
          [2, 5, 3, 1],
          [2, 6, 3, 1]
        ])
      ]
    );
    expect(r.report).toEqual({unknownMovieRatings: 3, unknownMovies: 2, duplicates: 0});
    expect(r.user.length).toBe(1);
    expect(Array.from(r.userIds)).toEqual([1]);
  });
  it("keeps only the last rating of a (user, movie) pair, across parts, and counts the rest", () => {
    const r = indexRatings(
      [1, 2],
      [
        columns([
          [1, 1, 3, 1],
          [1, 2, 3, 2],
          [1, 1, 4, 3],
          [2, 1, 1, 4]
        ]),
        columns([[1, 1, 5, 5]])
      ]
    );
    expect(r.report.duplicates).toBe(2);
    expect(Array.from(r.rating2, (x) => x / 2)).toEqual([3, 1, 5]);
    expect(Array.from(r.timestamp)).toEqual([2, 4, 5]);
  });
});
