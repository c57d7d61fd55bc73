import {MY_USER_ID, diagnoseRating} from "./parseRatings.js";
import type {MyRating} from "./withMyRatings.js";

/** Options of `parseMyRatingsFile`: the movies that exist, the caps on what a reader may import, and the name in errors. */
export interface MyRatingsFileOptions {
  /** When given, every rated movie must be one of these ids. */
  knownMovieIds?: Iterable<number> | ReadonlySet<number>;
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
    const lines = problems.slice(0, shown).map((p) => `${file}:${p.line}: ${p.reason}${p.text ? `\n  > ${clip(p.text)}` : ""}`);
    if (count > shown) lines.push(`…and ${count - shown} more`);
    super(`${file}: ${count} invalid line${count === 1 ? "" : "s"}; nothing was imported.\n${lines.join("\n")}`);
    this.name = "MyRatingsFileError";
    this.file = file;
    this.problems = problems;
  }
}

const MAX_TIMESTAMP = 2 ** 31 - 1;
// The same grammar as the fast path of RatingsParser: ids of 1–9 digits, stars as 1–2 digits with an optional
// fraction of 0 or 5 followed by zeros, and a timestamp that fits Int32.
const LINE = /^(\d{1,9})::(\d{1,9})::(\d{1,2}(?:\.[05]0*)?)::(\d{1,10})$/;

function clip(text: string): string {
  return text.length > 120 ? `${text.slice(0, 120)}…` : text;
}

function formatBytes(n: number): string {
  return n >= 1e6 ? `${+(n / 1e6).toFixed(1)} MB` : n >= 1e3 ? `${+(n / 1e3).toFixed(1)} kB` : `${n} bytes`;
}

/**
 * Formats my ratings exactly as the original rating tool wrote `my_ratings.dat`: one `99999::movieId::rating::timestamp`
 * line per rating, each ending in "\n", with whole ratings printed as integers ("4") and half stars as "4.5".
 */
export function formatMyRatings(ratings: readonly MyRating[]): string {
  let out = "";
  for (const [i, {movieId, rating, timestamp}] of ratings.entries()) {
    if (!(Number.isInteger(movieId) && movieId >= 0 && movieId < 1e9)) throw new RangeError(`formatMyRatings: rating ${i} has movie id ${movieId}, not an integer in 0…999999999`);
    if (!(rating >= 0.5 && rating <= 5 && Number.isInteger(rating * 2))) throw new RangeError(`formatMyRatings: rating ${i} is ${rating}, not one of 0.5, 1, …, 5`);
    if (!(Number.isInteger(timestamp) && timestamp >= 0 && timestamp <= MAX_TIMESTAMP)) throw new RangeError(`formatMyRatings: rating ${i} has timestamp ${timestamp}, not whole seconds since 1970`);
    out += `${MY_USER_ID}::${movieId}::${rating}::${timestamp}\n`;
  }
  return out;
}

/**
 * Parses an imported `my_ratings.dat` all or nothing: either every line is a valid rating by user 99999 (of a known
 * movie, when `knownMovieIds` is given) and the ratings are returned, or a MyRatingsFileError lists every invalid line.
 * A file over `maxBytes` (default 1 MB) or `maxLines` (default 20,000) is refused before any line is read. LF and CRLF
 * endings are accepted, as are blank lines at the end; an empty file gives no ratings. When a movie is rated on
 * several lines, the last line wins and takes the place of the earlier ones in the order returned.
 */
export function parseMyRatingsFile(text: string | Uint8Array, options: MyRatingsFileOptions = {}): MyRating[] {
  const {knownMovieIds, maxBytes = 1_000_000, maxLines = 20_000, file = "my_ratings.dat"} = options;
  // A string's UTF-8 length is at least its length in UTF-16 units, so the cheap check comes first.
  const size = typeof text === "string" ? (text.length > maxBytes ? text.length : new TextEncoder().encode(text).length) : text.length;
  if (size > maxBytes) throw new Error(`${file} is ${formatBytes(size)}; files over ${formatBytes(maxBytes)} are not imported.`);
  if (typeof text !== "string") text = new TextDecoder().decode(text);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);

  const lines = text.split("\n");
  let count = lines.length;
  while (count > 0 && (lines[count - 1] === "" || lines[count - 1] === "\r")) --count; // blank lines at the end
  if (count > maxLines) throw new Error(`${file} has ${count.toLocaleString("en-US")} lines; files over ${maxLines.toLocaleString("en-US")} lines are not imported.`);

  const known = knownMovieIds === undefined ? null : knownMovieIds instanceof Set ? (knownMovieIds as ReadonlySet<number>) : new Set(knownMovieIds);
  const problems: MyRatingsProblem[] = [];
  const ratings = new Map<number, MyRating>();
  for (let i = 0; i < count; ++i) {
    const line = lines[i].endsWith("\r") ? lines[i].slice(0, -1) : lines[i];
    const fail = (reason: string) => problems.push({line: i + 1, reason, text: line});
    if (line === "") {
      fail("empty line");
      continue;
    }
    const match = LINE.exec(line);
    const rating = match ? +match[3] : NaN;
    if (!match || !(rating >= 0.5 && rating <= 5) || +match[4] > MAX_TIMESTAMP) {
      fail(diagnoseRating(line));
      continue;
    }
    const user = +match[1], movieId = +match[2];
    if (user !== MY_USER_ID) fail(`expected user ${MY_USER_ID}, found user ${user}`);
    else if (known && !known.has(movieId)) fail(`movie ${movieId} is not in movies.dat`);
    else {
      ratings.delete(movieId);
      ratings.set(movieId, {movieId, rating, timestamp: +match[4]});
    }
  }
  if (problems.length) throw new MyRatingsFileError(file, problems);
  return [...ratings.values()];
}
