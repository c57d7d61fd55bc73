import {describe, expect, it} from "vitest";
import {predictAll} from "../../src/components/model/predictRatings.js";
import {POPULARITY_WEIGHTS, RANKING_BLEND} from "../../src/components/model/popularityBlend.js";
import {rankingReport} from "../../src/components/model/rankingMetrics.js";
import {rankingTask} from "../../src/components/model/rankingTask.js";
import {evaluateRanking} from "../../src/components/model/evaluateRanking.js";
import {sortSplit} from "../../src/components/split/Split.js";
import {splitRows} from "../../src/components/split/splitRows.js";
import {synthTable} from "../support/synthTable.js";

// Two factors; user 0 likes movie 2 most; every rating is relevant at 4 stars when rating2 ≥ 8.
const weights = {
  userFactors: Float32Array.of(1, 0, 0, 1, 0.5, 0.5),
  movieFactors: Float32Array.of(0.2, 0, 0, 0.2, 2, 0, 0, 2),
  userBias: Float32Array.of(0, 0.1, -0.1),
  movieBias: Float32Array.of(0, 0, 0.5, 0.1),
  yRange: [0.5, 5.5] as [number, number]
};
const rows = {user: [0, 0, 1, 1, 2, 0, 1, 2], movie: [0, 1, 0, 2, 1, 2, 3, 3], rating2: [6, 4, 8, 2, 6, 10, 9, 8]};
const split = {train: Uint32Array.of(0, 1, 2, 3, 4), valid: Uint32Array.of(5, 6, 7)};

describe("evaluateRanking(weights, rows, split, {kind, k})", () => {
  const run = evaluateRanking(weights, rows, split, {kind: "random", k: 2});

  it("gives the MSE of the model's own predictions on the held-out rows, and its square root", () => {
    const expected = [5, 6, 7].map(
      (r) => (predictAll(weights, rows.user[r], weights)[rows.movie[r]] - rows.rating2[r] / 2) ** 2
    );
    expect(run.mse).toBeCloseTo(expected.reduce((a, b) => a + b) / 3, 5);
    expect(run.rmse).toBeCloseTo(Math.sqrt(run.mse), 12);
    expect(run.split).toBe("random");
  });

  it("ranks the model and the three baselines on the same users, with k", () => {
    for (const report of [run.model, run.baselines.popular, run.baselines.dampedMean, run.baselines.biasOnly]) {
      expect(report).toMatchObject({k: 2, threshold: 4, users: 3});
      for (const key of ["precision", "recall", "ndcg", "map", "coverage"] as const) {
        expect(report[key]).toBeGreaterThanOrEqual(0);
        expect(report[key]).toBeLessThanOrEqual(1);
      }
    }
    // User 0 has not rated movies 2 and 3 in training; the model puts its favourite,
    // movie 2 (held out, 5 stars), first.
    expect(run.model.ndcg).toBeGreaterThan(0);
  });

  it("ranks the model with popularity blended in at every stop of the knob, and at RANKING_BLEND", () => {
    expect(run.curve.map((c) => c.weight)).toEqual([...POPULARITY_WEIGHTS]);
    expect(run.curve.find((c) => c.weight === 0)!.report).toEqual(run.model);
    expect(run.blendWeight).toBe(RANKING_BLEND);
    // The blended report is rankingReport of predicted + w·log2(1 + training ratings), computed the long way.
    const task = rankingTask(rows, split, 3, 4);
    const counts = Float64Array.of(2, 2, 1, 0); // training ratings of movies 0…3
    const expected = rankingReport(
      task,
      (u) => Array.from(predictAll(weights, u, weights), (p, m) => p + RANKING_BLEND * Math.log2(1 + counts[m])),
      {k: 2}
    );
    expect(run.blended).toEqual(expected);
  });
});

describe("evaluateRanking on a split in either order", () => {
  it(
    "gives the same report whether the split's rows are shuffled or sorted (serveTrainRequest sorts them before " +
      "ranking, to read the table in order)",
    () => {
      const {table} = synthTable({users: 300, movies: 200, ratings: 20_000, seed: 4});
      const users = table.userIds.length,
        movies = table.movieIds.length;
      const random = (n: number, seed: number) =>
        Float32Array.from({length: n}, (_, i) => Math.sin(i * 12.9898 + seed) * 0.3);
      const model = {
        userFactors: random(users * 4, 1),
        movieFactors: random(movies * 4, 2),
        userBias: random(users, 3),
        movieBias: random(movies, 4),
        yRange: [0.5, 5.5] as [number, number]
      };
      const shuffled = evaluateRanking(model, table, splitRows(table.rating2.length, {seed: 7}), {
        kind: "random",
        maxUsers: 120
      });
      const sorted = evaluateRanking(model, table, sortSplit(splitRows(table.rating2.length, {seed: 7})), {
        kind: "random",
        maxUsers: 120
      });
      expect(sorted.mse).toBeCloseTo(shuffled.mse, 10);
      for (const key of ["model", "blended"] as const) expect(sorted[key]).toEqual(shuffled[key]);
      for (const key of ["popular", "dampedMean", "biasOnly"] as const) {
        for (const metric of ["precision", "recall", "ndcg", "map", "coverage"] as const)
          expect(sorted.baselines[key][metric]).toBeCloseTo(shuffled.baselines[key][metric], 10);
      }
    }
  );
});
