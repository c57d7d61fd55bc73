import {DatError} from "./datError.js";
import {decodeLine} from "./decodeLine.js";
import {splitLines} from "./splitLines.js";
import {checkTextEncoding, textStart} from "./textEncoding.js";

/** One line of `movies.dat`, with the year split out of the title as the original notebook did. */
export interface Movie {
  id: number;
  title: string;
  year: number | null;
  genres: string[];
}

const YEAR = /\((\d{4})\)/;
const TRAILING_YEAR = /\s*\(\d{4}\)\s*$/;
const ID = /^\d+$/;
const NO_GENRES = "(no genres listed)";

/**
 * Parses `movies.dat` (`MovieID::Title (Year)::Genre|Genre`), throwing a `file:line` DatError on the first malformed
 * line. Titles are UTF-8, or Latin-1 where a line is not valid UTF-8 (older releases); a UTF-8 byte-order mark is
 * skipped, and a UTF-16 file is refused at line 1 with the fix.
 */
export function parseMovies(bytes: Uint8Array, file = "movies.dat"): Movie[] {
  checkTextEncoding(bytes, file);
  bytes = bytes.subarray(textStart(bytes));
  const movies: Movie[] = [];
  const seen = new Set<number>();
  let blank = 0;
  for (const [raw, number] of splitLines(bytes)) {
    const text = decodeLine(raw);
    if (text === "") {
      blank ||= number;
      continue;
    }
    if (blank) throw new DatError(file, blank, "empty line");
    const fields = text.split("::");
    if (fields.length !== 3) throw new DatError(file, number, `expected 3 fields separated by "::", found ${fields.length}`, text);
    const [id, title, genres] = fields;
    if (!ID.test(id)) throw new DatError(file, number, `movie id is not a number: ${JSON.stringify(id)}`, text);
    const movieId = +id;
    if (!Number.isSafeInteger(movieId)) throw new DatError(file, number, `movie id is too large: ${id}`, text);
    if (seen.has(movieId)) throw new DatError(file, number, `duplicate movie id ${movieId}`, text);
    if (title.trim() === "") throw new DatError(file, number, "empty title", text);
    seen.add(movieId);
    const year = YEAR.exec(title);
    movies.push({
      id: movieId,
      title: title.replace(TRAILING_YEAR, ""),
      year: year ? +year[1] : null,
      genres: genres === "" || genres === NO_GENRES ? [] : genres.split("|")
    });
  }
  if (movies.length === 0) throw new DatError(file, 1, "empty file: no movies");
  return movies;
}
