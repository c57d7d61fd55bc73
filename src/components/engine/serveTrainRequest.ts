// One training run, as the worker does it: fetch the ratings (with my ratings merged in), start a backend, build or
// restore the model, fit it, and post progress, then the checkpoint and my predictions. No worker globals here, so a
// test drives it in Node; trainWorker.ts wires it to the worker's messages.
import * as tf from "@tensorflow/tfjs";
import {BACKENDS, chooseBackend} from "./backend.js";
import type {BackendName} from "./backend.js";
import {buildModel} from "./buildModel.js";
import type {CollabModel, EpochRow} from "./buildModel.js";
import {encodeCheckpoint, restoreModel} from "./checkpoint.js";
import {divergenceNote, meanPredictorMse} from "./divergenceNote.js";
import {fit} from "./fit.js";
import {predictUser} from "./predict.js";
import {createRunPace} from "./runPace.js";
import {timeSteps} from "./timeSteps.js";
import type {TrialRun} from "./timeSteps.js";
import type {AutoMeasure, TrainEvent, TrainRequest} from "./trainProtocol.js";
import {MY_USER_ID} from "../movielens/myRatingsFile.js";
import {decodeRatingsFile} from "../movielens/ratingsFile.js";
import type {RatingsTable} from "../movielens/ratingsFile.js";
import {withMyRatings} from "../movielens/withMyRatings.js";
import {evaluateRanking} from "../model/evaluateRanking.js";
import {rankingUsers} from "../model/rankingTask.js";
import {ialsOptionsFor} from "../model/ials.js";
import {fitRanker, rankerDeviceNote} from "./fitRanker.js";
import type {IalsRanker} from "../model/ials.js";
import {sortSplit} from "../split/Split.js";
import {runSplit} from "../split/runSplit.js";
import {webKernelThreads} from "./webKernelThreads.js";

/** Posts an event to the page; `transfer` lists buffers to move rather than copy (the checkpoint). */
export type PostTrainEvent = (event: TrainEvent, transfer?: Transferable[]) => void;

/**
 * What one worker keeps from run to run: the last ratings table fetched, the backend in use, and what "auto" measured
 * for each model shape (a later "auto" run of a shape measured starts its backend without measuring again).
 */
export interface TrainCache {
  loaded: {url: string; table: RatingsTable} | null;
  backend: BackendName | null;
  /** Why the backend in use, chosen by the reader, runs on the CPU (a software GPU), told again at every run. */
  softwareNote: string | null;
  measured: AutoMeasure[];
}

/** An empty cache: the first run fetches the ratings and chooses a backend. */
export function trainCache(): TrainCache {
  return {loaded: null, backend: null, softwareNote: null, measured: []};
}

/** The model shape "auto" measures, in words: what a step's speed depends on (autoShape). */
export function autoShape({users, movies, hyper: {factors, bs}}: Pick<TrialRun, "users" | "movies" | "hyper">): string {
  return `${users} users × ${movies} movies, ${factors} factors, batch size ${bs}`;
}

/** At most this many shapes are kept (the notebook's grid trains five). */
const KEPT_SHAPES = 8;

export interface ServeTrainRequestOptions {
  /** Aborting it stops the run after the current batch: the run still ends with "done", `stopped: true`. */
  signal?: AbortSignal;
  /** Kept between runs by the caller (trainWorker.ts keeps one for the worker's life); a fresh one by default. */
  cache?: TrainCache;
}

// The page hears of batches at most this often: postMessage per batch would flood it.
const BATCH_MS = 100;

/**
 * Starts the backend asked for, or keeps the one in use when it is the same. "auto" measures every backend on the
 * run's own data and model shape (timeSteps.ts) and says what it measured in the "backend" event; a shape measured
 * before, in this worker or in the page's `measured` (this browser's visit), starts that backend without measuring
 * again, and the event says when it was measured (`kept`). A kept backend that will not start is measured again.
 */
async function startBackend(
  requested: BackendName | "auto",
  wasmUrls: Record<string, string>,
  trial: TrialRun,
  cache: TrainCache,
  post: PostTrainEvent,
  given: readonly AutoMeasure[] = []
): Promise<void> {
  if (cache.backend && requested === cache.backend) {
    if (cache.softwareNote) post({type: "note", text: cache.softwareNote});
    return;
  }
  const shape = autoShape(trial);
  const kept = requested === "auto" ? [...cache.measured, ...given].find((m) => m.shape === shape) : undefined;
  if (kept && (await restart(kept.backend, wasmUrls, cache))) {
    const {backend, skipped, timings, calibrationSeconds, measuredAt} = kept;
    post({type: "backend", backend, skipped, timings, calibrationSeconds, measuredAt, shape, kept: true});
    return;
  }
  cache.backend = cache.softwareNote = null;
  if (requested === "auto") post({type: "status", text: "Measuring each backend on these ratings…"});
  const choice = await chooseBackend(requested, {
    wasmPath: wasmUrls,
    time: requested === "auto" ? timeSteps(trial) : undefined
  });
  cache.backend = choice.backend;
  if (choice.software) {
    // Asked for a GPU backend that is a software renderer: train there as asked, but say that it runs on the CPU.
    cache.softwareNote =
      `You chose ${choice.backend}, but in this browser it runs on ` +
      `${choice.software.replace(/, which runs on the CPU and is slower than wasm$/, "")}: a software renderer on ` +
      `the CPU, where training is many times slower than on wasm. Choose auto or wasm to train faster.`;
    post({type: "note", text: cache.softwareNote});
  }
  const {backend, skipped, timings, calibrationSeconds} = choice;
  if (timings && calibrationSeconds !== undefined) {
    const measured = {shape, backend, skipped, timings, calibrationSeconds, measuredAt: Date.now()};
    cache.measured = [measured, ...cache.measured.filter((m) => m.shape !== shape)].slice(0, KEPT_SHAPES);
    post({type: "backend", ...measured});
  } else post({type: "backend", backend, skipped});
}

/**
 * The measures a page sent that name a backend this build knows, with timings: the page reads them from the browser's
 * session storage, which anything on the site can write, so anything else is ignored.
 */
function usableMeasures(measured: unknown): AutoMeasure[] {
  if (!Array.isArray(measured)) return [];
  return measured.filter(
    (m): m is AutoMeasure =>
      typeof m?.shape === "string" &&
      BACKENDS.includes(m.backend) &&
      Array.isArray(m.skipped) &&
      Array.isArray(m.timings) &&
      m.timings.length > 0 &&
      Number.isFinite(m.calibrationSeconds) &&
      Number.isFinite(m.measuredAt)
  );
}

/** Starts a backend "auto" chose earlier, by name (kept when in use); false when it will not start now. */
async function restart(backend: BackendName, wasmUrls: Record<string, string>, cache: TrainCache): Promise<boolean> {
  if (cache.backend === backend) return true;
  try {
    cache.backend = (await chooseBackend(backend, {wasmPath: wasmUrls})).backend;
    cache.softwareNote = null;
    return true;
  } catch {
    return false;
  }
}

async function loadTable(url: string, cache: TrainCache, post: PostTrainEvent): Promise<RatingsTable> {
  if (cache.loaded?.url === url) return cache.loaded.table;
  post({type: "status", text: "Loading the ratings…"});
  const response = await fetch(url);
  if (!response.ok) throw new Error(`Could not load the ratings (${response.status} ${response.statusText}).`);
  const table = decodeRatingsFile(await response.arrayBuffer());
  cache.loaded = {url, table};
  return table;
}

/**
 * Runs one training request and posts its events (trainProtocol.ts): "data", "backend" (when it starts one; with
 * "auto", after a "status" while it measures each backend, and with what it measured), "status",
 * "batch" (at most ~10 a second, and each epoch's last), "epoch", any "note", then "trained" the moment training ends
 * (before the ranking, so the page can keep the run at once), then "done" with the history, the checkpoint
 * (transferred), user 99999's predictions and the ranking; or "error" with a message, the run's only event after a
 * failure. Never rejects. Frees the model's tensors when it ends.
 */
export async function serveTrainRequest(
  request: Extract<TrainRequest, {type: "train"}>,
  post: PostTrainEvent,
  {signal, cache = trainCache()}: ServeTrainRequestOptions = {}
): Promise<void> {
  const {hyper} = request;
  let model: CollabModel | null = null;
  let gone = false;
  const started = performance.now();
  try {
    const base = await loadTable(request.ratingsUrl, cache, post);
    const {table, skipped} = request.myRatings ? withMyRatings(base, request.myRatings) : {table: base, skipped: 0};
    const me = table.userIds.indexOf(MY_USER_ID);
    const mine = me < 0 ? 0 : table.user.reduce((n, u) => n + (u === me ? 1 : 0), 0);
    post({
      type: "data",
      rows: table.rating2.length,
      users: table.userIds.length,
      movies: table.movieIds.length,
      myRatings: mine,
      skipped
    });
    const data = {user: table.user, movie: table.movie, rating2: table.rating2};
    const splitKind = hyper.split ?? "random";
    const split = runSplit(splitKind, {rows: data.rating2.length, latest: table.latest}, hyper.seed);
    await startBackend(
      request.backend,
      request.wasmUrls,
      {data, users: table.userIds.length, movies: table.movieIds.length, hyper},
      cache,
      post,
      usableMeasures(request.measured)
    );
    post({type: "status", text: "Training…"});
    const prior: EpochRow[] = [];
    if (request.checkpoint) {
      const notes: string[] = [];
      model = restoreModel(new Uint8Array(request.checkpoint), table, request.dataset, notes);
      for (const text of notes) post({type: "note", text});
      prior.push(...(model.training?.history ?? []));
    } else {
      model = buildModel({
        users: table.userIds.length,
        movies: table.movieIds.length,
        factors: hyper.factors,
        seed: hyper.seed
      });
    }
    // Threads for the WebAssembly kernel, said in a line after what the run resumes from: several where the page is
    // cross-origin isolated.
    const web = cache.backend === "wasm" ? webKernelThreads(request.threadsAsked) : null;
    if (web) post({type: "note", text: web.note});
    // A GPU device can be lost mid-run (a driver reset, a backgrounded tab): the run then ends in words.
    const gpu = watchDevice(cache.backend);
    let last = -Infinity;
    let pace: ReturnType<typeof createRunPace> | null = null;
    const rows: EpochRow[] = [];
    let stopped = false;
    try {
      await fit(model, data, {
        epochs: hyper.epochs,
        lrMax: hyper.lrMax,
        wd: hyper.wd,
        bs: hyper.bs,
        seed: hyper.seed,
        split,
        restart: true,
        threads: web?.threads ?? undefined,
        signal: gpu ? AbortSignal.any([gpu.signal, ...(signal ? [signal] : [])]) : signal,
        onBatch: ({epoch, batch, batches, loss, step, totalSteps}) => {
          const t = performance.now();
          if (t - last < BATCH_MS && batch !== batches - 1) return;
          last = t;
          pace ??= createRunPace({bs: hyper.bs, totalSteps});
          post({
            type: "batch",
            epoch: prior.length + epoch,
            batch: batch + 1,
            batches,
            loss,
            ...pace.batch(step, t / 1000)
          });
        },
        onEpoch: (row) => {
          pace?.epochEnd();
          const numbered = {...row, epoch: prior.length + row.epoch};
          rows.push(numbered);
          post({type: "epoch", row: numbered});
        }
      });
    } catch (error) {
      if (gpu && (await gpu.lostNow())) throw deviceLost();
      if (!signal?.aborted) throw error;
      stopped = true;
    }
    const history = [...prior, ...rows];
    const diverged = divergenceNote(rows, meanPredictorMse(table.rating2), hyper);
    if (diverged) post({type: "note", text: diverged});
    if (model.training) Object.assign(model.training, {history, split: splitKind});
    // A run stopped before its first epoch ended has nothing to save: it says nothing of saving.
    if (history.length > 0) post({type: "status", text: "Saving the model…", finishing: true});
    const checkpoint = (await encodeCheckpoint(model, table, request.dataset)).buffer as ArrayBuffer;
    const wasm = (tf.backend() as unknown as {wasm?: {HEAPU8: Uint8Array}}).wasm;
    const memory = {
      tensorBytes: tf.memory().numBytes,
      wasmHeapBytes: wasm?.HEAPU8.length ?? 0,
      tableBytes: [table.user, table.movie, table.rating2, base.user, base.movie, base.rating2].reduce(
        (n, a) => n + (a.byteLength ?? 0),
        0
      )
    };
    const myPredictions = me < 0 ? null : await predictUser(model, me);
    const myRatingsUsed = [];
    for (let i = 0; i < table.user.length; ++i)
      if (table.user[i] === me)
        myRatingsUsed.push({movieId: table.movieIds[table.movie[i]], rating: table.rating2[i] / 2, timestamp: 0});
    // The run, as the page keeps it, before anything slow: a page left during the ranking still keeps the run.
    const trained = {
      history,
      stopped,
      diverged: diverged !== null,
      seconds: (performance.now() - started) / 1000,
      memory,
      myPredictions,
      myRatingsUsed
    };
    post({type: "trained", ...trained, checkpoint: checkpoint.slice(0)});
    let ranking = null;
    let ranker: IalsRanker | null = null;
    if (history.length > 0) {
      // iALS, the ranking model fitted beside the notebook's, on the same training ratings (who rated what).
      const ialsOptions = ialsOptionsFor(split.train.length);
      const fitting = (epoch: number) =>
        post({
          type: "status",
          text: `Fitting the ranking model (iALS): epoch ${epoch} of ${ialsOptions.epochs}…`,
          finishing: true
        });
      fitting(1);
      const {model: ials, device} = await fitRanker(data, table.userIds.length, table.movieIds.length, split.train, {
        ...ialsOptions,
        onEpoch: (epoch) => epoch < ialsOptions.epochs && fitting(epoch + 1)
      });
      const measured = rankerDeviceNote(device);
      if (measured) post({type: "note", text: measured});
      ranker = {factors: ials.factors, movieFactors: ials.movieFactors, options: ials.options};
      const ranking0 = "Ranking every movie for held-out users, against three baselines";
      post({type: "status", text: `${ranking0}…`, finishing: true});
      const [userFactors, movieFactors, userBias, movieBias] = await Promise.all(
        (["userFactors", "movieFactors", "userBias", "movieBias"] as const).map(
          (k) => model!.weights[k].data() as Promise<Float32Array>
        )
      );
      // Training is over, so the split's shuffled order no longer matters: sorted in place, the ranking's passes over
      // it read the table in order instead of at random (on ML-32M's shape, about 80 s → 20 s in Node).
      sortSplit(split);
      ranking = evaluateRanking(
        {userFactors, movieFactors, userBias, movieBias, yRange: [model.yRange[0], model.yRange[1]]},
        data,
        split,
        {
          kind: splitKind,
          maxUsers: rankingUsers(model.movies),
          ials,
          onProgress: (done) => {
            const t = performance.now();
            if (t - last < BATCH_MS) return;
            last = t;
            post({type: "status", text: `${ranking0}: ${Math.floor(done * 100)}%`, finishing: true});
          }
        }
      );
    }
    post(
      {type: "done", ...trained, checkpoint, seconds: (performance.now() - started) / 1000, ranking, ranker},
      ranker ? [checkpoint, ranker.movieFactors.buffer] : [checkpoint]
    );
  } catch (error) {
    const lost = error instanceof DeviceLost;
    post({
      type: "error",
      message: error instanceof Error ? error.message : String(error),
      ...(lost ? {restart: true} : {})
    });
    // This worker's backend is gone with its device: the page starts a new worker, and this one frees nothing more.
    if (lost) gone = true;
  } finally {
    if (!gone) {
      model?.dispose();
      // Before any backend started (the ratings could not be fetched), TF.js has nothing to free, and asking would
      // throw.
      if (cache.backend && tf.memory().numTensors > 0) tf.disposeVariables();
    }
  }
}

/** The error a run ends with when its GPU device was lost: in words, and the page starts a new worker after it. */
class DeviceLost extends Error {}

const deviceLost = () =>
  new DeviceLost(
    "The GPU stopped working during training (its device was lost, as happens when a graphics driver resets or the " +
      "browser reclaims the GPU), so this run ended and nothing was kept. The next run starts on a new GPU device; " +
      "if this happens again, choose wasm."
  );

/** What watchDevice needs of WebGPU's GPUDevice. */
interface LosableDevice {
  lost: Promise<{message: string}>;
}

/**
 * On the webgpu backend, watches its GPU device for loss (WebGPU's `device.lost`): `signal` aborts when it is lost,
 * and `lostNow` says whether it has been, waiting a moment for the news (a failed buffer read can come first). Null on
 * other backends.
 */
function watchDevice(backend: string | null): {signal: AbortSignal; lostNow: () => Promise<boolean>} | null {
  const device = backend === "webgpu" ? (tf.backend() as unknown as {device?: LosableDevice}).device : undefined;
  if (!device) return null;
  const lost = new AbortController();
  void device.lost.then((info) => {
    console.error(`The GPU device was lost: ${info.message}`);
    lost.abort();
  });
  return {
    signal: lost.signal,
    lostNow: async () => {
      if (!lost.signal.aborted) await new Promise((done) => setTimeout(done, 200));
      return lost.signal.aborted;
    }
  };
}
