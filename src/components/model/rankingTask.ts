import {createRandom} from "../random.js";
import type {Split} from "../split/Split.js";
import type {RankingTask} from "./rankingMetrics.js";
import {TRAIN_DEFAULTS} from "../trainDefaults.js";

/** Rating rows as the engine and the ratings file hold them: user and item indexes, and the rating times two. */
export interface RankingRows {
  user: ArrayLike<number>;
  movie: ArrayLike<number>;
  rating2: ArrayLike<number>;
}

/**
 * How many users a run's ranking evaluates on a catalogue of `movies`: 2,000, or fewer on a large catalogue, so that
 * ranking every movie for each stays near 2 million user × movie pairs, within 2 s after a run on ML-10M's shape
 * (10,677 movies: 200 users; ml-latest-small's 9,742: 205; ML-100K's 1,682: 1,189; `npm run bench:ranking`), and
 * never fewer than 200 (ML-32M's 87,585 movies).
 */
export function rankingUsers(movies: number): number {
  return Math.max(200, Math.min(2000, Math.floor(2e6 / Math.max(1, movies))));
}

/**
 * Options of rankingTask: the relevance threshold in stars (default 4),
 * and how many users at most (default 2,000, seeded).
 */
export interface RankingTaskOptions {
  threshold?: number;
  maxUsers?: number;
  seed?: number;
}

/**
 * The ranking task of a split: every user with at least one held-out rating ≥ `threshold` stars, or a seeded sample
 * of `maxUsers` of them (a partial Fisher–Yates shuffle, so the same seed picks the same users), with the items each
 * rated in training and their relevant held-out items; and every item's training ratings. `users` and `movies` are the
 * table's sizes.
 */
export function rankingTask(
  rows: RankingRows,
  split: Split,
  users: number,
  movies: number,
  options: RankingTaskOptions = {}
): RankingTask {
  const {threshold = 4, maxUsers = 2000, seed = TRAIN_DEFAULTS.seed} = options;
  const trainCounts = new Int32Array(movies);
  for (const r of split.train) ++trainCounts[rows.movie[r]];
  // Which users have a relevant held-out rating: flags first, and sets only for the users sampled (on ML-32M's shape,
  // a set for each of 200,000 users took 10 s).
  const hasRelevant = new Uint8Array(users);
  for (const r of split.valid) if (rows.rating2[r] / 2 >= threshold) hasRelevant[rows.user[r]] = 1;
  const candidates: number[] = [];
  for (let u = 0; u < users; ++u) if (hasRelevant[u]) candidates.push(u);
  const random = createRandom(seed);
  const n = Math.min(maxUsers, candidates.length);
  for (let i = 0; i < n; ++i) {
    const j = i + random.int(candidates.length - i);
    [candidates[i], candidates[j]] = [candidates[j], candidates[i]];
  }
  const chosen = candidates.slice(0, n).sort((a, b) => a - b);
  const slot = new Int32Array(users).fill(-1);
  chosen.forEach((u, i) => (slot[u] = i));
  const seen = chosen.map(() => new Set<number>());
  for (const r of split.train) {
    const i = slot[rows.user[r]];
    if (i >= 0) seen[i].add(rows.movie[r]);
  }
  const relevant = chosen.map(() => new Set<number>());
  for (const r of split.valid) {
    const i = slot[rows.user[r]];
    if (i >= 0 && rows.rating2[r] / 2 >= threshold) relevant[i].add(rows.movie[r]);
  }
  return {users: chosen, seen, relevant, trainCounts, threshold};
}
