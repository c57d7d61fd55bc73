// Imports MovieLens (the `::`-separated releases: ml-10m.zip, ml-1m.zip, or their .dat files) from files a visitor
// dropped into the artifacts the pages use, with the very parsers and columnar layout of the build-time loaders. It
// never touches the DOM, so it runs in a Web Worker (importWorker.ts) as well as in Node.
import {Unzip, UnzipInflate} from "fflate";
import {browserDataset, datasetArtifacts} from "./datasetArtifacts.js";
import type {DatasetArtifacts} from "./datasetArtifacts.js";
import {indexRatings} from "./indexRatings.js";
import {MOVIELENS_RELEASES, RELEASE_ZIPS, movielensName, otherRelease, releaseCounts} from "./movielensRelease.js";
import {parseMovies} from "./parseMovies.js";
import type {Movie} from "./parseMovies.js";
import {parseMyRatings} from "./myRatingsFile.js";
import {RatingsParser} from "./parseRatings.js";
import type {RatingColumns} from "./parseRatings.js";
import {archiveKind, canInflate, isZip, zipEntries, zipMethod} from "./zipArchive.js";
import type {ZipEntry} from "./zipArchive.js";

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
// What a zip is called when it came as bytes, without a file name.
const THE_ZIP = "the zip";
// What to drop instead, at the end of most refusals.
const DROP = `Drop ${RELEASE_ZIPS} as downloaded from grouplens.org, or the movies.dat and ratings.dat inside it.`;

/** The raw files of a dataset, with ratings.dat already parsed (it is streamed, never held whole). */
interface RawDataset {
  movies: Movie[];
  ratings: RatingColumns;
  myRatings: Uint8Array | null;
}

/**
 * Parses MovieLens from `ml-10m.zip` or `ml-1m.zip` (any folder inside it) or from the dropped `movies.dat`,
 * `ratings.dat` and optional `my_ratings.dat`, and derives the artifacts the build's loaders write, named by what the
 * data is (movielensName); it returns them all or throws, with a parser's `file:line: reason` message for a malformed line.
 */
export async function importMovieLens(input: DroppedFile[] | Uint8Array, {onProgress = () => {}, myRatings}: ImportOptions = {}): Promise<DatasetArtifacts> {
  const raw = input instanceof Uint8Array ? readZip(input, THE_ZIP, onProgress) : readDropped(input, onProgress);
  const mine = myRatings === undefined ? raw.myRatings : myRatings;
  const myColumns = mine ? parseMyRatings(mine, MY_RATINGS) : null;
  onProgress({stage: "index", done: 0, total: 1});
  const movieIds = Int32Array.from(raw.movies, (m) => m.id);
  const indexed = indexRatings(movieIds, myColumns ? [raw.ratings, myColumns] : [raw.ratings]);
  const rows = {ratings: raw.ratings.userId.length, myRatings: myColumns?.userId.length ?? 0};
  const name = movielensName(releaseCounts({ratings: rows.ratings, movies: raw.movies.length, userIds: indexed.userIds}));
  const artifacts = datasetArtifacts(raw.movies, indexed, rows, browserDataset(name));
  onProgress({stage: "index", done: 1, total: 1});
  return artifacts;
}

/** A path's last part, lower-cased, so `ml-10M100K/Ratings.dat` matches ratings.dat. */
export function baseName(path: string): string {
  return path.split(/[\\/]/).pop()!.toLowerCase();
}

function listed(names: string[]): string {
  if (!names.length) return "nothing";
  return names.length > SHOWN ? `${names.slice(0, SHOWN).join(", ")} and ${names.length - SHOWN} more` : names.join(", ");
}

/** What begins a sentence about `what`: a file's name as it is, "the zip" capitalized. */
function subject(what: string): string {
  return what === THE_ZIP ? "The zip" : what;
}

/** Says what the files lack; or, when they are another MovieLens release or hold another zip, says that instead. */
function missingError(what: string, has: string, missing: string[], names: string[]): Error {
  const other = otherRelease(names);
  if (other) {
    const releases = MOVIELENS_RELEASES.map((r) => r.name).join(" and ");
    return new Error(`${subject(what)} looks like ${other}. Only the releases with “::”-separated .dat files, ${releases}, are read for now. ${DROP}`);
  }
  const zips = names.filter((n) => baseName(n).endsWith(".zip"));
  if (zips.length && missing.length === 2) return new Error(`${subject(what)} holds another zip (${listed(zips)}) and no movies.dat or ratings.dat: unzip it, and drop the zip that was inside.`);
  return new Error(`${subject(what)} lacks ${missing.join(" and ")}; ${has}: ${listed(names)}. ${DROP}`);
}

function archiveError(name: string, kind: string): Error {
  return new Error(`${subject(name)} is a ${kind} archive, which this import cannot read (it reads .zip files). Extract it and drop the movies.dat and ratings.dat inside, or zip them with standard Deflate.`);
}

/** Reads dropped files: one zip, or the .dat files themselves. */
function readDropped(files: DroppedFile[], onProgress: (p: ImportProgress) => void): RawDataset {
  const zips = files.filter((f) => baseName(f.name).endsWith(".zip") || isZip(f.bytes));
  const dats = files.filter((f) => [MOVIES, RATINGS, MY_RATINGS].includes(baseName(f.name)));
  // A stray file beside the zip (.DS_Store, a README) is ignored; a zip beside the .dat files is ambiguous.
  if (zips.length === 1 && !dats.length) return readZip(zips[0].bytes, zips[0].name.split(/[\\/]/).pop()!, onProgress);
  if (zips.length) throw new Error(`Drop one zip on its own, or the .dat files without a zip (you dropped ${listed(files.map((f) => f.name))}).`);
  // A .7z, .rar or .tar.gz of the folder is an archive this import cannot open, not a folder without the files.
  const archive = dats.length ? undefined : files.find((f) => archiveKind(f.bytes));
  if (archive) throw archiveError(archive.name.split(/[\\/]/).pop()!, archiveKind(archive.bytes)!);
  const find = (name: string): Uint8Array | null => {
    const found = files.filter((f) => baseName(f.name) === name);
    if (found.length > 1) throw new Error(`You dropped ${found.length} files named ${name} (${listed(found.map((f) => f.name))}); drop one.`);
    return found[0]?.bytes ?? null;
  };
  const movies = find(MOVIES);
  const ratings = find(RATINGS);
  const missing = [movies ? null : MOVIES, ratings ? null : RATINGS].filter((f): f is string => f !== null);
  if (!movies || !ratings) throw missingError("What you dropped", "you dropped", missing, files.map((f) => f.name));
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
function listZip(zip: Uint8Array, what: string): ZipEntry[] {
  if (!isZip(zip)) {
    const kind = archiveKind(zip);
    if (kind) throw archiveError(what, kind);
    const start = Array.from(zip.subarray(0, 4), (b) => b.toString(16).padStart(2, "0")).join(" ");
    throw new Error(`${subject(what)} is not a zip archive (it starts with bytes ${start || "(none: it is empty)"}). ${DROP}`);
  }
  try {
    return zipEntries(zip);
  } catch (error) {
    throw new Error(`${subject(what)} is damaged or truncated (${(error as Error).message}). Download it again.`);
  }
}

/** The refusal of wanted entries this import cannot inflate (encrypted, or compressed but not with Deflate), or null. */
function unreadableError(entries: ZipEntry[], what: string): Error | null {
  const are = (list: ZipEntry[]) => `${list.map((e) => e.name).join(" and ")} in ${what} ${list.length > 1 ? "are" : "is"}`;
  const encrypted = entries.filter((e) => e.encrypted);
  if (encrypted.length) return new Error(`${are(encrypted)} encrypted: unzip ${what} with its password and drop the .dat files themselves.`);
  const unread = entries.filter((e) => !canInflate(e));
  if (!unread.length) return null;
  const methods = new Set(unread.map((e) => e.compression));
  const how = methods.size === 1 ? zipMethod(unread[0].compression) : `${unread.map((e) => zipMethod(e.compression)).join(" and ")} respectively`;
  return new Error(`${are(unread)} compressed with ${how}, which this import cannot read. Re-zip the folder with standard Deflate (in 7-Zip, choose “Deflate”), or drop the movies.dat and ratings.dat themselves.`);
}

/** Unzips the wanted entries, streaming ratings.dat through the parser as it inflates. */
function readZip(zip: Uint8Array, what: string, onProgress: (p: ImportProgress) => void): RawDataset {
  // 1. List the archive first, so a wrong zip fails at once instead of after inflating 265 MB.
  const entries = listZip(zip, what);
  const byName = new Map<string, ZipEntry>();
  for (const e of entries) {
    const base = baseName(e.name);
    if (![MOVIES, RATINGS, MY_RATINGS].includes(base)) continue;
    if (byName.has(base)) throw new Error(`${subject(what)} holds two ${base} (${byName.get(base)!.name} and ${e.name}); zip only one dataset.`);
    byName.set(base, e);
  }
  const missing = [MOVIES, RATINGS].filter((f) => !byName.has(f));
  if (missing.length) throw missingError(what, "it has", missing, entries.map((e) => e.name));
  const unreadable = unreadableError([...byName.values()], what);
  if (unreadable) throw unreadable;

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
      // Methods and encryption were checked up front, so a failure to inflate is damaged data.
      if (error) return void (failure = new Error(`Could not unzip ${file.name} from ${what} (${error.message}); it is damaged. Download it again.`));
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
      failure ??= new Error(`${subject(what)} is damaged (${(error as Error).message}). Download it again.`);
    }
    if (failure) throw failure;
    if (ratingsDone > before) onProgress({stage: "ratings", done: ratingsDone, total: ratingsTotal});
    else onProgress({stage: "unzip", done: end, total: zip.length});
  }
  const unfinished = [...byName.keys()].filter((f) => (f === RATINGS ? !ratingsFinished : !small.has(f)));
  if (unfinished.length || !movies) throw new Error(`${subject(what)} ends inside ${unfinished.join(" and ")}; it is truncated. Download it again.`);
  return {movies, ratings: parser.finish(), myRatings: small.get(MY_RATINGS) ?? null};
}

function concat(chunks: Uint8Array[]): Uint8Array {
  if (chunks.length === 1) return chunks[0];
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) out.set(c, at), (at += c.length);
  return out;
}
