import type {EpochRow, TrainHyper} from "../engine/trainProtocol.js";
import type {RunRanking} from "../model/rankingMetrics.js";
import type {MyRating} from "../movielens/myRatingsFile.js";
import type {IalsRanker} from "../model/ials.js";
import {deleteChunks, putWithChunks, withChunks} from "./idbChunks.js";
import {browserSaid, idbOpen, idbRead, idbRequest, idbTransactionDone} from "./idbRequest.js";
import {announceChange} from "./workbookChannel.js";

/** A completed (or stopped) training run, kept so later pages can compare runs. */
export interface RunRecord {
  id?: number;
  finishedAt: string;
  dataset: string;
  backend: string;
  hyper: TrainHyper;
  history: EpochRow[];
  seconds: number;
  stopped: boolean;
  /** The run diverged (no better than predicting the mean rating); its model was not made the latest model. */
  diverged?: boolean;
  /** The checkpoint this run continued from, if any. */
  resumedFrom?: string;
  /** The file a run card was imported from on Compare (readRunCards.ts): a run kept elsewhere, shown, never stored. */
  importedFrom?: string;
  /**
   * Predicted ratings of every movie for user 99999 (movie-index order), so runs can be compared without their weights.
   */
  myPredictions?: Float32Array | null;
  /** The ratings of user 99999 the run was trained on. */
  myRatingsUsed?: MyRating[];
  /** The run's ranking evaluation against the baselines (absent in records kept before it existed). */
  ranking?: RunRanking | null;
}

/** What the checkpoint list shows; the bytes are stored apart so listing stays cheap. */
export interface CheckpointInfo {
  id?: number;
  name: string;
  savedAt: string;
  dataset: string;
  hyper: TrainHyper;
  epochs: number;
  validLoss: number | null;
  bytes: number;
  /** The ratings of user 99999 the model was trained on, to tell when recommendations need a fold-in. */
  myRatingsUsed?: MyRating[];
  /**
   * The run's ranking evaluation, for the popularity knob's readouts (absent for uploads and models kept before it).
   */
  ranking?: RunRanking | null;
}

/**
 * A kept model: its info, its checkpoint's bytes, and the iALS model fitted with its run (null for an uploaded
 * checkpoint and for models kept before iALS existed).
 */
export interface StoredModel {
  info: CheckpointInfo;
  bytes: ArrayBuffer;
  ranker: IalsRanker | null;
}

/** The browser's store for runs, checkpoints and the latest trained model (IndexedDB). */
export interface WorkbookStore {
  putRun(run: RunRecord): Promise<number>;
  listRuns(): Promise<RunRecord[]>;
  /** Keeps a checkpoint: its info, its bytes, and the iALS model fitted with its run when there is one. */
  saveCheckpoint(info: CheckpointInfo, bytes: ArrayBuffer, ranker?: IalsRanker | null): Promise<number>;
  listCheckpoints(): Promise<CheckpointInfo[]>;
  getCheckpoint(id: number): Promise<StoredModel | null>;
  deleteCheckpoint(id: number): Promise<void>;
  /** The model of the latest finished run, overwritten by each run, so a reload never loses a finished model. */
  setLatest(info: CheckpointInfo, bytes: ArrayBuffer, ranker?: IalsRanker | null): Promise<void>;
  getLatest(): Promise<StoredModel | null>;
  /**
   * Adds a ranking measured after its run was kept: to run `runId`'s record, and with the iALS model to the latest
   * model when that is still the one saved at `latestSavedAt` (null: the run's model was not made the latest).
   */
  addRanking(
    runId: number,
    latestSavedAt: string | null,
    ranking: RunRanking | null,
    ranker: IalsRanker | null
  ): Promise<void>;
  close(): void;
}

/** The IndexedDB database that holds the runs, the checkpoints and the latest model. */
export const STORE_NAME = "movielens-workbook";
/** 2 added the chunks store: large buffers are kept there in small records (chunkedValue.ts). */
const VERSION = 2;

/**
 * Turns IndexedDB's errors into messages a reader can act on, in words, never the browser's own text (kept as the
 * error's cause): a full disk is the likely one; anything else is storage the browser refuses.
 */
export function storageError(error: DOMException | null): Error {
  if (error?.name === "QuotaExceededError") {
    return new Error(
      "The browser's storage for this site is full, so nothing was saved. " +
        "Delete old checkpoints on the Save and resume page, or download them and free some space.",
      {cause: error}
    );
  }
  return new Error(
    "The browser would not save this: its storage for this site is blocked or unavailable (a private window does " +
      "this), so nothing was saved. Allow site data for this site, or download the checkpoint to keep it.",
    {cause: error ?? undefined}
  );
}

/** The error of a read that failed each time it was tried (idbRead): nothing was lost, but it cannot be shown now. */
export function storageReadError(error: DOMException | null): Error {
  return new Error(
    "The browser could not read the runs and models this workbook keeps on this site, even after trying again. " +
      `Reload the page to try once more.${browserSaid(error)}`,
    {cause: error ?? undefined}
  );
}

/** One read, in a fresh transaction each time it is tried. */
const read = <T>(stores: string | string[], body: (tx: IDBTransaction) => Promise<T>, db: IDBDatabase) =>
  idbRead(() => body(db.transaction(stores)));
const request = <T>(r: IDBRequest<T>) => idbRequest(r, storageReadError);

/**
 * Opens (creating on first use) the workbook's IndexedDB database: runs and checkpoints keyed by ids it assigns, each
 * checkpoint's bytes apart, and the latest model. `factory` is the browser's `indexedDB`, a parameter for tests.
 */
export async function openWorkbookStore(
  name = STORE_NAME,
  factory: IDBFactory | undefined = globalThis.indexedDB
): Promise<WorkbookStore> {
  if (!factory) throw new Error("This browser has no IndexedDB, so runs and checkpoints cannot be saved.");
  const db = await idbOpen(
    factory,
    name,
    VERSION,
    (db) => {
      // A database of version 1 has all but the chunks store.
      const missing = (name: string) => !db.objectStoreNames.contains(name);
      if (missing("runs")) db.createObjectStore("runs", {keyPath: "id", autoIncrement: true});
      if (missing("checkpoints")) db.createObjectStore("checkpoints", {keyPath: "id", autoIncrement: true});
      if (missing("checkpointBytes")) db.createObjectStore("checkpointBytes");
      if (missing("latest")) db.createObjectStore("latest");
      if (missing("chunks")) db.createObjectStore("chunks");
    },
    storageError
  );
  // A tab of a newer version upgrading the database (version 2 added the chunks) must not wait on this one.
  db.onversionchange = () => db.close();
  // Every write is said to the workbook's other tabs once it is committed, so their lists follow.
  const write = async (stores: string[], body: (tx: IDBTransaction) => void) => {
    const tx = db.transaction(stores, "readwrite");
    body(tx);
    await idbTransactionDone(tx, storageError);
    announceChange("models");
  };
  return {
    async putRun(run) {
      let id = 0;
      await write(["runs", "chunks"], (tx) => {
        const {id: _, ...record} = run;
        putWithChunks(tx, "chunks", "runs", record, {add: true, onKey: (key) => (id = key as number)});
      });
      return id;
    },
    listRuns: () =>
      read(
        ["runs", "chunks"],
        async (tx) =>
          Promise.all(
            (await request<RunRecord[]>(tx.objectStore("runs").getAll())).map((run) =>
              withChunks(tx, "chunks", storageReadError, run)
            )
          ),
        db
      ),
    async saveCheckpoint(info, bytes, ranker = null) {
      let id = 0;
      await write(["checkpoints", "checkpointBytes", "chunks"], (tx) => {
        const {id: _, ...record} = info; // the store assigns the id
        tx.objectStore("checkpoints").add(record).onsuccess = (e) => {
          id = (e.target as IDBRequest<number>).result;
          // The bytes alone, as before iALS, or with the ranker beside them.
          putWithChunks(tx, "chunks", "checkpointBytes", ranker ? {bytes, ranker} : bytes, {key: id});
        };
      });
      return id;
    },
    listCheckpoints: () => read("checkpoints", (tx) => request(tx.objectStore("checkpoints").getAll()), db),
    async getCheckpoint(id) {
      const [info, kept] = await read(
        ["checkpoints", "checkpointBytes", "chunks"],
        (tx) =>
          Promise.all([
            request<CheckpointInfo | undefined>(tx.objectStore("checkpoints").get(id)),
            request<ArrayBuffer | {bytes: ArrayBuffer; ranker: IalsRanker | null} | undefined>(
              tx.objectStore("checkpointBytes").get(id)
            ).then((stored) => withChunks(tx, "chunks", storageReadError, stored))
          ]),
        db
      );
      if (!info || !kept) return null;
      return kept instanceof ArrayBuffer ? {info, bytes: kept, ranker: null} : {info, ...kept};
    },
    async deleteCheckpoint(id) {
      await write(["checkpoints", "checkpointBytes", "chunks"], (tx) => {
        tx.objectStore("checkpoints").delete(id);
        tx.objectStore("checkpointBytes").delete(id);
        deleteChunks(tx, "chunks", "checkpointBytes", id);
      });
    },
    async setLatest(info, bytes, ranker = null) {
      await write(["latest", "chunks"], (tx) => {
        putWithChunks(tx, "chunks", "latest", {info, bytes, ranker}, {key: "model"});
      });
    },
    async getLatest() {
      const kept = await read(
        ["latest", "chunks"],
        async (tx) =>
          withChunks(
            tx,
            "chunks",
            storageReadError,
            await request<(Omit<StoredModel, "ranker"> & {ranker?: StoredModel["ranker"]}) | undefined>(
              tx.objectStore("latest").get("model")
            )
          ),
        db
      );
      return kept ? {ranker: null, ...kept} : null;
    },
    async addRanking(runId, latestSavedAt, ranking, ranker) {
      // Read and written in one transaction, so a run kept in another tab meanwhile is never overwritten.
      await write(["runs", "latest", "chunks"], (tx) => {
        // The stored forms, as they are, with the ranking: a run's chunks stay; the latest model's bytes keep theirs,
        // and the ranker it replaces loses its own.
        const runs = tx.objectStore("runs");
        runs.get(runId).onsuccess = (e) => {
          const run = (e.target as IDBRequest<RunRecord | undefined>).result;
          if (run) runs.put({...run, ranking});
        };
        if (latestSavedAt === null) return;
        tx.objectStore("latest").get("model").onsuccess = (e) => {
          const model = (e.target as IDBRequest<StoredModel | undefined>).result;
          if (model?.info.savedAt === latestSavedAt)
            putWithChunks(tx, "chunks", "latest", {...model, info: {...model.info, ranking}, ranker}, {key: "model"});
        };
      });
    },
    close: () => db.close()
  };
}
