// "Load MovieLens from your computer", the page's side: hands the chosen files to the import worker
// (movielens/importWorker.ts, which unzips and parses them), then keeps what it returns in this browser's IndexedDB
// (datasetStore), where workbookData finds it on the next load. The view (ui/DatasetLoader) only shows the steps.
import type {DatasetArtifacts} from "../movielens/datasetArtifacts.js";
import type {ImportProgress} from "../movielens/importMovieLens.js";
import type {ImportEvent, ImportRequest} from "../movielens/importWorker.js";
import {openDatasetStore} from "./datasetStore.js";
import type {DatasetIdentity, DatasetStore} from "./datasetStore.js";

/** The part of a Worker that importDataset uses, so tests can run the import in the same thread. */
export type ImportWorker = Pick<Worker, "postMessage" | "terminate"> & {
  onmessage: ((event: MessageEvent<ImportEvent>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
};

/**
 * Options of importDataset: the worker's URL (the pages' `data/importWorker.js`), callbacks for each step, and,
 * for tests, the worker and the store.
 */
export interface ImportDatasetOptions {
  workerUrl: string;
  /** Each stage's progress, as the worker posts it (at most ~10 a second). */
  onProgress?: (progress: ImportProgress) => void;
  /** Called once the files are parsed, before the result is stored. */
  onSave?: () => void;
  createWorker?: (url: string) => ImportWorker;
  openStore?: () => Promise<DatasetStore>;
}

/** An imported and stored dataset: its artifacts, and the seconds the worker took to unzip and parse it. */
export interface ImportedDataset {
  artifacts: DatasetArtifacts;
  parseSeconds: number;
}

/**
 * Imports MovieLens files (ml-10m.zip or ml-1m.zip, or movies.dat and ratings.dat) in a Web Worker, then replaces the
 * dataset stored in this browser with them. Rejects with the worker's message (a `file:line: reason` for a bad line)
 * or the store's (datasetStorageError), having stored nothing; the worker is terminated either way.
 */
export async function importDataset(
  files: readonly File[],
  {
    workerUrl,
    onProgress = () => {},
    onSave = () => {},
    createWorker = moduleWorker,
    openStore = openDatasetStore
  }: ImportDatasetOptions
): Promise<ImportedDataset> {
  const worker = createWorker(workerUrl);
  try {
    const request: ImportRequest = {
      type: "import",
      files: await Promise.all(files.map(async (f) => ({name: f.name, bytes: await f.arrayBuffer()})))
    };
    const done = await new Promise<Extract<ImportEvent, {type: "done"}>>((resolve, reject) => {
      worker.onerror = (event) => reject(new Error(event.message || "the import worker failed to start"));
      worker.onmessage = ({data}) => {
        if (data.type === "error") reject(new Error(data.message));
        else if (data.type === "done") resolve(data);
        else onProgress({stage: data.stage, done: data.done, total: data.total});
      };
      worker.postMessage(
        request,
        request.files.map((f) => f.bytes)
      );
    });
    onSave();
    const store = await openStore();
    await store.save(done.artifacts);
    store.close();
    return {artifacts: done.artifacts, parseSeconds: done.seconds};
  } finally {
    worker.terminate();
  }
}

/**
 * Deletes the dataset stored in this browser (my ratings, kept per catalogue in localStorage, stay), if it is still the
 * one the page shows (`shown`, its savedAt; null forgets whatever is stored). Returns null when it was forgotten, or
 * what is stored now when another tab loaded it since (and nothing was forgotten).
 */
export async function forgetDataset(
  shown: string | null = null,
  openStore: () => Promise<DatasetStore> = openDatasetStore
): Promise<{now: DatasetIdentity} | null> {
  const store = await openStore();
  try {
    return await store.forget(shown);
  } finally {
    store.close();
  }
}

function moduleWorker(url: string): ImportWorker {
  return new Worker(url, {type: "module"}) as ImportWorker;
}
