import {describe, expect, it} from "vitest";
import {explainPrediction, strongestContributions} from "../../src/components/model/explainPrediction.js";
import {foldInLambda, foldInUser} from "../../src/components/model/foldIn.js";
import {predictFor} from "../../src/components/model/predictRatings.js";
import {createRandom} from "../../src/components/random.js";

// Three movies with one factor each: 1, 2 and 1; biases 0, 0 and 0.5; the rating range [0.5, 5.5] (span 5).
const tiny = {
  movieFactors: Float32Array.of(1, 2, 1),
  movieBias: Float32Array.of(0, 0, 0.5),
  factors: 1,
  yRange: [0.5, 5.5] as const
};
// λ = (5/4)² makes the logit-space penalty 1. Ratings 4.5 and 1.5 are shares 0.8 and 0.2 of the range: logits ±ln 4.
const LN4 = Math.log(4);

describe("explainPrediction(model, user, movie, ratings, {lambda})", () => {
  it(
    "takes a prediction apart by hand: my bias + the movie's bias + u·m is the logit, " +
      "and lo + span·σ(logit) the stars",
    () => {
      const parts = explainPrediction(
        tiny,
        {factors: [0.5], bias: 0.25},
        2,
        [
          {movie: 0, rating: 4.5},
          {movie: 1, rating: 1.5}
        ],
        {lambda: 1.5625}
      );
      expect(parts.userBias).toBe(0.25);
      expect(parts.movieBias).toBe(0.5);
      expect(parts.factorTerm).toBe(0.5);
      expect(parts.logit).toBe(1.25);
      expect(parts.predicted).toBe(0.5 + 5 / (1 + Math.exp(-1.25)));
    }
  );

  it("shares the factor term out by hand: tⱼ·xⱼᵀ(XᵀX + λI)⁻¹[m, 0], and the rest", () => {
    // X = [[1, 1], [2, 1]], XᵀX + I = [[6, 3], [3, 3]], its inverse [[3, −3], [−3, 6]]/9; z = A⁻¹[1, 0] = [1/3, −1/3].
    // s₀ = [1, 1]·z = 0 and s₁ = [2, 1]·z = 1/3; t₀ = ln 4 and t₁ = −ln 4, so the ridge's u·m is −ln 4/3.
    const parts = explainPrediction(
      tiny,
      {factors: [0.5], bias: 0.25},
      2,
      [
        {movie: 0, rating: 4.5},
        {movie: 1, rating: 1.5}
      ],
      {lambda: 1.5625}
    );
    const [c0, c1] = parts.contributions;
    expect(c0.movie).toBe(0);
    expect(c0.rating).toBe(4.5);
    expect(c0.surprise).toBeCloseTo(LN4, 12);
    expect(c0.similarity).toBeCloseTo(0, 9);
    expect(c0.amount).toBeCloseTo(0, 9);
    expect(c1.surprise).toBeCloseTo(-LN4, 12);
    expect(c1.similarity).toBeCloseTo(1 / 3, 9);
    expect(c1.amount).toBeCloseTo(-LN4 / 3, 9);
    expect(parts.rest).toBeCloseTo(0.5 + LN4 / 3, 9);
    expect(c0.amount + c1.amount + parts.rest).toBe(parts.factorTerm);
  });

  it("leaves no rest when my factors are the fold-in's ridge start, and its parts give predictFor's prediction", () => {
    const random = createRandom(7);
    const movies = 40,
      k = 5;
    const model = {
      movieFactors: Float32Array.from({length: movies * k}, () => random() - 0.5),
      movieBias: Float32Array.from({length: movies}, () => random() - 0.5),
      factors: k,
      yRange: [0.5, 5.5] as const
    };
    const ratings = Array.from({length: 12}, (_, i) => ({movie: 3 * i, rating: 0.5 + Math.round(random() * 9) / 2}));
    const lambda = foldInLambda(model.movieFactors, k, ratings.length);
    const start = foldInUser(model.movieFactors, model.movieBias, k, ratings, {
      yRange: model.yRange,
      lambda,
      iterations: 0
    });
    const predicted = predictFor(model.movieFactors, model.movieBias, start.factors, start.bias, {
      yRange: model.yRange
    });
    for (const movie of [1, 17, 38]) {
      const parts = explainPrediction(model, start, movie, ratings);
      const sum = parts.contributions.reduce((s, c) => s + c.amount, 0);
      expect(Math.abs(parts.rest)).toBeLessThan(1e-6); // the start's factors are rounded to float32
      expect(sum + parts.rest).toBeCloseTo(parts.factorTerm, 14);
      expect(parts.userBias + parts.movieBias + parts.factorTerm).toBe(parts.logit);
      expect(parts.predicted).toBeCloseTo(predicted[movie], 5);
    }
  });

  it("refuses shapes that disagree and indexes outside the model", () => {
    expect(() => explainPrediction(tiny, {factors: [1, 2], bias: 0}, 0, [])).toThrow(TypeError);
    expect(() => explainPrediction(tiny, {factors: [1], bias: 0}, 3, [])).toThrow(RangeError);
    expect(() => explainPrediction(tiny, {factors: [1], bias: 0}, 0, [{movie: -1, rating: 3}])).toThrow(RangeError);
  });
});

describe("strongestContributions(parts, n)", () => {
  it("picks the largest pushes up and down, largest first, and leaves out zeros", () => {
    const c = (movie: number, amount: number) => ({movie, rating: 3, surprise: 0, similarity: 0, amount});
    const parts = {contributions: [c(0, 0.1), c(1, -0.4), c(2, 0.3), c(3, 0), c(4, -0.05), c(5, 0.3)]};
    const {up, down} = strongestContributions(parts, 2);
    expect(up.map((x) => x.movie)).toEqual([2, 5]);
    expect(down.map((x) => x.movie)).toEqual([1, 4]);
    expect(strongestContributions({contributions: []})).toEqual({up: [], down: []});
  });
});
