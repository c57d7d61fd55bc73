import {DatError} from "./datError.js";
import {decodeLine} from "./decodeLine.js";

/** Ratings as parallel columns, in file order; `rating2` is the rating times two (1–10), so half stars stay integers. */
export interface RatingColumns {
  userId: Int32Array;
  movieId: Int32Array;
  rating2: Uint8Array;
  timestamp: Int32Array;
}

const LF = 10;
const CR = 13;
const COLON = 58;
const DOT = 46;
const ZERO = 48;
const NINE = 57;
const MAX_ID_DIGITS = 9; // ids stay below 1e9, so they fit Int32
const MAX_TIMESTAMP = 2 ** 31 - 1;

/**
 * Parses `UserID::MovieID::Rating::Timestamp` lines pushed in chunks of bytes, so a 265 MB `ratings.dat` never has to
 * be one string. The fast path reads digits straight from the bytes; any line it cannot read is decoded again to
 * explain what is wrong with it.
 */
export class RatingsParser {
  readonly file: string;
  private line = 0;
  private blank = 0;
  private carry: Uint8Array | null = null;
  private length = 0;
  private userId: Int32Array;
  private movieId: Int32Array;
  private rating2: Uint8Array;
  private timestamp: Int32Array;

  /** `sizeHint` is the file's size in bytes, used to size the columns once instead of growing them. */
  constructor(file = "ratings.dat", sizeHint = 0) {
    this.file = file;
    const capacity = Math.max(1024, Math.ceil(sizeHint / 18));
    this.userId = new Int32Array(capacity);
    this.movieId = new Int32Array(capacity);
    this.rating2 = new Uint8Array(capacity);
    this.timestamp = new Int32Array(capacity);
  }

  /** Parses every complete line in `chunk`, keeping a trailing partial line for the next push. */
  push(chunk: Uint8Array): void {
    let start = 0;
    if (this.carry) {
      const lf = chunk.indexOf(LF);
      if (lf < 0) {
        this.carry = concat(this.carry, chunk);
        return;
      }
      const line = concat(this.carry, chunk.subarray(0, lf + 1));
      this.carry = null;
      this.parseBlock(line, 0, line.length);
      start = lf + 1;
    }
    const last = chunk.lastIndexOf(LF);
    if (last < start) {
      if (start < chunk.length) this.carry = chunk.slice(start);
      return;
    }
    this.parseBlock(chunk, start, last + 1);
    if (last + 1 < chunk.length) this.carry = chunk.slice(last + 1);
  }

  /** Parses the final line (which may lack a newline) and returns the columns, trimmed to their length. */
  finish(): RatingColumns {
    if (this.carry) {
      const line = concat(this.carry, Uint8Array.of(LF));
      this.carry = null;
      this.parseBlock(line, 0, line.length);
    }
    if (this.length === 0) throw new DatError(this.file, 1, "empty file: no ratings");
    const n = this.length;
    return {
      userId: this.userId.slice(0, n),
      movieId: this.movieId.slice(0, n),
      rating2: this.rating2.slice(0, n),
      timestamp: this.timestamp.slice(0, n)
    };
  }

  /** Parses lines in `b[start, end)`, where `end` is just past a line feed. */
  private parseBlock(b: Uint8Array, start: number, end: number): void {
    let i = start;
    while (i < end) {
      const lineStart = i;
      ++this.line;
      let c = b[i];
      if (c === LF || (c === CR && b[i + 1] === LF)) {
        this.blank ||= this.line;
        i += c === LF ? 1 : 2;
        continue;
      }
      if (this.blank) throw new DatError(this.file, this.blank, "empty line");
      let user = 0, movie = 0, whole = 0, half = 0, time = 0, d = 0;
      for (d = 0; (c = b[i]) >= ZERO && c <= NINE; ++d, ++i) user = user * 10 + c - ZERO;
      if (d === 0 || d > MAX_ID_DIGITS || c !== COLON || b[i + 1] !== COLON) return this.fail(b, lineStart);
      i += 2;
      for (d = 0; (c = b[i]) >= ZERO && c <= NINE; ++d, ++i) movie = movie * 10 + c - ZERO;
      if (d === 0 || d > MAX_ID_DIGITS || c !== COLON || b[i + 1] !== COLON) return this.fail(b, lineStart);
      i += 2;
      for (d = 0; (c = b[i]) >= ZERO && c <= NINE; ++d, ++i) whole = whole * 10 + c - ZERO;
      if (d === 0 || d > 2) return this.fail(b, lineStart);
      if (c === DOT) {
        c = b[++i];
        if (c === ZERO + 5) half = 1;
        else if (c !== ZERO) return this.fail(b, lineStart);
        while ((c = b[++i]) === ZERO);
      }
      const rating2 = whole * 2 + half;
      if (rating2 < 1 || rating2 > 10 || c !== COLON || b[i + 1] !== COLON) return this.fail(b, lineStart);
      i += 2;
      for (d = 0; (c = b[i]) >= ZERO && c <= NINE; ++d, ++i) time = time * 10 + c - ZERO;
      if (d === 0 || time > MAX_TIMESTAMP) return this.fail(b, lineStart);
      if (c === CR) c = b[++i];
      if (c !== LF) return this.fail(b, lineStart);
      ++i;
      if (this.length === this.userId.length) this.grow();
      const k = this.length++;
      this.userId[k] = user;
      this.movieId[k] = movie;
      this.rating2[k] = rating2;
      this.timestamp[k] = time;
    }
  }

  private grow(): void {
    const capacity = this.userId.length * 2;
    const grown = <T extends Int32Array | Uint8Array>(a: T, b: T): T => (b.set(a), b);
    this.userId = grown(this.userId, new Int32Array(capacity));
    this.movieId = grown(this.movieId, new Int32Array(capacity));
    this.rating2 = grown(this.rating2, new Uint8Array(capacity));
    this.timestamp = grown(this.timestamp, new Int32Array(capacity));
  }

  private fail(b: Uint8Array, lineStart: number): never {
    let end = b.indexOf(LF, lineStart);
    if (end < 0) end = b.length;
    if (end > lineStart && b[end - 1] === CR) --end;
    const text = decodeLine(b.subarray(lineStart, end));
    throw new DatError(this.file, this.line, diagnoseRating(text), text);
  }
}

/** Explains why a ratings line is malformed, in words a person can act on. */
export function diagnoseRating(text: string): string {
  const fields = text.split("::");
  if (fields.length !== 4) return `expected 4 fields separated by "::" (UserID::MovieID::Rating::Timestamp), found ${fields.length}`;
  const [user, movie, rating, time] = fields;
  if (!/^\d{1,9}$/.test(user)) return `user id is not a number: ${JSON.stringify(user)}`;
  if (!/^\d{1,9}$/.test(movie)) return `movie id is not a number: ${JSON.stringify(movie)}`;
  if (!/^\d+(\.\d+)?$/.test(rating)) return `rating is not a number: ${JSON.stringify(rating)}`;
  const value = +rating;
  if (value < 0.5 || value > 5) return `rating ${rating} is outside 0.5–5`;
  if (!Number.isInteger(value * 2)) return `rating ${rating} is not a multiple of 0.5`;
  if (!/^\d{1,10}$/.test(time) || +time > MAX_TIMESTAMP) return `timestamp is not a valid number of seconds: ${JSON.stringify(time)}`;
  return "malformed line";
}

/** Parses a whole `ratings.dat` held in memory. */
export function parseRatings(bytes: Uint8Array, file = "ratings.dat"): RatingColumns {
  const parser = new RatingsParser(file, bytes.length);
  parser.push(bytes);
  return parser.finish();
}

/** The user id the original notebook gives to the reader's own ratings. */
export const MY_USER_ID = 99999;

/** Parses `my_ratings.dat`, which must hold only user 99999's ratings, as the original rating tool wrote them. */
export function parseMyRatings(bytes: Uint8Array, file = "my_ratings.dat"): RatingColumns {
  const ratings = parseRatings(bytes, file);
  const i = ratings.userId.findIndex((id) => id !== MY_USER_ID);
  if (i >= 0) throw new DatError(file, i + 1, `expected user ${MY_USER_ID}, found user ${ratings.userId[i]}`);
  return ratings;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const c = new Uint8Array(a.length + b.length);
  c.set(a);
  c.set(b, a.length);
  return c;
}
