import type {Split} from "../split.js";
import {dampedMeanScores, fitBiasOnly, popularityScores} from "./baselines.js";
import type {ModelWeights} from "./modelWeights.js";
import {predictAll, predictPair} from "./predictRatings.js";
import {blendPopularity, POPULARITY_WEIGHTS, RANKING_BLEND} from "./popularityBlend.js";
import {rankingReport, rankingReports} from "./rankingMetrics.js";
import type {RunRanking} from "./rankingMetrics.js";
import {rankingTask} from "./rankingTask.js";
import type {RankingRows, RankingTaskOptions} from "./rankingTask.js";

/**
 * Evaluates a trained model (plain arrays) against the three baselines on the split it was trained with: MSE and RMSE
 * on every validation row (stars², stars), and the ranking metrics at k (default 10) on at most `maxUsers` (default
 * 2,000, seeded) users with a held-out rating ≥ `threshold` (default 4) stars, ranking every movie each has not rated
 * in training; and the model with popularity blended in (popularityBlend.ts) at each of the knob's stops, and at
 * RANKING_BLEND. `rows` are the table the model was trained on, in the same order as the split's row indexes.
 */
export function runRanking(
  weights: Pick<ModelWeights, "userFactors" | "movieFactors" | "userBias" | "movieBias" | "yRange">,
  rows: RankingRows,
  split: Split,
  {kind, k = 10, ...options}: RankingTaskOptions & {kind: RunRanking["split"]; k?: number}
): RunRanking {
  const users = weights.userBias.length,
    movies = weights.movieBias.length;
  let se = 0;
  for (const r of split.valid) se += (predictPair(weights, rows.user[r], rows.movie[r]) - rows.rating2[r] / 2) ** 2;
  const mse = split.valid.length ? se / split.valid.length : NaN;
  const task = rankingTask(rows, split, users, movies, options);
  const popular = popularityScores(rows, split.train, movies);
  const damped = dampedMeanScores(rows, split.train, movies);
  const bias = fitBiasOnly(rows, split.train, users, movies).movieBias; // a user's own bias does not change their order
  const stops: number[] = [...new Set([...POPULARITY_WEIGHTS, RANKING_BLEND])].sort((a, b) => a - b);
  const blend = new Float32Array(movies);
  const reports = rankingReports(
    task,
    (u) => predictAll(weights, u, weights),
    stops.map((w) => (p: ArrayLike<number>) => (w === 0 ? p : blendPopularity(p, task.trainCounts, w, blend))),
    {k}
  );
  const curve = stops.map((weight, i) => ({weight, report: reports[i]}));
  return {
    split: kind,
    mse,
    rmse: Math.sqrt(mse),
    model: curve.find((c) => c.weight === 0)!.report,
    blended: curve.find((c) => c.weight === RANKING_BLEND)!.report,
    blendWeight: RANKING_BLEND,
    curve,
    baselines: {
      popular: rankingReport(task, () => popular, {k}),
      dampedMean: rankingReport(task, () => damped, {k}),
      biasOnly: rankingReport(task, () => bias, {k})
    }
  };
}
