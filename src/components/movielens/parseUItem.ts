// ML-100K's u.item: "Information about the items (movies); this is a tab separated list of movie id | movie title |
// release date | video release date | IMDb URL | unknown | Action | … | Western | The last 19 fields are the genres, a
// 1 indicates the movie is of that genre, a 0 indicates it is not" (it is in fact |-separated, and Latin-1), from
// https://files.grouplens.org/datasets/movielens/ml-100k-README.txt.
import {FormatError} from "./FormatError.js";
import type {Movie} from "./parseMoviesDat.js";
import {readMovieLines} from "./readMovieLines.js";

/** ML-100K's 19 genres in u.item's column order, as its README and u.genre list them. */
export const ML100K_GENRES: readonly string[] = [
  "unknown",
  "Action",
  "Adventure",
  "Animation",
  "Children's",
  "Comedy",
  "Crime",
  "Documentary",
  "Drama",
  "Fantasy",
  "Film-Noir",
  "Horror",
  "Musical",
  "Mystery",
  "Romance",
  "Sci-Fi",
  "Thriller",
  "War",
  "Western"
];

// id, title, release date, video release date, IMDb URL.
const LEADING = 5;

/**
 * Parses ML-100K's `u.item` (`id|Title (Year)|release date|video release date|IMDb URL|` then one 0/1 flag per genre),
 * throwing a `file:line` FormatError on the first malformed line. `genres` names the flags in order (from u.genre,
 * parseUGenre, else ML100K_GENRES). Titles are Latin-1 (UTF-8 is read too); the year comes from the title, else from
 * the release date ("01-Jan-1995"), else is null (movie 267's title is "unknown", with no dates).
 */
export function parseUItem(bytes: Uint8Array, file = "u.item", genres: readonly string[] = ML100K_GENRES): Movie[] {
  const releaseYears = new Map<string, number>();
  const movies = readMovieLines(bytes, file, (text, number) => {
    const fields = text.split("|");
    const expected = LEADING + genres.length;
    if (fields.length !== expected)
      throw new FormatError(
        file,
        number,
        `expected ${expected} fields separated by "|" (id|title|release date|video release date|IMDb URL and ` +
          `${genres.length} genre flags), found ${fields.length}`,
        text
      );
    const flags = fields.slice(LEADING);
    const bad = flags.findIndex((f) => f !== "0" && f !== "1");
    if (bad >= 0)
      throw new FormatError(
        file,
        number,
        `genre flag ${bad + 1} (${genres[bad]}) is ${JSON.stringify(flags[bad])}, not 0 or 1`,
        text
      );
    const date = fields[2];
    if (date !== "" && !/^\d{2}-[A-Z][a-z]{2}-\d{4}$/.test(date))
      throw new FormatError(file, number, `release date is not like 01-Jan-1995: ${JSON.stringify(date)}`, text);
    if (date) releaseYears.set(fields[0], +date.slice(-4));
    return {id: fields[0], title: fields[1], genres: genres.filter((_, i) => flags[i] === "1")};
  });
  return movies.map((m) =>
    m.year === null && releaseYears.has(String(m.id)) ? {...m, year: releaseYears.get(String(m.id))!} : m
  );
}
