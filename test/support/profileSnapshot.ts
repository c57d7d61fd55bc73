import type {Browser, BrowserContext} from "playwright-core";

/** The key that marks an ArrayBuffer's bytes in a snapshot (see snapshotProfile). */
const BUFFER = "__profileSnapshotArrayBuffer__";

/** One IndexedDB object store as the snapshot keeps it: its shape, and every record (key, value). */
interface StoreSnapshot {
  name: string;
  keyPath: string | string[] | null;
  autoIncrement: boolean;
  indexes: {name: string; keyPath: string | string[]; unique: boolean; multiEntry: boolean}[];
  records: [IDBValidKey, unknown][];
}

/** One database of the snapshot. */
interface DatabaseSnapshot {
  name: string;
  version: number;
  stores: StoreSnapshot[];
}

/** What a browser profile keeps for one site: its localStorage and its IndexedDB databases, records and all. */
export interface ProfileSnapshot {
  origin: string;
  localStorage: [string, string][];
  databases: DatabaseSnapshot[];
}

/**
 * A blank page of `url`'s origin, for reading or writing the origin's storage without running the workbook. The
 * request never reaches the site's server.
 */
async function blankPage(context: BrowserContext, url: string) {
  const page = await context.newPage();
  const blank = new URL("/__profile_snapshot__", url).href;
  await page.route(blank, (route) => route.fulfill({contentType: "text/html", body: "<!doctype html><title></title>"}));
  await page.goto(blank);
  return page;
}

/**
 * What `context` keeps for the site at `url`. Playwright's storageState({indexedDB: true}) reads the same, but its
 * restore closes its page as soon as each record's add request succeeds, before the transaction commits: Chrome
 * keeps a value over about 64 kB (a model's bytes) as a blob beside the database, and a commit still writing that
 * blob when the page closes leaves a record whose value reads back as "UnknownError: Failed to read large IndexedDB
 * value" (1–2 restores in 25 with both cores busy, scratch measurement; CI failed on it twice). restoreProfile waits
 * for the commit.
 */
export async function snapshotProfile(context: BrowserContext, url: string): Promise<ProfileSnapshot> {
  const page = await blankPage(context, url);
  try {
    // No function is named inside a page's script (`const f = () => …`): tsx's esbuild wraps such functions in a
    // helper the page lacks.
    const {localStorage, databases} = await page.evaluate(async (BUFFER) => {
      const databases: DatabaseSnapshot[] = [];
      for (const {name} of await indexedDB.databases()) {
        if (!name) continue;
        const open = indexedDB.open(name);
        const db = await new Promise<IDBDatabase>((resolve, reject) => {
          open.onsuccess = () => resolve(open.result);
          open.onerror = () => reject(open.error);
        });
        const tx = db.transaction([...db.objectStoreNames]);
        const reads = [...db.objectStoreNames].map((storeName) => {
          const store = tx.objectStore(storeName);
          const shape = {
            name: storeName,
            keyPath: store.keyPath,
            autoIncrement: store.autoIncrement,
            indexes: [...store.indexNames].map((n) => {
              const index = store.index(n);
              return {name: n, keyPath: index.keyPath, unique: index.unique, multiEntry: index.multiEntry};
            })
          };
          return {shape, keys: store.getAllKeys(), values: store.getAll()};
        });
        await new Promise<void>((resolve, reject) => {
          tx.oncomplete = () => resolve();
          tx.onerror = () => reject(tx.error);
          tx.onabort = () => reject(tx.error);
        });
        // Playwright carries typed arrays between page and test, but not an ArrayBuffer (it arrives as {}): each
        // becomes {[BUFFER]: its bytes}, walked without recursion (no named function, as said above).
        const holders = reads.flatMap(({values}) => values.result.map((value) => ({value})));
        for (const stack: object[] = [...holders]; stack.length > 0;) {
          const parent = stack.pop() as Record<string, unknown>;
          for (const [key, value] of Object.entries(parent)) {
            if (value instanceof ArrayBuffer) parent[key] = {[BUFFER]: new Uint8Array(value)};
            else if (value && typeof value === "object" && !ArrayBuffer.isView(value)) stack.push(value);
          }
        }
        let next = 0;
        const stores = reads.map(({shape, keys}) => ({
          ...shape,
          records: keys.result.map((key) => [key, holders[next++].value] as [IDBValidKey, unknown])
        }));
        databases.push({name, version: db.version, stores});
        db.close();
      }
      return {localStorage: Object.entries(window.localStorage), databases};
    }, BUFFER);
    return {origin: new URL(url).origin, localStorage, databases};
  } finally {
    await page.close();
  }
}

/**
 * A new context of `browser` (made with `options`) that holds `snapshot`: localStorage as it was, and each database
 * rewritten record by record, the page kept open until every transaction has committed.
 */
export async function restoreProfile(
  browser: Browser,
  snapshot: ProfileSnapshot,
  options: Parameters<Browser["newContext"]>[0] = {}
): Promise<BrowserContext> {
  const context = await browser.newContext(options);
  const page = await blankPage(context, snapshot.origin);
  try {
    await page.evaluate(
      async (arg: unknown) => {
        const {
          snapshot: {localStorage, databases},
          BUFFER
        } = arg as {snapshot: ProfileSnapshot; BUFFER: string};
        for (const [key, value] of localStorage) window.localStorage.setItem(key, value);
        for (const {name, version, stores} of databases) {
          const open = indexedDB.open(name, version);
          open.onupgradeneeded = () => {
            for (const {name: storeName, keyPath, autoIncrement, indexes} of stores) {
              const store = open.result.createObjectStore(storeName, {keyPath, autoIncrement});
              for (const index of indexes) store.createIndex(index.name, index.keyPath, index);
            }
          };
          const db = await new Promise<IDBDatabase>((resolve, reject) => {
            open.onsuccess = () => resolve(open.result);
            open.onerror = () => reject(open.error);
          });
          if (stores.length > 0) {
            const tx = db.transaction(
              stores.map((s) => s.name),
              "readwrite"
            );
            for (const {name: storeName, keyPath, records} of stores) {
              const store = tx.objectStore(storeName);
              // Each {[BUFFER]: bytes} snapshotProfile made is an ArrayBuffer again.
              const holders = records.map(([, value]) => ({value}));
              for (const stack: object[] = [...holders]; stack.length > 0;) {
                const parent = stack.pop() as Record<string, unknown>;
                for (const [key, value] of Object.entries(parent)) {
                  if (!value || typeof value !== "object" || ArrayBuffer.isView(value)) continue;
                  if (BUFFER in value) parent[key] = (value as Record<string, Uint8Array>)[BUFFER].buffer;
                  else stack.push(value);
                }
              }
              for (const [i, [key]] of records.entries()) {
                const value = holders[i].value;
                if (keyPath === null) store.put(value, key);
                else store.put(value);
              }
            }
            // Committed, blobs and all, before the page closes.
            await new Promise<void>((resolve, reject) => {
              tx.oncomplete = () => resolve();
              tx.onerror = () => reject(tx.error);
              tx.onabort = () => reject(tx.error);
            });
          }
          db.close();
        }
      },
      {snapshot, BUFFER} as unknown
    );
  } finally {
    await page.close();
  }
  return context;
}
