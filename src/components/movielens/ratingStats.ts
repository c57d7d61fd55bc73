/** The count of ratings at each half star from 0.5 to 5, as rows for a chart. */
export interface HistogramBin {
  rating: number;
  count: number;
}

/** Counts ratings at each of the ten half-star values; `rating2` holds ratings times two. */
export function ratingHistogram(rating2: Uint8Array): HistogramBin[] {
  const counts = new Float64Array(11);
  for (let i = 0; i < rating2.length; ++i) ++counts[rating2[i]];
  return Array.from({length: 10}, (_, i) => ({rating: (i + 1) / 2, count: counts[i + 1]}));
}

/** The number of ratings and the mean rating of each movie index; the mean is NaN for a movie nobody rated. */
export function movieStats(
  movie: Uint32Array,
  rating2: Uint8Array,
  movies: number
): {count: Uint32Array; mean: Float64Array} {
  const count = new Uint32Array(movies);
  const mean = new Float64Array(movies);
  for (let i = 0; i < movie.length; ++i) {
    ++count[movie[i]];
    mean[movie[i]] += rating2[i];
  }
  for (let m = 0; m < movies; ++m) mean[m] = count[m] ? mean[m] / count[m] / 2 : NaN;
  return {count, mean};
}

/** What the histogram page says about how people rate, as shares of all ratings (0…1). */
export interface HistogramFacts {
  total: number;
  mean: number;
  /** The most common rating, and its share. */
  top: HistogramBin;
  topShare: number;
  /** Ratings of 2 stars or fewer. */
  lowShare: number;
  /** Ratings on a whole star. */
  wholeShare: number;
  /** Ratings from 3 to 4 stars, 3.5 included. */
  middleShare: number;
  oneStarShare: number;
  fiveStarShare: number;
  /**
   * The ratings' variance: the mean squared error of predicting the mean rating for every rating, the error a model
   * must beat to have learned anything (a model no better is said to have diverged).
   */
  variance: number;
}

/** The facts the histogram page's prose is written from, or null when there are no ratings to say anything about. */
export function histogramFacts(bins: readonly HistogramBin[]): HistogramFacts | null {
  const total = bins.reduce((n, b) => n + b.count, 0);
  if (total === 0) return null;
  const share = (test: (rating: number) => boolean) =>
    bins.reduce((n, b) => n + (test(b.rating) ? b.count : 0), 0) / total;
  const top = bins.reduce((a, b) => (b.count > a.count ? b : a));
  const mean = bins.reduce((s, b) => s + b.rating * b.count, 0) / total;
  return {
    total,
    mean,
    top,
    topShare: top.count / total,
    lowShare: share((r) => r <= 2),
    wholeShare: share((r) => r % 1 === 0),
    middleShare: share((r) => r >= 3 && r <= 4),
    oneStarShare: share((r) => r === 1),
    fiveStarShare: share((r) => r === 5),
    variance: bins.reduce((s, b) => s + b.count * (b.rating - mean) ** 2, 0) / total
  };
}
