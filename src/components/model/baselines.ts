// The three baselines a recommender must beat, fitted on a split's training rows only. Each returns one score per item
// (higher is better); the bias-only model also predicts ratings, for its MSE.
import type {RankingRows} from "./rankingTask.js";

/** Most popular: each item's number of training ratings. */
export function popularityScores(rows: RankingRows, train: ArrayLike<number>, movies: number): Float64Array {
  const counts = new Float64Array(movies);
  for (let i = 0; i < train.length; ++i) ++counts[rows.movie[train[i]]];
  return counts;
}

/** The damping prior of dampedMeanScores: this many pseudo-ratings at the global mean. */
export const DAMPING_RATINGS = 10;

/**
 * Highest mean rating with a damping prior (a Bayesian average): (Σ ratings + m·μ) / (n + m), in stars, with μ the
 * training mean and m = `damping` pseudo-ratings (default DAMPING_RATINGS, 10), so a movie with a few 5-star ratings
 * does not top the list.
 */
export function dampedMeanScores(
  rows: RankingRows,
  train: ArrayLike<number>,
  movies: number,
  {damping = DAMPING_RATINGS}: {damping?: number} = {}
): Float64Array {
  const sum = new Float64Array(movies),
    count = new Float64Array(movies);
  let total = 0;
  for (let i = 0; i < train.length; ++i) {
    const r = train[i],
      m = rows.movie[r],
      stars = rows.rating2[r] / 2;
    sum[m] += stars;
    ++count[m];
    total += stars;
  }
  const mean = train.length ? total / train.length : 0;
  return Float64Array.from(sum, (s, m) => (s + damping * mean) / (count[m] + damping));
}

/** A bias-only model: rating ≈ mean + userBias[u] + movieBias[m], in stars. */
export interface BiasOnlyModel {
  mean: number;
  userBias: Float64Array;
  movieBias: Float64Array;
}

/**
 * Fits the bias-only baseline (global mean + user bias + movie bias) by regularised alternating least squares, as
 * Surprise's BaselineOnly does with its defaults (Koren 2010, section 2.1): `iterations` (10) sweeps, each solving the
 * user biases then the movie biases in closed form with L2 penalties `userReg` (15) and `movieReg` (10).
 */
export function fitBiasOnly(
  rows: RankingRows,
  train: ArrayLike<number>,
  users: number,
  movies: number,
  {iterations = 10, userReg = 15, movieReg = 10}: {iterations?: number; userReg?: number; movieReg?: number} = {}
): BiasOnlyModel {
  let total = 0;
  for (let i = 0; i < train.length; ++i) total += rows.rating2[train[i]] / 2;
  const mean = train.length ? total / train.length : 0;
  const userBias = new Float64Array(users),
    movieBias = new Float64Array(movies);
  const userCount = new Float64Array(users),
    movieCount = new Float64Array(movies);
  for (let i = 0; i < train.length; ++i) {
    ++userCount[rows.user[train[i]]];
    ++movieCount[rows.movie[train[i]]];
  }
  const userSum = new Float64Array(users),
    movieSum = new Float64Array(movies);
  for (let sweep = 0; sweep < iterations; ++sweep) {
    userSum.fill(0);
    for (let i = 0; i < train.length; ++i) {
      const r = train[i];
      userSum[rows.user[r]] += rows.rating2[r] / 2 - mean - movieBias[rows.movie[r]];
    }
    for (let u = 0; u < users; ++u) userBias[u] = userSum[u] / (userReg + userCount[u]);
    movieSum.fill(0);
    for (let i = 0; i < train.length; ++i) {
      const r = train[i];
      movieSum[rows.movie[r]] += rows.rating2[r] / 2 - mean - userBias[rows.user[r]];
    }
    for (let m = 0; m < movies; ++m) movieBias[m] = movieSum[m] / (movieReg + movieCount[m]);
  }
  return {mean, userBias, movieBias};
}
