import type {RankingName} from "./chooseRanking.js";
import {ialsScores} from "./ials.js";
import type {IalsRanker} from "./ials.js";
import {ialsFoldIn} from "./ialsFoldIn.js";
import type {IalsFoldIn, IalsRating} from "./ialsFoldIn.js";
import {blendPopularity} from "./popularityBlend.js";
import type {MyRating} from "../movielens/myRatingsFile.js";
import type {RatedMovie} from "../movielens/datasetArtifacts.js";
import {recommend} from "./recommend.js";
import type {Recommendation, RecommendOptions} from "./recommend.js";

/** My iALS fold-in: my ratings by movie index (the fold-in's input), every movie's score for me, and the fold-in. */
export interface PersonalIals {
  rated: IalsRating[];
  foldIn: IalsFoldIn;
  scores: Float32Array;
  /** Milliseconds the fold-in and scoring took. */
  ms: number;
}

/**
 * Folds my ratings into an iALS ranker (ialsFoldIn: which movies I rated, and whether I liked them) and scores every
 * movie for me, in the ranker's movie order; `movieIds` maps that order to MovieLens ids, and ratings of movies
 * outside it are left out.
 */
export function personalIals(
  ranker: IalsRanker,
  movieIds: ArrayLike<number>,
  mine: readonly Pick<MyRating, "movieId" | "rating">[]
): PersonalIals {
  const t0 = performance.now();
  const index = new Map<number, number>();
  for (let i = 0; i < movieIds.length; ++i) index.set(movieIds[i], i);
  const rated = mine.flatMap((r) => (index.has(r.movieId) ? [{movie: index.get(r.movieId)!, rating: r.rating}] : []));
  const foldIn = ialsFoldIn(ranker);
  const scores = ialsScores({...ranker, userFactors: foldIn.vector(rated)}, 0);
  return {rated, foldIn, scores, ms: performance.now() - t0};
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

/**
 * My top N in `order` (recommend, with `options`' filters and the movies I rated left out): my iALS fold-in where the
 * order is iALS's and the model was kept with iALS's `ranker` (personalIals, over the model's `movieIds`), else my
 * `predictions` with the order's popularity blended in (rankingScores). `ials` is the fold-in made, for "Why?".
 */
export function topInOrder(
  movies: readonly RatedMovie[],
  order: RankingName,
  {
    predictions,
    counts,
    ranker,
    movieIds,
    myRatings
  }: {
    predictions: Float32Array;
    counts: ArrayLike<number>;
    ranker: IalsRanker | null | undefined;
    movieIds: ArrayLike<number>;
    myRatings: readonly Pick<MyRating, "movieId" | "rating">[];
  },
  options: RecommendOptions
): {top: Recommendation[]; ials: PersonalIals | null} {
  const ials = order.kind === "ials" && ranker ? personalIals(ranker, movieIds, myRatings) : null;
  return {
    top: recommend(movies, predictions, {...options, rankBy: rankingScores(order, {predictions, counts, ials})}),
    ials
  };
}
