import {describe, expect, it} from "vitest";
import {popularityScores} from "../../src/components/model/baselines.js";
import {IALS_DEFAULTS, fitIals, ialsOptionsFor, ialsScores} from "../../src/components/model/ials.js";
import {rankingReport} from "../../src/components/model/rankingMetrics.js";
import {rankingTask} from "../../src/components/model/rankingTask.js";
import {splitRows} from "../../src/components/split/splitRows.js";
import {TWO_TASTES} from "../support/ratingFixtures.js";
import {synthTable} from "../support/synthTable.js";

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

describe("ialsOptionsFor(ratings)", () => {
  it("keeps the defaults on small sets, and narrows on larger ones, so that fitting costs what training does", () => {
    expect(ialsOptionsFor(250_000)).toEqual(IALS_DEFAULTS);
    expect(ialsOptionsFor(800_000)).toEqual({...IALS_DEFAULTS, factors: 32, epochs: 6});
    expect(ialsOptionsFor(8e6)).toEqual({...IALS_DEFAULTS, factors: 32, epochs: 5, cgSteps: 2});
  });
});
