// The training worker: fetches the ratings, picks a backend, trains, and streams progress to the page. It runs in a
// Web Worker so that training never blocks the page; the page bundles it with a data loader (src/data/trainWorker.js.ts).
import * as tf from "@tensorflow/tfjs";
import {setWasmPaths} from "@tensorflow/tfjs-backend-wasm";
import {BACKENDS, pickBackend} from "./backend.js";
import type {BackendName} from "./backend.js";
import {buildModel} from "./buildModel.js";
import type {CollabModel, EpochRow} from "./buildModel.js";
import {encodeCheckpoint, restoreModel} from "./checkpoint.js";
import {divergenceNote, meanPredictorMse} from "./divergenceNote.js";
import {fit} from "./fit.js";
import {predictUser} from "./predict.js";
import {createRunPace} from "./runPace.js";
import {softwareGpu} from "./softwareGpu.js";
import {decodeRatingsFile} from "../movielens/ratingsFile.js";
import type {RatingsTable} from "../movielens/ratingsFile.js";
import type {BackendSkip, TrainEvent, TrainRequest} from "./trainProtocol.js";
import {withMyRatings} from "../movielens/withMyRatings.js";

const post = (event: TrainEvent, transfer: Transferable[] = []) => (self as unknown as Worker).postMessage(event, transfer);

let controller: AbortController | null = null;
let loaded: {url: string; table: RatingsTable} | null = null;
let backendInUse: BackendName | null = null;
// Why the backend in use, chosen by the reader, runs on the CPU (a software GPU), told again at every run.
let softwareNote: string | null = null;

/** The backends to try, in order: the one asked for, then the ones after it in webgpu → webgl → wasm → cpu. */
function candidates(preferred: BackendName | "auto"): BackendName[] {
  return preferred === "auto" ? [...BACKENDS] : BACKENDS.slice(BACKENDS.indexOf(preferred));
}

async function startBackend(preferred: BackendName | "auto", wasmUrls: Record<string, string>): Promise<void> {
  if (backendInUse && (preferred === "auto" || preferred === backendInUse)) {
    if (softwareNote) post({type: "note", text: softwareNote});
    return;
  }
  setWasmPaths(wasmUrls);
  softwareNote = null;
  const skipped: BackendSkip[] = [];
  if (preferred === "webgpu" || preferred === "webgl") {
    // Forced onto a GPU backend: train there as asked, but say so when that "GPU" is a software renderer on the CPU.
    const gpu = await softwareGpu(preferred);
    if (gpu?.why === "software") {
      softwareNote = `You chose ${preferred}, but in this browser it runs on ${gpu.detail.replace(/, which runs on the CPU and is slower than wasm$/, "")}: a software renderer on the CPU, where training is many times slower than on wasm. Choose auto or wasm to train faster.`;
      post({type: "note", text: softwareNote});
    }
  }
  for (const name of candidates(preferred)) {
    if (preferred === "auto" && (name === "webgpu" || name === "webgl")) {
      const gpu = await softwareGpu(name);
      if (gpu) {
        skipped.push({backend: name, ...gpu});
        continue;
      }
    }
    try {
      backendInUse = await pickBackend(name);
      post({type: "backend", backend: backendInUse, skipped});
      return;
    } catch (error) {
      skipped.push({backend: name, why: "failed", detail: (error as Error).message.replace(/^pickBackend: /, "")});
    }
  }
  throw new Error(`No TF.js backend could start in this browser (${skipped.map((s) => `${s.backend}: ${s.detail}`).join("; ")}).`);
}

async function loadTable(url: string): Promise<RatingsTable> {
  if (loaded?.url === url) return loaded.table;
  post({type: "status", text: "Loading the ratings…"});
  const response = await fetch(url);
  if (!response.ok) throw new Error(`Could not load the ratings (${response.status} ${response.statusText}).`);
  const table = decodeRatingsFile(await response.arrayBuffer());
  loaded = {url, table};
  return table;
}

async function train(request: Extract<TrainRequest, {type: "train"}>): Promise<void> {
  controller = new AbortController();
  const {hyper} = request;
  let model: CollabModel | null = null;
  const started = performance.now();
  try {
    const base = await loadTable(request.ratingsUrl);
    const {table, skipped} = request.myRatings ? withMyRatings(base, request.myRatings) : {table: base, skipped: 0};
    const me = table.userIds.indexOf(99999);
    const mine = me < 0 ? 0 : table.user.reduce((n, u) => n + (u === me ? 1 : 0), 0);
    post({type: "data", rows: table.rating2.length, users: table.userIds.length, movies: table.movieIds.length, myRatings: mine, skipped});
    await startBackend(request.backend, request.wasmUrls);
    post({type: "status", text: "Training…"});
    const prior: EpochRow[] = [];
    if (request.checkpoint) {
      const notes: string[] = [];
      model = restoreModel(new Uint8Array(request.checkpoint), table, request.dataset, notes);
      for (const text of notes) post({type: "note", text});
      prior.push(...(model.training?.history ?? []));
    } else {
      model = buildModel({users: table.userIds.length, movies: table.movieIds.length, factors: hyper.factors, seed: hyper.seed});
    }
    const data = {user: table.user, movie: table.movie, rating2: table.rating2};
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
        restart: true,
        signal: controller.signal,
        onBatch: ({epoch, batch, batches, loss, step, totalSteps}) => {
          const t = performance.now();
          // Report at most ~10 times a second: postMessage per batch would flood the page.
          if (t - last < 100 && batch !== batches - 1) return;
          last = t;
          pace ??= createRunPace({bs: hyper.bs, totalSteps});
          post({type: "batch", epoch: prior.length + epoch, batch: batch + 1, batches, loss, ...pace.batch(step, t / 1000)});
        },
        onEpoch: (row) => {
          pace?.epochEnd();
          const numbered = {...row, epoch: prior.length + row.epoch};
          rows.push(numbered);
          post({type: "epoch", row: numbered});
        }
      });
    } catch (error) {
      if (!controller.signal.aborted) throw error;
      stopped = true;
    }
    const history = [...prior, ...rows];
    const diverged = divergenceNote(rows, meanPredictorMse(table.rating2), hyper);
    if (diverged) post({type: "note", text: diverged});
    if (model.training) model.training.history = history;
    const checkpoint = (await encodeCheckpoint(model, table, request.dataset)).buffer as ArrayBuffer;
    const wasm = (tf.backend() as unknown as {wasm?: {HEAPU8: Uint8Array}}).wasm;
    const memory = {
      tensorBytes: tf.memory().numBytes,
      wasmHeapBytes: wasm?.HEAPU8.length ?? 0,
      tableBytes: [table.user, table.movie, table.rating2, base.user, base.movie, base.rating2].reduce((n, a) => n + (a.byteLength ?? 0), 0)
    };
    const myPredictions = me < 0 ? null : await predictUser(model, me);
    const myRatingsUsed = [];
    for (let i = 0; i < table.user.length; ++i) if (table.user[i] === me) myRatingsUsed.push({movieId: table.movieIds[table.movie[i]], rating: table.rating2[i] / 2, timestamp: 0});
    post({type: "done", history, checkpoint, stopped, seconds: (performance.now() - started) / 1000, memory, myPredictions, myRatingsUsed}, [checkpoint]);
  } catch (error) {
    post({type: "error", message: error instanceof Error ? error.message : String(error)});
  } finally {
    model?.dispose();
    controller = null;
    // Before any backend started (the ratings could not be fetched), TF.js has nothing to free, and asking would throw.
    if (backendInUse && tf.memory().numTensors > 0) tf.disposeVariables();
  }
}

self.onmessage = (event: MessageEvent<TrainRequest>) => {
  const request = event.data;
  if (request.type === "stop") controller?.abort();
  else if (request.type === "train") void train(request);
};
