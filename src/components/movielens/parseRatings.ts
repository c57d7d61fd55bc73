import {checkCsvHeader} from "./checkCsvHeader.js";
import {FormatError} from "./FormatError.js";
import {decodeLine} from "./decodeLine.js";
import {checkTextEncoding, notUtf8Reason, textStart, utf8Problem} from "./textEncoding.js";

/**
 * Ratings as parallel columns, in file order; `rating2` is the rating times two (1–10), so half stars stay integers.
 */
export interface RatingColumns {
  userId: Int32Array;
  movieId: Int32Array;
  rating2: Uint8Array;
  timestamp: Int32Array;
}

const LF = 10;
const CR = 13;
const DOT = 46;
const ZERO = 48;
const NINE = 57;
const MAX_ID_DIGITS = 9; // ids stay below 1e9, so they fit Int32
const MAX_TIMESTAMP = 2 ** 31 - 1;

/** A line the parser could not read: its 1-based number, why, and its text. */
export type RatingsProblem = {line: number; reason: string; text: string};

/**
 * A ratings file's grammar: what separates its four fields (`::` in ratings.dat, a tab in ML-100K's u.data, a comma in
 * the CSV releases' ratings.csv), the header line it must start with (ratings.csv's), whether only whole stars are
 * allowed (u.data's 1–5), and how the four columns are named in errors.
 */
export interface RatingsFormat {
  separator: "::" | "\t" | ",";
  header: string | null;
  wholeStars: boolean;
  /** The line's shape in words, for "expected 4 fields separated by …": `UserID::MovieID::Rating::Timestamp`. */
  columns: string;
}

/** ratings.dat and my_ratings.dat (ML-1M, ML-10M): `UserID::MovieID::Rating::Timestamp`, half stars, no header. */
export const DAT_RATINGS: RatingsFormat = {
  separator: "::",
  header: null,
  wholeStars: false,
  columns: "UserID::MovieID::Rating::Timestamp"
};

/**
 * Options of RatingsParser: `onProblem` collects every bad line and reads on, instead of throwing at the first;
 * `format` is the grammar (default DAT_RATINGS).
 */
export interface RatingsParserOptions {
  onProblem?: (problem: RatingsProblem) => void;
  format?: RatingsFormat;
}

/**
 * Parses `UserID::MovieID::Rating::Timestamp` lines pushed in chunks of bytes, so a 265 MB `ratings.dat` never has to
 * be one string. This is the one grammar of every ratings file, wherever it is read (the build's loaders, the
 * browser's import of a zip, the Rate page's import of my_ratings.dat): ids of 1–9 digits, a rating of 0.5–5 in half
 * stars (`4`, `4.5`, `4.0`), a timestamp that fits Int32, LF or CRLF endings, blank lines only at the end, and a UTF-8
 * byte-order mark skipped. A file in UTF-16 is refused at line 1 with the fix. The fast path reads digits straight from
 * the bytes; any line it cannot read is decoded again to explain what is wrong with it. See MovieLens 10M's README
 * (https://files.grouplens.org/datasets/movielens/ml-10m-README.html) for the format. The other releases' ratings
 * files differ only in their separator, a header and whole stars (`format`: U_DATA in parseUData.ts, RATINGS_CSV in
 * parseRatingsCsv.ts), so they share this fast path; a header line counts as line 1.
 */
export class RatingsParser {
  readonly file: string;
  readonly format: RatingsFormat;
  private readonly sep0: number;
  private readonly sep1: number;
  private readonly sepLength: number;
  private readonly maxWhole: number;
  private header: Uint8Array | null;
  private line = 0;
  private blank = 0;
  private blanks: number[] = [];
  private started = false;
  private carry: Uint8Array | null = null;
  private readonly onProblem: ((problem: RatingsProblem) => void) | null;
  /** The line of each row, kept only when collecting problems (small files such as my_ratings.dat). */
  readonly rowLines: number[] = [];
  private length = 0;
  private userId: Int32Array;
  private movieId: Int32Array;
  private rating2: Uint8Array;
  private timestamp: Int32Array;

  /** `sizeHint` is the file's size in bytes, used to size the columns once instead of growing them. */
  constructor(file = "ratings.dat", sizeHint = 0, {onProblem, format = DAT_RATINGS}: RatingsParserOptions = {}) {
    this.file = file;
    this.format = format;
    this.sep0 = format.separator.charCodeAt(0);
    this.sep1 = format.separator.length > 1 ? format.separator.charCodeAt(1) : -1;
    this.sepLength = format.separator.length;
    this.maxWhole = format.wholeStars ? 1 : 2;
    this.header = format.header === null ? null : new Uint8Array(0);
    this.onProblem = onProblem ?? null;
    const capacity = Math.max(1024, Math.ceil(sizeHint / 18));
    this.userId = new Int32Array(capacity);
    this.movieId = new Int32Array(capacity);
    this.rating2 = new Uint8Array(capacity);
    this.timestamp = new Int32Array(capacity);
  }

  /** Parses every complete line in `chunk`, keeping a trailing partial line for the next push. */
  push(chunk: Uint8Array): void {
    if (!this.started) {
      if (chunk.length === 0) return;
      this.started = true;
      checkTextEncoding(chunk, this.file);
      chunk = chunk.subarray(textStart(chunk));
    }
    if (this.header) {
      // The header line is gathered whole (it may straddle chunks), checked, and counted as line 1.
      const lf = chunk.indexOf(LF);
      this.header = concat(this.header, lf < 0 ? chunk : chunk.subarray(0, lf));
      if (lf < 0) return;
      this.checkHeader();
      chunk = chunk.subarray(lf + 1);
    }
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

  /**
   * Parses the final line (which may lack a newline) and returns the columns, trimmed to their length. A file with no
   * ratings is an error unless `allowEmpty` (an empty my_ratings.dat is no ratings of mine yet).
   */
  finish({allowEmpty = false}: {allowEmpty?: boolean} = {}): RatingColumns {
    if (this.header) this.checkHeader();
    if (this.carry) {
      const line = concat(this.carry, Uint8Array.of(LF));
      this.carry = null;
      this.parseBlock(line, 0, line.length);
    }
    if (this.length === 0 && !allowEmpty) throw new FormatError(this.file, 1, "empty file: no ratings");
    const n = this.length;
    return {
      userId: this.userId.slice(0, n),
      movieId: this.movieId.slice(0, n),
      rating2: this.rating2.slice(0, n),
      timestamp: this.timestamp.slice(0, n)
    };
  }

  /** Checks the gathered first line against the format's header, exactly (a CR before the LF aside). */
  private checkHeader(): void {
    let bytes = this.header!;
    this.header = null;
    if (bytes[bytes.length - 1] === CR) bytes = bytes.subarray(0, -1);
    ++this.line;
    checkCsvHeader(decodeLine(bytes), this.format.header!, this.file);
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
        if (this.onProblem) this.blanks.push(this.line);
        i += c === LF ? 1 : 2;
        continue;
      }
      if (this.blank) {
        // Blank lines are allowed at the end only: one followed by a rating is an error.
        if (!this.onProblem) throw new FormatError(this.file, this.blank, "empty line");
        for (const line of this.blanks) this.onProblem({line, reason: "empty line", text: ""});
        this.blank = 0;
        this.blanks = [];
      }
      const {sep0, sep1, sepLength} = this;
      let user = 0,
        movie = 0,
        whole = 0,
        half = 0,
        time = 0,
        d: number;
      for (d = 0; (c = b[i]) >= ZERO && c <= NINE; ++d, ++i) user = user * 10 + c - ZERO;
      if (d === 0 || d > MAX_ID_DIGITS || c !== sep0 || (sep1 >= 0 && b[i + 1] !== sep1)) {
        i = this.fail(b, lineStart);
        continue;
      }
      i += sepLength;
      for (d = 0; (c = b[i]) >= ZERO && c <= NINE; ++d, ++i) movie = movie * 10 + c - ZERO;
      if (d === 0 || d > MAX_ID_DIGITS || c !== sep0 || (sep1 >= 0 && b[i + 1] !== sep1)) {
        i = this.fail(b, lineStart);
        continue;
      }
      i += sepLength;
      for (d = 0; (c = b[i]) >= ZERO && c <= NINE; ++d, ++i) whole = whole * 10 + c - ZERO;
      if (d === 0 || d > this.maxWhole) {
        i = this.fail(b, lineStart);
        continue;
      }
      if (c === DOT && !this.format.wholeStars) {
        c = b[++i];
        if (c === ZERO + 5) half = 1;
        else if (c !== ZERO) {
          i = this.fail(b, lineStart);
          continue;
        }
        while ((c = b[++i]) === ZERO);
      }
      const rating2 = whole * 2 + half;
      if (rating2 < 1 || rating2 > 10 || c !== sep0 || (sep1 >= 0 && b[i + 1] !== sep1)) {
        i = this.fail(b, lineStart);
        continue;
      }
      if (this.format.wholeStars && rating2 < 2) {
        i = this.fail(b, lineStart);
        continue;
      }
      i += sepLength;
      for (d = 0; (c = b[i]) >= ZERO && c <= NINE; ++d, ++i) time = time * 10 + c - ZERO;
      if (d === 0 || time > MAX_TIMESTAMP) {
        i = this.fail(b, lineStart);
        continue;
      }
      if (c === CR) c = b[++i];
      if (c !== LF) {
        i = this.fail(b, lineStart);
        continue;
      }
      ++i;
      if (this.length === this.userId.length) this.grow();
      if (this.onProblem) this.rowLines.push(this.line);
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

  /** Reports the line at `lineStart` (throwing, unless collecting) and returns where the next line starts. */
  private fail(b: Uint8Array, lineStart: number): number {
    const lf = b.indexOf(LF, lineStart);
    let end = lf < 0 ? b.length : lf;
    if (end > lineStart && b[end - 1] === CR) --end;
    const raw = b.subarray(lineStart, end);
    const text = decodeLine(raw);
    const encoding = utf8Problem(raw);
    const reason = encoding ? notUtf8Reason(encoding) : diagnoseRating(text, this.format);
    if (!this.onProblem) throw new FormatError(this.file, this.line, reason, text);
    this.onProblem({line: this.line, reason, text});
    return lf < 0 ? b.length : lf + 1;
  }
}

/**
 * Explains why a ratings line is malformed, in words a person can act on;
 * `format` is its grammar (default ratings.dat's).
 */
export function diagnoseRating(text: string, format: RatingsFormat = DAT_RATINGS): string {
  const fields = text.split(format.separator);
  const separator = format.separator === "\t" ? "tabs" : `"${format.separator}"`;
  if (fields.length !== 4)
    return `expected 4 fields separated by ${separator} (${format.columns}), found ${fields.length}`;
  const [user, movie, rating, time] = fields;
  for (const [what, id] of [
    ["user", user],
    ["movie", movie]
  ]) {
    if (/^\d{10,}$/.test(id)) return `${what} id ${id} is too large: ids have at most 9 digits (up to 999999999)`;
    if (!/^\d{1,9}$/.test(id)) return `${what} id is not a number: ${JSON.stringify(id)}`;
  }
  if (!/^\d+(\.\d+)?$/.test(rating)) return `rating is not a number: ${JSON.stringify(rating)}`;
  const value = +rating;
  if (format.wholeStars) {
    if (!/^\d+$/.test(rating) || value < 1 || value > 5)
      return `rating ${rating} is not a whole number of stars from 1 to 5`;
  } else {
    if (value < 0.5 || value > 5) return `rating ${rating} is outside 0.5–5`;
    if (!Number.isInteger(value * 2)) return `rating ${rating} is not a multiple of 0.5`;
  }
  if (/^\d+$/.test(time) && +time > MAX_TIMESTAMP)
    return `timestamp ${time} is too large: at most ${MAX_TIMESTAMP} (seconds since 1970, up to January 2038)`;
  if (!/^\d{1,10}$/.test(time)) return `timestamp is not a valid number of seconds: ${JSON.stringify(time)}`;
  return "malformed line";
}

/** Parses a whole `ratings.dat` held in memory. */
export function parseRatings(bytes: Uint8Array, file = "ratings.dat"): RatingColumns {
  const parser = new RatingsParser(file, bytes.length);
  parser.push(bytes);
  return parser.finish();
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const c = new Uint8Array(a.length + b.length);
  c.set(a);
  c.set(b, a.length);
  return c;
}
