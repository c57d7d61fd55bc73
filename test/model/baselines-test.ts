import {describe, expect, it} from "vitest";
import {
  DAMPING_RATINGS,
  dampedMeanScores,
  fitBiasOnly,
  popularityScores
} from "../../src/components/model/baselines.js";

// Three users, three movies; row 5 is held out.
const rows = {user: [0, 0, 1, 1, 2, 2], movie: [0, 1, 0, 2, 0, 1], rating2: [10, 6, 8, 2, 6, 4]};
const train = [0, 1, 2, 3, 4];

describe("popularityScores(rows, train, movies)", () => {
  it("counts each movie's training ratings", () => {
    expect([...popularityScores(rows, train, 3)]).toEqual([3, 1, 1]);
  });
});

describe("dampedMeanScores(rows, train, movies, {damping})", () => {
  it("is the Bayesian average (Σ + m·μ) / (n + m) with the training mean μ", () => {
    const mu = (5 + 3 + 4 + 1 + 3) / 5;
    const s = dampedMeanScores(rows, train, 3);
    // With no damping given, DAMPING_RATINGS pseudo-ratings: ten, as the two checks below work out by hand.
    expect(s).toEqual(dampedMeanScores(rows, train, 3, {damping: DAMPING_RATINGS}));
    expect(s).toEqual(dampedMeanScores(rows, train, 3, {damping: 10}));
    expect(s).not.toEqual(dampedMeanScores(rows, train, 3, {damping: 9}));
    expect(s[0]).toBeCloseTo((12 + 10 * mu) / 13, 12);
    expect(s[1]).toBeCloseTo((3 + 10 * mu) / 11, 12);
    expect(dampedMeanScores(rows, train, 3, {damping: 0})[2]).toBe(1);
  });
});

describe("fitBiasOnly(rows, train, users, movies, {iterations, userReg, movieReg})", () => {
  it("with no penalty, fits an exactly additive table exactly", () => {
    // r = 3 + a_u + b_m with a = [1, 0, −1], b = [0.5, −0.5, 0]: every pair rated.
    const a = [1, 0, -1],
      b = [0.5, -0.5, 0];
    const full = {user: [] as number[], movie: [] as number[], rating2: [] as number[]};
    for (let u = 0; u < 3; ++u)
      for (let m = 0; m < 3; ++m) {
        full.user.push(u);
        full.movie.push(m);
        full.rating2.push(2 * (3 + a[u] + b[m]));
      }
    const fit = fitBiasOnly(
      full,
      full.user.map((_, i) => i),
      3,
      3,
      {userReg: 0, movieReg: 0, iterations: 20}
    );
    for (let u = 0; u < 3; ++u)
      for (let m = 0; m < 3; ++m) expect(fit.mean + fit.userBias[u] + fit.movieBias[m]).toBeCloseTo(3 + a[u] + b[m], 9);
  });

  it("shrinks biases toward 0 with the penalties (Surprise's BaselineOnly defaults: 15 users, 10 movies)", () => {
    const fit = fitBiasOnly(rows, train, 3, 3);
    const loose = fitBiasOnly(rows, train, 3, 3, {userReg: 0, movieReg: 0});
    expect(Math.abs(fit.movieBias[0])).toBeLessThan(Math.abs(loose.movieBias[0]));
    expect(fit.mean).toBeCloseTo(3.2, 12);
    expect(fit.movieBias[0]).toBeGreaterThan(fit.movieBias[2]); // 5, 4, 3 against a 1
  });
});
