import {FormatError} from "./FormatError.js";
import {decodeLine} from "./decodeLine.js";
import {movieTitle} from "./movieTitle.js";
import {splitLines} from "./splitLines.js";
import {checkTextEncoding, textStart} from "./textEncoding.js";

const ID = /^\d+$/;

/** A movie as read: parseMoviesDat's Movie, spelled out here so the two modules do not import each other. */
type ReadMovie = {id: number; title: string; year: number | null; genres: string[]};

/** What a movies file's line reader gives back: the id and the title as written (`Title (Year)`), and the genres. */
export interface MovieFields {
  id: string;
  title: string;
  genres: string[];
}

/**
 * Reads a movies file (movies.dat, movies.csv, u.item) line by line with the rules they share: UTF-16 refused and a
 * UTF-8 byte-order mark skipped; each line decoded as UTF-8, or Latin-1 where it is not; blank lines only at the end;
 * ids of digits, each once; a title that is not empty, its year split off by movieTitle; at least one movie.
 * `readLine` splits one line's text into its fields or throws a FormatError; with `readHeader`, line 1 goes to it
 * instead (a CSV's header row, "" for an empty file), which throws a FormatError when it is wrong.
 */
export function readMovieLines(
  bytes: Uint8Array,
  file: string,
  readLine: (text: string, line: number) => MovieFields,
  {readHeader}: {readHeader?: (text: string) => void} = {}
): ReadMovie[] {
  checkTextEncoding(bytes, file);
  bytes = bytes.subarray(textStart(bytes));
  const movies: ReadMovie[] = [];
  const seen = new Set<number>();
  let blank = 0;
  for (const [raw, number] of splitLines(bytes)) {
    const text = decodeLine(raw);
    if (number === 1 && readHeader) {
      readHeader(text);
      continue;
    }
    if (text === "") {
      blank ||= number;
      continue;
    }
    if (blank) throw new FormatError(file, blank, "empty line");
    const {id, title, genres} = readLine(text, number);
    if (!ID.test(id)) throw new FormatError(file, number, `movie id is not a number: ${JSON.stringify(id)}`, text);
    const movieId = +id;
    if (!Number.isSafeInteger(movieId)) throw new FormatError(file, number, `movie id is too large: ${id}`, text);
    if (seen.has(movieId)) throw new FormatError(file, number, `duplicate movie id ${movieId}`, text);
    if (title.trim() === "") throw new FormatError(file, number, "empty title", text);
    seen.add(movieId);
    movies.push({id: movieId, ...movieTitle(title), genres});
  }
  if (readHeader && bytes.length === 0) readHeader("");
  if (movies.length === 0) throw new FormatError(file, 1, "empty file: no movies");
  return movies;
}
