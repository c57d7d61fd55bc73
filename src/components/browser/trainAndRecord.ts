import {recordRun} from "./recordRun.js";
import {runInProgress} from "./trainingSession.js";
import type {TrainingSession, TrainingState, TrainOptions} from "./trainingSession.js";
import type {CheckpointInfo, WorkbookStore} from "./workbookStore.js";

/** What to train (the session's TrainOptions, with the dataset's name required) and how to keep it (see recordRun). */
export type TrainAndRecordOptions = TrainOptions & {
  dataset: {catalogue?: string; name: string};
  /** The name the run's model is kept under; recordRun's default names its factors, batch size and epochs. */
  name?: string;
  /** The checkpoint a resumed run continues. */
  resumedFrom?: string;
};

/** A finished (or stopped) run, what recordRun kept of it, and the store's error if keeping it failed. */
export interface RecordedRun {
  final: TrainingState;
  info: CheckpointInfo | null;
  error: Error | null;
}

/**
 * Trains a run on the page's session, then keeps it in the run history and its model as the latest model (recordRun).
 * `store` is the page's open store, or a function that opens one for this run only (closed after). Resolves to null
 * when the run ends in an error (the session's state shows it), and at once, starting nothing, while a run is in
 * progress (a double click, or another button that trains: the run in progress shows on the page); a store that fails
 * to open or write is returned as `error`, for the page to put in words.
 */
export async function trainAndRecord(
  session: TrainingSession,
  store: WorkbookStore | (() => Promise<WorkbookStore>),
  options: TrainAndRecordOptions
): Promise<RecordedRun | null> {
  const {name, resumedFrom, ...train} = options;
  if (runInProgress(session.state.status)) return null;
  const final = await session.train(train);
  if (final.status === "error") return null;
  let opened: WorkbookStore | null = null;
  try {
    const target = typeof store === "function" ? (opened = await store()) : store;
    const info = await recordRun(target, final, {
      dataset: options.dataset.name,
      hyper: options.hyper,
      name,
      resumedFrom
    });
    return {final, info, error: null};
  } catch (error) {
    return {final, info: null, error: error instanceof Error ? error : new Error(String(error))};
  } finally {
    opened?.close();
  }
}
