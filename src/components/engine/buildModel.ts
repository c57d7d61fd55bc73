import * as tf from "@tensorflow/tfjs";
import {createRandom} from "../random.js";
import {RECIPE_DEFAULTS, TRAIN_DEFAULTS} from "../trainDefaults.js";

/** The four parameter tables of EmbeddingDotBias, in a fixed order (checkpoints rely on it). */
export const TABLES = ["userFactors", "movieFactors", "userBias", "movieBias"] as const;
export type TableName = (typeof TABLES)[number];
export type Tables<T> = Record<TableName, T>;

/** EmbeddingDotBias with its Adam state, all owned by the active TF.js backend. */
export interface CollabModel {
  readonly users: number;
  readonly movies: number;
  readonly factors: number;
  readonly yRange: readonly [number, number];
  /**
   * Weights: users × factors, movies × factors, users, movies. The training step may replace or update them in place.
   */
  weights: Tables<tf.Tensor>;
  /** Adam's running average of gradients (grad_avg) and of squared gradients (sqr_avg), shaped like the weights. */
  gradAvg: Tables<tf.Tensor>;
  sqrAvg: Tables<tf.Tensor>;
  /** How many optimizer steps have been taken (Adam's debiasing counter). */
  adamStep: number;
  /** Where training stands, so `fit` can resume; null before the first fit. */
  training: FitState | null;
  dispose(): void;
}

/** One row of the training log, as fastai prints it. */
export interface EpochRow {
  epoch: number;
  trainLoss: number;
  validLoss: number;
  seconds: number;
}

/** The schedule position and hyperparameters of a run of `fit`, enough to resume it exactly. */
export interface FitState {
  epochs: number;
  lrMax: number;
  wd: number;
  bs: number;
  seed: number;
  validPct: number;
  /**
   * The kind of split the run validated on (serveTrainRequest records it, so a resumed upload keeps it); absent means
   * random.
   */
  split?: "random" | "time";
  mode: "sparse" | "dense";
  /** The threads the kernel trained on (kernelRun: more than one cuts the ratings in blocks); absent means one. */
  threads?: number;
  stepsPerEpoch: number;
  /** Steps taken in this run; the one-cycle position is step / (epochs · stepsPerEpoch). */
  step: number;
  /** The running sum of batch losses in the current epoch and the seconds spent in it so far. */
  lossSum: number;
  seconds: number;
  history: EpochRow[];
}

export interface BuildModelOptions {
  users: number;
  movies: number;
  factors?: number;
  yRange?: readonly [number, number];
  seed?: number;
}

/** Builds EmbeddingDotBias with fastai's initialisation: normal, wrapped into (-2, 2) by fmod, times 0.01. */
export function buildModel({
  users,
  movies,
  factors = TRAIN_DEFAULTS.factors,
  yRange = RECIPE_DEFAULTS.yRange,
  seed = TRAIN_DEFAULTS.seed
}: BuildModelOptions): CollabModel {
  for (const [name, n] of [
    ["users", users],
    ["movies", movies],
    ["factors", factors]
  ] as const) {
    if (!(Number.isSafeInteger(n) && n >= 1))
      throw new TypeError(`buildModel: ${name} must be a positive integer, got ${n}`);
  }
  if (!(yRange[1] > yRange[0])) throw new TypeError(`buildModel: yRange must be [lo, hi] with lo < hi, got ${yRange}`);
  const random = createRandom(seed);
  const init = (n: number) => {
    const a = new Float32Array(n);
    for (let i = 0; i < n; ++i) a[i] = (random.normal() % 2) * 0.01;
    return a;
  };
  const shapes: Tables<number[]> = {
    userFactors: [users, factors],
    movieFactors: [movies, factors],
    userBias: [users],
    movieBias: [movies]
  };
  const make = (f: (n: number) => Float32Array) =>
    Object.fromEntries(
      TABLES.map((k) => [k, tf.tensor(f(shapes[k].reduce((a, b) => a * b)), shapes[k], "float32")])
    ) as Tables<tf.Tensor>;
  const model: CollabModel = {
    users,
    movies,
    factors,
    yRange: [yRange[0], yRange[1]],
    weights: make(init),
    gradAvg: make((n) => new Float32Array(n)),
    sqrAvg: make((n) => new Float32Array(n)),
    adamStep: 0,
    training: null,
    dispose() {
      for (const group of [model.weights, model.gradAvg, model.sqrAvg]) for (const k of TABLES) group[k].dispose();
    }
  };
  return model;
}
