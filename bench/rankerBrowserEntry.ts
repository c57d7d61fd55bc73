// Bundled for headless Chromium by bench/rankerBrowser.ts: synthesizes a set in the page, then times what a run adds
// to training there (iALS's fit and the ranking against the baselines, as serveTrainRequest does them) and a fold-in.
import {fitIals, ialsOptionsFor} from "../src/components/model/ials.js";
import {pickBackend} from "../src/components/engine/backend.js";
import {fitIalsTf} from "../src/components/engine/ialsTf.js";
import {softwareGpu} from "../src/components/engine/softwareGpu.js";
import {personalIals} from "../src/components/model/personalRanking.js";
import {rankingUsers} from "../src/components/model/rankingTask.js";
import {evaluateRanking} from "../src/components/model/evaluateRanking.js";
import {indexRatings} from "../src/components/movielens/indexRatings.js";
import {createRandom} from "../src/components/random.js";
import {sortSplit} from "../src/components/split/Split.js";
import {splitRows} from "../src/components/split/splitRows.js";
import {synthesize} from "../src/components/synth/synthesize.js";
import type {SynthOptions} from "../src/components/synth/synthesize.js";
import {RECIPE_DEFAULTS, TRAIN_DEFAULTS} from "../src/components/trainDefaults.js";

/** A synthetic set of `shape` as the engine reads it, and fastai's 80/20 split of it (the default seed). */
function syntheticSplit(shape: Required<SynthOptions>) {
  const s = synthesize(shape);
  const table = indexRatings(
    s.movies.map((m) => m.id),
    [s.ratings]
  );
  const split = splitRows(table.rating2.length);
  return {table, users: table.userIds.length, movies: table.movieIds.length, split};
}

/** Seconds for each step of a run's ranking phase on a synthetic set of `shape`, in the page's own thread. */
export async function benchRanker(shape: Required<SynthOptions>) {
  const {table, users, movies, split} = syntheticSplit(shape);
  const options = ialsOptionsFor(split.train.length);
  const t0 = performance.now();
  const ials = fitIals(table, users, movies, split.train, options);
  const t1 = performance.now();
  // The ranking's cost does not depend on the rating model's values: random weights of the default shape.
  const random = createRandom(1);
  const f = TRAIN_DEFAULTS.factors;
  const weights = {
    userFactors: Float32Array.from({length: users * f}, () => random.normal(0, 0.1)),
    movieFactors: Float32Array.from({length: movies * f}, () => random.normal(0, 0.1)),
    userBias: new Float32Array(users),
    movieBias: new Float32Array(movies),
    yRange: [...RECIPE_DEFAULTS.yRange] as [number, number]
  };
  sortSplit(split);
  const ranking = evaluateRanking(weights, table, split, {kind: "random", ials, maxUsers: rankingUsers(movies)});
  const t2 = performance.now();
  const mine = Array.from({length: 40}, (_, i) => ({movieId: table.movieIds[(i * 37) % movies], rating: 1 + i / 10}));
  personalIals(ials, table.movieIds, mine); // warm
  const foldIn = personalIals(ials, table.movieIds, mine).ms;
  return {
    ratings: table.rating2.length,
    options,
    fitSeconds: (t1 - t0) / 1000,
    rankingSeconds: (t2 - t1) / 1000,
    rankingUsers: ranking.model.users,
    foldInMs: foldIn
  };
}

/**
 * Seconds for one iALS epoch on a synthetic set of `shape`, on the CPU (fitIals) and through TF.js on `backend`
 * (fitIalsTf): what each costs, as fitRanker measures them on a real GPU.
 */
export async function benchRankerDevices(shape: Required<SynthOptions>, backend: "webgpu", wasmPath: string) {
  const used = await pickBackend(backend, {wasmPath});
  const {table, users, movies, split} = syntheticSplit(shape);
  const options = {...ialsOptionsFor(split.train.length), epochs: 1};
  let t = performance.now();
  fitIals(table, users, movies, split.train, options);
  const cpuSeconds = (performance.now() - t) / 1000;
  t = performance.now();
  await fitIalsTf(table, users, movies, split.train, options);
  return {
    backend: used,
    software: (await softwareGpu("webgpu"))?.detail ?? null,
    cpuSeconds,
    tfSeconds: (performance.now() - t) / 1000
  };
}

(globalThis as {benchRanker?: typeof benchRanker}).benchRanker = benchRanker;
(globalThis as {benchRankerDevices?: typeof benchRankerDevices}).benchRankerDevices = benchRankerDevices;
