/**
 * What one tab changed in the workbook's storage, said to the others: the dataset (loaded or forgotten), or the
 * models (a run, a checkpoint or the latest model written or deleted).
 */
export type WorkbookChange = "dataset" | "models";

/** The BroadcastChannel's name: one channel for the whole workbook (same origin, every page). */
export const WORKBOOK_CHANNEL = "movielens-workbook";

let channel: BroadcastChannel | null | undefined;

/**
 * This page's one channel: a BroadcastChannel delivers a message to every other channel of the same name, never to the
 * one that posted it, so a page hears other tabs' changes and not its own. Null where there is none (Node).
 */
function pageChannel(): BroadcastChannel | null {
  if (channel === undefined)
    channel = typeof BroadcastChannel === "undefined" ? null : new BroadcastChannel(WORKBOOK_CHANNEL);
  return channel;
}

/** Tells the workbook's other tabs that this one changed `change` in storage (HTML's BroadcastChannel). */
export function announceChange(change: WorkbookChange): void {
  try {
    pageChannel()?.postMessage({change});
  } catch {
    // A closed channel (the page is going away) has no one to tell.
  }
}

/** Calls `listener` whenever another tab changes `change`; returns the function that stops listening. */
export function onOtherTabChange(change: WorkbookChange, listener: () => void): () => void {
  const open = pageChannel();
  if (!open) return () => {};
  const heard = (event: MessageEvent<{change?: unknown}>) => {
    if (event.data?.change === change) listener();
  };
  open.addEventListener("message", heard);
  return () => open.removeEventListener("message", heard);
}

/**
 * For Framework's `Generators.observe`: a value that changes whenever another tab changes `change` (first 0, then the
 * time of each change), so that a cell which reads it reads the store again.
 */
export function otherTabChanges(change: WorkbookChange): (notify: (value: number) => void) => () => void {
  return (notify) => {
    notify(0);
    return onOtherTabChange(change, () => notify(Date.now()));
  };
}
