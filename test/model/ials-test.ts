import {describe, expect, it} from "vitest";
import {popularityScores} from "../../src/components/model/baselines.js";
import {
  IALS_DEFAULTS,
  explainIals,
  fitIals,
  foldInIals,
  ialsOptionsFor,
  ialsScores
} from "../../src/components/model/ials.js";
import {rankingReport} from "../../src/components/model/rankingMetrics.js";
import {rankingTask} from "../../src/components/model/rankingTask.js";
import {splitRows} from "../../src/components/split.js";
import {synthTable} from "../support/synthTable.js";

// Two tastes: users 0–3 rate movies 0–2, users 4–7 rate movies 3–5; movie 6 is rated by nobody.
const TWO_TASTES = (() => {
  const user: number[] = [],
    movie: number[] = [];
  for (let u = 0; u < 8; ++u)
    for (let m = 0; m < 3; ++m)
      if (!(u === 0 && m === 2)) {
        user.push(u);
        movie.push(m + (u < 4 ? 0 : 3));
      }
  return {user, movie};
})();

const cosine = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let ab = 0,
    aa = 0,
    bb = 0;
  for (let i = 0; i < a.length; ++i) {
    ab += a[i] * b[i];
    aa += a[i] ** 2;
    bb += b[i] ** 2;
  }
  return ab / Math.sqrt(aa * bb);
};

describe("fitIals(rows, users, movies, train, options)", () => {
  it("scores the movie a user's taste-mates rated above the other taste's, and an unrated movie at 0", () => {
    const model = fitIals(TWO_TASTES, 9, 7, undefined, {factors: 4, epochs: 10});
    const scores = ialsScores(model, 0);
    // User 0 did not rate movie 2, which users 1–3, who share their taste, did.
    expect(scores[2]).toBeGreaterThan(Math.max(scores[3], scores[4], scores[5]));
    expect(scores[6]).toBe(0);
    // User 8 rated nothing: a zero vector, every score 0.
    expect([...ialsScores(model, 8)].every((s) => s === 0)).toBe(true);
  });

  it("is reproducible from its seed, and reports each epoch", () => {
    const epochs: number[] = [];
    const a = fitIals(TWO_TASTES, 9, 7, undefined, {factors: 4, epochs: 3, onEpoch: (e) => epochs.push(e)});
    const b = fitIals(TWO_TASTES, 9, 7, undefined, {factors: 4, epochs: 3});
    expect(epochs).toEqual([1, 2, 3]);
    expect(b.userFactors).toEqual(a.userFactors);
    expect(fitIals(TWO_TASTES, 9, 7, undefined, {factors: 4, epochs: 3, seed: 7}).userFactors).not.toEqual(
      a.userFactors
    );
    expect(a.options).toEqual({...IALS_DEFAULTS, factors: 4, epochs: 3});
  });

  it("fits only the training rows it is given", () => {
    // Without user 4's rows, user 4 rated nothing.
    const train = TWO_TASTES.user.flatMap((u, i) => (u === 4 ? [] : [i]));
    const model = fitIals(TWO_TASTES, 9, 7, train, {factors: 4, epochs: 3});
    expect([...ialsScores(model, 4)].every((s) => s === 0)).toBe(true);
    expect([...ialsScores(model, 5)].some((s) => s !== 0)).toBe(true);
  });

  // On this ML-100K-shaped set, ../shared/bench/ease_reference.py's EASE reaches 1.50 times most popular's NDCG@10.
  it("ranks held-out movies far better than most popular on an ML-100K-shaped set (NDCG@10 at least 1.4 times)", () => {
    const {table} = synthTable({seed: 17, users: 943, movies: 1682, ratings: 100_000});
    const users = table.userIds.length,
      movies = table.movieIds.length;
    const split = splitRows(table.rating2.length, {seed: 42, validPct: 0.2});
    const task = rankingTask(table, split, users, movies);
    const model = fitIals(table, users, movies, split.train, {factors: 32});
    const out = new Float32Array(movies);
    const ials = rankingReport(task, (u) => ialsScores(model, u, out), {k: 10});
    const popular = popularityScores(table, split.train, movies);
    const baseline = rankingReport(task, () => popular, {k: 10});
    expect(task.users.length).toBeGreaterThan(800);
    expect(ials.ndcg).toBeGreaterThan(1.4 * baseline.ndcg);
  });
});

describe("foldInIals(model, movies)", () => {
  it("gives a user their fitted vector back from their rated movies alone", () => {
    const {table} = synthTable({seed: 5, users: 300, movies: 200, ratings: 15_000});
    const users = table.userIds.length,
      movies = table.movieIds.length;
    const model = fitIals(table, users, movies, undefined, {factors: 16, epochs: 12, cgSteps: 8});
    const d = model.factors;
    for (const u of [0, 1, 2]) {
      const rated = [...table.user.keys()].filter((i) => table.user[i] === u).map((i) => table.movie[i]);
      const folded = foldInIals(model, rated);
      expect(cosine(folded, model.userFactors.subarray(u * d, u * d + d))).toBeGreaterThan(0.99);
    }
  });

  it("scores nothing for a person who rated nothing", () => {
    const model = fitIals(TWO_TASTES, 9, 7, undefined, {factors: 4, epochs: 3});
    expect([...foldInIals(model, [])].every((x) => x === 0)).toBe(true);
  });
});

describe("explainIals(model, rated, movie)", () => {
  it("shares out the fold-in's score, one share per rated movie, summing to the score that ranks the movie", () => {
    const {table} = synthTable({seed: 5, users: 300, movies: 200, ratings: 15_000});
    const model = fitIals(table, table.userIds.length, table.movieIds.length, undefined, {factors: 16, epochs: 6});
    const rated = [3, 17, 42, 99, 150];
    const scores = ialsScores({...model, userFactors: foldInIals(model, rated)}, 0);
    for (const movie of [0, 5, 77, 199]) {
      const {score, contributions} = explainIals(model, rated, movie);
      expect(contributions.map((c) => c.movie)).toEqual(rated);
      expect(contributions.reduce((s, c) => s + c.amount, 0)).toBeCloseTo(score, 12);
      expect(score).toBeCloseTo(scores[movie], 5);
    }
  });

  it("credits the rated movie of the same taste, and not the other taste's", () => {
    const model = fitIals(TWO_TASTES, 9, 7, undefined, {factors: 4, epochs: 10});
    // Someone who rated movie 0 (the first taste) and movie 4 (the second): movie 1 owes its score to movie 0.
    const {contributions} = explainIals(model, [0, 4], 1);
    expect(contributions[0].amount).toBeGreaterThan(0);
    expect(contributions[0].amount).toBeGreaterThan(Math.abs(contributions[1].amount));
  });
});

describe("ialsOptionsFor(ratings)", () => {
  it("keeps the defaults on small sets, and narrows on larger ones, so that fitting costs what training does", () => {
    expect(ialsOptionsFor(250_000)).toEqual(IALS_DEFAULTS);
    expect(ialsOptionsFor(800_000)).toEqual({...IALS_DEFAULTS, factors: 32, epochs: 6});
    expect(ialsOptionsFor(8e6)).toEqual({...IALS_DEFAULTS, factors: 32, epochs: 5, cgSteps: 2});
  });
});
