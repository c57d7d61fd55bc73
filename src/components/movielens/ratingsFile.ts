import {latestFlags} from "../split/latestFlags.js";

/**
 * The compact columnar ratings file that the build writes and the browser reads: an 8-byte magic, a little-endian
 * u32 header length, a JSON header, then each column 8-byte aligned, so the browser views them without copying.
 * Rows are grouped by user and the user column is stored as offsets (CSR), which keeps ML-10M's file at 30 MB
 * instead of 70 MB; decoding expands it back. An optional `latest` column (a bitset, one bit per row) marks each user's
 * latest 20% of ratings by timestamp, for the time-aware split (split/latestFlags.ts),
 * since the rows carry no timestamps.
 */
export const RATINGS_FILE_MAGIC = "MLCOLS01";

/** The columns of a ratings file: a dense user and movie index per rating, the rating times two, and the id maps. */
export interface RatingsTable {
  user: Uint32Array;
  movie: Uint16Array | Uint32Array;
  rating2: Uint8Array;
  userIds: Int32Array;
  movieIds: Int32Array;
  /**
   * Per row, 1 when it is among its user's latest 20% by timestamp (splitByTime's validation rows);
   * absent when unknown.
   */
  latest?: Uint8Array;
}

type Column = "userStart" | "movie" | "rating2" | "userIds" | "movieIds" | "latest";
type ColumnType = "u8" | "u16" | "u32" | "i32";
interface ColumnEntry {
  type: ColumnType;
  offset: number;
  length: number;
}

/** The JSON header; `meta` carries whatever the writer wants the reader to know (dataset name, fingerprint…). */
export interface RatingsFileHeader {
  version: 1;
  rows: number;
  users: number;
  movies: number;
  columns: Record<Column, ColumnEntry>;
  meta: Record<string, unknown>;
}

const COLUMNS: Column[] = ["userStart", "movie", "rating2", "userIds", "movieIds", "latest"];
const ARRAYS = {u8: Uint8Array, u16: Uint16Array, u32: Uint32Array, i32: Int32Array} as const;

function typeOf(a: Uint8Array | Uint16Array | Uint32Array | Int32Array): ColumnType {
  return a instanceof Uint8Array ? "u8" : a instanceof Uint16Array ? "u16" : a instanceof Uint32Array ? "u32" : "i32";
}

const align = (n: number) => Math.ceil(n / 8) * 8;

/**
 * Groups rows by user with a stable counting sort, so each user's ratings are contiguous and keep their order;
 * returns the permutation and the offsets of each user's rows.
 */
export function groupByUser(user: Uint32Array, users: number): {order: Uint32Array; userStart: Uint32Array} {
  const userStart = new Uint32Array(users + 1);
  for (let i = 0; i < user.length; ++i) ++userStart[user[i] + 1];
  for (let u = 0; u < users; ++u) userStart[u + 1] += userStart[u];
  const next = userStart.slice(0, users);
  const order = new Uint32Array(user.length);
  for (let i = 0; i < user.length; ++i) order[next[user[i]]++] = i;
  return {order, userStart};
}

/**
 * Encodes a ratings table into one buffer, grouped by user; movie indexes are narrowed to 16 bits when they fit. With
 * `timestamp` (seconds, per row), or a `latest` column, it also writes `latest` as a bitset.
 */
export function encodeRatingsFile(
  table: RatingsTable & {timestamp?: ArrayLike<number>},
  meta: Record<string, unknown> = {}
): Uint8Array {
  const {order, userStart} = groupByUser(table.user, table.userIds.length);
  const Movie = table.movieIds.length <= 0x10000 ? Uint16Array : Uint32Array;
  const movie = new Movie(order.length);
  const rating2 = new Uint8Array(order.length);
  for (let i = 0; i < order.length; ++i) {
    movie[i] = table.movie[order[i]];
    rating2[i] = table.rating2[order[i]];
  }
  const flags =
    table.latest ?? (table.timestamp ? latestFlags(table.user, table.timestamp, table.userIds.length) : undefined);
  const latest = flags ? new Uint8Array(Math.ceil(order.length / 8)) : null;
  if (flags && latest) for (let i = 0; i < order.length; ++i) if (flags[order[i]]) latest[i >> 3] |= 1 << (i & 7);
  const data = {
    userStart,
    movie,
    rating2,
    userIds: table.userIds,
    movieIds: table.movieIds,
    ...(latest ? {latest} : {})
  };
  const columns = {} as Record<Column, ColumnEntry>;
  let offset = 0;
  for (const name of COLUMNS) {
    const a = data[name as keyof typeof data];
    if (!a) continue;
    columns[name] = {type: typeOf(a), offset, length: a.length};
    offset = align(offset + a.byteLength);
  }
  const header: RatingsFileHeader = {
    version: 1,
    rows: order.length,
    users: data.userIds.length,
    movies: data.movieIds.length,
    columns,
    meta
  };
  const json = new TextEncoder().encode(JSON.stringify(header));
  const base = align(12 + json.length);
  const out = new Uint8Array(base + offset);
  out.set(new TextEncoder().encode(RATINGS_FILE_MAGIC));
  new DataView(out.buffer).setUint32(8, json.length, true);
  out.set(json, 12);
  for (const name of COLUMNS) {
    const a = data[name as keyof typeof data];
    if (!a) continue;
    out.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), base + columns[name].offset);
  }
  return out;
}

/** Decodes a ratings file into typed-array views over `buffer` (no copy), checking its magic and bounds. */
export function decodeRatingsFile(buffer: ArrayBuffer): RatingsTable & {header: RatingsFileHeader} {
  const fail = (why: string): never => {
    throw new Error(`Not a valid ratings file: ${why}. Rebuild the site to regenerate it.`);
  };
  if (buffer.byteLength < 12) fail("too short");
  const magic = new TextDecoder().decode(new Uint8Array(buffer, 0, 8));
  if (magic !== RATINGS_FILE_MAGIC) fail(`bad magic ${JSON.stringify(magic)}`);
  const length = new DataView(buffer).getUint32(8, true);
  if (12 + length > buffer.byteLength) fail("truncated header");
  const header = JSON.parse(new TextDecoder().decode(new Uint8Array(buffer, 12, length))) as RatingsFileHeader;
  if (header.version !== 1) fail(`unsupported version ${header.version}`);
  const base = align(12 + length);
  const columns = {} as Record<Column, Uint8Array | Uint16Array | Uint32Array | Int32Array>;
  for (const name of COLUMNS) {
    if (!header.columns[name]) {
      if (name === "latest") continue; // files written before it, or from ratings without timestamps
      fail(`column ${name} is missing`);
    }
    const {type, offset, length: n} = header.columns[name];
    const TypedArray = ARRAYS[type];
    if (base + offset + n * TypedArray.BYTES_PER_ELEMENT > buffer.byteLength) fail(`column ${name} is truncated`);
    columns[name] = new TypedArray(buffer, base + offset, n);
  }
  const userStart = columns.userStart as Uint32Array;
  if (userStart.length !== header.users + 1 || userStart[header.users] !== header.rows)
    fail("user offsets do not match the row count");
  const user = new Uint32Array(header.rows);
  for (let u = 0; u < header.users; ++u) user.fill(u, userStart[u], userStart[u + 1]);
  let latest: Uint8Array | undefined;
  if (columns.latest) {
    const bits = columns.latest as Uint8Array;
    if (bits.length !== Math.ceil(header.rows / 8)) fail("column latest does not match the row count");
    latest = new Uint8Array(header.rows);
    for (let i = 0; i < header.rows; ++i) latest[i] = (bits[i >> 3] >> (i & 7)) & 1;
  }
  return {
    ...(latest ? {latest} : {}),
    header,
    user,
    movie: columns.movie as Uint16Array | Uint32Array,
    rating2: columns.rating2 as Uint8Array,
    userIds: columns.userIds as Int32Array,
    movieIds: columns.movieIds as Int32Array
  };
}
