// The real trial behind "auto": the run's own model shape and data, trained by fit on the backend in use, timed.
import * as tf from "@tensorflow/tfjs";
import {buildModel} from "./buildModel.js";
import type {CollabModel} from "./buildModel.js";
import type {TrialTiming} from "./calibrateBackends.js";
import {fit} from "./fit.js";
import type {RatingRows} from "./hostStep.js";
import type {TrainHyper} from "./trainProtocol.js";

/** The run a trial imitates: its ratings (all rows, fit splits them as the run will) and its model's shape. */
export interface TrialRun {
  data: RatingRows;
  users: number;
  movies: number;
  hyper: Pick<TrainHyper, "factors" | "bs" | "lrMax" | "wd" | "seed">;
}

/** The most steps one trial times after its warm-up: enough for a steady rate, few enough on a fast GPU. */
export const TRIAL_STEPS = 512;
/** Steps a trial's sample has room for beyond TRIAL_STEPS: the warm-up group, and the group that ends the window. */
const SPARE_STEPS = 256;
/**
 * How many steps the fused webgpu path runs before a trial reads their losses back, where a run reads back every
 * FUSED_READBACK (256): on a software GPU 256 steps take seconds, more than a trial's whole budget. On a fast GPU the
 * extra readbacks cost a little of its measured rate (one readback's latency per 32 steps: about a fifth at 0.065 ms a
 * step and 0.5 ms a readback, which the 20 % noise margin in its favour, as the earlier backend, about offsets).
 */
export const TRIAL_READBACK = 32;

/**
 * About `count` of the rows, evenly spread (every k-th), so that a trial on a big set prepares and uploads only what
 * it trains, with every part of the file (a MovieLens file is sorted by user) in it. All the rows when there are fewer.
 */
export function strideRows(data: RatingRows, count: number): RatingRows {
  const n = data.rating2.length;
  const stride = Math.max(1, Math.floor(n / Math.max(1, count)));
  if (stride === 1) return data;
  const m = Math.ceil(n / stride);
  const out = {user: new Uint32Array(m), movie: new Uint32Array(m), rating2: new Uint8Array(m)};
  for (let i = 0; i < m; ++i) {
    out.user[i] = data.user[i * stride];
    out.movie[i] = data.movie[i * stride];
    out.rating2[i] = data.rating2[i * stride];
  }
  return out;
}

/**
 * A TimeBackend for calibrateBackends. On the backend in use, it builds the run's model (users × movies × factors,
 * seeded) and trains it with fit on an evenly spread sample of the run's own rows (strideRows: enough for maxSteps
 * and a warm-up, since fit prepares a whole epoch on the CPU, and uploads it on webgpu) with the run's batch size, on
 * the path fit takes there (host on cpu, the WebAssembly SIMD kernel on wasm, fused on webgpu, ops on webgl), with
 * fit's own yields and readback (but every TRIAL_READBACK steps on webgpu). It times fit's step groups as they report
 * (one step each on the host path; the GPU paths report a group when they read its losses back): the first group is the
 * warm-up (the JIT, compiling kernels) and is not counted; then groups until `budgetSeconds` have passed and at least
 * one was timed, or `maxSteps` steps. It frees every tensor it made before it resolves, so the run that follows finds
 * the backend as it was. Rejects with fit's error if a step fails.
 */
export function timeSteps(
  run: TrialRun,
  {maxSteps = TRIAL_STEPS}: {maxSteps?: number} = {}
): (backend: string, budgetSeconds: number) => Promise<TrialTiming> {
  const {users, movies, hyper} = run;
  // fit trains on 80 % of the rows it is given.
  const data = strideRows(run.data, Math.ceil(((maxSteps + SPARE_STEPS) * hyper.bs) / 0.8));
  return async (backend, budgetSeconds) => {
    if (tf.getBackend() !== backend)
      throw new Error(`timeSteps: asked to time ${backend}, but TF.js uses ${tf.getBackend()}`);
    const controller = new AbortController();
    // (seconds, steps) at the end of each step group: the first ends the warm-up.
    const marks: {t: number; step: number}[] = [];
    let step = 0,
      open = false;
    // fit reports a group's steps one after another without awaiting; a microtask runs once the group is over.
    const groupEnd = () => {
      open = false;
      marks.push({t: performance.now() / 1000, step});
      const [warm, last] = [marks[0], marks.at(-1)!];
      if (marks.length > 1 && (last.t - warm.t >= budgetSeconds || last.step - warm.step >= maxSteps))
        controller.abort();
    };
    let model: CollabModel | null = null;
    try {
      model = buildModel({users, movies, factors: hyper.factors, seed: hyper.seed});
      // Planned for many epochs, so a small set still gives a trial its budget; the trial stops long before.
      await fit(model, data, {
        epochs: 1000,
        bs: hyper.bs,
        lrMax: hyper.lrMax,
        wd: hyper.wd,
        seed: hyper.seed,
        signal: controller.signal,
        readback: backend === "webgpu" ? TRIAL_READBACK : undefined,
        onBatch: (progress) => {
          step = progress.step;
          if (!open) queueMicrotask(groupEnd);
          open = true;
        }
      });
    } catch (error) {
      if (!controller.signal.aborted) throw error;
    } finally {
      model?.dispose();
    }
    if (marks.length < 2) throw new Error("timeSteps: no step finished after the warm-up");
    const [warm, last] = [marks[0], marks.at(-1)!];
    const steps = last.step - warm.step;
    // Each group's rate, and their median: a moment when another process took the CPU moves it little.
    const rates = marks
      .slice(1)
      .map((m, i) => ((m.step - marks[i].step) * hyper.bs) / (m.t - marks[i].t))
      .sort((x, y) => x - y);
    const mid = rates.length >> 1;
    const ratingsPerSecond = rates.length % 2 ? rates[mid] : (rates[mid - 1] + rates[mid]) / 2;
    return {steps, ratings: steps * hyper.bs, seconds: last.t - warm.t, ratingsPerSecond};
  };
}
