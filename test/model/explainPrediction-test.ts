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

  it("shares the factor term out by hand: tⱼ·gⱼ²xⱼᵀ(XᵀGX + λI)⁻¹[m, 0], and the rest", () => {
    const lambda = 1.5625;
    const parts = explainPrediction(
      tiny,
      {factors: [0.5], bias: 0.25},
      2,
      [
        {movie: 0, rating: 4.5},
        {movie: 1, rating: 1.5}
      ],
      {lambda}
    );
    // Rows x₀ = [1, 1] and x₁ = [2, 1]; fitted logits 0.75 and 1.25 (movie biases 0); slopes g = 5σ(1 − σ); working
    // targets t = fitted + (r − 0.5 − 5σ)/g; A = Σ g²xxᵀ + λI, inverted by hand; z = A⁻¹[1, 0]; sⱼ = gⱼ²·xⱼ·z.
    const sigma = (x: number) => 1 / (1 + Math.exp(-x));
    const by = [
      {x: [1, 1], fitted: 0.75, r: 4.5},
      {x: [2, 1], fitted: 1.25, r: 1.5}
    ].map(({x, fitted, r}) => {
      const p = sigma(fitted),
        g = 5 * p * (1 - p);
      return {x, w: g * g, t: fitted + (r - 0.5 - 5 * p) / g};
    });
    const a11 = by.reduce((s, b) => s + b.w * b.x[0] ** 2, lambda + 1e-9),
      a12 = by.reduce((s, b) => s + b.w * b.x[0], 0),
      a22 = by.reduce((s, b) => s + b.w, lambda + 1e-9);
    const det = a11 * a22 - a12 * a12;
    const z = [a22 / det, -a12 / det];
    const [c0, c1] = parts.contributions;
    by.forEach((b, i) => {
      const c = [c0, c1][i];
      const similarity = b.w * (b.x[0] * z[0] + b.x[1] * z[1]);
      expect(c.surprise).toBeCloseTo(b.t, 12);
      expect(c.similarity).toBeCloseTo(similarity, 12);
      expect(c.amount).toBeCloseTo(b.t * similarity, 12);
    });
    expect(c0.movie).toBe(0);
    expect(c0.rating).toBe(4.5);
    // These factors are not a fold-in's, so the attribution leaves a rest, and the three add up to the factor term.
    expect(Math.abs(parts.rest)).toBeGreaterThan(0.01);
    expect(c0.amount + c1.amount + parts.rest).toBeCloseTo(parts.factorTerm, 14);
  });

  it("leaves no rest when my factors are the fold-in's, and its parts give predictFor's prediction", () => {
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
      lambda
    });
    const predicted = predictFor(model.movieFactors, model.movieBias, start.factors, start.bias, {
      yRange: model.yRange
    });
    for (const movie of [1, 17, 38]) {
      const parts = explainPrediction(model, start, movie, ratings);
      const sum = parts.contributions.reduce((s, c) => s + c.amount, 0);
      // The fold-in's factors are rounded to float32, and its Gauss–Newton steps stop within 1e-12 of the minimum.
      expect(Math.abs(parts.rest)).toBeLessThan(1e-4 * Math.max(1, Math.abs(parts.factorTerm)));
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
