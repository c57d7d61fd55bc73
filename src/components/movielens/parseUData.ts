// ML-100K's u.data: "The full u data set, 100000 ratings by 943 users on 1682 items. … This is a tab separated list of
// user id | item id | rating | timestamp." (https://files.grouplens.org/datasets/movielens/ml-100k-README.txt).
import {RatingsParser} from "./parseRatings.js";
import type {RatingColumns, RatingsFormat} from "./parseRatings.js";

/** u.data's grammar: `user id<TAB>item id<TAB>rating<TAB>timestamp`, whole stars 1–5, no header. */
export const U_DATA: RatingsFormat = {
  separator: "\t",
  header: null,
  wholeStars: true,
  columns: "user id, item id, rating, timestamp"
};

/**
 * Parses a whole ML-100K `u.data` held in memory into rating columns (rating2 = stars × 2), with `file:line`
 * FormatErrors.
 */
export function parseUData(bytes: Uint8Array, file = "u.data"): RatingColumns {
  const parser = new RatingsParser(file, bytes.length, {format: U_DATA});
  parser.push(bytes);
  return parser.finish();
}
