import {foldInLambda, foldInUser} from "./foldIn.js";
import type {FoldInRating} from "./foldIn.js";
import type {ModelWeights} from "./modelWeights.js";
import {MY_USER_ID} from "../movielens/myRatingsFile.js";
import {predictFor} from "./predictRatings.js";
import type {MyRating} from "../movielens/myRatingsFile.js";

/**
 * The fewest of my ratings from which the Recommendations page calls a list mine. Below it (a cold start) a model
 * knows too little of my taste, and the page shows the most popular movies instead, saying so.
 */
export const PERSONAL_MIN_RATINGS = 5;

/**
 * My predicted ratings: from my factors fitted to my current ratings with the movies held fixed (a fold-in), and
 * whether those ratings are the ones the model was trained on.
 */
export interface PersonalPredictions {
  predictions: Float32Array;
  /** True when my ratings changed since training, so the movies' factors never saw some of them. */
  approximate: boolean;
  /** Ratings added, removed or changed since the model was trained. */
  changed: number;
  /** How many of my ratings the predictions rest on; null when the model does not record which it was trained on. */
  used: number | null;
  /** Milliseconds the fold-in took (0 when none was needed). */
  ms: number;
  /** My factor vector and bias the predictions come from: the fold-in's. */
  user: {factors: Float32Array; bias: number};
  /**
   * My current ratings of the model's movies, by movie index: what my factors rest on
   * (explainPrediction shares them out).
   */
  rated: FoldInRating[];
}

/** Counts the ratings that differ between two sets of my ratings: added, removed or given another value. */
export function ratingChanges(now: readonly MyRating[], then: readonly MyRating[]): number {
  const before = new Map(then.map((r) => [r.movieId, r.rating]));
  let changed = 0;
  for (const r of now) if (before.get(r.movieId) !== r.rating) ++changed;
  const ids = new Set(now.map((r) => r.movieId));
  for (const id of before.keys()) if (!ids.has(id)) ++changed;
  return changed;
}

/**
 * Predicts every movie for me (user 99999) from my factors fitted to my current ratings with the movies held fixed
 * (foldInUser), whether or not they changed since training (`used`, the ratings the model was trained on; null when
 * unknown, e.g. an uploaded checkpoint). The model's own row for me is not used: it is what training's path left,
 * while the fold-in solves the model's loss for my ratings exactly, so that "Why?" (explainPrediction) shares every
 * prediction out to my ratings with nothing left over; its held-out error is at or below the trained rows' (see the
 * foldIn tests).
 */
export function personalPredictions(
  weights: ModelWeights,
  mine: readonly MyRating[],
  used: readonly MyRating[] | null
): PersonalPredictions {
  const me = weights.userIds.indexOf(MY_USER_ID);
  const changed = me < 0 ? mine.length : used ? ratingChanges(mine, used) : 0;
  const t0 = performance.now();
  const index = new Map<number, number>();
  weights.movieIds.forEach((id, i) => index.set(id, i));
  const ratings = mine
    .filter((r) => index.has(r.movieId))
    .map((r) => ({movie: index.get(r.movieId)!, rating: r.rating}));
  const user = foldInUser(weights.movieFactors, weights.movieBias, weights.factors, ratings, {
    yRange: weights.yRange,
    lambda: foldInLambda(weights.movieFactors, weights.factors, ratings.length)
  });
  const predictions = predictFor(weights.movieFactors, weights.movieBias, user.factors, user.bias, {
    yRange: weights.yRange
  });
  return {
    predictions,
    approximate: changed > 0,
    changed,
    used: changed > 0 ? ratings.length : (used?.length ?? null),
    ms: performance.now() - t0,
    user,
    rated: ratings
  };
}
