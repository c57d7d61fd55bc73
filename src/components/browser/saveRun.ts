import type {TrainHyper} from "../engine/trainProtocol.js";
import type {TrainingState} from "./trainingSession.js";
import type {CheckpointInfo, WorkbookStore} from "./workbookStore.js";

/** The name a run's model is kept under unless a person names it: "50 factors, bs 256, 3 epochs". */
export function defaultCheckpointName({factors, bs}: Pick<TrainHyper, "factors" | "bs">, epochs: number): string {
  return `${factors} factors, bs ${bs}, ${epochs} ${epochs === 1 ? "epoch" : "epochs"}`;
}

/** A run saveRun kept: its id in the run history, and its latest model's info (null when it diverged). */
export interface SavedRun {
  runId: number;
  info: CheckpointInfo | null;
}

/**
 * Saves a finished (or stopped) run: its record in the run history, and its model as the latest model, unless the run
 * diverged (its model is worse than predicting the mean rating, so the latest model stays as it was, and `info` is
 * null). Returns the run's id, so that its ranking can be added once it is measured (addRanking), and the latest
 * model's info; null when there was nothing to save (no checkpoint, or no epoch). Throws the store's error (e.g. a
 * full disk) for the page to show.
 */
export async function saveRun(
  store: WorkbookStore,
  final: TrainingState,
  {dataset, hyper, name, resumedFrom}: {dataset: string; hyper: TrainHyper; name?: string; resumedFrom?: string}
): Promise<SavedRun | null> {
  if (!final.checkpoint || final.rows.length === 0) return null;
  const savedAt = new Date().toISOString();
  const runId = await store.putRun({
    finishedAt: savedAt,
    dataset,
    backend: final.backend ?? "unknown",
    hyper,
    history: final.rows,
    seconds: final.seconds,
    stopped: final.status === "stopped" || final.stopping,
    ...(final.diverged ? {diverged: true} : {}),
    resumedFrom,
    myPredictions: final.myPredictions,
    myRatingsUsed: final.myRatingsUsed,
    ranking: final.ranking
  });
  if (final.diverged) return {runId, info: null};
  const info: CheckpointInfo = {
    name: name ?? defaultCheckpointName(hyper, final.rows.length),
    savedAt,
    dataset,
    hyper,
    epochs: final.rows.length,
    validLoss: final.rows.at(-1)?.validLoss ?? null,
    bytes: final.checkpoint.byteLength,
    myRatingsUsed: final.myRatingsUsed,
    ranking: final.ranking
  };
  await store.setLatest(info, final.checkpoint, final.ranker);
  return {runId, info};
}

/**
 * Adds a run's ranking, measured after the run was saved (saveRun), to its record in the run history, and with the iALS
 * model to the latest model when that is still this run's (another run, in this tab or another, may have replaced it
 * since). Returns the latest model's info with its ranking.
 */
export async function addRanking(
  store: WorkbookStore,
  kept: SavedRun,
  {ranking, ranker}: Pick<TrainingState, "ranking" | "ranker">
): Promise<CheckpointInfo | null> {
  await store.addRanking(kept.runId, kept.info?.savedAt ?? null, ranking, ranker);
  return kept.info && {...kept.info, ranking};
}
