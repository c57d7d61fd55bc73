import type {SynthMovie} from "./synthesize.js";

/**
 * Formats generated movies as `movies.dat` lines (`MovieID::Title (Year)::Genre|Genre`), each ending in "\n", UTF-8 as
 * written; parseMoviesDat reads them back to the same movies.
 */
export function formatMovies(movies: SynthMovie[]): string {
  return movies.map((m) => `${m.id}::${m.title} (${m.year})::${m.genres.join("|")}\n`).join("");
}

/**
 * Formats generated movies as `movies.csv` (UTF-8): the header `movieId,title,genres`, then one row per movie, the
 * title quoted by RFC 4180 where it holds a comma or a quote, `(no genres listed)` for none; parseMoviesCsv reads
 * them back to the same movies.
 */
export function formatMoviesCsv(movies: SynthMovie[]): string {
  const field = (text: string) => (/[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text);
  const row = (m: SynthMovie) =>
    `${m.id},${field(`${m.title} (${m.year})`)},${field(m.genres.join("|") || "(no genres listed)")}\n`;
  return `movieId,title,genres\n${movies.map(row).join("")}`;
}
