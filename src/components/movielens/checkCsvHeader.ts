import {FormatError} from "./FormatError.js";

/**
 * Checks a CSV file's first line (`text`, without its line ending) against the header its release writes, exactly
 * ("userId,movieId,rating,timestamp" in ratings.csv, "movieId,title,genres" in movies.csv), throwing a FormatError at
 * `file`:1 that says whether the header is missing (an empty file) or another line stands in its place.
 */
export function checkCsvHeader(text: string, expected: string, file: string): void {
  if (text === expected) return;
  const reason =
    text === ""
      ? `missing header: expected "${expected}" on the first line`
      : `expected the header "${expected}", found another first line`;
  throw new FormatError(file, 1, reason, text);
}
