import type {SynthMovie} from "./synthesize.js";

/**
 * Formats generated movies as `movies.dat` lines (`MovieID::Title (Year)::Genre|Genre`), each ending in "\n", UTF-8 as
 * written; parseMovies reads them back to the same movies.
 */
export function formatMovies(movies: SynthMovie[]): string {
  return movies.map((m) => `${m.id}::${m.title} (${m.year})::${m.genres.join("|")}\n`).join("");
}
