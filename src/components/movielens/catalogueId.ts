import {fnv1a} from "./datasetFingerprint.js";
import type {Movie} from "./parseMoviesDat.js";

/**
 * The identity of a movie catalogue: `movies-fnv1a32:<8 hex digits>:<count>`, a 32-bit FNV-1a hash over each movie's
 * id, title, year and genres, in file order. The same `movies.dat` gives the same id wherever it is parsed (the build's
 * loaders or the browser's import), so ratings given on MovieLens 10M at build time carry over to the same release
 * loaded in the browser, and never onto another catalogue whose movie ids merely collide (the synthetic set's do).
 * Only what `movies.dat` says of a movie counts, so movies.json's rows (MovieRow: with
 * counts and means) give the same id.
 */
export function catalogueId(movies: readonly Movie[]): string {
  const encoder = new TextEncoder();
  let hash: number | undefined;
  for (const m of movies) hash = fnv1a(encoder.encode(`${JSON.stringify([m.id, m.title, m.year, m.genres])}\n`), hash);
  return `movies-fnv1a32:${(hash ?? fnv1a(new Uint8Array())).toString(16).padStart(8, "0")}:${movies.length}`;
}
