import {describe, expect, it} from "vitest";
import type {ModelWeights} from "../../src/components/model/modelWeights.js";
import {personalPredictions} from "../../src/components/model/personalPredictions.js";

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
  it("uses the model's own row, and says on how many ratings, when mine are those it was trained on", () => {
    const p = personalPredictions(weights, mine, mine);
    expect(p).toMatchObject({approximate: false, changed: 0, used: 2});
  });
  it("does not claim a count it does not know (an uploaded checkpoint that does not record my ratings)", () => {
    expect(personalPredictions(weights, [...mine, {movieId: 30, rating: 4, timestamp: 3}], null)).toMatchObject({
      approximate: false,
      used: null
    });
  });
  it("folds my ratings in when they changed since training", () => {
    const p = personalPredictions(weights, [...mine, {movieId: 30, rating: 4, timestamp: 3}], mine);
    expect(p).toMatchObject({approximate: true, changed: 1, used: 3});
  });
  it("gives the factors and bias the predictions come from: my row as trained, or the fold-in's", () => {
    const own = personalPredictions(weights, mine, mine);
    expect([...own.user.factors]).toEqual([1]);
    expect(own.user.bias).toBeCloseTo(0.2, 7);
    expect(own.rated).toEqual([
      {movie: 0, rating: 5},
      {movie: 1, rating: 1}
    ]);
    const folded = personalPredictions(weights, [...mine, {movieId: 30, rating: 4, timestamp: 3}], mine);
    const x = folded.user.bias + folded.user.factors[0] * 0.5; // movie 30: factor 0.5, bias 0
    expect(folded.rated).toEqual([
      {movie: 0, rating: 5},
      {movie: 1, rating: 1},
      {movie: 2, rating: 4}
    ]);
    expect(folded.predictions[2]).toBeCloseTo(0.5 + 5 / (1 + Math.exp(-x)), 5);
  });
});
