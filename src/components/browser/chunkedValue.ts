// Large binary values kept in IndexedDB as small records. Chrome keeps a value over about 64 kB (a model's bytes, an
// iALS ranker's factors) as a blob file beside the database, and reading such a value can fail, for a moment or for
// good (MDN, IDBRequest.error: "UnknownError" when transient, such as low memory; "NotReadableError" when the file is
// gone): "Failed to read large IndexedDB value". The workbook's browser tests met it now and then under load. A value
// split into records under that size is never a blob, so it is read like any small record.

/** The most bytes of one chunk: half of Chrome's 64 kB, so that a chunk and its key stay well under it. */
export const CHUNK_BYTES = 32 * 1024;

/** What a stored value holds in place of an ArrayBuffer or typed array kept in chunks. */
export interface ChunkedRef {
  chunked: {kind: string; byteLength: number; keys: string[]};
}

const isChunkedRef = (value: unknown): value is ChunkedRef =>
  typeof value === "object" &&
  value !== null &&
  "chunked" in value &&
  typeof (value as ChunkedRef).chunked === "object" &&
  Array.isArray((value as ChunkedRef).chunked?.keys);

/** A plain object or array, whose entries the walk visits (not a class instance, a Date or a typed array). */
const isPlain = (value: unknown): value is Record<string, unknown> =>
  Array.isArray(value) ||
  (typeof value === "object" && value !== null && Object.getPrototypeOf(value) === Object.prototype);

/** Counts chunks across the calls of one page, so that two writes in the same millisecond get distinct keys. */
let written = 0;

/**
 * `value` with every ArrayBuffer and typed array over CHUNK_BYTES (inside plain objects and arrays, or the value
 * itself) replaced by a ChunkedRef, and the chunks to store beside it, each under a key of its own, fresh for this
 * write (so a write never touches another value's chunks).
 */
export function splitValue(value: unknown): {value: unknown; chunks: [key: string, bytes: ArrayBuffer][]} {
  const chunks: [string, ArrayBuffer][] = [];
  const stamp = `${Date.now().toString(36)}.${Math.random().toString(36).slice(2, 10)}`;
  const split = (v: unknown): unknown => {
    if (v instanceof ArrayBuffer || ArrayBuffer.isView(v)) {
      const bytes = v instanceof ArrayBuffer ? new Uint8Array(v) : new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
      if (bytes.byteLength <= CHUNK_BYTES) return v;
      const keys: string[] = [];
      for (let at = 0; at < bytes.byteLength; at += CHUNK_BYTES) {
        const key = `chunk:${stamp}:${written++}`;
        keys.push(key);
        chunks.push([key, bytes.slice(at, at + CHUNK_BYTES).buffer]);
      }
      return {chunked: {kind: v.constructor.name, byteLength: bytes.byteLength, keys}} satisfies ChunkedRef;
    }
    if (!isPlain(v)) return v;
    if (Array.isArray(v)) return v.map(split);
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, split(x)]));
  };
  return {value: split(value), chunks};
}

/** The keys of every chunk a stored value refers to. */
export function chunkKeys(value: unknown): string[] {
  if (isChunkedRef(value)) return value.chunked.keys;
  if (!isPlain(value)) return [];
  return Object.values(value).flatMap(chunkKeys);
}

/** The value splitValue split, whole again, from its stored form and its chunks (by key). */
export function joinValue(value: unknown, chunks: ReadonlyMap<string, ArrayBuffer>): unknown {
  if (isChunkedRef(value)) {
    const {kind, byteLength, keys} = value.chunked;
    const bytes = new Uint8Array(byteLength);
    let at = 0;
    for (const key of keys) {
      const chunk = chunks.get(key);
      if (!chunk) throw new Error(`joinValue: chunk ${key} is missing`);
      bytes.set(new Uint8Array(chunk), at);
      at += chunk.byteLength;
    }
    if (at !== byteLength) throw new Error(`joinValue: ${at} bytes in the chunks of a ${byteLength}-byte value`);
    if (kind === "ArrayBuffer") return bytes.buffer;
    const View = (globalThis as unknown as Record<string, new (buffer: ArrayBuffer) => ArrayBufferView>)[kind];
    if (typeof View !== "function") throw new Error(`joinValue: no ${kind} in this realm`);
    return new View(bytes.buffer);
  }
  if (!isPlain(value)) return value;
  if (Array.isArray(value)) return value.map((v) => joinValue(v, chunks));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, joinValue(v, chunks)]));
}
