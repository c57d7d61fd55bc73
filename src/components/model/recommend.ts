import type {RatedMovie} from "../movielens/datasetArtifacts.js";
import {matchesTitle, parseTitleQuery, titleKey} from "./titleMatch.js";

/** One row of the recommendations table; `index` is the movie's index in the model. */
export interface Recommendation {
  rank: number;
  movieId: number;
  index: number;
  title: string;
  year: number | null;
  genres: readonly string[];
  predicted: number;
  /** How many ratings the movie has, and their mean in stars (null where unknown): what a person judges a list by. */
  ratings: number;
  mean: number | null;
}

/** What `recommend` leaves out, and how many rows it keeps; every option has a default that filters nothing. */
export interface RecommendOptions {
  /** Movie ids I have rated: never recommended. */
  rated?: ReadonlySet<number>;
  /**
   * Leave out titles matching any of these as a typed title query (`parseTitleQuery`: case, accents and MovieLens's
   * moved articles ignored, matched from the start of a word, "(1988" a year);
   * terms too short to mean anything are ignored.
   */
  excludeTerms?: readonly string[];
  /** When not empty, keep only movies with at least one of these genres. */
  includeGenres?: readonly string[];
  /** Leave out movies with any of these genres. */
  excludeGenres?: readonly string[];
  /**
   * Keep only movies released in [from, to], inclusive, a null bound being open;
   * movies without a year are left out when a bound is set.
   */
  years?: readonly [number | null, number | null] | null;
  /** Keep only movies with at least this many ratings, to hide noisy, obscure titles. */
  minRatings?: number;
  n?: number;
  /**
   * Scores to rank by instead of the predictions (e.g. blendPopularity's), in the same movie order;
   * rows still show `predicted`.
   */
  rankBy?: ArrayLike<number>;
}

/**
 * Ranks the movies by predicted rating (or by `rankBy`), best first (ties by movie id), after leaving out the movies I
 * rated and those the filters exclude, and returns the top `n` (default 20).
 */
export function recommend(
  movies: readonly RatedMovie[],
  predictions: ArrayLike<number>,
  options: RecommendOptions = {}
): Recommendation[] {
  const {
    rated,
    excludeTerms = [],
    includeGenres = [],
    excludeGenres = [],
    years = null,
    minRatings = 0,
    n = 20,
    rankBy = predictions
  } = options;
  if (predictions.length !== movies.length)
    throw new TypeError(`recommend: ${predictions.length} predictions for ${movies.length} movies`);
  if (rankBy.length !== movies.length)
    throw new TypeError(`recommend: ${rankBy.length} scores to rank by for ${movies.length} movies`);
  if (!(Number.isSafeInteger(n) && n >= 0))
    throw new TypeError(`recommend: n must be a non-negative integer, got ${n}`);
  const [from, to] = years ?? [null, null];
  for (const bound of [from, to])
    if (bound !== null && Number.isNaN(bound))
      throw new TypeError("recommend: a year bound is NaN; use null for no bound");
  if (from !== null && to !== null && !(from <= to))
    throw new TypeError(`recommend: years must be [from, to] with from ≤ to, got [${years}]`);
  const yearSet = from !== null || to !== null;
  const terms = excludeTerms.map(parseTitleQuery).filter((q) => q !== null);
  const include = new Set(includeGenres),
    exclude = new Set(excludeGenres);

  // For a short list, keep the best n so far, best first (one insertion per movie that beats the worst kept) instead
  // of sorting every movie; a long list is sorted at the end.
  const better = (a: number, b: number) =>
    rankBy[a] > rankBy[b] || (rankBy[a] === rankBy[b] && movies[a].id < movies[b].id);
  const select = n <= 256;
  const kept: number[] = [];
  for (let i = 0; i < movies.length; ++i) {
    const movie = movies[i];
    if (!Number.isFinite(predictions[i]) || !Number.isFinite(rankBy[i])) continue;
    if (select && kept.length === n && !better(i, kept[n - 1])) continue;
    if (rated?.has(movie.id)) continue;
    if (movie.ratings < minRatings) continue;
    if (yearSet && (movie.year === null || (from !== null && movie.year < from) || (to !== null && movie.year > to)))
      continue;
    if (include.size && !movie.genres.some((g) => include.has(g))) continue;
    if (exclude.size && movie.genres.some((g) => exclude.has(g))) continue;
    if (terms.length) {
      const key = titleKey(movie.title);
      if (terms.some((t) => matchesTitle(t, key, movie.year))) continue;
    }
    if (!select) {
      kept.push(i);
      continue;
    }
    let lo = 0,
      hi = kept.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (better(kept[mid], i)) lo = mid + 1;
      else hi = mid;
    }
    kept.splice(lo, 0, i);
    if (kept.length > n) kept.pop();
  }
  if (!select) kept.sort((a, b) => (better(a, b) ? -1 : better(b, a) ? 1 : 0)).splice(n);
  return kept.map((i, r) => {
    const {id, title, year, genres, ratings, mean = null} = movies[i];
    return {rank: r + 1, movieId: id, index: i, title, year, genres, predicted: predictions[i], ratings, mean};
  });
}
