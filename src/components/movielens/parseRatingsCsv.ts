// The CSV releases' ratings.csv (ml-latest-small, ML-20M, ML-25M, ML-32M): "All ratings are contained in the file
// ratings.csv. Each line of this file after the header row represents one rating of one movie by one user, and has the
// following format: userId,movieId,rating,timestamp … Ratings are made on a 5-star scale, with half-star increments
// (0.5 stars - 5.0 stars)." (https://files.grouplens.org/datasets/movielens/ml-32m-README.html).
import {RatingsParser} from "./parseRatings.js";
import type {RatingColumns, RatingsFormat} from "./parseRatings.js";

/** ratings.csv's grammar: the header `userId,movieId,rating,timestamp`, then comma-separated rows with half stars. */
export const RATINGS_CSV: RatingsFormat = {
  separator: ",",
  header: "userId,movieId,rating,timestamp",
  wholeStars: false,
  columns: "userId,movieId,rating,timestamp"
};

/**
 * Parses a whole `ratings.csv` held in memory into rating columns (rating2 = stars × 2), with `file:line` FormatErrors
 * (the header is line 1). A large file is streamed instead: `new RatingsParser(file, size, {format: RATINGS_CSV})`.
 */
export function parseRatingsCsv(bytes: Uint8Array, file = "ratings.csv"): RatingColumns {
  const parser = new RatingsParser(file, bytes.length, {format: RATINGS_CSV});
  parser.push(bytes);
  return parser.finish();
}
