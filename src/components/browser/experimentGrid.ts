// The notebook's experiments in one click: a grid of runs queued one after another on a page's training session, each
// kept in the run history (trainAndSave), with one point per finished run for the grid's chart.
import type {TrainHyper} from "../engine/trainProtocol.js";
import {checkTrainSettings} from "../model/trainSettings.js";
import type {RawSettings} from "../model/trainSettings.js";
import {defaultCheckpointName} from "./saveRun.js";
import {trainAndSave} from "./trainAndSave.js";
import type {TrainAndSaveOptions} from "./trainAndSave.js";
import type {TrainingSession, TrainingState} from "./trainingSession.js";
import type {WorkbookStore} from "./workbookStore.js";

/** One run of a grid as a person edits it: what the notebook varied (n_factors, batch size, epochs). */
export interface GridRow {
  factors: string | number;
  bs: number;
  epochs: string | number;
}

/**
 * The original notebook's five runs, in its order: `collab_learner(n_factors=50)` fitted for 3 epochs; then 20 and 100
 * factors; a smaller batch (bs 64); and the retrain after adding ratings, 5 epochs. The rest (lr_max, wd, seed) come
 * from the Train page, so that the grid reproduces run for run.
 */
export const NOTEBOOK_GRID: readonly GridRow[] = [
  {factors: 50, bs: 256, epochs: 3},
  {factors: 20, bs: 256, epochs: 3},
  {factors: 100, bs: 256, epochs: 5},
  {factors: 50, bs: 64, epochs: 3},
  {factors: 50, bs: 256, epochs: 5}
];

/**
 * Checks a grid as typed, each row over `base` (the Train page's other settings), with the Train page's own rules
 * (checkTrainSettings on a dataset of `users` × `movies`). Returns the runs when every row is valid, else null with
 * each invalid row's errors in words ("Run 2: …"); an empty grid is an error too.
 */
export function checkGrid(
  rows: readonly GridRow[],
  base: Omit<TrainHyper, keyof GridRow>,
  dims: {users: number; movies: number}
): {runs: TrainHyper[] | null; errors: string[]} {
  if (rows.length === 0) return {runs: null, errors: ["The grid is empty: add a run."]};
  const checked = rows.map((row) => checkTrainSettings({...base, ...row} as RawSettings, dims));
  const errors = checked.flatMap((c, i) => Object.values(c.errors).map((e) => `Run ${i + 1}: ${e}`));
  return {runs: errors.length ? null : checked.map((c) => c.settings!), errors};
}

/** One finished (or stopped) run of the grid, as the chart plots it. */
export interface GridPoint {
  /** Its place in the grid, from 0. */
  index: number;
  hyper: TrainHyper;
  /** Training time in the worker, seconds. */
  seconds: number;
  /** The last epoch's valid loss (MSE, stars²), null without an epoch. */
  validLoss: number | null;
  /** NDCG@10 of the model on held-out ratings, null when the run reports no ranking metrics. */
  ndcg: number | null;
  stopped: boolean;
}

/** Where a grid stands: the runs planned, the one training (its index) and the points of those finished. */
export interface GridState {
  /** "refused": the grid did not start, for the reason in `error` (the page's view was stale: see `run`'s check). */
  status: "idle" | "running" | "done" | "stopped" | "error" | "refused";
  runs: TrainHyper[];
  current: number | null;
  points: GridPoint[];
  /** Why the grid ended early: a failed run (the session's error) or a store that could not keep a run. */
  error: string | null;
}

/**
 * A run's point: its settings, its time, its last valid loss and, when the run reports ranking metrics, its NDCG@10
 * as the run's ranking table compares it with the baselines: the model with popularity blended in (RunRanking.blended).
 */
export function gridPoint(index: number, hyper: TrainHyper, final: TrainingState): GridPoint {
  return {
    index,
    hyper,
    seconds: final.seconds,
    validLoss: final.rows.at(-1)?.validLoss ?? null,
    ndcg: final.ranking?.blended.ndcg ?? null,
    stopped: final.status === "stopped"
  };
}

/**
 * The best run so far among those that finished (not stopped): the highest NDCG@10 when every one reports it, else the
 * lowest valid loss; ties go to the earlier run. Null when none finished.
 */
export function bestPoint(points: readonly GridPoint[]): GridPoint | null {
  const finished = points.filter((p) => !p.stopped && p.validLoss !== null && Number.isFinite(p.validLoss));
  const byNdcg = finished.length > 0 && finished.every((p) => p.ndcg !== null);
  const score = (p: GridPoint) => (byNdcg ? p.ndcg! : -p.validLoss!);
  return finished.reduce<GridPoint | null>((best, p) => (best === null || score(p) > score(best) ? p : best), null);
}

/** Where a grid stands, in one line for the page: the run in progress, or how the grid ended. */
export function gridSummary(state: GridState): string {
  const total = state.runs.length,
    kept = state.points.length;
  const runs = (n: number) => `${n} ${n === 1 ? "run" : "runs"}`;
  switch (state.status) {
    case "idle":
      return "No grid has run yet on this page.";
    case "running":
      // Between a run's point and the next run's start, the run just kept is still the current one.
      return (
        `Training run ${(state.current ?? 0) + 1} of ${total}; ` +
        `${runs(Math.min(kept, state.current ?? kept))} finished.`
      );
    case "done":
      return `Done: ${runs(kept)}, each kept in the run history (see Compare models).`;
    case "stopped":
      // Stop may come as a run ends: then no run was stopped, and the line does not say one was.
      if (!kept) return `Stopped before any of the ${runs(total)} was kept.`;
      return state.points.at(-1)!.stopped
        ? `Stopped after ${runs(kept)} of ${total}; the stopped run is kept too.`
        : `Stopped after ${runs(kept)} of ${total}: the last had finished before Stop took effect, and the rest did ` +
            "not run.";
    case "error":
      return `The grid ended early after ${runs(kept)}: ${state.error}`;
    case "refused":
      return `The grid did not run: ${state.error}`;
  }
}

/** What every run of a grid trains on: the page's request less the settings, which each run brings. */
export type GridRequest = Omit<TrainAndSaveOptions, "hyper" | "name" | "resumedFrom">;

const IDLE: GridState = {status: "idle", runs: [], current: null, points: [], error: null};

/**
 * Queues grids of runs on a page's training session, one run after another, each kept by trainAndSave in `store`
 * (an open store, or a function opening one per run). `subscribe` fits Framework's `Generators.observe`. `stop` stops
 * the run in progress (it is still kept, as a stopped run) and the runs after it. A run that fails, or a store that
 * cannot keep it, ends the grid with `error`.
 */
export function createExperimentGrid(session: TrainingSession, store: WorkbookStore | (() => Promise<WorkbookStore>)) {
  let state: GridState = IDLE;
  let stopping = false;
  const listeners = new Set<(state: GridState) => void>();
  const emit = (next: Partial<GridState>) => {
    state = {...state, ...next};
    for (const listener of listeners) listener(state);
  };
  return {
    get state() {
      return state;
    },
    /**
     * Trains `runs` in order with `request` (read once per run, so each run trains on my ratings as they are then);
     * resolves with the grid's final state. While a grid is running (a double click), starts nothing and resolves at
     * once with the state of the grid in progress, which the page already shows. `check` runs first, and a reason it
     * gives refuses the grid ("refused", with that reason), training nothing.
     */
    async run(
      runs: readonly TrainHyper[],
      request: () => GridRequest,
      {check}: {check?: () => Promise<string | null>} = {}
    ): Promise<GridState> {
      if (state.status === "running") return state;
      stopping = false;
      emit({status: "running", runs: [...runs], current: null, points: [], error: null});
      // What is stored now, checked first (another tab may have changed the dataset): a reason refuses the grid.
      const refused = check ? await check() : null;
      if (refused) return (emit({status: "refused", current: null, error: refused}), state);
      for (let i = 0; i < runs.length && !stopping; ++i) {
        emit({current: i});
        const hyper = runs[i];
        const name = `Grid run ${i + 1} of ${runs.length}: ${defaultCheckpointName(hyper, hyper.epochs)}`;
        let recorded: Awaited<ReturnType<typeof trainAndSave>>;
        try {
          recorded = await trainAndSave(session, store, {...request(), hyper, name});
        } catch (error) {
          return (
            emit({status: "error", current: null, error: error instanceof Error ? error.message : String(error)}),
            state
          );
        }
        if (!recorded)
          return (emit({status: "error", current: null, error: session.state.error ?? `Run ${i + 1} failed.`}), state);
        emit({points: [...state.points, gridPoint(i, hyper, recorded.final)]});
        if (recorded.error)
          return (
            emit({status: "error", current: null, error: `Could not save run ${i + 1}: ${recorded.error.message}`}),
            state
          );
        if (recorded.final.status === "stopped") stopping = true;
      }
      emit({status: stopping ? "stopped" : "done", current: null});
      return state;
    },
    /** Stops the run in progress and the grid with it. */
    stop() {
      if (state.status !== "running") return;
      stopping = true;
      session.stop();
    },
    subscribe(listener: (state: GridState) => void): () => void {
      listeners.add(listener);
      listener(state);
      return () => listeners.delete(listener);
    }
  };
}

/** An experiment grid, as `createExperimentGrid` returns it. */
export type ExperimentGrid = ReturnType<typeof createExperimentGrid>;
