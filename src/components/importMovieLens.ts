// Imports MovieLens 10M from files a visitor dropped (ml-10m.zip, or its .dat files) into the artefacts the pages use,
// with the very parsers and columnar layout of the build-time loaders. It never touches the DOM, so it runs in a
// Web Worker (importWorker.ts) as well as in Node.
import {Unzip, UnzipInflate, unzipSync} from "fflate";
import {BROWSER_DATASET, datasetArtifacts} from "./datasetArtifacts.js";
import type {DatasetArtefacts} from "./datasetArtifacts.js";
import {indexRatings} from "./indexRatings.js";
import {parseMovies} from "./parseMovies.js";
import type {Movie} from "./parseMovies.js";
import {RatingsParser, parseMyRatings} from "./parseRatings.js";
import type {RatingColumns} from "./parseRatings.js";

/** A file as dropped: its name (a path inside a folder is fine) and its bytes. */
export interface DroppedFile {
  name: string;
  bytes: Uint8Array;
}

/** Where an import is: unzipping (zip bytes), parsing movies.dat or ratings.dat (file bytes), or indexing (0, then 1). */
export interface ImportProgress {
  stage: "unzip" | "movies" | "ratings" | "index";
  done: number;
  /** The stage's size in bytes; 0 when a zip does not record it. */
  total: number;
}

/** Options for importMovieLens. */
export interface ImportOptions {
  onProgress?: (p: ImportProgress) => void;
  /** A my_ratings.dat to append instead of one found in the input; null appends none. */
  myRatings?: Uint8Array | null;
}

const MOVIES = "movies.dat";
const RATINGS = "ratings.dat";
const MY_RATINGS = "my_ratings.dat";
// Zip bytes per push: 256 KB inflates to ~1 MB of ratings text, which the parser reads and lets go (1–4 MB pushes
// were no faster on ML-10M's shape, and progress is finer).
const ZIP_SLICE = 1 << 18;
// Bytes of a bare ratings.dat per parser push, so progress moves steadily.
const DAT_SLICE = 1 << 22;
const SHOWN = 20;

/** The raw files of a dataset, with ratings.dat already parsed (it is streamed, never held whole). */
interface RawDataset {
  movies: Movie[];
  ratings: RatingColumns;
  myRatings: Uint8Array | null;
}

/**
 * Parses MovieLens from `ml-10m.zip` (any folder inside it) or from the dropped `movies.dat`, `ratings.dat` and
 * optional `my_ratings.dat`, and derives the artefacts the build's loaders write; it returns them all or throws,
 * with a parser's `file:line: reason` message for a malformed line.
 */
export async function importMovieLens(input: DroppedFile[] | Uint8Array, {onProgress = () => {}, myRatings}: ImportOptions = {}): Promise<DatasetArtefacts> {
  const raw = input instanceof Uint8Array ? readZip(input, "The zip", onProgress) : readDropped(input, onProgress);
  const mine = myRatings === undefined ? raw.myRatings : myRatings;
  const myColumns = mine ? parseMyRatings(mine, MY_RATINGS) : null;
  onProgress({stage: "index", done: 0, total: 1});
  const movieIds = Int32Array.from(raw.movies, (m) => m.id);
  const indexed = indexRatings(movieIds, myColumns ? [raw.ratings, myColumns] : [raw.ratings]);
  const rows = {ratings: raw.ratings.userId.length, myRatings: myColumns?.userId.length ?? 0};
  const artefacts = datasetArtifacts(raw.movies, indexed, rows, BROWSER_DATASET);
  onProgress({stage: "index", done: 1, total: 1});
  return artefacts;
}

/** A path's last part, lower-cased, so `ml-10M100K/Ratings.dat` matches ratings.dat. */
export function baseName(path: string): string {
  return path.split(/[\\/]/).pop()!.toLowerCase();
}

/** Whether bytes start like a zip archive (a local file header, or the end record of an empty one). */
export function isZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && ((bytes[2] === 3 && bytes[3] === 4) || (bytes[2] === 5 && bytes[3] === 6));
}

function listed(names: string[]): string {
  if (!names.length) return "nothing";
  return names.length > SHOWN ? `${names.slice(0, SHOWN).join(", ")} and ${names.length - SHOWN} more` : names.join(", ");
}

function missingError(what: string, has: string, missing: string[], names: string[]): Error {
  return new Error(`${what} lacks ${missing.join(" and ")}; ${has}: ${listed(names)}. Drop ml-10m.zip as downloaded from grouplens.org, or the movies.dat and ratings.dat inside it.`);
}

/** Reads dropped files: one zip, or the .dat files themselves. */
function readDropped(files: DroppedFile[], onProgress: (p: ImportProgress) => void): RawDataset {
  const zips = files.filter((f) => baseName(f.name).endsWith(".zip") || isZip(f.bytes));
  const dats = files.filter((f) => [MOVIES, RATINGS, MY_RATINGS].includes(baseName(f.name)));
  // A stray file beside the zip (.DS_Store, a README) is ignored; a zip beside the .dat files is ambiguous.
  if (zips.length === 1 && !dats.length) return readZip(zips[0].bytes, zips[0].name.split(/[\\/]/).pop()!, onProgress);
  if (zips.length) throw new Error(`Drop ml-10m.zip on its own, or the .dat files without it (you dropped ${listed(files.map((f) => f.name))}).`);
  const find = (name: string): Uint8Array | null => {
    const found = files.filter((f) => baseName(f.name) === name);
    if (found.length > 1) throw new Error(`You dropped ${found.length} files named ${name} (${listed(found.map((f) => f.name))}); drop one.`);
    return found[0]?.bytes ?? null;
  };
  const movies = find(MOVIES);
  const ratings = find(RATINGS);
  const missing = [movies ? null : MOVIES, ratings ? null : RATINGS].filter((f): f is string => f !== null);
  if (!movies || !ratings) throw missingError("What you dropped", "it is", missing, files.map((f) => f.name));
  onProgress({stage: "movies", done: 0, total: movies.length});
  const parsedMovies = parseMovies(movies, MOVIES);
  onProgress({stage: "movies", done: movies.length, total: movies.length});
  const parser = new RatingsParser(RATINGS, ratings.length);
  for (let at = 0; at < ratings.length; at += DAT_SLICE) {
    parser.push(ratings.subarray(at, at + DAT_SLICE));
    onProgress({stage: "ratings", done: Math.min(at + DAT_SLICE, ratings.length), total: ratings.length});
  }
  return {movies: parsedMovies, ratings: parser.finish(), myRatings: find(MY_RATINGS)};
}

/** The entries of a zip, from its central directory, without inflating anything. */
function zipEntries(zip: Uint8Array, what: string): {name: string; originalSize: number}[] {
  if (!isZip(zip)) {
    const start = Array.from(zip.subarray(0, 4), (b) => b.toString(16).padStart(2, "0")).join(" ");
    throw new Error(`${what} is not a zip archive (it starts with bytes ${start || "(none: it is empty)"}). Drop ml-10m.zip as downloaded from grouplens.org, or the movies.dat and ratings.dat inside it.`);
  }
  const entries: {name: string; originalSize: number}[] = [];
  try {
    unzipSync(zip, {filter: ({name, originalSize}) => (entries.push({name, originalSize}), false)});
  } catch (error) {
    throw new Error(`${what} is damaged or truncated (${(error as Error).message}). Download ml-10m.zip again.`);
  }
  return entries.filter((e) => !e.name.endsWith("/") && !/(^|\/)__MACOSX\//.test(e.name));
}

/** Unzips the wanted entries, streaming ratings.dat through the parser as it inflates. */
function readZip(zip: Uint8Array, what: string, onProgress: (p: ImportProgress) => void): RawDataset {
  // 1. List the archive first, so a wrong zip fails at once instead of after inflating 265 MB.
  const entries = zipEntries(zip, what);
  const byName = new Map<string, {name: string; originalSize: number}>();
  for (const e of entries) {
    const base = baseName(e.name);
    if (![MOVIES, RATINGS, MY_RATINGS].includes(base)) continue;
    if (byName.has(base)) throw new Error(`${what} holds two ${base} (${byName.get(base)!.name} and ${e.name}); zip only one dataset.`);
    byName.set(base, e);
  }
  const missing = [MOVIES, RATINGS].filter((f) => !byName.has(f));
  if (missing.length) throw missingError(what, "it has", missing, entries.map((e) => e.name));

  // 2. Stream: ratings.dat goes to the parser chunk by chunk; movies.dat is parsed once whole, as soon as it is,
  //    so a malformed movies.dat (first in ml-10m.zip) fails before 265 MB are inflated, as the loaders fail on it first.
  const ratingsTotal = byName.get(RATINGS)!.originalSize;
  const parser = new RatingsParser(RATINGS, ratingsTotal);
  const small = new Map<string, Uint8Array>();
  let movies: Movie[] | null = null;
  let ratingsDone = 0;
  let ratingsFinished = false;
  let failure: unknown = null;
  const unzip = new Unzip((file) => {
    const base = baseName(file.name);
    if (byName.get(base)?.name !== file.name) return; // not wanted: never started, so never inflated
    const chunks: Uint8Array[] = [];
    file.ondata = (error, data, final) => {
      if (failure) return;
      if (error) return void (failure = new Error(`Could not unzip ${file.name} from ${what} (${error.message}); it is damaged. Download ml-10m.zip again.`));
      try {
        if (base === RATINGS) {
          parser.push(data);
          ratingsDone += data.length;
          ratingsFinished = final;
          return;
        }
        chunks.push(data);
        if (!final) return;
        const bytes = concat(chunks);
        small.set(base, bytes);
        if (base === MOVIES) {
          onProgress({stage: "movies", done: 0, total: bytes.length});
          movies = parseMovies(bytes, MOVIES);
          onProgress({stage: "movies", done: bytes.length, total: bytes.length});
        }
      } catch (e) {
        failure = e; // a parser's DatError, passed on unchanged
      }
    };
    file.start();
  });
  unzip.register(UnzipInflate);
  for (let at = 0; at < zip.length; at += ZIP_SLICE) {
    const before = ratingsDone;
    const end = Math.min(at + ZIP_SLICE, zip.length);
    try {
      unzip.push(zip.subarray(at, end), end === zip.length);
    } catch (error) {
      failure ??= new Error(`${what} is damaged (${(error as Error).message}). Download ml-10m.zip again.`);
    }
    if (failure) throw failure;
    if (ratingsDone > before) onProgress({stage: "ratings", done: ratingsDone, total: ratingsTotal});
    else onProgress({stage: "unzip", done: end, total: zip.length});
  }
  const unfinished = [...byName.keys()].filter((f) => (f === RATINGS ? !ratingsFinished : !small.has(f)));
  if (unfinished.length || !movies) throw new Error(`${what} ends inside ${unfinished.join(" and ")}; it is truncated. Download ml-10m.zip again.`);
  return {movies, ratings: parser.finish(), myRatings: small.get(MY_RATINGS) ?? null};
}

function concat(chunks: Uint8Array[]): Uint8Array {
  if (chunks.length === 1) return chunks[0];
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) out.set(c, at), (at += c.length);
  return out;
}
