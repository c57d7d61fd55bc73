import {holdPageOpen, whileHoldingPageOpen} from "./holdPageOpen.js";
import {addRanking, saveRun} from "./saveRun.js";
import type {SavedRun} from "./saveRun.js";
import {runInProgress} from "./trainingSession.js";
import type {TrainingSession, TrainingState, TrainOptions} from "./trainingSession.js";
import type {CheckpointInfo, WorkbookStore} from "./workbookStore.js";

/** What to train (the session's TrainOptions, with the dataset's name required) and how to keep it (see saveRun). */
export type TrainAndSaveOptions = TrainOptions & {
  dataset: {catalogue?: string; name: string};
  /** The name the run's model is kept under; defaultCheckpointName names its factors, batch size and epochs. */
  name?: string;
  /** The checkpoint a resumed run continues. */
  resumedFrom?: string;
  /**
   * Hears that the run is kept, the moment it is (before its ranking is measured): its record is written, and its model
   * is the latest model, whose info this gets; null when the run diverged, and its model was not made the latest.
   */
  onKept?: (info: CheckpointInfo | null) => void;
  /** Hears that the run's ranking measures are saved with it, once they are (after the worker's "done"). */
  onRanked?: () => void;
};

/** A finished (or stopped) run, what saveRun kept of it, and the store's error if keeping it failed. */
export interface TrainAndSaveResult {
  final: TrainingState;
  info: CheckpointInfo | null;
  error: Error | null;
}

const asError = (error: unknown) => (error instanceof Error ? error : new Error(String(error)));

/**
 * Trains a run on the page's session and keeps it in the run history, its model as the latest model (saveRun).
 * The run is kept the moment training ends, before its ranking is measured (the session's onTrained); the ranking is
 * added when it comes (addRanking), so a page left during the ranking still keeps the run. From the moment training
 * ends (or Stop is asked) until the run is kept, the page is held open (holdPageOpen): leaving asks first.
 *
 * `store` is the page's open store, or a function that opens one for this run only (closed after). Resolves to null
 * when the run ends in an error (the session's state shows it), and at once, starting nothing, while a run is in
 * progress (a double click, or another button that trains: the run in progress shows on the page); a store that fails
 * to open or write is returned as `error`, for the page to put in words.
 */
export async function trainAndSave(
  session: TrainingSession,
  store: WorkbookStore | (() => Promise<WorkbookStore>),
  options: TrainAndSaveOptions
): Promise<TrainAndSaveResult | null> {
  const {name, resumedFrom, onKept, onRanked, ...train} = options;
  if (runInProgress(session.state.status)) return null;
  const names = {dataset: options.dataset.name, hyper: options.hyper, name, resumedFrom};
  let opened = null as Promise<WorkbookStore> | null;
  const target = () => (typeof store === "function" ? (opened ??= store()) : Promise.resolve(store));
  let keeping: Promise<{kept: SavedRun | null; error: Error | null}> | null = null;
  let release = null as (() => void) | null;
  const keep = (state: TrainingState) =>
    (keeping ??= (async () => {
      try {
        const kept = await saveRun(await target(), state, names);
        session.markKept("kept");
        if (kept) onKept?.(kept.info);
        return {kept, error: null};
      } catch (error) {
        session.markKept("failed");
        return {kept: null, error: asError(error)};
      } finally {
        release?.();
      }
    })());
  const running = session.train(train, {onTrained: (state) => void keep(state)});
  // Held from when training ends, or Stop is asked, with an epoch to keep, until the run is kept.
  const unsubscribe = session.subscribe((state) => {
    if (!release && !keeping && state.rows.length > 0 && (state.stopping || state.status === "finishing"))
      release = holdPageOpen();
  });
  try {
    const final = await running;
    if (final.status === "error") return null;
    const early = keeping !== null;
    const {kept, error} = await keep(final);
    if (error) return {final, info: null, error};
    if (!early || !kept) {
      if (kept && final.ranking) onRanked?.();
      return {final, info: kept?.info ?? null, error: null};
    }
    try {
      // A write like the run's own: the page is held open until it is done.
      const info = await whileHoldingPageOpen(async () => addRanking(await target(), kept, final));
      if (final.ranking) onRanked?.();
      return {final, info, error: null};
    } catch (error) {
      return {final, info: kept.info, error: asError(error)};
    }
  } finally {
    unsubscribe();
    release?.();
    if (opened)
      void opened.then(
        (s) => s.close(),
        () => {}
      );
  }
}

/**
 * What the Train page says once a run is kept (trainAndSave's onKept): saved to the run history, or, where the
 * browser cannot keep runs (`problem`), kept in this page's memory, said as such and never as saved; and whether its
 * model became the latest (`info` is null when the run diverged); `ranked` once its ranking measures are kept too.
 */
export function keptMessage(info: CheckpointInfo | null, problem: unknown, ranked = false): string {
  const kept = problem
    ? "Kept this run in this page's run history until you leave the page (see the note above)"
    : "Saved this run to the run history";
  const measures = ranked ? " Its ranking measures are kept with it." : "";
  return info
    ? `${kept}, and its model as the latest model.${measures}`
    : `${kept}. It diverged, so its model did not replace the latest model: Recommendations keep using the one ` +
        `before.${measures}`;
}

/** What a page says when keeping a run failed: nothing was saved, or the run was, and only its ranking was not. */
export function savedError({info, error}: Pick<TrainAndSaveResult, "info" | "error">): string {
  const reason = error?.message ?? "";
  return info ? `Saved this run, but not its ranking measures: ${reason}` : `Could not save this run: ${reason}`;
}
