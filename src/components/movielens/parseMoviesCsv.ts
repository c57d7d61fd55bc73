// The CSV releases' movies.csv (ml-latest-small, ML-20M, ML-25M, ML-32M): "Movie information is contained in the file
// movies.csv. Each line of this file after the header row represents one movie, and has the following format:
// movieId,title,genres. Movie titles are entered manually or imported from https://www.themoviedb.org/, and include
// the year of release in parentheses. … Genres are a pipe-separated list"
// (https://files.grouplens.org/datasets/movielens/ml-32m-README.html).
// Titles with commas or quotes are quoted as RFC 4180 says, so a small strict splitter (splitCsvLine) reads them: no
// CSV library is needed for three fields of 87,585 lines, and a strict one names the line a library would guess past.
import {checkCsvHeader} from "./checkCsvHeader.js";
import {FormatError} from "./FormatError.js";
import type {Movie} from "./parseMoviesDat.js";
import {readMovieLines} from "./readMovieLines.js";
import {splitCsvLine} from "./splitCsvLine.js";

/** movies.csv's header row, exactly. */
export const MOVIES_CSV_HEADER = "movieId,title,genres";

const NO_GENRES = "(no genres listed)";

/**
 * Parses `movies.csv` (UTF-8; the header `movieId,title,genres`, then `movieId,Title (Year),Genre|Genre` with titles
 * quoted where they hold a comma or a quote), throwing a `file:line` FormatError on a missing or wrong header and on
 * the first malformed line. `(no genres listed)` is no genres; a title without a year has a null year, and a year range
 * ("(2007-2013)") stays in the title with its first year as the year (movieTitle).
 */
export function parseMoviesCsv(bytes: Uint8Array, file = "movies.csv"): Movie[] {
  const readHeader = (text: string) => checkCsvHeader(text, MOVIES_CSV_HEADER, file);
  return readMovieLines(
    bytes,
    file,
    (text, number) => {
      const split = splitCsvLine(text);
      if ("reason" in split) throw new FormatError(file, number, split.reason, text);
      const {fields} = split;
      if (fields.length !== 3)
        throw new FormatError(
          file,
          number,
          `expected 3 fields separated by commas (movieId,title,genres), found ${fields.length}`,
          text
        );
      const [id, title, genres] = fields;
      return {id, title, genres: genres === "" || genres === NO_GENRES ? [] : genres.split("|")};
    },
    {readHeader}
  );
}
