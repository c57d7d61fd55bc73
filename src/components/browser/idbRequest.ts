// IndexedDB's callbacks as promises, for the workbook's two databases (workbookStore: runs and checkpoints;
// datasetStore: a visitor's imported dataset). Each store passes its own `toError`, which turns IndexedDB's
// DOMException (a full disk, most likely) into a message a reader can act on.

/** Turns an IndexedDB error (null when the browser gives none) into the Error a store rejects with. */
export type IdbError = (error: DOMException | null) => Error;

/**
 * What the browser itself said of a failed request, for the end of a message (" The browser said: “NotReadableError:
 * Failed to read large IndexedDB value”."), so that a reader, or a bug report, has the cause; "" when it said nothing.
 */
export function browserSaid(error: {name?: string; message?: string} | null | undefined): string {
  const said = [error?.name, error?.message].filter(Boolean).join(": ");
  return said ? ` The browser said: “${said}”.` : "";
}

/** A request's result when it succeeds; its error, through `toError`, when it fails. */
export function idbRequest<T>(request: IDBRequest<T>, toError: IdbError): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(toError(request.error));
  });
}

/**
 * A read that is tried again when it fails: a read can fail for a moment and succeed when made again. MDN's page on
 * IDBRequest.error names "large value read failures" (Chrome keeps a value over about 64 kB, such as a model's bytes,
 * as a blob beside the database), some of them transient, such as low memory. `read` opens a fresh transaction each
 * time; it runs at most `tries` times, waiting `delayMs` before the second try and three times longer before each
 * later one, and the last failure is what the promise rejects with.
 */
export async function idbRead<T>(read: () => Promise<T>, {tries = 3, delayMs = 100} = {}): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await read();
    } catch (error) {
      if (attempt >= tries) throw error;
      await new Promise((resolve) => setTimeout(resolve, delayMs * 3 ** (attempt - 1)));
    }
  }
}

/**
 * Resolves when a transaction commits. Rejects, through `toError`, when it fails (with the failing request's error,
 * else the transaction's) or aborts (with the transaction's error: QuotaExceededError
 * when the commit ran out of space).
 */
export function idbTransactionDone(tx: IDBTransaction, toError: IdbError): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = (event) => reject(toError((event.target as IDBRequest | null)?.error ?? tx.error));
    tx.onabort = () => reject(toError(tx.error));
  });
}

/**
 * Opens database `name` at `version` from `factory` (the browser's `indexedDB`, or a fake in tests), calling `upgrade`
 * to create its object stores when the database is new or older than `version`.
 */
export function idbOpen(
  factory: IDBFactory,
  name: string,
  version: number,
  upgrade: (db: IDBDatabase) => void,
  toError: IdbError
): Promise<IDBDatabase> {
  const open = factory.open(name, version);
  open.onupgradeneeded = () => upgrade(open.result);
  return idbRequest(open, toError);
}
