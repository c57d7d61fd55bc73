// The browser's localStorage as the workbook uses it, when the browser lets it: reading `localStorage` throws a
// SecurityError where site data is blocked (Chrome's "Block all cookies"; tomayac/SVGcode#86, debug-js/debug#49),
// and a write throws QuotaExceededError when it is full (ember-simple-auth#1592). Either way a page keeps working: it
// keeps what it cannot store in memory for as long as it is open, and says so.

/** Why the workbook cannot keep something in this browser: its storage is blocked, full, or missing. */
export type StorageProblem = "blocked" | "full" | "unavailable";

/** A Storage that lives in memory only: what a page keeps when the browser's own cannot be used. */
export function memoryStorage(): Storage {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    clear: () => items.clear(),
    getItem: (key) => items.get(key) ?? null,
    key: (index) => [...items.keys()][index] ?? null,
    removeItem: (key) => void items.delete(key),
    setItem: (key, value) => void items.set(key, String(value))
  };
}

/** The problem a DOMException names, in StorageProblem's terms. */
export function storageProblemOf(error: unknown): StorageProblem {
  const name = (error as {name?: string} | null)?.name;
  if (name === "QuotaExceededError" || name === "NS_ERROR_DOM_QUOTA_REACHED") return "full";
  if (name === "SecurityError") return "blocked";
  return "unavailable";
}

/**
 * The browser's localStorage, or, where reading it throws (site data blocked) or it is missing, a memory Storage with
 * the problem named. `get` returns the browser's own object; a parameter for tests.
 */
export function pageStorage(get: () => Storage | undefined = () => globalThis.localStorage): {
  storage: Storage;
  problem: StorageProblem | null;
} {
  try {
    const storage = get();
    // The page's head replaces a storage it could not read by one in memory, marked so (observablehq.config.ts).
    if (storage && (storage as Storage & {memoryOnly?: string}).memoryOnly)
      return {storage, problem: storageProblemOf({name: (storage as Storage & {memoryOnly: string}).memoryOnly})};
    if (storage) return {storage, problem: null};
    return {storage: memoryStorage(), problem: "unavailable"};
  } catch (error) {
    return {storage: memoryStorage(), problem: storageProblemOf(error)};
  }
}
