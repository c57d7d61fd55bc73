// The four data loaders each need the whole dataset parsed and indexed, and Framework runs each in its own process.
// The first to run keeps the result here, keyed by the dataset's files and the code that parsed them; the others read
// it back in a fraction of the parse time. Anything unexpected (missing, truncated, another format) counts as a miss.
import {createHash} from "node:crypto";
import {mkdir, readFile, readdir, rename, rm, stat, writeFile} from "node:fs/promises";
import {join} from "node:path";
import type {IndexedDataset} from "../components/movielens/indexDataset.js";
import {ROOT} from "./dataset.js";

/** Where loaders keep the parsed dataset for each other, beside Framework's own cache. */
export const PARSED_CACHE = join(ROOT, "src/.observablehq/cache/parsed");

/** A dataset as readDataset gives it and this cache keeps it: indexed, with what parsing and indexing warned about. */
export interface LoadedDataset extends IndexedDataset {
  /** What parsing and indexing warned about (dropped ratings, a clash with user 99999), in words. */
  warnings: string[];
}

const MAGIC = "parsed-dataset-v1";
/** Entries kept: loaders of several datasets (tests, or switching datasets) may run side by side. */
const KEEP = 4;

/** The cache key of a dataset: its files' stamp and the code's stamp. */
export function parsedCacheKey(datasetStamp: string, codeStamp: string): string {
  return createHash("sha256").update(datasetStamp).update("\0").update(codeStamp).digest("hex").slice(0, 32);
}

/** Reads a cached parse, or null when there is none for this key (or it cannot be read). */
export async function readParsed(dir: string, key: string): Promise<LoadedDataset | null> {
  let bytes: Buffer;
  try {
    bytes = await readFile(join(dir, `${key}.bin`));
  } catch {
    return null;
  }
  try {
    const headerLength = bytes.readUInt32LE(0);
    const header = JSON.parse(bytes.toString("utf-8", 4, 4 + headerLength));
    if (header.magic !== MAGIC || header.key !== key) return null;
    const {n, users, movieCount} = header;
    // View the columns where they lie when they are 4-byte aligned there (the header is padded for it), else copy.
    let body: Uint8Array = bytes.subarray(4 + headerLength);
    if (body.byteOffset % 4 !== 0) {
      const copy = new Uint8Array(body.length);
      copy.set(body);
      body = copy;
    }
    const expected = 4 * (n + n + n + users + movieCount) + n;
    if (body.length !== expected) return null;
    let at = body.byteOffset;
    const column = <T>(
      Type: {new (buffer: ArrayBuffer, offset: number, length: number): T; BYTES_PER_ELEMENT: number},
      length: number
    ): T => {
      const view = new Type(body.buffer as ArrayBuffer, at, length);
      at += length * Type.BYTES_PER_ELEMENT;
      return view;
    };
    const user = column(Uint32Array, n),
      movie = column(Uint32Array, n),
      timestamp = column(Int32Array, n);
    const userIds = column(Int32Array, users),
      movieIds = column(Int32Array, movieCount),
      rating2 = column(Uint8Array, n);
    return {
      movies: header.movies,
      rows: header.rows,
      warnings: header.warnings,
      ratings: {user, movie, rating2, timestamp, userIds, movieIds, report: header.report}
    };
  } catch {
    return null;
  }
}

/** Keeps a parse under its key, written whole or not at all, and drops all but the newest few entries. */
export async function writeParsed(dir: string, key: string, loaded: LoadedDataset): Promise<void> {
  const {movies, rows, warnings, ratings} = loaded;
  const {user, movie, rating2, timestamp, userIds, movieIds, report} = ratings;
  const header = JSON.stringify({
    magic: MAGIC,
    key,
    n: user.length,
    users: userIds.length,
    movieCount: movieIds.length,
    movies,
    rows,
    warnings,
    report
  });
  // Pad the header so the columns after it start 4-byte aligned.
  const headerBytes = Buffer.from(header + " ".repeat((4 - (Buffer.byteLength(header) % 4)) % 4), "utf-8");
  const length = Buffer.alloc(4);
  length.writeUInt32LE(headerBytes.length, 0);
  const parts = [
    length,
    headerBytes,
    ...[user, movie, timestamp, userIds, movieIds, rating2].map(
      (a) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength)
    )
  ];
  await mkdir(dir, {recursive: true});
  const temp = join(dir, `${key}.${process.pid}.tmp`);
  try {
    await writeFile(temp, parts);
    await rename(temp, join(dir, `${key}.bin`));
  } finally {
    await rm(temp, {force: true});
  }
  const entries = await Promise.all(
    (await readdir(dir))
      .filter((f) => f.endsWith(".bin"))
      .map(async (f) => ({f, time: (await stat(join(dir, f)).catch(() => null))?.mtimeMs ?? 0}))
  );
  entries.sort((a, b) => b.time - a.time);
  for (const {f} of entries.slice(KEEP)) await rm(join(dir, f), {force: true});
}
