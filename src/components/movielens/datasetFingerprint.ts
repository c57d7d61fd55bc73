import type {RatingsTable} from "./ratingsFile.js";

const FNV_OFFSET = 0x811c9dc5;

/** Folds bytes into a 32-bit FNV-1a hash (start with no `hash` for a fresh one). */
export function fnv1a(bytes: Uint8Array, hash = FNV_OFFSET): number {
  let h = hash >>> 0;
  for (let i = 0; i < bytes.length; ++i) h = Math.imul(h ^ bytes[i], 0x01000193);
  return h >>> 0;
}

const bytesOf = (a: ArrayBufferView) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);

/**
 * The rows the fingerprint samples from the rating columns: about 8,192, evenly spread, so it stays fast on 10M rows.
 */
const SAMPLES = 8192;

/**
 * A short fingerprint of a ratings table: FNV-1a over its shape, all its user and movie ids, and a strided sample of
 * the user, movie and rating columns. Two tables with the same fingerprint are, for a checkpoint, the same dataset.
 * With `exceptUser` (a user index), that user's rows are left out: the rest of the data, whatever that user rated.
 */
export function datasetFingerprint(
  table: Pick<RatingsTable, "user" | "movie" | "rating2" | "userIds" | "movieIds">,
  {exceptUser = -1}: {exceptUser?: number} = {}
): string {
  let rows = table.rating2.length;
  if (exceptUser >= 0) for (let r = 0; r < table.user.length; ++r) if (table.user[r] === exceptUser) --rows;
  let h = fnv1a(bytesOf(Float64Array.of(rows, table.userIds.length, table.movieIds.length)));
  h = fnv1a(bytesOf(table.userIds), h);
  h = fnv1a(bytesOf(table.movieIds), h);
  const stride = Math.max(1, Math.floor(rows / SAMPLES));
  const sample: number[] = [];
  // Rows are counted without the excluded user's, so the sample lands on the same rows of the rest either way.
  for (let r = 0, k = 0; r < table.rating2.length; ++r) {
    if (table.user[r] === exceptUser) continue;
    if (k++ % stride === 0) sample.push(table.user[r], table.movie[r], table.rating2[r]);
  }
  h = fnv1a(bytesOf(Uint32Array.from(sample)), h);
  return `fnv1a32:${h.toString(16).padStart(8, "0")}:${rows}`;
}
