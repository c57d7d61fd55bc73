import type {BackendName, BackendSkip} from "./backend.js";
import type {EpochRow} from "./buildModel.js";
import type {BackendTiming as Timing} from "./calibrateBackends.js";
import type {MyRating} from "../movielens/myRatingsFile.js";
import type {RunRanking} from "../model/rankingMetrics.js";
import type {IalsRanker} from "../model/ials.js";
import type {TrainHyper} from "../trainDefaults.js";

// The engine's types that code outside engine/ needs, so that it imports only this file's types and never TF.js.
export type {BackendName, BackendSkip} from "./backend.js";
export type {EpochRow, FitState} from "./buildModel.js";
export type {SplitKind, TrainHyper} from "../trainDefaults.js";

/**
 * One backend's training speed as "auto" measured it before a run (calibrateBackends.ts): ratings per second,
 * and whether it is a software GPU.
 */
export type BackendTiming = Timing<BackendName>;

/**
 * What "auto" measured for one model shape (`shape`: autoShape's words for the users, movies, factors and batch size):
 * the backend it chose, those it passed over, each backend's timing, the seconds it took and when (ms since 1970).
 * A later "auto" run of the same shape, in the same browser's visit, starts that backend without measuring again.
 */
export interface AutoMeasure {
  shape: string;
  backend: BackendName;
  skipped: BackendSkip[];
  timings: BackendTiming[];
  calibrationSeconds: number;
  measuredAt: number;
}

/** Messages the page sends to the training worker. */
export type TrainRequest =
  | {
      type: "train";
      ratingsUrl: string;
      wasmUrls: Record<string, string>;
      backend: BackendName | "auto";
      hyper: TrainHyper;
      /** My ratings from the browser; null keeps the build's my_ratings.dat. */
      myRatings: MyRating[] | null;
      /** A checkpoint to continue from: a new one-cycle run of `hyper.epochs` epochs starting at its weights. */
      checkpoint?: ArrayBuffer;
      /** The dataset's catalogue id and name, recorded in the checkpoint and checked when one resumes. */
      dataset?: {catalogue?: string; name?: string};
      /** What "auto" measured earlier in this browser's visit, by model shape: reused for a run of the same shape. */
      measured?: AutoMeasure[];
      /**
       * The page's `?threads=` parameter as written (for measuring: the most threads the WebAssembly kernel may take),
       * which webKernelThreads reads; absent, as many as it gives.
       */
      threadsAsked?: string;
    }
  | {type: "stop"}
  /**
   * Hold the Web Lock of this name for the worker's life, then answer "watching": a browser that ends the worker (for
   * memory, without an error event) releases it, which tells the page that the worker is gone.
   */
  | {type: "watch"; lock: string};

/** What the worker holds at the end of a run: tensor bytes, the wasm backend's heap, and the ratings table. */
export interface WorkerMemory {
  tensorBytes: number;
  wasmHeapBytes: number;
  tableBytes: number;
}

/** Messages the training worker sends back. */
export type TrainEvent =
  /**
   * What the run is doing, in words; `finishing` once training has ended and the worker saves and
   * ranks the model (it cannot stop then).
   */
  | {type: "status"; text: string; finishing?: true}
  /**
   * Something the reader should know about this run, such as how my ratings changed since the checkpoint it resumes.
   */
  | {type: "note"; text: string}
  /**
   * The backend the run trains on, and the ones passed over, with why. When "auto" measured, `timings` gives each
   * backend it timed (in auto's order), `calibrationSeconds` the wall time the measuring took, `measuredAt` when, and
   * `shape` the model shape it measured; `kept` when this run reused that measure instead of measuring again. A
   * forced backend has none of these.
   */
  | {
      type: "backend";
      backend: BackendName;
      skipped: BackendSkip[];
      timings?: BackendTiming[];
      calibrationSeconds?: number;
      measuredAt?: number;
      shape?: string;
      kept?: boolean;
    }
  | {type: "data"; rows: number; users: number; movies: number; myRatings: number; skipped: number}
  /** A batch's loss, with the run's pace (runPace.ts): rates and time left are null until they mean something. */
  | {
      type: "batch";
      epoch: number;
      batch: number;
      batches: number;
      loss: number;
      ratingsPerSecond: number | null;
      etaSeconds: number | null;
    }
  | {type: "epoch"; row: EpochRow}
  /**
   * Training has ended (done or stopped) and the model is encoded: the run as the page keeps it, posted before the
   * slow ranking so that the page keeps the run at once (a page left during the ranking keeps it). Its checkpoint is a
   * copy; "done" transfers the original.
   */
  | ({type: "trained"} & TrainedRun)
  | ({
      type: "done";
      /**
       * The trained model against the three baselines on the run's own held-out ratings (model/evaluateRanking.ts):
       * MSE, RMSE, precision/recall/NDCG/MAP@10, coverage and novelty; null when no epoch finished.
       */
      ranking: RunRanking | null;
      /**
       * The movies' side of the iALS model fitted beside it on the same training ratings (model/ials.ts), what the
       * Recommendations page needs to rank by it; null when no epoch finished.
       */
      ranker: IalsRanker | null;
    } & TrainedRun)
  /** The run failed; `restart` when the worker's backend cannot run again (its GPU device was lost). */
  | {type: "error"; message: string; restart?: true}
  /** The worker holds the lock a "watch" asked for. */
  | {type: "watching"};

/** A run whose training has ended, as the worker's "trained" and "done" events carry it. */
export interface TrainedRun {
  history: EpochRow[];
  checkpoint: ArrayBuffer;
  stopped: boolean;
  /** The run ended no better than predicting the mean rating (divergenceNote): its model is not worth using. */
  diverged: boolean;
  seconds: number;
  memory: WorkerMemory;
  /**
   * The trained model's predicted rating of every movie for user 99999 (movie-index order), or null without user 99999.
   */
  myPredictions: Float32Array | null;
  /** The ratings of user 99999 the model was trained on, by movie id. */
  myRatingsUsed: MyRating[];
}
