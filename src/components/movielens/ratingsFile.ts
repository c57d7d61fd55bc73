/**
 * The compact columnar ratings file that the build writes and the browser reads: an 8-byte magic, a little-endian
 * u32 header length, a JSON header, then each column 8-byte aligned, so the browser views them without copying.
 * Rows are grouped by user and the user column is stored as offsets (CSR), which keeps ML-10M's file at 30 MB
 * instead of 70 MB; decoding expands it back.
 */
export const RATINGS_FILE_MAGIC = "MLCOLS01";

/** The columns of a ratings file: a dense user and movie index per rating, the rating times two, and the id maps. */
export interface RatingsTable {
  user: Uint32Array;
  movie: Uint16Array | Uint32Array;
  rating2: Uint8Array;
  userIds: Int32Array;
  movieIds: Int32Array;
}

type Column = "userStart" | "movie" | "rating2" | "userIds" | "movieIds";
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

const COLUMNS: Column[] = ["userStart", "movie", "rating2", "userIds", "movieIds"];
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

/** Encodes a ratings table into one buffer, grouped by user; movie indexes are narrowed to 16 bits when they fit. */
export function encodeRatingsFile(table: RatingsTable, meta: Record<string, unknown> = {}): Uint8Array {
  const {order, userStart} = groupByUser(table.user, table.userIds.length);
  const Movie = table.movieIds.length <= 0x10000 ? Uint16Array : Uint32Array;
  const movie = new Movie(order.length);
  const rating2 = new Uint8Array(order.length);
  for (let i = 0; i < order.length; ++i) (movie[i] = table.movie[order[i]]), (rating2[i] = table.rating2[order[i]]);
  const data = {userStart, movie, rating2, userIds: table.userIds, movieIds: table.movieIds};
  const columns = {} as Record<Column, ColumnEntry>;
  let offset = 0;
  for (const name of COLUMNS) {
    const a = data[name];
    columns[name] = {type: typeOf(a), offset, length: a.length};
    offset = align(offset + a.byteLength);
  }
  const header: RatingsFileHeader = {version: 1, rows: order.length, users: data.userIds.length, movies: data.movieIds.length, columns, meta};
  const json = new TextEncoder().encode(JSON.stringify(header));
  const base = align(12 + json.length);
  const out = new Uint8Array(base + offset);
  out.set(new TextEncoder().encode(RATINGS_FILE_MAGIC));
  new DataView(out.buffer).setUint32(8, json.length, true);
  out.set(json, 12);
  for (const name of COLUMNS) {
    const a = data[name];
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
    const {type, offset, length: n} = header.columns[name];
    const Array = ARRAYS[type];
    if (base + offset + n * Array.BYTES_PER_ELEMENT > buffer.byteLength) fail(`column ${name} is truncated`);
    columns[name] = new Array(buffer, base + offset, n);
  }
  const userStart = columns.userStart as Uint32Array;
  if (userStart.length !== header.users + 1 || userStart[header.users] !== header.rows) fail("user offsets do not match the row count");
  const user = new Uint32Array(header.rows);
  for (let u = 0; u < header.users; ++u) user.fill(u, userStart[u], userStart[u + 1]);
  return {
    header,
    user,
    movie: columns.movie as Uint16Array | Uint32Array,
    rating2: columns.rating2 as Uint8Array,
    userIds: columns.userIds as Int32Array,
    movieIds: columns.movieIds as Int32Array
  };
}
