import {describe, expect, it} from "vitest";
import {indexDataset} from "../../src/components/movielens/indexDataset.js";
import type {Movie} from "../../src/components/movielens/parseMoviesDat.js";
import type {RatingColumns} from "../../src/components/movielens/parseRatings.js";

const movies: Movie[] = [
  {id: 10, title: "Ten (1990)", year: 1990, genres: ["Drama"]},
  {id: 20, title: "Twenty (2000)", year: 2000, genres: ["Comedy"]}
];
const columns = (rows: [number, number, number, number][]): RatingColumns => ({
  userId: Int32Array.from(rows, (r) => r[0]),
  movieId: Int32Array.from(rows, (r) => r[1]),
  rating2: Uint8Array.from(rows, (r) => r[2] * 2),
  timestamp: Int32Array.from(rows, (r) => r[3])
});
const bytes = (text: string) => new TextEncoder().encode(text);

describe("indexDataset(movies, ratings, myRatings)", () => {
  it("appends my_ratings.dat as user 99999, indexes every rating against the movies, and counts the rows", () => {
    const ratings = columns([
      [1, 10, 4, 100],
      [2, 20, 3.5, 200],
      [2, 30, 5, 300]
    ]);
    const mine = {bytes: bytes("99999::20::5::400\n99999::10::1::401\n"), file: "my_ratings.dat"};
    const {movies: kept, ratings: indexed, rows} = indexDataset(movies, ratings, mine);
    expect(kept).toBe(movies);
    expect(rows).toEqual({ratings: 3, myRatings: 2});
    expect([...indexed.userIds]).toEqual([1, 2, 99999]);
    expect([...indexed.movieIds]).toEqual([10, 20]);
    // Movie 30 is not among the movies: dropped and counted.
    expect(indexed.report).toMatchObject({unknownMovieRatings: 1, unknownMovies: 1});
    expect(indexed.report.movedUser).toBeUndefined();
    const mineRows = [...indexed.user.keys()].filter((i) => indexed.userIds[indexed.user[i]] === 99999);
    expect(mineRows.map((i) => [indexed.movieIds[indexed.movie[i]], indexed.rating2[i] / 2])).toEqual([
      [20, 5],
      [10, 1]
    ]);
  });

  it("renumbers a release's own user 99999 above its highest id before mine are appended, and reports it", () => {
    const ratings = columns([
      [99999, 10, 2, 100],
      [7, 20, 4, 200]
    ]);
    const {ratings: indexed} = indexDataset(movies, ratings, {bytes: bytes("99999::10::5::1\n"), file: "mine.dat"});
    expect(indexed.report.movedUser).toBe(100000);
    expect([...indexed.userIds].sort((a, b) => a - b)).toEqual([7, 99999, 100000]);
    const of = (id: number) => [...indexed.user.keys()].filter((i) => indexed.userIds[indexed.user[i]] === id);
    expect(of(100000).map((i) => indexed.rating2[i])).toEqual([4]);
    expect(of(99999).map((i) => indexed.rating2[i])).toEqual([10]);
  });

  it("appends nothing without my ratings, and passes on the parser's error, with file:line, for my_ratings.dat", () => {
    expect(indexDataset(movies, columns([[1, 10, 4, 1]]), null).rows).toEqual({ratings: 1, myRatings: 0});
    expect(() =>
      indexDataset(movies, columns([[1, 10, 4, 1]]), {bytes: bytes("99999::10::seven::1\n"), file: "mine.dat"})
    ).toThrow(/^mine\.dat: 1 invalid line; nothing was imported\.\nmine\.dat:1: rating is not a number/);
  });
});
