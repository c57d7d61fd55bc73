/** What holdPageOpen needs of the page: its window's events (absent in Node, where holding does nothing). */
export interface PageEvents {
  addEventListener?(type: "beforeunload", listener: (event: Event) => void): void;
  removeEventListener?(type: "beforeunload", listener: (event: Event) => void): void;
}

/**
 * Holds the page open while work that cannot finish without it is pending (a run or a checkpoint being written to
 * IndexedDB): until the function returned is called, leaving the page asks first, through the browser's own "Leave
 * site?" dialog (a cancelled `beforeunload`, as the HTML standard's "prompt to unload" describes). Holds are
 * independent, and releasing one twice does nothing; with none held, leaving never asks.
 */
export function holdPageOpen(page: PageEvents = globalThis as PageEvents): () => void {
  const ask = (event: Event) => {
    event.preventDefault();
    // Older browsers ask only when returnValue is set.
    if (typeof BeforeUnloadEvent !== "undefined" && event instanceof BeforeUnloadEvent) event.returnValue = "";
  };
  page.addEventListener?.("beforeunload", ask);
  let held = true;
  return () => {
    if (held) page.removeEventListener?.("beforeunload", ask);
    held = false;
  };
}

/** Runs `work` while holding the page open (holdPageOpen), and lets go when it settles. */
export async function whileHoldingPageOpen<T>(work: () => Promise<T>, page?: PageEvents): Promise<T> {
  const release = holdPageOpen(page);
  try {
    return await work();
  } finally {
    release();
  }
}
