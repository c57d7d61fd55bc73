import * as tf from "@tensorflow/tfjs";
import type {CollabModel, EpochRow, FitState} from "./buildModel.js";
import {batchCount, epochBatches} from "./batches.js";
import {fusedStep} from "./fusedStep.js";
import {hostStep, hostTables, stepWorkspace} from "./hostStep.js";
import {kernelRun} from "./kernelRun.js";
import type {KernelThreads} from "./kernelRun.js";
import type {RatingRows} from "./hostStep.js";
import {meanSquaredError} from "./meanSquaredError.js";
import {opsStep} from "./opsStep.js";
import {oneCycle} from "./schedule.js";
import {splitRows} from "../split/splitRows.js";
import type {Split} from "../split/Split.js";
import {FASTAI_DEFAULTS, RECIPE_DEFAULTS, TRAIN_DEFAULTS} from "../trainDefaults.js";

/** What `fit` reports after each batch. */
export interface BatchProgress {
  epoch: number;
  batch: number;
  batches: number;
  loss: number;
  lr: number;
  mom: number;
  /** Steps taken in this run, and the steps it is planned for. */
  step: number;
  totalSteps: number;
}

export interface FitOptions {
  /** The epochs the one-cycle schedule is planned for (fastai's n_epoch). */
  epochs?: number;
  lrMax?: number;
  wd?: number;
  bs?: number;
  seed?: number;
  validPct?: number;
  /** "sparse": lazy Adam on the rows a batch touches; "dense": every row at every step, as PyTorch does. */
  mode?: "sparse" | "dense";
  /**
   * "kernel" runs hostKernel.wat's WebAssembly SIMD steps in the kernel's own memory (wasm backend, sparse mode
   * only; see kernelRun.ts); "host" updates the backend's memory in place in plain JS (cpu, wasm); "fused" runs WGSL
   * kernels on the webgpu backend's buffers in place (sparse mode only); "ops" uses TF.js ops (any backend); "auto"
   * picks kernel, else host, else fused, when it can.
   */
  path?: "auto" | "kernel" | "host" | "fused" | "ops";
  /**
   * Threads for the kernel (kernelRun: a shared memory, the ratings in blocks; the same seed and count give the same
   * model). A run resumed partway trains on the threads it started on.
   */
  threads?: KernelThreads;
  /** Pause (resumably) once this many epochs of the run are done; the schedule is still planned for `epochs`. */
  untilEpoch?: number;
  /** Start a new one-cycle run even if the model is partway through one. */
  restart?: boolean;
  onBatch?: (progress: BatchProgress) => void;
  onEpoch?: (row: EpochRow) => void;
  signal?: AbortSignal;
  /** Yield to the event loop at least this often, in milliseconds. */
  yieldMs?: number;
  /**
   * On the GPU paths, the most steps run before their losses are read back:
   * FUSED_READBACK (fused) or OPS_READBACK (ops) by default.
   */
  readback?: number;
  /**
   * The training and validation rows, e.g. a time-aware split (split/splitByTime.ts); default fastai's random split,
   * `splitRows(n, {validPct, seed})`. A resumed run must pass the same split: it is not recorded in the model.
   */
  split?: Split;
}

/**
 * The recipe we recommend with sparse (lazy) Adam: it moves a row only when a batch touches it, where PyTorch's dense
 * Adam keeps moving it on momentum for dozens of steps, so it wants a higher lr_max, and more weight decay to match.
 * Measured on the ML-10M-shaped synthetic set: see `npm run bench`. The values are the Train page's TRAIN_DEFAULTS.
 */
export const LAZY_ADAM_RECIPE = {lrMax: TRAIN_DEFAULTS.lrMax, wd: TRAIN_DEFAULTS.wd} as const;

/** fastai's Adam constants that the recipe does not schedule. */
export const ADAM = {sqrMom: 0.99, eps: 1e-5} as const;

const now = () => performance.now();
/** How long one call of the kernel runs, about (kernelRun's steps): short enough for Stop and progress to follow. */
const KERNEL_CALL_MS = 8;

/** The most steps the ops path runs before it reads their losses back from the backend. */
export const OPS_READBACK = 32;
/** The most steps the fused path runs ahead of the GPU before it reads their losses back. */
export const FUSED_READBACK = 256;

/** The batches' rows copied out in epoch order, so the step reads its inputs sequentially instead of at random. */
function epochColumns(
  data: RatingRows,
  order: Uint32Array,
  into: {user: Uint32Array; movie: Uint32Array; rating2: Uint8Array}
): RatingRows {
  const {user, movie, rating2} = data;
  for (let i = 0; i < order.length; ++i) {
    const r = order[i];
    into.user[i] = user[r];
    into.movie[i] = movie[r];
    into.rating2[i] = rating2[r];
  }
  return into;
}

/** Waits for the next macrotask, so a page or worker can handle events between batches. */
function nextMacrotask(): Promise<void> {
  if (typeof setImmediate === "function") return new Promise((resolve) => setImmediate(resolve));
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

function sameRun(
  t: FitState,
  o: Omit<FitState, "stepsPerEpoch" | "step" | "lossSum" | "seconds" | "history">
): boolean {
  return (
    t.epochs === o.epochs &&
    t.lrMax === o.lrMax &&
    t.wd === o.wd &&
    t.bs === o.bs &&
    t.seed === o.seed &&
    t.validPct === o.validPct &&
    t.mode === o.mode
  );
}

/**
 * Trains the model with fastai's fit_one_cycle recipe (Adam, decoupled weight decay, MSE), reporting each batch and
 * each epoch; resolves to the run's history. A model partway through a run with the same options resumes where it
 * stopped (after `untilEpoch`, an abort, or a checkpoint load).
 * The defaults are fastai's (FASTAI_DEFAULTS: lr_max 1e-3, wd 0.01, bs 256).
 * A NaN or infinite loss throws. On the host and fused paths the diverging step changes nothing (the fused path reads
 * losses back in groups of up to FUSED_READBACK steps, and the GPU skips every update after a non-finite loss); the ops
 * path reads them back in groups of up to OPS_READBACK steps, so by then the diverging step and the rest of its group
 * have been applied.
 */
export async function fit(model: CollabModel, data: RatingRows, options: FitOptions = {}): Promise<EpochRow[]> {
  const {
    epochs = TRAIN_DEFAULTS.epochs,
    lrMax = FASTAI_DEFAULTS.lrMax,
    wd = FASTAI_DEFAULTS.wd,
    bs = FASTAI_DEFAULTS.bs,
    seed = FASTAI_DEFAULTS.seed,
    validPct = RECIPE_DEFAULTS.validPct,
    mode = "sparse",
    path = "auto"
  } = options;
  const {untilEpoch = epochs, restart = false, onBatch, onEpoch, signal, yieldMs = 50} = options;
  if (!(Number.isSafeInteger(epochs) && epochs >= 1))
    throw new TypeError(`fit: epochs must be a positive integer, got ${epochs}`);
  if (!(lrMax > 0 && Number.isFinite(lrMax))) throw new TypeError(`fit: lrMax must be a positive number, got ${lrMax}`);
  if (!(wd >= 0)) throw new TypeError(`fit: wd must be ≥ 0, got ${wd}`);
  if (mode !== "sparse" && mode !== "dense")
    throw new TypeError(`fit: mode must be "sparse" or "dense", got ${JSON.stringify(mode)}`);
  const n = data.rating2.length;
  if (data.user.length !== n || data.movie.length !== n)
    throw new TypeError("fit: user, movie and rating2 must have the same length");
  const split = options.split ?? splitRows(n, {validPct, seed});
  let t = model.training;
  const partway = t && !restart && t.step < t.epochs * t.stepsPerEpoch ? t : null;
  const threads = partway ? (partway.threads ?? 1) : (options.threads?.count ?? 1);
  if (threads > 1 && !options.threads)
    throw new TypeError(`fit: the model is partway through a run on ${threads} threads; resume it on as many`);
  const kernel =
    mode === "sparse" && (path === "auto" || path === "kernel")
      ? await kernelRun(model, data, {
          bs,
          train: split.train,
          valid: split.valid,
          threads: threads > 1 ? {count: threads, spawn: options.threads!.spawn} : undefined
        })
      : null;
  const stepsPerEpoch = kernel ? kernel.stepsPerEpoch : batchCount(split.train.length, bs);
  const run = {epochs, lrMax, wd, bs, seed, validPct, mode, ...(kernel && kernel.threads > 1 ? {threads} : {})};
  const totalSteps = epochs * stepsPerEpoch;
  try {
    if (path === "kernel" && !kernel)
      throw new TypeError('fit: path "kernel" needs the wasm backend with WebAssembly SIMD, and sparse mode');
    if (stepsPerEpoch < 1) throw new TypeError(`fit: ${split.train.length} training rows make no full batch of ${bs}`);
    if (partway) {
      if (!sameRun(partway, run)) {
        const was = {
          epochs: partway.epochs,
          lrMax: partway.lrMax,
          wd: partway.wd,
          bs: partway.bs,
          seed: partway.seed,
          validPct: partway.validPct,
          mode: partway.mode
        };
        throw new TypeError(
          `fit: the model is partway through a run with ${JSON.stringify(was)}; ` +
            `pass the same options to resume it, or restart: true`
        );
      }
      if (partway.stepsPerEpoch !== stepsPerEpoch)
        throw new TypeError(
          `fit: the model's run has ${partway.stepsPerEpoch} steps per epoch, but this data gives ${stepsPerEpoch}: ` +
            `is it the same dataset?`
        );
    } else {
      t = model.training = {...run, stepsPerEpoch, step: 0, lossSum: 0, seconds: 0, history: []};
    }
  } catch (error) {
    kernel?.dispose();
    throw error;
  }
  const state = t!;
  const schedule = oneCycle({lrMax});
  const [lo, hi] = model.yRange;
  // The plain-JS step's scratch memory, only where it runs (kernelRun keeps its own).
  const ws = kernel ? null : stepWorkspace(model.users, model.movies, model.factors, bs);
  const useHost = kernel !== null || path === "host" || (path === "auto" && hostTables(model) !== null);
  if (useHost && !hostTables(model)) throw new TypeError('fit: path "host" needs the cpu or wasm backend');
  const fused =
    !useHost && mode === "sparse" && (path === "auto" || path === "fused")
      ? await fusedStep(model, data, {bs, sqrMom: ADAM.sqrMom, eps: ADAM.eps})
      : null;
  if (path === "fused" && !fused) throw new TypeError('fit: path "fused" needs the webgpu backend and sparse mode');
  const readback = options.readback ?? (fused ? FUSED_READBACK : OPS_READBACK);

  // On the plain-JS host path, each epoch's rows are copied out in order (random reads once, not in every step),
  // and batch b is rows b·bs….
  const n0 = split.train.length;
  // The kernel keeps the rows in its own memory (kernelRun), so it needs no copy of the epoch here.
  const copyEpoch = useHost && !kernel;
  const ordered = copyEpoch
    ? {user: new Uint32Array(n0), movie: new Uint32Array(n0), rating2: new Uint8Array(n0)}
    : null;
  const sequence = copyEpoch ? new Uint32Array(stepsPerEpoch * bs) : null;
  if (sequence) for (let i = 0; i < sequence.length; ++i) sequence[i] = i;

  let mark = now(),
    lastYield = mark;
  const clock = () => {
    const t1 = now();
    state.seconds += (t1 - mark) / 1000;
    mark = t1;
  };
  // Steps whose loss is known: the host path knows it at once; the ops path reads its losses back in groups (below).
  const record = (epoch: number, batch: number, loss: number, lr: number, mom: number, step: number) => {
    if (!Number.isFinite(loss)) {
      throw new Error(
        `Training diverged at epoch ${epoch}, batch ${batch}: loss is ${loss}. ` +
          `Try a lower learning rate (lr_max ${lrMax} now).`
      );
    }
    state.lossSum += loss;
    onBatch?.({epoch, batch, batches: stepsPerEpoch, loss, lr, mom, step, totalSteps});
  };
  // On a GPU, reading a loss back waits for the GPU to finish and stalls the queue, so the ops path reads up to
  // OPS_READBACK steps' losses in one go: the GPU runs ahead while the CPU encodes the next steps.
  // The fused path keeps its losses on the GPU (no loss tensor) and reads them back the same way.
  const pending: {loss?: tf.Scalar; epoch: number; batch: number; lr: number; mom: number; step: number}[] = [];
  const drain = async () => {
    if (pending.length === 0) return;
    const group = pending.splice(0);
    const stacked = fused ? null : tf.stack(group.map((p) => p.loss!));
    try {
      const values = stacked ? await stacked.data() : await fused!.losses(group[0].batch, group.at(-1)!.batch + 1);
      // On the fused path the diverging step and the ones queued after it changed nothing:
      // uncount them, as on the host path.
      const bad = fused ? values.findIndex((v) => !Number.isFinite(v)) : -1;
      if (bad >= 0) {
        state.step -= group.length - bad;
        model.adamStep -= group.length - bad;
      }
      group.forEach((p, i) => record(p.epoch, p.batch, values[i], p.lr, p.mom, p.step));
    } finally {
      stacked?.dispose();
      for (const p of group) p.loss?.dispose();
    }
  };
  /** The optimizer's settings for the step `ahead` steps after the next one. */
  const stepHyper = (ahead: number) => ({
    ...schedule((state.step + ahead) / totalSteps),
    sqrMom: ADAM.sqrMom,
    eps: ADAM.eps,
    wd,
    step: model.adamStep + 1 + ahead,
    lo,
    hi
  });
  /**
   * The kernel's steps from batch `first` to the epoch's end, in calls of a few milliseconds each (their length
   * follows the steps' pace), recording each step's loss as the host path does and yielding as often.
   */
  let chunk = 16;
  const kernelEpoch = async (epoch: number, first: number) => {
    for (let b = first; b < stepsPerEpoch;) {
      signal?.throwIfAborted();
      const hypers = Array.from({length: kernel!.stepsFrom(b, chunk)}, (_, i) => stepHyper(i));
      const started = now();
      const losses = await kernel!.steps(b, hypers);
      const perStep = (now() - started) / losses.length;
      chunk = Math.max(1, Math.floor(KERNEL_CALL_MS / Math.max(perStep, 1e-3)));
      losses.forEach((loss, i) => {
        // A diverging step changed nothing, so the step counters stay where they were (record throws).
        if (Number.isFinite(loss)) {
          model.adamStep++;
          state.step++;
        }
        record(epoch, b + i, loss, hypers[i].lr, hypers[i].mom, state.step);
      });
      b += losses.length;
      if (now() - lastYield >= yieldMs) {
        await nextMacrotask();
        lastYield = now();
      } else {
        // A turn of the microtask queue, so what the progress callbacks queued (a trial's check that aborts it) runs
        // before the next chunk of steps, as after each step on the host path.
        await undefined;
      }
    }
  };
  /** The other paths' steps from batch `first` to the epoch's end, one step at a time. */
  const stepEpoch = async (epoch: number, first: number) => {
    const batches = epochBatches(split.train, {bs, seed, epoch});
    const epochData = ordered ? epochColumns(data, batches.order, ordered) : data;
    fused?.epoch(
      batches,
      first,
      Array.from({length: stepsPerEpoch - first}, (_, i) => stepHyper(i))
    );
    for (let b = first; b < stepsPerEpoch; ++b) {
      if (signal?.aborted) await drain();
      signal?.throwIfAborted();
      const h = stepHyper(0),
        {lr, mom} = h;
      if (useHost) {
        const loss = hostStep(hostTables(model)!, epochData, sequence!.subarray(b * bs, b * bs + bs), h, ws!, mode);
        // A diverging host step changed nothing, so the step counters stay where they were.
        if (Number.isFinite(loss)) {
          model.adamStep++;
          state.step++;
        }
        record(epoch, b, loss, lr, mom, state.step);
      } else if (fused) {
        fused.step(b);
        model.adamStep++;
        state.step++;
        pending.push({epoch, batch: b, lr, mom, step: state.step});
      } else {
        const loss = opsStep(model, data, batches.batch(b), h, mode);
        model.adamStep++;
        state.step++;
        pending.push({loss, epoch, batch: b, lr, mom, step: state.step});
      }
      if (pending.length >= readback || now() - lastYield >= yieldMs) {
        await drain();
        await nextMacrotask();
        lastYield = now();
      }
    }
  };
  try {
    while (state.step < totalSteps) {
      const epoch = Math.floor(state.step / stepsPerEpoch);
      if (epoch >= untilEpoch) break;
      const first = state.step % stepsPerEpoch;
      if (kernel) {
        await kernel.shuffle(seed, epoch);
        await kernelEpoch(epoch, first);
      } else await stepEpoch(epoch, first);
      await drain();
      // The model's tensors get the kernel's tables at every epoch's end, for whatever reads them next.
      kernel?.store();
      const validLoss = kernel
        ? (await kernel.validSquaredError()) / split.valid.length
        : fused
          ? await fused.meanSquaredError(split.valid)
          : await meanSquaredError(model, data, split.valid, {ops: !useHost});
      clock();
      const row: EpochRow = {epoch, trainLoss: state.lossSum / stepsPerEpoch, validLoss, seconds: state.seconds};
      state.history.push(row);
      state.lossSum = 0;
      state.seconds = 0;
      onEpoch?.(row);
    }
  } finally {
    for (const p of pending.splice(0)) p.loss?.dispose();
    fused?.dispose();
    // A run stopped or failed mid-epoch leaves the model as its last step did.
    kernel?.store();
    kernel?.dispose();
    clock();
  }
  return state.history;
}
