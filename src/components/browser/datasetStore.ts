// Keeps a visitor's imported dataset in IndexedDB, so a later visit skips unzipping and parsing. It has its own
// database, apart from the workbook's runs and checkpoints, so "forget this data" can never touch those.
import {browserDataset} from "../movielens/datasetArtifacts.js";
import type {DatasetArtifacts, DatasetSummary} from "../movielens/datasetArtifacts.js";
import {SNAPSHOT_RELEASES, movielensName, summaryReleaseCounts} from "../movielens/movielensRelease.js";
import {movedUserNote} from "../movielens/moveClashingUser.js";
import {RATINGS_FILE_MAGIC} from "../movielens/ratingsFile.js";
import {deleteChunks, putWithChunks, withChunks} from "./idbChunks.js";
import {browserSaid, idbOpen, idbRead, idbRequest, idbTransactionDone} from "./idbRequest.js";
import {announceChange} from "./workbookChannel.js";

/** The IndexedDB database that holds the imported dataset. */
export const DATASET_STORE_NAME = "movielens-workbook-data";

/** The version of the stored record's shape; a record of another version is ignored, as if nothing were stored. */
export const DATASET_RECORD_FORMAT = 1;

const VERSION = 1;
const STORE = "dataset";
const KEY = "current";
/** Beside the record: which dataset it is, small enough to read at every action that must not act on a stale tab. */
const IDENTITY_KEY = "identity";

/** The one record stored: the artifacts, with the ratings file as its own ArrayBuffer. */
export interface DatasetRecord {
  format: typeof DATASET_RECORD_FORMAT;
  savedAt: string;
  ratingsFile: ArrayBuffer;
  movies: DatasetArtifacts["movies"];
  summary: DatasetArtifacts["summary"];
  histogram: DatasetArtifacts["histogram"];
}

/** Which stored dataset a page works on: when it was stored (unique to each import), and its name. */
export interface DatasetIdentity {
  savedAt: string;
  name: string;
}

/** The imported dataset's store: save replaces what was stored in one transaction, all or nothing. */
export interface DatasetStore {
  save(artifacts: DatasetArtifacts): Promise<void>;
  /** The stored artifacts, or null when there are none (or they were stored by an incompatible version). */
  load(): Promise<DatasetArtifacts | null>;
  /** Which dataset is stored now, without reading it all; null when there is none. */
  identity(): Promise<DatasetIdentity | null>;
  /**
   * Forgets the stored dataset, if it is still the one `expected` names (null: forgets whatever is stored). Returns
   * null when it was forgotten; else what is stored now (another tab loaded it since), which is left as it is.
   */
  forget(expected?: string | null): Promise<{now: DatasetIdentity} | null>;
  close(): void;
}

/** Turns artifacts into the record to store, copying the ratings file only when it is a view into a larger buffer. */
export function toDatasetRecord(artifacts: DatasetArtifacts, savedAt = new Date().toISOString()): DatasetRecord {
  const {ratingsFile: file, movies, summary, histogram} = artifacts;
  const whole = file.byteOffset === 0 && file.byteLength === file.buffer.byteLength;
  const ratingsFile = (whole ? file.buffer : file.slice().buffer) as ArrayBuffer;
  return {format: DATASET_RECORD_FORMAT, savedAt, ratingsFile, movies, summary, histogram};
}

/**
 * Turns a stored value back into artifacts, or null when it is missing, of another format, or not a ratings file. The
 * dataset is named from its counts again, since an earlier version called whatever it stored "MovieLens 10M".
 */
export function fromDatasetRecord(value: unknown): DatasetArtifacts | null {
  if (typeof value !== "object" || value === null) return null;
  const record = value as Partial<DatasetRecord>;
  if (record.format !== DATASET_RECORD_FORMAT || !(record.ratingsFile instanceof ArrayBuffer)) return null;
  if (!Array.isArray(record.movies) || typeof record.summary !== "object" || typeof record.histogram !== "object")
    return null;
  const ratingsFile = new Uint8Array(record.ratingsFile);
  if (new TextDecoder().decode(ratingsFile.subarray(0, RATINGS_FILE_MAGIC.length)) !== RATINGS_FILE_MAGIC) return null;
  return {ratingsFile, movies: record.movies, summary: named(record.summary!), histogram: record.histogram!};
}

function named(summary: DatasetSummary): DatasetSummary {
  if (summary.dataset?.origin !== "browser" || !summary.counts || !summary.rows) return summary;
  // A snapshot release (ml-latest-small) was named by its folder at import, which the counts cannot tell again.
  const snapshot = SNAPSHOT_RELEASES.find((r) => summary.dataset.name === browserDataset(r.name).name);
  const moved = summary.report?.movedUser;
  return {
    ...summary,
    dataset: browserDataset(
      movielensName(summaryReleaseCounts(summary), snapshot?.folder),
      moved ? movedUserNote(moved) : "",
      summary.dataset.format
    )
  };
}

/** Turns IndexedDB's errors into messages a reader can act on; a full disk is the likely one. */
export function datasetStorageError(error: DOMException | Error | null): Error {
  if (error?.name === "QuotaExceededError") {
    return new Error(
      "The browser's storage for this site is full, so your dataset was not kept: it works for this visit, " +
        "but you will have to load it again next time. Free some space (for instance, delete old checkpoints on the " +
        "Save and resume page) and load it again to keep it."
    );
  }
  return new Error(
    "The browser would not keep your dataset: its storage for this site is blocked or unavailable (a private " +
      "window does this). It works for this visit; load it again next time.",
    {cause: error ?? undefined}
  );
}

/** The error of a read that failed each time it was tried (idbRead): the dataset is kept, but cannot be read now. */
export function datasetReadError(error: DOMException | null): Error {
  return new Error(
    "The browser could not read the dataset kept on this site, even after trying again. " +
      `Reload the page to try once more, or load the dataset again.${browserSaid(error)}`,
    {cause: error ?? undefined}
  );
}

/** Opens (creating on first use) the database that keeps the imported dataset; `indexedDB` is a parameter for tests. */
export async function openDatasetStore(
  name = DATASET_STORE_NAME,
  factory: IDBFactory | undefined = globalThis.indexedDB
): Promise<DatasetStore> {
  if (!factory)
    throw new Error(
      "This browser has no IndexedDB, so your dataset cannot be kept: it works for this visit, " +
        "but you will have to load it again next time."
    );
  const db = await idbOpen(factory, name, VERSION, (db) => void db.createObjectStore(STORE), datasetStorageError);
  // Another tab upgrading the database must not wait on this one.
  db.onversionchange = () => db.close();
  const write = async (body: (store: IDBObjectStore, tx: IDBTransaction) => void) => {
    const tx = db.transaction(STORE, "readwrite");
    const finished = idbTransactionDone(tx, datasetStorageError);
    try {
      body(tx.objectStore(STORE), tx);
    } catch (error) {
      // A put can throw at once (a value that cannot be cloned): abort, so nothing half-written is committed.
      finished.catch(() => {});
      tx.abort();
      throw datasetStorageError(error as DOMException);
    }
    await finished;
  };
  // A record with its chunks (idbChunks.ts: the dataset's columns, kept as small records beside it).
  const get = (key: string) =>
    idbRead(async () => {
      const tx = db.transaction(STORE);
      return withChunks(
        tx,
        STORE,
        datasetReadError,
        await idbRequest(tx.objectStore(STORE).get(key), datasetReadError)
      );
    });
  return {
    async save(artifacts) {
      const record = toDatasetRecord(artifacts);
      const identity: DatasetIdentity = {savedAt: record.savedAt, name: named(record.summary).dataset.name};
      await write((store, tx) => {
        putWithChunks(tx, STORE, STORE, record, {key: KEY});
        store.put(identity, IDENTITY_KEY);
      });
      announceChange("dataset");
    },
    load: async () => fromDatasetRecord(await get(KEY)),
    async identity() {
      const identity = (await get(IDENTITY_KEY)) as Partial<DatasetIdentity> | undefined;
      if (typeof identity?.savedAt === "string" && typeof identity.name === "string")
        return {savedAt: identity.savedAt, name: identity.name};
      // Stored by a version before identities: read the record itself, once.
      const record = (await get(KEY)) as DatasetRecord | undefined;
      const stored = fromDatasetRecord(record);
      return stored && record ? {savedAt: record.savedAt, name: stored.summary.dataset.name} : null;
    },
    async forget(expected = null) {
      let now: DatasetIdentity | null = null;
      // Read and deleted in one transaction, so a dataset another tab stores meanwhile is never the one forgotten.
      await write((store, tx) => {
        store.get(IDENTITY_KEY).onsuccess = (event) => {
          const stored = (event.target as IDBRequest<DatasetIdentity | undefined>).result ?? null;
          if (expected !== null && stored !== null && stored.savedAt !== expected) {
            now = stored;
            return;
          }
          store.delete(KEY);
          deleteChunks(tx, STORE, STORE, KEY);
          store.delete(IDENTITY_KEY);
        };
      });
      if (now) return {now};
      announceChange("dataset");
      return null;
    },
    close: () => db.close()
  };
}
