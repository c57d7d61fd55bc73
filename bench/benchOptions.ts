// The engine benches' shared command-line options: the synthetic sets they train on, by name, and the run they time.
// No TF.js here: bench:webgpu reads its options before Dawn is installed, and TF.js must load after that.
import {ML10M_SHAPE, SITE_SYNTH} from "../src/components/synth/synthesize.js";
import type {SynthOptions} from "../src/components/synth/synthesize.js";
import {TRAIN_DEFAULTS} from "../src/components/trainDefaults.js";
import type {TimeEngineOptions} from "./timeEngine.js";

/**
 * The named sets: "1m" is the site's default (MovieLens 1M's shape), "100k" a small set (80k training rows, 312 steps
 * of 256), "10m" MovieLens 10M's shape (69,878 users, 10,677 movies, 10,000,054 ratings). All seeded (seed 42).
 */
export const BENCH_SETS = {
  "100k": {...SITE_SYNTH, users: 1000, movies: 600, ratings: 100_000},
  "1m": SITE_SYNTH,
  "10m": ML10M_SHAPE
} as const satisfies Record<string, Required<SynthOptions>>;

/**
 * A set to bench on: its shape, and a short label for the table (its name, or its ratings
 * count, "200k", for a custom one).
 */
export interface BenchSet {
  label: string;
  shape: Required<SynthOptions>;
}

/**
 * node:util parseArgs options: `--sets 1m,100k` (names in BENCH_SETS), or one custom set `--ratings N [--users U
 * --movies M]` (users 1000 and movies 600 unless given), which replaces --sets.
 */
export const SET_OPTIONS = {
  sets: {type: "string", default: "1m,100k"},
  ratings: {type: "string"},
  users: {type: "string"},
  movies: {type: "string"}
} as const;

/**
 * The sets that SET_OPTIONS' values name, in order; a TypeError names an unknown set or a
 * count that is not a positive integer.
 */
export function benchSets(values: {sets?: string; ratings?: string; users?: string; movies?: string}): BenchSet[] {
  const count = (name: string, text: string) => {
    const n = Number(text.replace(/[_,]/g, ""));
    if (!(Number.isSafeInteger(n) && n > 0))
      throw new TypeError(`--${name} must be a positive integer, got ${JSON.stringify(text)}`);
    return n;
  };
  if (values.ratings !== undefined || values.users !== undefined || values.movies !== undefined) {
    const shape = {
      ...BENCH_SETS["100k"],
      ratings: count("ratings", values.ratings ?? "100000"),
      users: count("users", values.users ?? "1000"),
      movies: count("movies", values.movies ?? "600")
    };
    const r = shape.ratings;
    return [
      {label: r >= 1e6 ? `${+(r / 1e6).toFixed(2)}m` : r >= 1e3 ? `${+(r / 1e3).toFixed(1)}k` : String(r), shape}
    ];
  }
  return (values.sets ?? SET_OPTIONS.sets.default).split(",").map((name) => {
    if (!Object.hasOwn(BENCH_SETS, name))
      throw new TypeError(`--sets: unknown set ${JSON.stringify(name)}; use ${Object.keys(BENCH_SETS).join(", ")}`);
    return {label: name, shape: BENCH_SETS[name as keyof typeof BENCH_SETS]};
  });
}

/**
 * node:util parseArgs options for the run every engine times: one epoch, 20 factors, the lazy-Adam recipe
 * (TRAIN_DEFAULTS' lr_max, wd, bs), and `--ops-steps`: the ops path takes minutes an epoch on the 1M set on
 * SwiftShader, so at most this many of its steps are timed and its epoch estimated from them.
 */
export const TIME_OPTIONS = {
  epochs: {type: "string", default: "1"},
  factors: {type: "string", default: "20"},
  lr: {type: "string", default: String(TRAIN_DEFAULTS.lrMax)},
  wd: {type: "string", default: String(TRAIN_DEFAULTS.wd)},
  bs: {type: "string", default: String(TRAIN_DEFAULTS.bs)},
  "ops-steps": {type: "string", default: "400"}
} as const;

/** TIME_OPTIONS' values as timeEngine's options for a path (maxSteps for the ops path only). */
export function timeOptions(
  values: {[K in keyof typeof TIME_OPTIONS]?: string},
  path: TimeEngineOptions["path"]
): TimeEngineOptions {
  const v = {...Object.fromEntries(Object.entries(TIME_OPTIONS).map(([k, o]) => [k, o.default])), ...values} as Record<
    keyof typeof TIME_OPTIONS,
    string
  >;
  return {
    path,
    factors: +v.factors,
    epochs: +v.epochs,
    lrMax: +v.lr,
    wd: +v.wd,
    bs: +v.bs,
    maxSteps: path === "ops" ? +v["ops-steps"] : 0
  };
}
