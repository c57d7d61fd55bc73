import {openDatasetStore} from "./datasetStore.js";
import type {DatasetIdentity, DatasetStore} from "./datasetStore.js";

/**
 * Whether the dataset a page shows is still the one stored in this browser: another tab may have loaded another, or
 * forgotten it, since the page opened. Returns why an action on it must be refused, in words, or null when the page
 * is current (and when storage cannot be read: then no tab can have changed it). `data` is the page's WorkbookData:
 * its dataset's name and which stored dataset it is (`stored`, null for the build's).
 */
export async function staleDataset(
  data: {summary: {dataset: {name: string}}; stored: DatasetIdentity | null},
  openStore: () => Promise<DatasetStore> = openDatasetStore
): Promise<string | null> {
  let now: DatasetIdentity | null;
  try {
    const store = await openStore();
    try {
      now = await store.identity();
    } finally {
      store.close();
    }
  } catch {
    return null;
  }
  if ((now?.savedAt ?? null) === (data.stored?.savedAt ?? null)) return null;
  return (
    `This page shows ${data.summary.dataset.name}, but another tab has since ` +
    `${now ? `loaded ${now.name}` : "gone back to the built-in data"}. Reload this page to work on what is loaded now.`
  );
}
