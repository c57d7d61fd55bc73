import {RatingsParser} from "./parseRatings.js";
import type {RatingColumns} from "./parseRatings.js";
import {decodeLine} from "./decodeLine.js";
import {splitLines} from "./splitLines.js";
import {textStart} from "./textEncoding.js";

// my_ratings.dat, the reader's own ratings in ratings.dat's format (`99999::movieId::rating::timestamp`): its user id,
// its rows, its writer and its strict reader. The original notebook's rating tool wrote it; every reader here (the
// build's loaders, the browser's zip import, the Rate page's import) goes through parseMyRatingsFile.

/** The user id the original notebook gives to the reader's own ratings, in my_ratings.dat and in the training data. */
export const MY_USER_ID = 99999;

/**
 * One of my ratings, as the rating widget stores it and `my_ratings.dat` holds it: a MovieLens movie id, a rating of
 * 0.5–5 in half stars, and when it was given, in whole seconds since 1970 (UTC).
 */
export interface MyRating {
  movieId: number;
  rating: number;
  timestamp: number;
}

/**
 * Options of `parseMyRatingsFile`: the movies that exist, the caps on what a reader may import, and the name in errors.
 */
export interface MyRatingsFileOptions {
  /** When given, every rated movie must be one of these ids, those of the release's movies file `moviesFile`. */
  knownMovieIds?: Iterable<number> | ReadonlySet<number>;
  /** The release's own movies file, which a refusal names (movies.dat, movies.csv, u.item; default movies.dat). */
  moviesFile?: string;
  maxBytes?: number;
  maxLines?: number;
  file?: string;
}

/** One rejected line of an imported file: its 1-based number, why it was rejected, and its text. */
export interface MyRatingsProblem {
  line: number;
  reason: string;
  text: string;
}

/** An imported file that was rejected as a whole; `problems` lists every invalid line, in order. */
export class MyRatingsFileError extends Error {
  readonly file: string;
  readonly problems: MyRatingsProblem[];
  constructor(file: string, problems: MyRatingsProblem[], shown = 20) {
    const count = problems.length;
    const lines = problems
      .slice(0, shown)
      .map((p) => `${file}:${p.line}: ${p.reason}${p.text ? `\n  > ${clip(p.text)}` : ""}`);
    if (count > shown) lines.push(`…and ${count - shown} more`);
    super(`${file}: ${count} invalid line${count === 1 ? "" : "s"}; nothing was imported.\n${lines.join("\n")}`);
    this.name = "MyRatingsFileError";
    this.file = file;
    this.problems = problems;
  }
}

const MAX_TIMESTAMP = 2 ** 31 - 1;

function clip(text: string): string {
  return text.length > 120 ? `${text.slice(0, 120)}…` : text;
}

function formatBytes(n: number): string {
  return n >= 1e6 ? `${+(n / 1e6).toFixed(1)} MB` : n >= 1e3 ? `${+(n / 1e3).toFixed(1)} kB` : `${n} bytes`;
}

/**
 * Formats my ratings exactly as the original rating tool wrote `my_ratings.dat`:
 * one `99999::movieId::rating::timestamp` line per rating, each ending in "\n",
 * with whole ratings printed as integers ("4") and half stars as "4.5".
 */
export function formatMyRatings(ratings: readonly MyRating[]): string {
  let out = "";
  for (const [i, {movieId, rating, timestamp}] of ratings.entries()) {
    if (!(Number.isInteger(movieId) && movieId >= 0 && movieId < 1e9))
      throw new RangeError(`formatMyRatings: rating ${i} has movie id ${movieId}, not an integer in 0…999999999`);
    if (!(rating >= 0.5 && rating <= 5 && Number.isInteger(rating * 2)))
      throw new RangeError(`formatMyRatings: rating ${i} is ${rating}, not one of 0.5, 1, …, 5`);
    if (!(Number.isInteger(timestamp) && timestamp >= 0 && timestamp <= MAX_TIMESTAMP))
      throw new RangeError(`formatMyRatings: rating ${i} has timestamp ${timestamp}, not whole seconds since 1970`);
    out += `${MY_USER_ID}::${movieId}::${rating}::${timestamp}\n`;
  }
  return out;
}

/**
 * Parses a `my_ratings.dat` all or nothing, with the one grammar of every ratings file (RatingsParser): either every
 * line is a valid rating by user 99999 (of a known movie, when `knownMovieIds` is given) and the ratings are returned,
 * or a MyRatingsFileError lists every invalid line. The build's loaders, the browser's zip import and the Rate page's
 * import all read my_ratings.dat with this function, so they accept and refuse the same bytes with the same messages.
 * A file over `maxBytes` (default 1 MB) or `maxLines` (default 20,000) is refused before any line is read; a file in
 * UTF-16 gets a FormatError at line 1 that says to save it as UTF-8. LF and CRLF endings, a UTF-8 byte-order mark and
 * blank lines at the end are accepted; an empty file gives no ratings. When a movie is rated on several lines, the
 * last line wins and takes the place of the earlier ones in the order returned.
 */
export function parseMyRatingsFile(text: string | Uint8Array, options: MyRatingsFileOptions = {}): MyRating[] {
  const {
    knownMovieIds,
    moviesFile = "movies.dat",
    maxBytes = 1_000_000,
    maxLines = 20_000,
    file = "my_ratings.dat"
  } = options;
  // A string's UTF-8 length is at least its length in UTF-16 units, so the cheap check comes first.
  const size =
    typeof text === "string"
      ? text.length > maxBytes
        ? text.length
        : new TextEncoder().encode(text).length
      : text.length;
  if (size > maxBytes)
    throw new Error(`${file} is ${formatBytes(size)}; files over ${formatBytes(maxBytes)} are not imported.`);
  const bytes = typeof text === "string" ? new TextEncoder().encode(text) : text;
  const count = lineCount(bytes);
  if (count > maxLines)
    throw new Error(
      `${file} has ${count.toLocaleString("en-US")} lines; ` +
        `files over ${maxLines.toLocaleString("en-US")} lines are not imported.`
    );

  const problems: MyRatingsProblem[] = [];
  const parser = new RatingsParser(file, bytes.length, {onProblem: (p) => problems.push(p)});
  parser.push(bytes);
  const columns = parser.finish({allowEmpty: true});
  // The text of each line, to quote the lines that parse but are refused.
  const texts = new Map<number, string>();
  for (const [raw, number] of splitLines(bytes.subarray(textStart(bytes)))) texts.set(number, decodeLine(raw));
  const known =
    knownMovieIds === undefined
      ? null
      : knownMovieIds instanceof Set
        ? (knownMovieIds as ReadonlySet<number>)
        : new Set(knownMovieIds);
  const ratings = new Map<number, MyRating>();
  for (let i = 0; i < columns.userId.length; ++i) {
    const user = columns.userId[i],
      movieId = columns.movieId[i];
    const line = parser.rowLines[i];
    const lineText = () => texts.get(line) ?? "";
    if (user !== MY_USER_ID)
      problems.push({line, reason: `expected user ${MY_USER_ID}, found user ${user}`, text: lineText()});
    else if (known && !known.has(movieId))
      problems.push({line, reason: `movie ${movieId} is not in ${moviesFile}`, text: lineText()});
    else {
      ratings.delete(movieId);
      ratings.set(movieId, {movieId, rating: columns.rating2[i] / 2, timestamp: columns.timestamp[i]});
    }
  }
  if (problems.length)
    throw new MyRatingsFileError(
      file,
      problems.sort((a, b) => a.line - b.line)
    );
  return [...ratings.values()];
}

/** The lines of a file, not counting blank lines at its end. */
function lineCount(bytes: Uint8Array): number {
  let end = bytes.length;
  while (end > 0 && (bytes[end - 1] === 10 || bytes[end - 1] === 13)) --end;
  if (end === 0) return 0;
  let n = 1;
  for (let i = 0; i < end; ++i) if (bytes[i] === 10) ++n;
  return n;
}

/**
 * Reads `my_ratings.dat` as parseMyRatingsFile does, into the columns the build and the import index (user 99999 each).
 */
export function parseMyRatings(bytes: Uint8Array, file = "my_ratings.dat"): RatingColumns {
  const mine = parseMyRatingsFile(bytes, {file});
  return {
    userId: Int32Array.from(mine, () => MY_USER_ID),
    movieId: Int32Array.from(mine, (r) => r.movieId),
    rating2: Uint8Array.from(mine, (r) => r.rating * 2),
    timestamp: Int32Array.from(mine, (r) => r.timestamp)
  };
}
