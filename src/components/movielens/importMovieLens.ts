// Imports MovieLens (any release's zip, from ml-100k.zip to ml-32m.zip, or the files inside it) from files a visitor
// dropped into the artifacts the pages use, with the very parsers and columnar layout of the build-time loaders. It
// never touches the DOM, so it runs in a Web Worker (importWorker.ts) as well as in Node.
import {Unzip, UnzipInflate} from "fflate";
import {browserDataset, datasetArtifacts} from "./datasetArtifacts.js";
import type {DatasetArtifacts} from "./datasetArtifacts.js";
import {indexDataset} from "./indexDataset.js";
import {MOVIELENS_FILES, MOVIELENS_FORMATS, movielensFormat} from "./movielensFormat.js";
import type {MovielensFormat} from "./movielensFormat.js";
import {RELEASE_ZIPS, movielensName, otherRelease, releaseCounts} from "./movielensRelease.js";
import {movedUserNote} from "./moveClashingUser.js";
import type {Movie} from "./parseMoviesDat.js";
import {RatingsParser} from "./parseRatings.js";
import type {RatingColumns} from "./parseRatings.js";
import {archiveKind, canInflate, isZip, zipEntries, zipMethod} from "./zipArchive.js";
import type {ZipEntry} from "./zipArchive.js";

/** A file as dropped: its name (a path inside a folder is fine) and its bytes. */
export interface DroppedFile {
  name: string;
  bytes: Uint8Array;
}

/**
 * Where an import is: unzipping (zip bytes), parsing the movies or the ratings file (file bytes),
 * or indexing (0, then 1).
 */
export interface ImportProgress {
  stage: "unzip" | "movies" | "ratings" | "index";
  done: number;
  /** The stage's size in bytes; 0 when a zip does not record it. */
  total: number;
  /**
   * The file being read, in the movies and ratings stages of a release other than the
   * .dat ones ("ratings.csv", "u.item").
   */
  file?: string;
}

/** Options for importMovieLens. */
export interface ImportOptions {
  onProgress?: (p: ImportProgress) => void;
  /** A my_ratings.dat to append instead of one found in the input; null appends none. */
  myRatings?: Uint8Array | null;
}

const MY_RATINGS = "my_ratings.dat";
// What is named missing when the files are of no format at all: the .dat releases' pair.
const DAT = MOVIELENS_FORMATS[0];
// Zip bytes per push: 256 KB inflates to ~1 MB of ratings text, which the parser reads and lets go (1–4 MB pushes
// were no faster on ML-10M's shape, and progress is finer).
const ZIP_SLICE = 1 << 18;
// Bytes of a bare ratings.dat per parser push, so progress moves steadily.
const DAT_SLICE = 1 << 22;
const SHOWN = 20;
// What a zip is called when it came as bytes, without a file name.
const THE_ZIP = "the zip";
// What to drop instead, at the end of most refusals.
const DROP =
  `Drop ${RELEASE_ZIPS} as downloaded from grouplens.org, or the files inside it (movies.dat and ratings.dat, ` +
  `movies.csv and ratings.csv, or ML-100K's u.item and u.data).`;

/**
 * The raw files of a dataset, with the ratings already parsed (they are streamed, never held whole),
 * and the folder they came in.
 */
interface RawDataset {
  movies: Movie[];
  ratings: RatingColumns;
  myRatings: Uint8Array | null;
  /** The folder the files were in, else the zip's name ("ml-latest-small.zip"), else null: names a snapshot release. */
  folder: string | null;
  /** Which of MOVIELENS_FORMATS the files are in. */
  format: MovielensFormat["id"];
}

/**
 * Parses MovieLens from any release's zip (any folder inside it; the format is detected from its files,
 * movielensFormat) or from the dropped files themselves (`movies.dat` and `ratings.dat`, `movies.csv` and
 * `ratings.csv`, or `u.item`, `u.data` and optional `u.genre`), with an optional `my_ratings.dat`, and derives the
 * artifacts the build's loaders write, named by what the data is (movielensName); it returns them all or throws, with a
 * parser's `file:line: reason` message for a malformed line. A release's own user 99999 is renumbered
 * (moveClashingUser), and the banner says so.
 */
export async function importMovieLens(
  input: DroppedFile[] | Uint8Array,
  {onProgress = () => {}, myRatings}: ImportOptions = {}
): Promise<DatasetArtifacts> {
  const raw = input instanceof Uint8Array ? readZip(input, THE_ZIP, onProgress) : readDropped(input, onProgress);
  const mine = myRatings === undefined ? raw.myRatings : myRatings;
  onProgress({stage: "index", done: 0, total: 1});
  const {ratings: indexed, rows} = indexDataset(raw.movies, raw.ratings, mine ? {bytes: mine, file: MY_RATINGS} : null);
  const {movedUser} = indexed.report;
  const name = movielensName(
    releaseCounts({ratings: rows.ratings, movies: raw.movies.length, userIds: indexed.userIds}),
    raw.folder
  );
  const artifacts = datasetArtifacts(
    raw.movies,
    indexed,
    rows,
    browserDataset(name, movedUser === undefined ? "" : movedUserNote(movedUser), raw.format)
  );
  onProgress({stage: "index", done: 1, total: 1});
  return artifacts;
}

/** A path's last part, lower-cased, so `ml-10M100K/Ratings.dat` matches ratings.dat. */
export function baseName(path: string): string {
  return path.split(/[\\/]/).pop()!.toLowerCase();
}

function listed(names: string[]): string {
  if (!names.length) return "nothing";
  return names.length > SHOWN
    ? `${names.slice(0, SHOWN).join(", ")} and ${names.length - SHOWN} more`
    : names.join(", ");
}

/** What begins a sentence about `what`: a file's name as it is, "the zip" capitalized. */
function subject(what: string): string {
  return what === THE_ZIP ? "The zip" : what;
}

/** Says what the files lack, and which release they look like; or, when they hold another zip, says that instead. */
function missingError(what: string, has: string, missing: string[], names: string[]): Error {
  const other = otherRelease(names);
  if (other)
    return new Error(
      `${subject(what)} looks like ${other}, but lacks ${missing.join(" and ")}; ${has}: ${listed(names)}. ${DROP}`
    );
  const zips = names.filter((n) => baseName(n).endsWith(".zip"));
  if (zips.length && missing.length === 2)
    return new Error(
      `${subject(what)} holds another zip (${listed(zips)}) and no movies.dat or ratings.dat: unzip it, ` +
        `and drop the zip that was inside.`
    );
  return new Error(`${subject(what)} lacks ${missing.join(" and ")}; ${has}: ${listed(names)}. ${DROP}`);
}

function archiveError(name: string, kind: string): Error {
  return new Error(
    `${subject(name)} is a ${kind} archive, which this import cannot read (it reads .zip files). ` +
      `Extract it and drop the movies.dat and ratings.dat inside, or zip them with standard Deflate.`
  );
}

/** Reads dropped files: one zip, or the release's files themselves. */
function readDropped(files: DroppedFile[], onProgress: (p: ImportProgress) => void): RawDataset {
  const zips = files.filter((f) => baseName(f.name).endsWith(".zip") || isZip(f.bytes));
  const dats = files.filter((f) => MOVIELENS_FILES.includes(baseName(f.name)));
  // A stray file beside the zip (.DS_Store, a README) is ignored; a zip beside the .dat files is ambiguous.
  if (zips.length === 1 && !dats.length) return readZip(zips[0].bytes, zips[0].name.split(/[\\/]/).pop()!, onProgress);
  if (zips.length)
    throw new Error(
      `Drop one zip on its own, or the .dat files without a zip (you dropped ${listed(files.map((f) => f.name))}).`
    );
  // A .7z, .rar or .tar.gz of the folder is an archive this import cannot open, not a folder without the files.
  const archive = dats.length ? undefined : files.find((f) => archiveKind(f.bytes));
  if (archive) throw archiveError(archive.name.split(/[\\/]/).pop()!, archiveKind(archive.bytes)!);
  const find = (name: string | null): DroppedFile | null => {
    const found = files.filter((f) => baseName(f.name) === name);
    if (found.length > 1)
      throw new Error(
        `You dropped ${found.length} files named ${name} (${listed(found.map((f) => f.name))}); drop one.`
      );
    return found[0] ?? null;
  };
  const format = movielensFormat(dats.map((f) => f.name)) ?? DAT;
  const movies = find(format.movies);
  const ratings = find(format.ratings);
  const missing = [movies ? null : format.movies, ratings ? null : format.ratings].filter(
    (f): f is string => f !== null
  );
  if (!movies || !ratings)
    throw missingError(
      "What you dropped",
      "you dropped",
      missing,
      files.map((f) => f.name)
    );
  onProgress({...named(format, format.movies), stage: "movies", done: 0, total: movies.bytes.length});
  const parsedMovies = format.parseMovies(movies.bytes, format.movies, find(format.genres)?.bytes);
  onProgress({...named(format, format.movies), stage: "movies", done: movies.bytes.length, total: movies.bytes.length});
  const parser = new RatingsParser(format.ratings, ratings.bytes.length, {format: format.ratingsFormat});
  for (let at = 0; at < ratings.bytes.length; at += DAT_SLICE) {
    parser.push(ratings.bytes.subarray(at, at + DAT_SLICE));
    onProgress({
      ...named(format, format.ratings),
      stage: "ratings",
      done: Math.min(at + DAT_SLICE, ratings.bytes.length),
      total: ratings.bytes.length
    });
  }
  return {
    movies: parsedMovies,
    ratings: parser.finish(),
    myRatings: find(MY_RATINGS)?.bytes ?? null,
    folder: folderOf(ratings.name),
    format: format.id
  };
}

/**
 * The progress field naming the file read, for the formats whose files are not movies.dat and ratings.dat
 * (whose stages the loader names already).
 */
function named(format: MovielensFormat, file: string): {file?: string} {
  return format.id === "dat" ? {} : {file};
}

/** The folder a path is in ("ml-latest-small" for "ml-latest-small/ratings.csv"), or null for a bare name. */
function folderOf(path: string): string | null {
  return path.split(/[\\/]/).at(-2) ?? null;
}

/** The entries of a zip, from its central directory, without inflating anything. */
function listZip(zip: Uint8Array, what: string): ZipEntry[] {
  if (!isZip(zip)) {
    const kind = archiveKind(zip);
    if (kind) throw archiveError(what, kind);
    const start = Array.from(zip.subarray(0, 4), (b) => b.toString(16).padStart(2, "0")).join(" ");
    throw new Error(
      `${subject(what)} is not a zip archive (it starts with bytes ${start || "(none: it is empty)"}). ${DROP}`
    );
  }
  try {
    return zipEntries(zip);
  } catch (error) {
    throw new Error(`${subject(what)} is damaged or truncated (${(error as Error).message}). Download it again.`, {
      cause: error
    });
  }
}

/**
 * The refusal of wanted entries this import cannot inflate (encrypted, or compressed but not with Deflate), or null.
 */
function unreadableError(entries: ZipEntry[], what: string): Error | null {
  const are = (list: ZipEntry[]) =>
    `${list.map((e) => e.name).join(" and ")} in ${what} ${list.length > 1 ? "are" : "is"}`;
  const encrypted = entries.filter((e) => e.encrypted);
  if (encrypted.length)
    return new Error(
      `${are(encrypted)} encrypted: unzip ${what} with its password and drop the .dat files themselves.`
    );
  const unread = entries.filter((e) => !canInflate(e));
  if (!unread.length) return null;
  const methods = new Set(unread.map((e) => e.compression));
  const how =
    methods.size === 1
      ? zipMethod(unread[0].compression)
      : `${unread.map((e) => zipMethod(e.compression)).join(" and ")} respectively`;
  return new Error(
    `${are(unread)} compressed with ${how}, which this import cannot read. Re-zip the folder with standard Deflate ` +
      `(in 7-Zip, choose “Deflate”), or drop the movies.dat and ratings.dat themselves.`
  );
}

/** Unzips the wanted entries, streaming the ratings through the parser as they inflate. */
function readZip(zip: Uint8Array, what: string, onProgress: (p: ImportProgress) => void): RawDataset {
  // 1. List the archive first, so a wrong zip fails at once instead of after inflating 265 MB.
  const entries = listZip(zip, what);
  const format = movielensFormat(entries.map((e) => e.name)) ?? DAT;
  const byName = new Map<string, ZipEntry>();
  for (const e of entries) {
    const base = baseName(e.name);
    if (![format.movies, format.ratings, format.genres, MY_RATINGS].includes(base)) continue;
    if (byName.has(base))
      throw new Error(
        `${subject(what)} holds two ${base} (${byName.get(base)!.name} and ${e.name}); zip only one dataset.`
      );
    byName.set(base, e);
  }
  const missing = [format.movies, format.ratings].filter((f) => !byName.has(f));
  if (missing.length)
    throw missingError(
      what,
      "it has",
      missing,
      entries.map((e) => e.name)
    );
  const unreadable = unreadableError([...byName.values()], what);
  if (unreadable) throw unreadable;

  // 2. Stream: the ratings go to the parser chunk by chunk; the movies are parsed once whole, as soon as they (and
  //    ML-100K's u.genre, when the zip has it) are, so a malformed movies.dat (first in ml-10m.zip) fails before 265 MB
  //    are inflated, as the loaders fail on it first.
  const ratingsEntry = byName.get(format.ratings)!;
  const ratingsTotal = ratingsEntry.originalSize;
  const parser = new RatingsParser(format.ratings, ratingsTotal, {format: format.ratingsFormat});
  const small = new Map<string, Uint8Array>();
  let movies: Movie[] | null = null;
  let ratingsDone = 0;
  let ratingsFinished = false;
  let failure: unknown = null;
  const readMovies = () => {
    const bytes = small.get(format.movies);
    if (movies || !bytes || (format.genres && byName.has(format.genres) && !small.has(format.genres))) return;
    onProgress({...named(format, format.movies), stage: "movies", done: 0, total: bytes.length});
    movies = format.parseMovies(bytes, format.movies, format.genres ? small.get(format.genres) : null);
    onProgress({...named(format, format.movies), stage: "movies", done: bytes.length, total: bytes.length});
  };
  const unzip = new Unzip((file) => {
    const base = baseName(file.name);
    if (byName.get(base)?.name !== file.name) return; // not wanted: never started, so never inflated
    const chunks: Uint8Array[] = [];
    file.ondata = (error, data, final) => {
      if (failure) return;
      // Methods and encryption were checked up front, so a failure to inflate is damaged data.
      if (error)
        return void (failure = new Error(
          `Could not unzip ${file.name} from ${what} (${error.message}); it is damaged. Download it again.`
        ));
      try {
        if (base === format.ratings) {
          parser.push(data);
          ratingsDone += data.length;
          ratingsFinished = final;
          return;
        }
        chunks.push(data);
        if (!final) return;
        small.set(base, concat(chunks));
        readMovies();
      } catch (e) {
        failure = e; // a parser's FormatError, passed on unchanged
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
    if (ratingsDone > before)
      onProgress({...named(format, format.ratings), stage: "ratings", done: ratingsDone, total: ratingsTotal});
    else onProgress({stage: "unzip", done: end, total: zip.length});
  }
  const unfinished = [...byName.keys()].filter((f) => (f === format.ratings ? !ratingsFinished : !small.has(f)));
  if (unfinished.length || !movies)
    throw new Error(`${subject(what)} ends inside ${unfinished.join(" and ")}; it is truncated. Download it again.`);
  const folder = folderOf(ratingsEntry.name) ?? (what === THE_ZIP ? null : what);
  return {movies, ratings: parser.finish(), myRatings: small.get(MY_RATINGS) ?? null, folder, format: format.id};
}

function concat(chunks: Uint8Array[]): Uint8Array {
  if (chunks.length === 1) return chunks[0];
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
