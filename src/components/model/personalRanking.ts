import type {RankingName} from "./chooseRanking.js";
import {foldInIals, ialsScores} from "./ials.js";
import type {IalsRanker} from "./ials.js";
import {blendPopularity} from "./popularityBlend.js";
import type {MyRating} from "../movielens/myRatingsFile.js";

/** My iALS fold-in: the movies I rated (indexes, the fold-in's input) and every movie's score for me. */
export interface PersonalIals {
  rated: number[];
  scores: Float32Array;
  /** Milliseconds the fold-in and scoring took. */
  ms: number;
}

/**
 * Folds my ratings into an iALS ranker (foldInIals: which movies I rated, not the stars) and scores every movie for
 * me, in the ranker's movie order; `movieIds` maps that order to MovieLens ids, and ratings of movies outside it are
 * left out.
 */
export function personalIals(
  ranker: IalsRanker,
  movieIds: ArrayLike<number>,
  mine: readonly Pick<MyRating, "movieId">[]
): PersonalIals {
  const t0 = performance.now();
  const index = new Map<number, number>();
  for (let i = 0; i < movieIds.length; ++i) index.set(movieIds[i], i);
  const rated = mine.flatMap((r) => (index.has(r.movieId) ? [index.get(r.movieId)!] : []));
  const scores = ialsScores({...ranker, userFactors: foldInIals(ranker, rated)}, 0);
  return {rated, scores, ms: performance.now() - t0};
}

/**
 * The scores that order my list under `ranking`: my iALS scores (`ials`, required for it), or my predicted ratings
 * with `weight` stars per doubling of each movie's `counts` blended in (popularityBlend.ts), the predictions
 * themselves at weight 0. Throws a TypeError when iALS is asked for without its scores.
 */
export function rankingScores(
  ranking: RankingName,
  {predictions, counts, ials}: {predictions: Float32Array; counts: ArrayLike<number>; ials?: PersonalIals | null}
): ArrayLike<number> {
  if (ranking.kind === "ials") {
    if (!ials) throw new TypeError("rankingScores: ranking by iALS needs my iALS scores");
    return ials.scores;
  }
  return ranking.weight === 0 ? predictions : blendPopularity(predictions, counts, ranking.weight);
}
