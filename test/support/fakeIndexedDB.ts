// Just enough of IndexedDB for the browser stores' tests (fake-indexeddb is not installed): databases of object stores
// (out-of-line keys, or a keyPath with autoIncrement), transactions whose requests run in order a tick later and whose
// writes apply together on commit, and a quota that aborts a commit with QuotaExceededError as browsers do. Values
// are cloned going in and coming out, as IndexedDB does.

interface FakeStore {
  keyPath: string | null;
  autoIncrement: boolean;
  next: number;
  data: Map<unknown, unknown>;
}

interface FakeRequest {
  result: unknown;
  error: {name: string; message: string} | null;
  onsuccess: ((event: {target: FakeRequest}) => void) | null;
  onerror: ((event: {target: FakeRequest}) => void) | null;
}

/** The bytes a value holds in ArrayBuffers and typed arrays, which is what the quota counts. */
function bufferBytes(value: unknown): number {
  if (value instanceof ArrayBuffer) return value.byteLength;
  if (ArrayBuffer.isView(value)) return value.byteLength;
  if (typeof value !== "object" || value === null) return 0;
  let n = 0;
  for (const v of Object.values(value)) n += bufferBytes(v);
  return n;
}

const sortedKeys = (data: Map<unknown, unknown>) => [...data.keys()].sort((a, b) => (a as number) - (b as number));

/**
 * A fake `indexedDB`; `quota` is the most bytes (of ArrayBuffers) one transaction may write, and the first `failReads`
 * reads (get, getAll) in read-only transactions fail with NotReadableError, as Chrome's reads of large values can (MDN,
 * IDBRequest.error). A write's own reads (a store's small index records) never fail.
 */
export function fakeIndexedDB({
  quota = Infinity,
  failReads = 0
}: {quota?: number; failReads?: number} = {}): IDBFactory {
  const databases = new Map<string, Map<string, FakeStore>>();
  const versions = new Map<string, number>();
  const later = (f: () => void) => setTimeout(f, 0);
  const read = (f: () => unknown, mode: string) => {
    if (mode === "readonly" && failReads > 0 && failReads--)
      throw {name: "NotReadableError", message: "Failed to read large IndexedDB value"};
    return f();
  };

  function database(stores: Map<string, FakeStore>) {
    return {
      onversionchange: null,
      close: () => {},
      objectStoreNames: {contains: (name: string) => stores.has(name)},
      createObjectStore(
        name: string,
        {keyPath = null, autoIncrement = false}: {keyPath?: string | null; autoIncrement?: boolean} = {}
      ) {
        stores.set(name, {keyPath, autoIncrement, next: 1, data: new Map()});
      },
      transaction(names: string | string[], mode = "readonly") {
        const scope = [names].flat();
        for (const name of scope) if (!stores.has(name)) throw new Error(`NotFoundError: no object store ${name}`);
        // Writes go to copies of the stores in scope, which replace them on commit.
        const staged = new Map(
          scope.map((name) => [name, {...stores.get(name)!, data: new Map(stores.get(name)!.data)}])
        );
        const queue: [FakeRequest, () => unknown][] = [];
        let finished = false;
        let written = 0;
        const tx = {
          error: null as {name: string; message: string} | null,
          oncomplete: null as null | (() => void),
          onerror: null as null | ((event: {target: FakeRequest}) => void),
          onabort: null as null | (() => void),
          abort() {
            finished = true;
            tx.onabort?.();
          },
          objectStore(name: string) {
            const store = staged.get(name)!;
            const request = (run: () => unknown): FakeRequest => {
              if (finished) throw new Error("TransactionInactiveError: the transaction has finished");
              const r: FakeRequest = {result: undefined, error: null, onsuccess: null, onerror: null};
              queue.push([r, run]);
              return r;
            };
            const write = (value: unknown, key: unknown, add: boolean) => {
              const copy = structuredClone(value) as Record<string, unknown>;
              written += bufferBytes(value);
              return request(() => {
                if (store.keyPath) key = copy[store.keyPath] ??= store.next;
                if (typeof key === "number") store.next = Math.max(store.next, key + 1);
                if (add && store.data.has(key))
                  throw {name: "ConstraintError", message: `key ${String(key)} already exists`};
                store.data.set(key, copy);
                return key;
              });
            };
            return {
              put: (value: unknown, key?: unknown) => write(value, key, false),
              add: (value: unknown, key?: unknown) => write(value, key, true),
              delete: (key: unknown) => request(() => void store.data.delete(key)),
              get: (key: unknown) => request(() => read(() => structuredClone(store.data.get(key)), mode)),
              getAll: () =>
                request(() =>
                  read(() => sortedKeys(store.data).map((key) => structuredClone(store.data.get(key))), mode)
                )
            };
          }
        };
        later(function step() {
          if (finished) return;
          const next = queue.shift();
          if (next) {
            const [r, run] = next;
            try {
              r.result = run();
              r.onsuccess?.({target: r});
            } catch (error) {
              r.error = error as {name: string; message: string};
              r.onerror?.({target: r});
              tx.onerror?.({target: r});
              tx.error = r.error;
              return tx.abort();
            }
            return later(step);
          }
          finished = true;
          if (written > quota)
            return void ((tx.error = {name: "QuotaExceededError", message: "quota"}), tx.onabort?.());
          for (const [name, s] of staged) stores.set(name, s);
          tx.oncomplete?.();
        });
        return tx;
      }
    };
  }

  const factory = {
    open(name: string, version = 1) {
      if (!databases.has(name)) databases.set(name, new Map());
      // New, or older than asked: its upgrade runs (and may find the stores an older version made).
      const fresh = (versions.get(name) ?? 0) < version;
      if (fresh) versions.set(name, version);
      const r = {
        result: database(databases.get(name)!),
        error: null,
        onsuccess: null as null | (() => void),
        onerror: null,
        onupgradeneeded: null as null | (() => void)
      };
      later(() => (fresh && r.onupgradeneeded?.(), r.onsuccess?.()));
      return r;
    }
  };
  return factory as unknown as IDBFactory;
}
