/**
 * The compact columnar ratings file that the build writes and the browser reads: an 8-byte magic, a little-endian
 * u32 header length, a JSON header, then each column 8-byte aligned, so the browser views them without copying.
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

type Column = keyof RatingsTable;
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

const COLUMNS: Column[] = ["user", "movie", "rating2", "userIds", "movieIds"];
const ARRAYS = {u8: Uint8Array, u16: Uint16Array, u32: Uint32Array, i32: Int32Array} as const;

function typeOf(a: RatingsTable[Column]): ColumnType {
  return a instanceof Uint8Array ? "u8" : a instanceof Uint16Array ? "u16" : a instanceof Uint32Array ? "u32" : "i32";
}

const align = (n: number) => Math.ceil(n / 8) * 8;

/** Encodes a ratings table into one buffer; movie indexes are narrowed to 16 bits when they fit, as for ML-10M. */
export function encodeRatingsFile(table: RatingsTable, meta: Record<string, unknown> = {}): Uint8Array {
  const movie = table.movieIds.length <= 0x10000 && !(table.movie instanceof Uint16Array) ? Uint16Array.from(table.movie) : table.movie;
  const data: RatingsTable = {...table, movie};
  const columns = {} as Record<Column, ColumnEntry>;
  let offset = 0;
  for (const name of COLUMNS) {
    const a = data[name];
    columns[name] = {type: typeOf(a), offset, length: a.length};
    offset = align(offset + a.byteLength);
  }
  const header: RatingsFileHeader = {version: 1, rows: data.user.length, users: data.userIds.length, movies: data.movieIds.length, columns, meta};
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
  const table = {header} as RatingsTable & {header: RatingsFileHeader};
  for (const name of COLUMNS) {
    const {type, offset, length: n} = header.columns[name];
    const Array = ARRAYS[type];
    if (base + offset + n * Array.BYTES_PER_ELEMENT > buffer.byteLength) fail(`column ${name} is truncated`);
    (table as unknown as Record<Column, unknown>)[name] = new Array(buffer, base + offset, n);
  }
  return table;
}
