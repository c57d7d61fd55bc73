// Bundled for headless Chromium by bench/browser.ts: synthesizes a set in the page and trains on the backend asked for.
import {pickBackend} from "../src/components/engine/backend.js";
import type {BackendName} from "../src/components/engine/backend.js";
import {buildModel} from "../src/components/engine/buildModel.js";
import {fit} from "../src/components/engine/fit.js";
import {indexRatings} from "../src/components/movielens/indexRatings.js";
import {predictUser} from "../src/components/engine/predict.js";
import {synthesize} from "../src/components/synth/synthesize.js";

export interface BrowserBenchOptions {
  backend: BackendName;
  /** fit's path: "auto" (host on wasm, fused on webgpu) or "ops". */
  path: "auto" | "ops";
  wasmPath: string;
  users: number;
  movies: number;
  ratings: number;
  epochs: number;
  lrMax: number;
  wd: number;
  bs: number;
}

/** Trains 20 factors on a synthetic set and reports the epochs, the noise floor and one user's prediction time. */
export async function benchTrain(o: BrowserBenchOptions) {
  const backend = await pickBackend(o.backend, {wasmPath: o.wasmPath});
  const s = synthesize({users: o.users, movies: o.movies, ratings: o.ratings});
  const table = indexRatings(s.movies.map((m) => m.id), [s.ratings]);
  const model = buildModel({users: table.userIds.length, movies: table.movieIds.length, factors: 20});
  const history = await fit(model, table, {epochs: o.epochs, lrMax: o.lrMax, wd: o.wd, bs: o.bs, path: o.path});
  const times: number[] = [];
  for (let i = 0; i < 13; ++i) {
    const t0 = performance.now();
    await predictUser(model, i % model.users);
    if (i >= 3) times.push(performance.now() - t0);
  }
  model.dispose();
  return {backend, history, noiseFloorMse: s.meta.noiseFloorMse, predictMs: times.sort((a, b) => a - b)[times.length >> 1]};
}

(globalThis as {benchTrain?: typeof benchTrain}).benchTrain = benchTrain;
