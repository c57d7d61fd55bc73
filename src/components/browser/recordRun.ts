import type {TrainHyper} from "../engine/trainProtocol.js";
import type {TrainingState} from "./trainingSession.js";
import type {CheckpointInfo, WorkbookStore} from "./workbookStore.js";

/**
 * Keeps a finished (or stopped) run: its record in the run history, and its model as the latest model. Returns the
 * latest model's info. Throws the store's error (e.g. a full disk) for the page to show.
 */
export async function recordRun(store: WorkbookStore, final: TrainingState, {dataset, hyper, name, resumedFrom}: {dataset: string; hyper: TrainHyper; name?: string; resumedFrom?: string}): Promise<CheckpointInfo | null> {
  if (!final.checkpoint || final.rows.length === 0) return null;
  const savedAt = new Date().toISOString();
  await store.putRun({
    finishedAt: savedAt,
    dataset,
    backend: final.backend ?? "unknown",
    hyper,
    history: final.rows,
    seconds: final.seconds,
    stopped: final.status === "stopped",
    resumedFrom,
    myPredictions: final.myPredictions,
    myRatingsUsed: final.myRatingsUsed
  });
  const info: CheckpointInfo = {
    name: name ?? `${hyper.factors} factors, bs ${hyper.bs}, ${final.rows.length} ${final.rows.length === 1 ? "epoch" : "epochs"}`,
    savedAt,
    dataset,
    hyper,
    epochs: final.rows.length,
    validLoss: final.rows.at(-1)?.validLoss ?? null,
    bytes: final.checkpoint.byteLength,
    myRatingsUsed: final.myRatingsUsed
  };
  await store.setLatest(info, final.checkpoint);
  return info;
}
