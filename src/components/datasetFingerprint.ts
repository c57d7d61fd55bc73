import type {RatingsTable} from "./ratingsFile.js";

const FNV_OFFSET = 0x811c9dc5;

/** Folds bytes into a 32-bit FNV-1a hash (start with no `hash` for a fresh one). */
export function fnv1a(bytes: Uint8Array, hash = FNV_OFFSET): number {
  let h = hash >>> 0;
  for (let i = 0; i < bytes.length; ++i) h = Math.imul(h ^ bytes[i], 0x01000193);
  return h >>> 0;
}

const bytesOf = (a: ArrayBufferView) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);

/** The rows the fingerprint samples from the rating columns: about 8,192, evenly spread, so it stays fast on 10M rows. */
const SAMPLES = 8192;

/**
 * A short fingerprint of a ratings table: FNV-1a over its shape, all its user and movie ids, and a strided sample of
 * the user, movie and rating columns. Two tables with the same fingerprint are, for a checkpoint, the same dataset.
 */
export function datasetFingerprint(table: Pick<RatingsTable, "user" | "movie" | "rating2" | "userIds" | "movieIds">): string {
  const rows = table.rating2.length;
  let h = fnv1a(bytesOf(Float64Array.of(rows, table.userIds.length, table.movieIds.length)));
  h = fnv1a(bytesOf(table.userIds), h);
  h = fnv1a(bytesOf(table.movieIds), h);
  const stride = Math.max(1, Math.floor(rows / SAMPLES));
  const sample = new Uint32Array(3 * Math.ceil(rows / stride));
  for (let r = 0, j = 0; r < rows; r += stride, j += 3) {
    sample[j] = table.user[r];
    sample[j + 1] = table.movie[r];
    sample[j + 2] = table.rating2[r];
  }
  h = fnv1a(bytesOf(sample), h);
  return `fnv1a32:${h.toString(16).padStart(8, "0")}:${rows}`;
}
