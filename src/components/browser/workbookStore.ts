import type {EpochRow, TrainHyper} from "../engine/trainProtocol.js";
import type {RunRanking} from "../model/rankingMetrics.js";
import type {MyRating} from "../movielens/myRatingsFile.js";
import {idbOpen, idbRequest, idbTransactionDone} from "./idbRequest.js";

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

/** The browser's store for runs, checkpoints and the latest trained model (IndexedDB). */
export interface WorkbookStore {
  putRun(run: RunRecord): Promise<number>;
  listRuns(): Promise<RunRecord[]>;
  saveCheckpoint(info: CheckpointInfo, bytes: ArrayBuffer): Promise<number>;
  listCheckpoints(): Promise<CheckpointInfo[]>;
  getCheckpoint(id: number): Promise<{info: CheckpointInfo; bytes: ArrayBuffer} | null>;
  deleteCheckpoint(id: number): Promise<void>;
  /** The model of the latest finished run, overwritten by each run, so a reload never loses a finished model. */
  setLatest(info: CheckpointInfo, bytes: ArrayBuffer): Promise<void>;
  getLatest(): Promise<{info: CheckpointInfo; bytes: ArrayBuffer} | null>;
  close(): void;
}

/** The IndexedDB database that holds the runs, the checkpoints and the latest model. */
export const STORE_NAME = "movielens-workbook";
const VERSION = 1;

/** Turns IndexedDB's errors into messages a reader can act on; a full disk is the likely one. */
export function storageError(error: DOMException | null): Error {
  if (error?.name === "QuotaExceededError") {
    return new Error(
      "The browser's storage for this site is full, so nothing was saved. " +
        "Delete old checkpoints on the Save and resume page, or download them and free some space."
    );
  }
  return new Error(`The browser's storage failed: ${error?.message ?? "unknown error"}.`);
}

const request = <T>(r: IDBRequest<T>) => idbRequest(r, storageError);

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
      db.createObjectStore("runs", {keyPath: "id", autoIncrement: true});
      db.createObjectStore("checkpoints", {keyPath: "id", autoIncrement: true});
      db.createObjectStore("checkpointBytes");
      db.createObjectStore("latest");
    },
    storageError
  );
  const write = async (stores: string[], body: (tx: IDBTransaction) => void) => {
    const tx = db.transaction(stores, "readwrite");
    body(tx);
    await idbTransactionDone(tx, storageError);
  };
  return {
    async putRun(run) {
      let id = 0;
      await write(["runs"], (tx) => {
        const {id: _, ...record} = run;
        tx.objectStore("runs").add(record).onsuccess = (e) => (id = (e.target as IDBRequest<number>).result);
      });
      return id;
    },
    listRuns: () => request(db.transaction("runs").objectStore("runs").getAll()),
    async saveCheckpoint(info, bytes) {
      let id = 0;
      await write(["checkpoints", "checkpointBytes"], (tx) => {
        const {id: _, ...record} = info; // the store assigns the id
        tx.objectStore("checkpoints").add(record).onsuccess = (e) => {
          id = (e.target as IDBRequest<number>).result;
          tx.objectStore("checkpointBytes").put(bytes, id);
        };
      });
      return id;
    },
    listCheckpoints: () => request(db.transaction("checkpoints").objectStore("checkpoints").getAll()),
    async getCheckpoint(id) {
      const tx = db.transaction(["checkpoints", "checkpointBytes"]);
      const [info, bytes] = await Promise.all([
        request(tx.objectStore("checkpoints").get(id)),
        request(tx.objectStore("checkpointBytes").get(id))
      ]);
      return info && bytes ? {info, bytes} : null;
    },
    async deleteCheckpoint(id) {
      await write(["checkpoints", "checkpointBytes"], (tx) => {
        tx.objectStore("checkpoints").delete(id);
        tx.objectStore("checkpointBytes").delete(id);
      });
    },
    async setLatest(info, bytes) {
      await write(["latest"], (tx) => {
        tx.objectStore("latest").put({info, bytes}, "model");
      });
    },
    async getLatest() {
      return (await request(db.transaction("latest").objectStore("latest").get("model"))) ?? null;
    },
    close: () => db.close()
  };
}
