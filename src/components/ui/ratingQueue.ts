import type {RatedMovie} from "../movielens/datasetArtifacts.js";

/** The order the rating tool offers movies in: newest first, as the original did; within a year, most rated first. */
export function ratingQueue<T extends RatedMovie>(movies: readonly T[]): T[] {
  return [...movies].sort(
    (a, b) => (b.year ?? -Infinity) - (a.year ?? -Infinity) || b.ratings - a.ratings || a.id - b.id
  );
}

/** The keyboard shortcut for a rating: 1–5 for whole stars, Shift with 1–5 for half a star less. */
export function ratingForKey(event: Pick<KeyboardEvent, "code" | "shiftKey">): number | null {
  const match = /^(?:Digit|Numpad)([1-5])$/.exec(event.code);
  if (!match) return null;
  return +match[1] - (event.shiftKey ? 0.5 : 0);
}

/** The ten half-star ratings MovieLens allows (10M and later). */
export const STARS = [0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4, 4.5, 5];

/** The five whole stars of the releases that have no half stars (MovieLens 100K and 1M). */
export const WHOLE_STARS = [1, 2, 3, 4, 5];

/**
 * The ratings a page offers on the loaded release: whole stars when every rating in it is one (`wholeShare`, the share
 * of whole-star ratings from ratingStats' histogramFacts), else half stars.
 */
export function starsFor(wholeShare: number | null | undefined): readonly number[] {
  return wholeShare === 1 ? WHOLE_STARS : STARS;
}
