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
export function movieStats(movie: Uint32Array, rating2: Uint8Array, movies: number): {count: Uint32Array; mean: Float64Array} {
  const count = new Uint32Array(movies);
  const mean = new Float64Array(movies);
  for (let i = 0; i < movie.length; ++i) {
    ++count[movie[i]];
    mean[movie[i]] += rating2[i];
  }
  for (let m = 0; m < movies; ++m) mean[m] = count[m] ? mean[m] / count[m] / 2 : NaN;
  return {count, mean};
}
