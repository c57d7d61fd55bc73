// The ratings.dat writer of the synthetic data: the columns synthesize() makes, as MovieLens's
// `UserID::MovieID::Rating::Timestamp` lines (parseRatings reads them back), or as ratings.csv's rows
// (`userId,movieId,rating,timestamp`, whole stars as "4.0" as the CSV releases write them; parseRatingsCsv reads them).
import type {RatingColumns} from "../movielens/parseRatings.js";

const bytesOf = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));
const STARS = ["", "0.5", "1", "1.5", "2", "2.5", "3", "3.5", "4", "4.5", "5"].map(bytesOf);
const CSV_STARS = ["", "0.5", "1.0", "1.5", "2.0", "2.5", "3.0", "3.5", "4.0", "4.5", "5.0"].map(bytesOf);

/**
 * How encodeRatings writes a row: `::`-separated as ratings.dat (the default),
 * or comma-separated as ratings.csv (no header).
 */
export interface EncodeRatingsOptions {
  csv?: boolean;
}
const NEWLINE = 0x0a;
const digits = new Uint8Array(10);

// Writes a non-negative integer's decimal digits at `at`, returning the offset after them.
function writeInteger(bytes: Uint8Array, at: number, value: number): number {
  let n = 0;
  do {
    digits[n++] = 48 + (value % 10);
    value = Math.floor(value / 10);
  } while (value > 0);
  while (n > 0) bytes[at++] = digits[--n];
  return at;
}

/**
 * Encodes rows [start, end) of ratings as ASCII `ratings.dat` lines (or ratings.csv rows, `csv`);
 * a writer can save these bytes as they are.
 */
export function encodeRatings(
  ratings: RatingColumns,
  start = 0,
  end = ratings.userId.length,
  {csv = false}: EncodeRatingsOptions = {}
): Uint8Array {
  const {userId, movieId, rating2, timestamp} = ratings;
  const stars = csv ? CSV_STARS : STARS;
  // "::" is two bytes and "," one: a second separator byte is written only for "::".
  const separator = csv ? 0x2c : 0x3a;
  const double = !csv;
  start = Math.max(0, start);
  end = Math.min(end, userId.length);
  // Digits go straight into bytes: several times faster than concatenating number-to-string conversions.
  const bytes = new Uint8Array(Math.max(0, end - start) * 46); // 3 ids of ≤ 11 digits, a rating of ≤ 3, 6 colons, "\n"
  let at = 0;
  for (let i = start; i < end; ++i) {
    at = writeInteger(bytes, at, userId[i]);
    bytes[at++] = separator;
    if (double) bytes[at++] = separator;
    at = writeInteger(bytes, at, movieId[i]);
    bytes[at++] = separator;
    if (double) bytes[at++] = separator;
    const rating = stars[rating2[i]];
    if (!rating || rating2[i] === 0)
      throw new RangeError(`encodeRatings: row ${i} has rating2 ${rating2[i]}, not 1–10`);
    bytes.set(rating, at);
    at += rating.length;
    bytes[at++] = separator;
    if (double) bytes[at++] = separator;
    at = writeInteger(bytes, at, timestamp[i]);
    bytes[at++] = NEWLINE;
  }
  return bytes.subarray(0, at);
}

/**
 * Formats rows [start, end) of ratings as `UserID::MovieID::Rating::Timestamp` lines; called in slices to bound memory.
 */
export function formatRatings(ratings: RatingColumns, start = 0, end = ratings.userId.length): string {
  return new TextDecoder().decode(encodeRatings(ratings, start, end));
}
