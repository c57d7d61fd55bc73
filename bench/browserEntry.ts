// Bundled for headless Chromium by bench/browser.ts: synthesizes a set in the page and times one engine on it.
import {pickBackend} from "../src/components/engine/backend.js";
import type {BackendName} from "../src/components/engine/backend.js";
import {indexRatings} from "../src/components/movielens/indexRatings.js";
import {synthesize} from "../src/components/synth/synthesize.js";
import type {SynthOptions} from "../src/components/synth/synthesize.js";
import {timeEngine} from "./timeEngine.js";
import type {TimeEngineOptions} from "./timeEngine.js";

export interface BrowserBenchOptions extends TimeEngineOptions {
  backend: BackendName;
  wasmPath: string;
  shape: Required<SynthOptions>;
}

/**
 * Starts the backend asked for, synthesizes the set and times the engine on it (timeEngine);
 * also says which backend ran, and the set's noise floor.
 */
export async function benchTrain({backend: asked, wasmPath, shape, ...options}: BrowserBenchOptions) {
  const backend = await pickBackend(asked, {wasmPath});
  const s = synthesize(shape);
  const table = indexRatings(
    s.movies.map((m) => m.id),
    [s.ratings]
  );
  return {backend, noiseFloorMse: s.meta.noiseFloorMse, timing: await timeEngine(table, options)};
}

(globalThis as {benchTrain?: typeof benchTrain}).benchTrain = benchTrain;
