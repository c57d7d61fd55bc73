import {FormatError} from "./FormatError.js";
import {readMovieLines} from "./readMovieLines.js";

/** One line of `movies.dat`, with the year split out of the title as the original notebook did. */
export interface Movie {
  id: number;
  title: string;
  year: number | null;
  genres: string[];
}

const NO_GENRES = "(no genres listed)";

/**
 * Parses `movies.dat` (`MovieID::Title (Year)::Genre|Genre`), throwing a `file:line` FormatError on the first malformed
 * line. Titles are UTF-8, or Latin-1 where a line is not valid UTF-8 (older releases); a UTF-8 byte-order mark is
 * skipped, and a UTF-16 file is refused at line 1 with the fix.
 */
export function parseMoviesDat(bytes: Uint8Array, file = "movies.dat"): Movie[] {
  return readMovieLines(bytes, file, (text, number) => {
    const fields = text.split("::");
    if (fields.length !== 3)
      throw new FormatError(file, number, `expected 3 fields separated by "::", found ${fields.length}`, text);
    const [id, title, genres] = fields;
    return {id, title, genres: genres === "" || genres === NO_GENRES ? [] : genres.split("|")};
  });
}
