import type {Split} from "../split/Split.js";
import {dampedMeanScores, fitBiasOnly, popularityScores} from "./baselines.js";
import {chooseRanking} from "./chooseRanking.js";
import type {RankingName} from "./chooseRanking.js";
import {ialsScores} from "./ials.js";
import type {IalsModel} from "./ials.js";
import {ialsFoldIn} from "./ialsFoldIn.js";
import type {IalsRating} from "./ialsFoldIn.js";
import type {ModelWeights} from "./modelWeights.js";
import {predictAll, predictPair} from "./predictRatings.js";
import {blendPopularity, POPULARITY_WEIGHTS, RANKING_BLEND} from "./popularityBlend.js";
import {rankingReport, rankingReports} from "./rankingMetrics.js";
import type {RunRanking} from "./rankingMetrics.js";
import {rankingTask} from "./rankingTask.js";
import type {RankingRows, RankingTaskOptions} from "./rankingTask.js";

/** Options of evaluateRanking, beyond the task's. */
export interface EvaluateRankingOptions extends RankingTaskOptions {
  kind: RunRanking["split"];
  /** List length, default 10. */
  k?: number;
  /** The iALS model fitted on the same split, ranked beside the notebook's and a candidate for the default list. */
  ials?: IalsModel | null;
  /** Hears the share of the ranking done, 0–1, once per evaluated user and pass. */
  onProgress?: (done: number) => void;
}

/**
 * Evaluates a trained model (plain arrays) against the three baselines on the split it was trained with: MSE and RMSE
 * on every validation row (stars², stars), and the ranking metrics at k (default 10) on at most `maxUsers` (default
 * 2,000, seeded) users with a held-out rating ≥ `threshold` (default 4) stars, ranking every movie each has not rated
 * in training; the model with popularity blended in (popularityBlend.ts) at each of the knob's stops, and at
 * RANKING_BLEND; iALS when given, each user folded in with their stars as the Recommendations page folds me in
 * (ialsFoldIn.ts); and which of those the Recommendations page opens on, chosen on half of the users
 * and reported on the other half (chooseRanking.ts). `rows` are the table the model was trained on, in the same order
 * as the split's row indexes.
 */
export function evaluateRanking(
  weights: Pick<ModelWeights, "userFactors" | "movieFactors" | "userBias" | "movieBias" | "yRange">,
  rows: RankingRows,
  split: Split,
  {kind, k = 10, ials = null, onProgress, ...options}: EvaluateRankingOptions
): RunRanking {
  const users = weights.userBias.length,
    movies = weights.movieBias.length;
  let se = 0;
  for (const r of split.valid) se += (predictPair(weights, rows.user[r], rows.movie[r]) - rows.rating2[r] / 2) ** 2;
  const mse = split.valid.length ? se / split.valid.length : NaN;
  const task = rankingTask(rows, split, users, movies, options);
  const popular = popularityScores(rows, split.train, movies);
  const damped = dampedMeanScores(rows, split.train, movies);
  // A user's own bias does not change their order. Beyond 2.5 million training ratings, 4 sweeps instead of
  // Surprise's 10, to keep the ranking within 2 s on ML-10M's shape: there its top 100 movies are the same.
  const sweeps = split.train.length > 2_500_000 ? 4 : 10;
  const bias = fitBiasOnly(rows, split.train, users, movies, {iterations: sweeps}).movieBias;
  const stops: number[] = [...new Set([...POPULARITY_WEIGHTS, RANKING_BLEND])].sort((a, b) => a - b);
  const blend = new Float32Array(movies);
  // Each evaluated user's NDCG@k under every candidate for the default list, and under most popular.
  const n = task.users.length;
  const candidates: RankingName[] = [
    ...stops.map((weight): RankingName => ({kind: "predicted", weight})),
    ...(ials ? [{kind: "ials"} as const] : [])
  ];
  const ndcg = candidates.map(() => new Float64Array(n));
  const popularNdcg = new Float64Array(n);
  const passes = ials ? 2 : 1;
  const progress = (pass: number) => (i: number, j: number) => {
    if (j === 0) onProgress?.((pass + (i + 1) / Math.max(1, n)) / passes);
  };
  const reports = rankingReports(
    task,
    (u) => predictAll(weights, u, weights),
    stops.map((w) => (p: ArrayLike<number>) => (w === 0 ? p : blendPopularity(p, task.trainCounts, w, blend))),
    {
      k,
      onList: (i, j, metrics) => {
        ndcg[j][i] = metrics.ndcg;
        progress(0)(i, j);
      }
    }
  );
  // iALS ranks each evaluated user as it ranks me: their training ratings folded in with their stars (ialsFoldIn).
  const scores = new Float32Array(movies);
  const foldIn = ials ? ialsFoldIn(ials) : null;
  const theirs = ials ? ratingsOf(task.users, rows, split.train, users) : [];
  const position = new Map(task.users.map((u, i) => [u, i]));
  const ialsReport = ials
    ? rankingReport(
        task,
        (u) => ialsScores({...ials, userFactors: foldIn!.vector(theirs[position.get(u)!])}, 0, scores),
        {
          k,
          onList: (i, j, metrics) => {
            ndcg[stops.length][i] = metrics.ndcg;
            progress(1)(i, j);
          }
        }
      )
    : null;
  const curve = stops.map((weight, i) => ({weight, report: reports[i]}));
  const popularReport = rankingReport(task, () => popular, {
    k,
    onList: (i, _, metrics) => (popularNdcg[i] = metrics.ndcg)
  });
  return {
    split: kind,
    mse,
    rmse: Math.sqrt(mse),
    model: curve.find((c) => c.weight === 0)!.report,
    blended: curve.find((c) => c.weight === RANKING_BLEND)!.report,
    blendWeight: RANKING_BLEND,
    curve,
    baselines: {
      popular: popularReport,
      dampedMean: rankingReport(task, () => damped, {k}),
      biasOnly: rankingReport(task, () => bias, {k})
    },
    ials: ialsReport,
    choice: n >= 2 ? chooseRanking(candidates, ndcg, popularNdcg, {k}) : null
  };
}

/** Each of `users`' training ratings (movie index and stars), in the order given. */
function ratingsOf(
  users: readonly number[],
  rows: RankingRows,
  train: ArrayLike<number>,
  count: number
): IalsRating[][] {
  const slot = new Int32Array(count).fill(-1);
  users.forEach((u, i) => (slot[u] = i));
  const out: IalsRating[][] = users.map(() => []);
  for (let k = 0; k < train.length; ++k) {
    const r = train[k],
      i = slot[rows.user[r]];
    if (i >= 0) out[i].push({movie: rows.movie[r], rating: rows.rating2[r] / 2});
  }
  return out;
}
