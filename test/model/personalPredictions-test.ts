import {describe, expect, it} from "vitest";
import type {ModelWeights} from "../../src/components/model/modelWeights.js";
import {personalPredictions} from "../../src/components/model/personalPredictions.js";
import {explainPrediction} from "../../src/components/model/explainPrediction.js";
import {foldInLambda, foldInUser} from "../../src/components/model/foldIn.js";

// Two users (the second is me, 99999), three movies, one factor.
const weights: ModelWeights = {
  users: 2,
  movies: 3,
  factors: 1,
  yRange: [0.5, 5.5],
  catalogue: null,
  wd: 0.1,
  userIds: Int32Array.of(1, 99999),
  movieIds: Int32Array.of(10, 20, 30),
  userFactors: Float32Array.of(0.5, 1),
  movieFactors: Float32Array.of(1, -1, 0.5),
  userBias: Float32Array.of(0, 0.2),
  movieBias: Float32Array.of(0, 0, 0)
};
const mine = [
  {movieId: 10, rating: 5, timestamp: 1},
  {movieId: 20, rating: 1, timestamp: 2}
];

describe("personalPredictions(weights, mine, used)", () => {
  it("says on how many ratings, and that they are those it was trained on", () => {
    const p = personalPredictions(weights, mine, mine);
    expect(p).toMatchObject({approximate: false, changed: 0, used: 2});
  });
  it("does not claim a count it does not know (an uploaded checkpoint that does not record my ratings)", () => {
    expect(personalPredictions(weights, [...mine, {movieId: 30, rating: 4, timestamp: 3}], null)).toMatchObject({
      approximate: false,
      used: null
    });
  });
  it("says when my ratings changed since training, and how many it now rests on", () => {
    const p = personalPredictions(weights, [...mine, {movieId: 30, rating: 4, timestamp: 3}], mine);
    expect(p).toMatchObject({approximate: true, changed: 1, used: 3});
  });
  it("fits my factors to my current ratings (a fold-in) whether or not they changed, never the model's own row", () => {
    const own = personalPredictions(weights, mine, mine);
    const rated = [
      {movie: 0, rating: 5},
      {movie: 1, rating: 1}
    ];
    const folded = foldInUser(weights.movieFactors, weights.movieBias, 1, rated, {
      yRange: weights.yRange,
      lambda: foldInLambda(weights.movieFactors, 1, 2)
    });
    expect(own.rated).toEqual(rated);
    expect([...own.user.factors]).toEqual([...folded.factors]);
    expect(own.user.bias).toBe(folded.bias);
    expect([...own.user.factors]).not.toEqual([1]); // the trained row
    const more = personalPredictions(weights, [...mine, {movieId: 30, rating: 4, timestamp: 3}], mine);
    const x = more.user.bias + more.user.factors[0] * 0.5; // movie 30: factor 0.5, bias 0
    expect(more.rated).toEqual([...rated, {movie: 2, rating: 4}]);
    expect(more.predictions[2]).toBeCloseTo(0.5 + 5 / (1 + Math.exp(-x)), 5);
  });
  it("predicts what Why? shares out with nothing left over", () => {
    const p = personalPredictions(weights, [...mine, {movieId: 30, rating: 4, timestamp: 3}], mine);
    for (const movie of [0, 1, 2]) {
      const parts = explainPrediction(weights, p.user, movie, p.rated);
      expect(parts.predicted).toBeCloseTo(p.predictions[movie], 5);
      expect(Math.abs(parts.rest)).toBeLessThan(1e-6 * Math.max(1, Math.abs(parts.factorTerm)));
    }
  });
});
