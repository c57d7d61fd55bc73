// Top-k ranking metrics on held-out ratings, with binary relevance, as Microsoft Recommenders
// (recommenders.evaluation.python_evaluation), RecBole (recbole.evaluator.metrics) and LensKit (lenskit.metrics.topn)
// define them: precision@k = hits / k; recall@k = hits / |relevant|; NDCG@k = DCG@k / IDCG@k with DCG@k = Σ_{i<k}
// rel_i / log2(i + 2) and IDCG@k the DCG of the user's relevant held-out items ranked first; MAP@k = the mean of AP@k =
// Σ_{i<k} rel_i · precision@(i + 1) / min(k, |relevant|). No TF.js: the worker, the page and the benchmarks share it.

import type {RankingChoice} from "./chooseRanking.js";

/** Ranking quality of top-k lists on held-out ratings (one user's or averaged over users). */
export interface RankingReport {
  /** List length, default 10. */
  k: number;
  /** A held-out rating ≥ threshold is relevant (stars), default 4. */
  threshold: number;
  /** Users evaluated (those with ≥ 1 relevant held-out rating). */
  users: number;
  /** Means over users, each in [0, 1]. */
  precision: number;
  recall: number;
  ndcg: number;
  map: number;
  /** Share of the catalogue appearing in any user's top-k, [0, 1]. */
  coverage: number;
  /**
   * Mean popularity of the recommended items: the mean, over every list's items,
   * of log2(1 + the item's training ratings).
   */
  novelty: number;
}

/**
 * A run's ranking evaluation: the model and three baselines on the run's own split,
 * with its validation MSE and RMSE (stars²; stars).
 */
export interface RunRanking {
  split: "random" | "time";
  mse: number;
  rmse: number;
  /** The model ranking by predicted rating alone (the popularity knob at 0). */
  model: RankingReport;
  /** The model with popularity blended in at `blendWeight` (popularityBlend.ts's RANKING_BLEND). */
  blended: RankingReport;
  blendWeight: number;
  /** The model at each of the popularity knob's stops (POPULARITY_WEIGHTS), for live readouts as the knob moves. */
  curve: {weight: number; report: RankingReport}[];
  baselines: {popular: RankingReport; dampedMean: RankingReport; biasOnly: RankingReport};
  /** iALS, the ranking model fitted beside the notebook's (ials.ts); absent in records kept before it existed. */
  ials?: RankingReport | null;
  /** The ranking the Recommendations page opens on, chosen by measurement (chooseRanking.ts); absent likewise. */
  choice?: RankingChoice | null;
}

/** One list's metrics, each in [0, 1]: precision@k, recall@k, NDCG@k and AP@k. */
export interface ListMetrics {
  precision: number;
  recall: number;
  ndcg: number;
  ap: number;
}

/**
 * The metrics of one ranked list (item ids, best first; only its first k count) against the user's relevant held-out
 * items, with binary relevance and log2 discounts (see the file's comment for the definitions and their sources).
 * Throws a TypeError for k < 1 or an empty relevant set, where recall and NDCG are undefined.
 */
export function listMetrics(ranked: ArrayLike<number>, relevant: ReadonlySet<number>, k: number): ListMetrics {
  if (!(Number.isSafeInteger(k) && k >= 1)) throw new TypeError(`listMetrics: k must be a positive integer, got ${k}`);
  if (relevant.size === 0)
    throw new TypeError("listMetrics: the user has no relevant item, so recall and NDCG are undefined");
  let hits = 0,
    dcg = 0,
    apSum = 0;
  const n = Math.min(k, ranked.length);
  for (let i = 0; i < n; ++i) {
    if (!relevant.has(ranked[i])) continue;
    ++hits;
    dcg += 1 / Math.log2(i + 2);
    apSum += hits / (i + 1);
  }
  let idcg = 0;
  for (let i = 0, ideal = Math.min(k, relevant.size); i < ideal; ++i) idcg += 1 / Math.log2(i + 2);
  return {precision: hits / k, recall: hits / relevant.size, ndcg: dcg / idcg, ap: apSum / Math.min(k, relevant.size)};
}

/**
 * The indexes of the k highest scores, best first, ties by lower index; indexes for which `skip` is true (the user's
 * training items) and non-finite scores are never listed. O(n log k) for small k.
 */
export function topK(scores: ArrayLike<number>, k: number, skip: (index: number) => boolean = () => false): number[] {
  const top: number[] = [];
  const better = (a: number, b: number) => scores[a] > scores[b] || (scores[a] === scores[b] && a < b);
  for (let i = 0; i < scores.length; ++i) {
    if (!Number.isFinite(scores[i]) || (top.length === k && !better(i, top[k - 1])) || skip(i)) continue;
    let at = top.length;
    while (at > 0 && better(i, top[at - 1])) --at;
    top.splice(at, 0, i);
    if (top.length > k) top.pop();
  }
  return top;
}

/**
 * What a ranking is evaluated on: per evaluated user, the items seen in training (never
 * ranked) and the relevant held-out items.
 */
export interface RankingTask {
  /** The evaluated users' indexes (those with ≥ 1 relevant held-out rating, sampled). */
  users: number[];
  /** Per evaluated user, the items rated in training. */
  seen: ReadonlySet<number>[];
  /** Per evaluated user, the held-out items rated ≥ threshold. */
  relevant: ReadonlySet<number>[];
  /** Training ratings per item (for novelty), in item-index order; its length is the catalogue size (for coverage). */
  trainCounts: ArrayLike<number>;
  threshold: number;
}

/**
 * Ranks every unseen item for each of the task's users by `score(user)` (one score per item, higher first) and
 * averages the list metrics over users; coverage is the share of the catalogue in any list, novelty the mean
 * log2(1 + training ratings) of the listed items. Throws a TypeError when a score array has the wrong length.
 */
export function rankingReport(
  task: RankingTask,
  score: (user: number) => ArrayLike<number>,
  options: RankingReportOptions = {}
): RankingReport {
  return rankingReports(task, score, [(scores) => scores], options)[0];
}

/** Options of rankingReports: the list length, and a callback that hears each user's list metrics. */
export interface RankingReportOptions {
  /** List length, default 10. */
  k?: number;
  /**
   * Called with each list's metrics: the user's position in `task.users`, the variant's index, and its metrics (so a
   * caller can average over part of the users, as chooseRanking does).
   */
  onList?: (position: number, variant: number, metrics: ListMetrics) => void;
}

/**
 * rankingReport for several rankings derived from one score per user (for example the popularity blend at each of
 * its weights): `variants[j](scores, user)` gives the j-th ranking's scores. Each user's scores are computed once, so
 * a curve costs little more than one report. Returns one report per variant, in order.
 */
export function rankingReports(
  task: RankingTask,
  score: (user: number) => ArrayLike<number>,
  variants: ((scores: ArrayLike<number>, user: number) => ArrayLike<number>)[],
  {k = 10, onList}: RankingReportOptions = {}
): RankingReport[] {
  const items = task.trainCounts.length;
  const sums = variants.map(() => ({
    listed: new Uint8Array(items),
    precision: 0,
    recall: 0,
    ndcg: 0,
    map: 0,
    popularity: 0,
    shown: 0
  }));
  task.users.forEach((user, i) => {
    const base = score(user);
    const seen = task.seen[i];
    variants.forEach((variant, j) => {
      const scores = variant(base, user);
      if (scores.length !== items) throw new TypeError(`rankingReport: ${scores.length} scores for ${items} items`);
      const top = topK(scores, k, (m) => seen.has(m));
      const metrics = listMetrics(top, task.relevant[i], k);
      onList?.(i, j, metrics);
      const sum = sums[j];
      sum.precision += metrics.precision;
      sum.recall += metrics.recall;
      sum.ndcg += metrics.ndcg;
      sum.map += metrics.ap;
      for (const m of top) {
        sum.listed[m] = 1;
        sum.popularity += Math.log2(1 + task.trainCounts[m]);
        ++sum.shown;
      }
    });
  });
  const n = task.users.length || 1;
  return sums.map((sum) => {
    let covered = 0;
    for (const x of sum.listed) covered += x;
    return {
      k,
      threshold: task.threshold,
      users: task.users.length,
      precision: sum.precision / n,
      recall: sum.recall / n,
      ndcg: sum.ndcg / n,
      map: sum.map / n,
      coverage: items ? covered / items : 0,
      novelty: sum.shown ? sum.popularity / sum.shown : 0
    };
  });
}
