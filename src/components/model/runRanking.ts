import type {Split} from "../split.js";
import {dampedMeanScores, fitBiasOnly, popularityScores} from "./baselines.js";
import type {ModelWeights} from "./modelWeights.js";
import {predictAll, predictPair} from "./predictRatings.js";
import {rankingReport} from "./rankingMetrics.js";
import type {RunRanking} from "./rankingMetrics.js";
import {rankingTask} from "./rankingTask.js";
import type {RankingRows, RankingTaskOptions} from "./rankingTask.js";

/**
 * Evaluates a trained model (plain arrays) against the three baselines on the split it was trained with: MSE and RMSE
 * on every validation row (stars², stars), and the ranking metrics at k (default 10) on at most `maxUsers` (default
 * 2,000, seeded) users with a held-out rating ≥ `threshold` (default 4) stars, ranking every movie each has not rated
 * in training. `rows` are the table the model was trained on, in the same order as the split's row indexes.
 */
export function runRanking(
  weights: Pick<ModelWeights, "userFactors" | "movieFactors" | "userBias" | "movieBias" | "yRange">, rows: RankingRows, split: Split,
  {kind, k = 10, ...options}: RankingTaskOptions & {kind: RunRanking["split"]; k?: number}
): RunRanking {
  const users = weights.userBias.length, movies = weights.movieBias.length;
  let se = 0;
  for (const r of split.valid) se += (predictPair(weights, rows.user[r], rows.movie[r]) - rows.rating2[r] / 2) ** 2;
  const mse = split.valid.length ? se / split.valid.length : NaN;
  const task = rankingTask(rows, split, users, movies, options);
  const popular = popularityScores(rows, split.train, movies);
  const damped = dampedMeanScores(rows, split.train, movies);
  const bias = fitBiasOnly(rows, split.train, users, movies).movieBias; // a user's own bias does not change their order
  return {
    split: kind, mse, rmse: Math.sqrt(mse),
    model: rankingReport(task, (u) => predictAll(weights, u, weights), {k}),
    baselines: {
      popular: rankingReport(task, () => popular, {k}),
      dampedMean: rankingReport(task, () => damped, {k}),
      biasOnly: rankingReport(task, () => bias, {k})
    }
  };
}
