/** A neighbour of a movie: its index in the model and the cosine similarity of their factor vectors, −1…1. */
export interface SimilarMovie {
  movie: number;
  similarity: number;
}

/**
 * The fewest ratings a movie needs to be offered as a neighbour by default: a rarely rated movie's factors are mostly
 * its initial noise, so its cosines are noise too. The vectors matter more than the minimum: on a synthetic set shaped
 * like ml-latest-small, the share of neighbours that share a genre with the chosen movie (over the 500 most rated) is
 * 0.64 for the rating model's factors and 0.96 for iALS's, with no minimum or with 20; for the 20 most rated movies
 * alone, 0.67 and 0.43, since nearly everyone rates those (`npm run bench:similar`).
 */
export const SIMILAR_MIN_RATINGS = 20;

/**
 * The minimum number of ratings as a person typed it (the field's text): a whole number 0 or more is taken as is;
 * anything else keeps SIMILAR_MIN_RATINGS, with a note in words saying why. A browser's number field reports text it
 * cannot read ("1e") as empty, so empty says both.
 */
export function readMinimumRatings(text: string): {minRatings: number; note: string | null} {
  const keep = (why: string) => ({
    minRatings: SIMILAR_MIN_RATINGS,
    note: `${why}: showing neighbours with at least ${SIMILAR_MIN_RATINGS} ratings.`
  });
  const trimmed = text.trim();
  if (trimmed === "") return keep("The minimum is empty or not a number");
  const n = Number(trimmed);
  if (!Number.isFinite(n)) return keep(`“${trimmed}” is not a number`);
  if (!Number.isInteger(n)) return keep(`${trimmed} is not a whole number of ratings`);
  if (n < 0) return keep(`${trimmed} is below 0`);
  return {minRatings: n, note: null};
}

/**
 * How many neighbours to return, and optionally a minimum number of ratings (with each
 * movie's count) to hide obscure ones.
 */
export interface SimilarMoviesOptions {
  n?: number;
  minRatings?: number;
  /** Ratings per movie, in movie-index order; required with minRatings. */
  counts?: ArrayLike<number>;
}

/**
 * Finds the `n` (default 10) movies whose factor vectors point the most the same way as this movie's, by cosine
 * similarity, best first (ties by index); the movie itself, and movies with all-zero factors, are never neighbours.
 */
export function similarMovies(
  movieFactors: Float32Array,
  factors: number,
  movieIndex: number,
  options: SimilarMoviesOptions = {}
): SimilarMovie[] {
  const {n = 10, minRatings = 0, counts} = options;
  const movies = movieFactors.length / factors;
  if (!(Number.isSafeInteger(factors) && factors > 0 && Number.isInteger(movies)))
    throw new TypeError(
      `similarMovies: movieFactors has ${movieFactors.length} values, not a multiple of ${factors} factors`
    );
  if (!(Number.isInteger(movieIndex) && movieIndex >= 0 && movieIndex < movies))
    throw new RangeError(`similarMovies: movie index ${movieIndex} is outside 0…${movies - 1}`);
  if (!(Number.isSafeInteger(n) && n >= 0))
    throw new TypeError(`similarMovies: n must be a non-negative integer, got ${n}`);
  if (minRatings > 0 && !counts)
    throw new TypeError("similarMovies: minRatings needs counts, the number of ratings of each movie");
  if (counts && counts.length !== movies)
    throw new TypeError(`similarMovies: ${counts.length} counts for ${movies} movies`);

  const k = factors,
    at = movieIndex * k;
  let queryNorm = 0;
  for (let j = 0; j < k; ++j) queryNorm += movieFactors[at + j] ** 2;
  if (queryNorm === 0 || n === 0) return [];
  queryNorm = Math.sqrt(queryNorm);

  // The best n so far, best first; a movie enters only if it beats the worst of them.
  const top: SimilarMovie[] = [];
  for (let m = 0; m < movies; ++m) {
    if (m === movieIndex || (counts && counts[m] < minRatings)) continue;
    let dot = 0,
      norm = 0;
    for (let j = 0, b = m * k; j < k; ++j, ++b) {
      const v = movieFactors[b];
      dot += v * movieFactors[at + j];
      norm += v * v;
    }
    if (norm === 0) continue;
    const similarity = Math.max(-1, Math.min(1, dot / (queryNorm * Math.sqrt(norm)))); // rounding can step past ±1
    if (top.length === n && !(similarity > top[n - 1].similarity)) continue;
    let i = top.length;
    while (i > 0 && similarity > top[i - 1].similarity) --i;
    top.splice(i, 0, {movie: m, similarity});
    if (top.length > n) top.pop();
  }
  return top;
}

/**
 * Genre agreement: over `queries` (movie indexes), the mean share of each one's neighbours (`neighbours(query)`, e.g.
 * similarMovies) that share at least one genre with it; `genres[m]` lists movie m's. A query with no
 * neighbour is left out; NaN when none has one.
 */
export function genreAgreement(
  genres: readonly (readonly string[])[],
  queries: readonly number[],
  neighbours: (query: number) => readonly SimilarMovie[]
): number {
  let sum = 0,
    counted = 0;
  for (const q of queries) {
    const near = neighbours(q);
    if (!near.length) continue;
    const mine = new Set(genres[q]);
    sum += near.filter(({movie}) => genres[movie].some((g) => mine.has(g))).length / near.length;
    ++counted;
  }
  return counted ? sum / counted : NaN;
}
