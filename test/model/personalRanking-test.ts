import {describe, expect, it} from "vitest";
import {fitIals, ialsScores} from "../../src/components/model/ials.js";
import {ialsFoldIn} from "../../src/components/model/ialsFoldIn.js";
import {personalIals, rankingScores, topInOrder} from "../../src/components/model/personalRanking.js";

// Users 0–3 rate movies 0–2, users 4–7 rate movies 3–5 (ids 10…15).
const rows = {user: [] as number[], movie: [] as number[]};
for (let u = 0; u < 8; ++u)
  for (let m = 0; m < 3; ++m) {
    rows.user.push(u);
    rows.movie.push(m + (u < 4 ? 0 : 3));
  }
const ranker = fitIals(rows, 8, 6, undefined, {factors: 4, epochs: 8});
const movieIds = Int32Array.of(10, 11, 12, 13, 14, 15);

describe("personalIals(ranker, movieIds, mine)", () => {
  it("folds in my ratings, by id, leaving out ids outside the ranker, and scores every movie", () => {
    const mine = [
      {movieId: 10, rating: 5},
      {movieId: 99, rating: 4},
      {movieId: 11, rating: 4.5}
    ];
    const p = personalIals(ranker, movieIds, mine);
    expect(p.rated).toEqual([
      {movie: 0, rating: 5},
      {movie: 1, rating: 4.5}
    ]);
    expect([...p.scores]).toEqual([...ialsScores({...ranker, userFactors: ialsFoldIn(ranker).vector(p.rated)}, 0)]);
    // Movie 2, rated by the people who rated 0 and 1, scores above the other taste's movies.
    expect(p.scores[2]).toBeGreaterThan(Math.max(p.scores[3], p.scores[4], p.scores[5]));
  });
});

describe("rankingScores(ranking, {predictions, counts, ials})", () => {
  const predictions = Float32Array.of(4, 3, 2);
  const counts = [0, 1, 3];
  it("gives the predictions at weight 0, the blend otherwise, and iALS's scores for iALS", () => {
    expect(rankingScores({kind: "predicted", weight: 0}, {predictions, counts})).toBe(predictions);
    expect(Array.from(rankingScores({kind: "predicted", weight: 1}, {predictions, counts}))).toEqual([4, 4, 4]);
    const ials = {rated: [], foldIn: ialsFoldIn(ranker), scores: Float32Array.of(1, 2, 3), ms: 0};
    expect(rankingScores({kind: "ials"}, {predictions, counts, ials})).toBe(ials.scores);
    expect(() => rankingScores({kind: "ials"}, {predictions, counts})).toThrow(TypeError);
  });
});

describe("topInOrder(movies, order, {predictions, counts, ranker, movieIds, myRatings}, options)", () => {
  const movies = [...movieIds].map((id, i) => ({
    id,
    title: `M${id}`,
    year: 2000,
    genres: [],
    ratings: [5, 1, 1, 9, 9, 9][i]
  }));
  const predictions = Float32Array.of(3, 4, 4.5, 2, 2.5, 1);
  const counts = movies.map((m) => m.ratings);
  const mine = [{movieId: 10, rating: 5}];
  const base = {predictions, counts, ranker, movieIds, myRatings: mine};
  const options = {rated: new Set([10]), n: 3};
  const ids = (rows: {movieId: number}[]) => rows.map((r) => r.movieId);

  it("ranks by predicted rating, with popularity blended in, and folds me into iALS for iALS's order", () => {
    const predicted = topInOrder(movies, {kind: "predicted", weight: 0}, base, options);
    expect(ids(predicted.top)).toEqual([12, 11, 14]);
    expect(predicted.ials).toBeNull();
    // Two stars per doubling of the ratings: the much-rated movies rise.
    expect(ids(topInOrder(movies, {kind: "predicted", weight: 2}, base, options).top)[0]).toBe(14);
    const ials = topInOrder(movies, {kind: "ials"}, base, options);
    expect(ials.ials!.rated).toEqual([{movie: 0, rating: 5}]);
    // Movies 11 and 12 are rated with movie 10, which I liked: they come first.
    expect(ids(ials.top).slice(0, 2).sort()).toEqual([11, 12]);
  });

  it("cannot rank by iALS for a model kept without it", () => {
    expect(() => topInOrder(movies, {kind: "ials"}, {...base, ranker: null}, options)).toThrow(TypeError);
  });
});
