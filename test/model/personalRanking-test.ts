import {describe, expect, it} from "vitest";
import {fitIals, ialsScores} from "../../src/components/model/ials.js";
import {ialsFoldIn} from "../../src/components/model/ialsFoldIn.js";
import {personalIals, rankingScores} from "../../src/components/model/personalRanking.js";

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
