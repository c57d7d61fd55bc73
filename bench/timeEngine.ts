// One engine's timing on one set, the same in Node and in a page: bench:webgpu, bench:browser and bench/gpu share it.
import {buildModel} from "../src/components/engine/buildModel.js";
import {fit} from "../src/components/engine/fit.js";
import type {FitOptions} from "../src/components/engine/fit.js";
import {predictUser} from "../src/components/engine/predict.js";
import type {RatingsTable} from "../src/components/movielens/ratingsFile.js";

export interface TimeEngineOptions {
  /**
   * fit's path on the backend already set: "fused" or "ops" on webgpu, "host" on cpu and wasm,
   * "auto" for fit's own choice.
   */
  path: NonNullable<FitOptions["path"]>;
  factors: number;
  epochs: number;
  lrMax: number;
  wd: number;
  bs: number;
  /**
   * Time at most this many steps, then stop and estimate the epoch from them (0: no limit). For the ops path on big
   * sets, which takes minutes an epoch on SwiftShader.
   */
  maxSteps?: number;
}

/** What timeEngine measured. Times are wall-clock, in seconds or milliseconds as named. */
export interface EngineTiming {
  /**
   * fit's own mean epoch time (validation included); when `estimated`, ms/step × steps per epoch (validation left out).
   */
  secondsPerEpoch: number;
  /** The training steps alone: from an epoch's start to its last step's loss read back, over the steps taken. */
  msPerStep: number;
  /** The last epoch's valid MSE, in stars²; null when the run stopped at maxSteps before an epoch ended. */
  validMse: number | null;
  /** Steps timed, and an epoch's steps. */
  steps: number;
  stepsPerEpoch: number;
  /** True when the run stopped at maxSteps and secondsPerEpoch is extrapolated from the steps it took. */
  estimated: boolean;
  /** One user's predictions for every movie (predictUser): the median of 10 calls after 3 warm-up calls, in ms. */
  predictMs: number;
}

/**
 * Trains a fresh model (`factors` factors, fit's one-cycle recipe with these options) on a table with the backend
 * that is already set, after a warm-up on 10 batches so that no timing includes compiling shaders, and says how long
 * it took. Throws what fit throws (a diverged run, a path the backend cannot take).
 */
export async function timeEngine(
  table: RatingsTable,
  {path, factors, epochs, lrMax, wd, bs, maxSteps = 0}: TimeEngineOptions
): Promise<EngineTiming> {
  const newModel = () => buildModel({users: table.userIds.length, movies: table.movieIds.length, factors});
  const options = {lrMax, wd, bs, path};
  const warm = newModel();
  const few = Math.min(table.rating2.length, 13 * bs); // 10 batches once 20% is held out for validation
  await fit(
    warm,
    {user: table.user.subarray(0, few), movie: table.movie.subarray(0, few), rating2: table.rating2.subarray(0, few)},
    {...options, epochs: 1}
  );
  warm.dispose();
  const model = newModel();
  const controller = new AbortController();
  let steps = 0,
    stepsPerEpoch = 0,
    stepSeconds = 0,
    start = performance.now();
  try {
    const history = await fit(model, table, {
      ...options,
      epochs,
      signal: controller.signal,
      onBatch: (p) => {
        // the rest of its read-back group, reported after the last timed step
        if (maxSteps && p.step > maxSteps) return;
        steps = p.step;
        stepsPerEpoch = p.batches;
        if (p.batch === p.batches - 1 || p.step === maxSteps) stepSeconds += (performance.now() - start) / 1000;
        if (p.step === maxSteps) controller.abort();
      },
      onEpoch: () => (start = performance.now())
    }).catch((error) => {
      if (!controller.signal.aborted) throw error;
      return null;
    });
    const msPerStep = (stepSeconds * 1000) / steps;
    const times: number[] = [];
    for (let i = 0; i < 13; ++i) {
      const t0 = performance.now();
      await predictUser(model, i % model.users);
      if (i >= 3) times.push(performance.now() - t0);
    }
    const predictMs = times.sort((a, b) => a - b)[times.length >> 1];
    if (!history)
      return {
        secondsPerEpoch: (msPerStep * stepsPerEpoch) / 1000,
        msPerStep,
        validMse: null,
        steps,
        stepsPerEpoch,
        estimated: true,
        predictMs
      };
    const secondsPerEpoch = history.reduce((sum, h) => sum + h.seconds, 0) / history.length;
    return {
      secondsPerEpoch,
      msPerStep,
      validMse: history.at(-1)!.validLoss,
      steps,
      stepsPerEpoch,
      estimated: false,
      predictMs
    };
  } finally {
    model.dispose();
  }
}
