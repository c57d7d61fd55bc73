import {recallAutoMeasures, rememberAutoMeasure} from "./autoMeasures.js";
import type {
  BackendName,
  BackendSkip,
  BackendTiming,
  EpochRow,
  TrainEvent,
  TrainHyper,
  TrainRequest,
  WorkerMemory
} from "../engine/trainProtocol.js";
import type {MyRating} from "../movielens/myRatingsFile.js";
import type {RunRanking} from "../model/rankingMetrics.js";
import type {IalsRanker} from "../model/ials.js";

/** Everything a page shows about training, rebuilt from the worker's events. */
export interface TrainingState {
  status: "idle" | "loading" | "training" | "finishing" | "done" | "stopped" | "error";
  text: string;
  /** Notes on this run for the reader (how my ratings changed since a resumed checkpoint). */
  notes: string[];
  backend: BackendName | null;
  /** Backends passed over for the one in use, and why. */
  skipped: BackendSkip[];
  /**
   * What "auto" measured before this run (each backend's ratings per second), and the seconds it took; null when the
   * backend was asked for by name or kept from the last run.
   */
  timings: BackendTiming[] | null;
  calibrationSeconds: number | null;
  /** When "auto" measured (ms since 1970), and whether this run kept that measure instead of measuring again. */
  measuredAt: number | null;
  measureKept: boolean;
  data: Extract<TrainEvent, {type: "data"}> | null;
  progress: Extract<TrainEvent, {type: "batch"}> | null;
  /** Epoch rows so far, including those of a checkpoint this run continues. */
  rows: EpochRow[];
  /** Recent batch losses, as (fractional epoch, loss), for a live chart. */
  batchLosses: {x: number; loss: number}[];
  error: string | null;
  /** The trained model's checkpoint, once the run ends. */
  checkpoint: ArrayBuffer | null;
  hyper: TrainHyper | null;
  seconds: number;
  memory: WorkerMemory | null;
  myPredictions: Float32Array | null;
  myRatingsUsed: MyRating[];
  /** The run's ranking evaluation against the baselines, once it ends (null when no epoch finished). */
  ranking: RunRanking | null;
  /** The iALS model fitted beside it (its movies' side), once it ends: what ranks by iALS on Recommendations. */
  ranker: IalsRanker | null;
  /**
   * Whether the run that ended diverged (no better than predicting the mean rating):
   * saveRun keeps it out of the latest model.
   */
  diverged: boolean;
  /**
   * Stop was asked during this run, and the run has not yet ended; once training has ended (`trained`), whether Stop
   * ended it.
   */
  stopping: boolean;
  /**
   * Training has ended and the run, as the page keeps it (the worker's "trained"), is here: its checkpoint, history and
   * predictions; the ranking may still be running.
   */
  trained: boolean;
  /**
   * What became of the run in the page's store, as the page that keeps it reports (markKept): null until then, "kept"
   * once it is, "failed" when it could not be.
   */
  kept: "kept" | "failed" | null;
}

/** What a page passes to start a run. */
export type TrainOptions = Omit<Extract<TrainRequest, {type: "train"}>, "type"> & {
  /** Rows of the checkpoint's history, shown before the new ones. */
  priorRows?: EpochRow[];
};

const IDLE: TrainingState = {
  status: "idle",
  text: "",
  notes: [],
  backend: null,
  skipped: [],
  timings: null,
  calibrationSeconds: null,
  measuredAt: null,
  measureKept: false,
  data: null,
  progress: null,
  rows: [],
  batchLosses: [],
  error: null,
  checkpoint: null,
  hyper: null,
  seconds: 0,
  memory: null,
  myPredictions: null,
  myRatingsUsed: [],
  ranking: null,
  ranker: null,
  diverged: false,
  stopping: false,
  trained: false,
  kept: null
};

/**
 * Whether a run is in progress: starting (loading its data, choosing its backend), training,
 * or finishing (saving and ranking its model).
 */
export function runInProgress(status: TrainingState["status"]): boolean {
  return status === "loading" || status === "training" || status === "finishing";
}

/**
 * Whether Stop can act now: while a run starts or trains; not once it is finishing,
 * since the worker saves and ranks the model in one go.
 */
export function canStop(status: TrainingState["status"]): boolean {
  return status === "loading" || status === "training";
}

/**
 * Drives the training worker and folds its events into a state that a page renders; `subscribe` fits
 * Framework's `Generators.observe`. One run at a time; `stop` ends it early and still yields its model. The worker
 * (TF.js and the training step, 1.5 MB of script) starts with the first run, not with the page: a page that never
 * trains never loads it, and opens that much sooner.
 */
export function createTrainingSession(
  workerUrl: string | URL,
  {locks = globalThis.navigator?.locks}: {locks?: Pick<LockManager, "request">} = {}
) {
  let worker: Worker | null = null;
  let terminated = false;
  let state: TrainingState = {...IDLE};
  const listeners = new Set<(state: TrainingState) => void>();
  const emit = (next: Partial<TrainingState>) => {
    state = {...state, ...next};
    for (const listener of listeners) listener(state);
  };
  const ended = new Set<(state: TrainingState) => void>();
  // The run in progress's listener for the moment training ends (train's onTrained).
  let onTrained: ((state: TrainingState) => void) | null = null;
  const onMessage = (e: TrainEvent) => {
    switch (e.type) {
      case "watching":
        return;
      case "status":
        return emit(e.finishing ? {status: "finishing", text: e.text} : {text: e.text});
      case "note":
        return emit({notes: [...state.notes, e.text]});
      case "backend": {
        const {backend, skipped, timings, calibrationSeconds, measuredAt, shape, kept} = e;
        // A fresh measure is kept for the rest of this browser's visit (autoMeasures.ts).
        if (timings && calibrationSeconds !== undefined && measuredAt !== undefined && shape && !kept)
          rememberAutoMeasure({shape, backend, skipped, timings, calibrationSeconds, measuredAt});
        return emit({
          backend,
          skipped,
          timings: timings ?? null,
          calibrationSeconds: calibrationSeconds ?? null,
          measuredAt: measuredAt ?? null,
          measureKept: kept ?? false
        });
      }
      case "data":
        return emit({data: e});
      case "batch":
        return emit({
          status: "training",
          progress: e,
          batchLosses: [...state.batchLosses.slice(-2000), {x: e.epoch + e.batch / e.batches, loss: e.loss}]
        });
      case "epoch":
        return emit({rows: [...state.rows, e.row]});
      case "trained": {
        emit({
          trained: true,
          checkpoint: e.checkpoint,
          seconds: e.seconds,
          memory: e.memory,
          myPredictions: e.myPredictions,
          myRatingsUsed: e.myRatingsUsed,
          diverged: e.diverged,
          // Whether Stop ended the run: a Stop asked after the last batch did not.
          stopping: e.stopped
        });
        const listener = onTrained;
        onTrained = null;
        listener?.(state);
        return;
      }
      case "done":
        emit({
          status: e.stopped ? "stopped" : "done",
          trained: true,
          text: e.stopped ? "Stopped." : "Done.",
          checkpoint: e.checkpoint,
          seconds: e.seconds,
          memory: e.memory,
          myPredictions: e.myPredictions,
          myRatingsUsed: e.myRatingsUsed,
          ranking: e.ranking,
          ranker: e.ranker,
          diverged: e.diverged,
          // Whether Stop ended the run: a Stop asked after the last batch did not.
          stopping: e.stopped
        });
        break;
      case "error":
        // Said on the console too, so a failed run is never silent (and browser tests fail on it).
        console.error(`Training failed: ${e.message}`);
        // A run refused before it trained (a checkpoint of another dataset) shows no epochs: none were trained here.
        emit({
          status: "error",
          stopping: false,
          error: e.message,
          text: e.message,
          rows: state.status === "loading" ? [] : state.rows
        });
        // The worker's backend cannot run again (its GPU device was lost): the next run gets a new worker.
        if (e.restart) retireWorker();
        break;
    }
    endRun();
  };
  const endRun = () => {
    for (const resolve of ended) resolve(state);
    ended.clear();
  };
  // The run in progress ends in words when its worker ends without a word (a browser ends a worker that runs out of
  // memory with no error event: whatwg/html#319), and the next run gets a new worker.
  const lost = (gone: Worker) => {
    if (terminated || gone !== worker) return;
    if (runInProgress(state.status)) {
      const error =
        "The training worker stopped without a word (browsers end a worker that runs out of memory this way), so " +
        "this run was lost. Train again: it starts on a new worker.";
      console.error(error);
      emit({status: "error", stopping: false, error, text: error});
      endRun();
    }
    retireWorker();
  };
  /** Ends the worker, if any: the next run starts a new one. */
  const retireWorker = () => {
    worker?.terminate();
    worker = null;
  };
  const startWorker = (): Worker => {
    const started = (worker = new Worker(workerUrl, {type: "module"}));
    started.onmessage = (event: MessageEvent<TrainEvent>) => {
      if (started === worker) onMessage(event.data);
    };
    started.onerror = (event) => {
      if (started !== worker) return;
      const error = `The training worker failed: ${event.message || "it could not start"}.`;
      console.error(error);
      emit({status: "error", stopping: false, error});
      endRun();
    };
    // The worker holds a Web Lock for its life; it is granted here only once the worker is gone.
    if (locks) {
      const lock = `movielens-workbook:train-worker:${Math.random().toString(36).slice(2)}`;
      const watching = (event: MessageEvent<TrainEvent>) => {
        if (event.data.type !== "watching") return;
        started.removeEventListener("message", watching);
        void locks.request(lock, () => lost(started));
      };
      started.addEventListener("message", watching);
      started.postMessage({type: "watch", lock} satisfies TrainRequest);
    }
    return started;
  };
  return {
    get state() {
      return state;
    },
    /**
     * Starts a run; resolves with the final state when it ends (done, stopped or error). `onTrained` hears the state
     * the moment training ends, with the run's checkpoint and history but before its ranking, to keep the run at once.
     */
    train(
      options: TrainOptions,
      {onTrained: heard}: {onTrained?: (state: TrainingState) => void} = {}
    ): Promise<TrainingState> {
      if (runInProgress(state.status)) return Promise.reject(new Error("A run is already in progress."));
      onTrained = heard ?? null;
      // The worker keeps a backend asked for by name between runs and says nothing more about it, so neither does this
      // state; "auto" measures again and says so, and measurements of an earlier run would mislead.
      emit({
        ...IDLE,
        status: "loading",
        text: "Starting…",
        rows: options.priorRows ?? [],
        hyper: options.hyper,
        backend: state.backend,
        skipped: state.skipped
      });
      const {priorRows: _, ...rest} = options;
      // "auto" starts what it measured earlier in this visit for the run's shape, where it did (the worker decides).
      const measured = options.backend === "auto" ? (options.measured ?? recallAutoMeasures()) : undefined;
      // `?threads=1` on the page's address caps the kernel's threads (to measure one thread on an isolated page).
      const threadsAsked = new URLSearchParams(globalThis.location?.search ?? "").get("threads");
      const request: TrainRequest = {
        type: "train",
        ...rest,
        ...(measured?.length ? {measured} : {}),
        ...(threadsAsked !== null ? {threadsAsked} : {})
      };
      (worker ?? startWorker()).postMessage(request, options.checkpoint ? [options.checkpoint] : []);
      return new Promise((resolve) => ended.add(resolve));
    },
    /** Asks the run to stop after its current batch; the run still ends "stopped", with its model. */
    stop() {
      if (canStop(state.status) && !state.stopping) emit({stopping: true});
      worker?.postMessage({type: "stop"} satisfies TrainRequest);
    },
    /** Records what became of the run in the page's store (TrainingState's `kept`), for the progress to say. */
    markKept(kept: "kept" | "failed") {
      emit({kept});
    },
    subscribe(listener: (state: TrainingState) => void): () => void {
      listeners.add(listener);
      listener(state);
      return () => listeners.delete(listener);
    },
    terminate() {
      terminated = true;
      worker?.terminate();
      listeners.clear();
    }
  };
}

/** A training session, as `createTrainingSession` returns it. */
export type TrainingSession = ReturnType<typeof createTrainingSession>;
