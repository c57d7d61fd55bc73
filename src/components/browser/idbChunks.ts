// Records whose large buffers IndexedDB keeps as small chunks (chunkedValue.ts), for the workbook's two databases:
// the chunks, and each record's index of them, live in an object store of the database's choosing.
import {chunkKeys, joinValue, splitValue} from "./chunkedValue.js";
import {idbRequest} from "./idbRequest.js";
import type {IdbError} from "./idbRequest.js";

/** The key, in the chunks' object store, of the list of chunk keys of record `key` of object store `owner`. */
export const chunkIndex = (owner: string, key: IDBValidKey) => `index:${owner}:${String(key)}`;

/**
 * `value` whole, with the chunks its large buffers were split into read from object store `chunks` in `tx` (a value
 * kept before chunks existed has none, and comes back as it is). A missing chunk is a read error (`toError`).
 */
export async function withChunks<T>(tx: IDBTransaction, chunks: string, toError: IdbError, value: T): Promise<T> {
  const keys = chunkKeys(value);
  if (!keys.length) return value;
  const store = tx.objectStore(chunks);
  const found = await Promise.all(keys.map((key) => idbRequest<ArrayBuffer | undefined>(store.get(key), toError)));
  const byKey = new Map<string, ArrayBuffer>();
  keys.forEach((key, i) => {
    if (!found[i]) throw toError(new DOMException(`a part (${key}) of a stored value is missing`, "NotFoundError"));
    byKey.set(key, found[i]!);
  });
  return joinValue(value, byKey) as T;
}

/**
 * Deletes the chunks of record `key` of object store `owner` from object store `chunks` in `tx` (but those in `keep`),
 * found by their index (a small record, read without reading the record itself, which, kept before chunks existed, may
 * be a large value), and the index.
 */
export function deleteChunks(
  tx: IDBTransaction,
  chunks: string,
  owner: string,
  key: IDBValidKey,
  keep: ReadonlySet<string> = new Set()
): void {
  const store = tx.objectStore(chunks);
  store.get(chunkIndex(owner, key)).onsuccess = (e) => {
    for (const k of (e.target as IDBRequest<string[] | undefined>).result ?? []) if (!keep.has(k)) store.delete(k);
    store.delete(chunkIndex(owner, key));
  };
}

/**
 * Puts `value` in object store `owner` of `tx` (under `key` where the store has no key path; `add` for a new record,
 * whose key the store assigns and `onKey` is given), its large buffers as chunks in object store `chunks` with their
 * index. `value` may hold buffers still in chunks (a record read as stored, with a field replaced): those chunks stay;
 * the other chunks of the record it replaces go.
 */
export function putWithChunks(
  tx: IDBTransaction,
  chunks: string,
  owner: string,
  value: unknown,
  {key, add = false, onKey}: {key?: IDBValidKey; add?: boolean; onKey?: (key: IDBValidKey) => void} = {}
): void {
  const store = tx.objectStore(chunks);
  const split = splitValue(value);
  const refs = chunkKeys(split.value);
  if (key !== undefined) deleteChunks(tx, chunks, owner, key, new Set(refs));
  for (const [k, bytes] of split.chunks) store.put(bytes, k);
  const records = tx.objectStore(owner);
  const put = add ? records.add(split.value, key) : records.put(split.value, key);
  put.onsuccess = () => {
    if (refs.length) store.put(refs, chunkIndex(owner, put.result));
    onKey?.(put.result);
  };
}
