// Bundled for headless Chromium by fit-browser-test.ts: trains a tiny model on the backend the page asks for.
import * as tf from "@tensorflow/tfjs";
import {pickBackend} from "../../src/components/engine/backend.js";
import type {BackendName} from "../../src/components/engine/backend.js";
import {TABLES, buildModel} from "../../src/components/engine/buildModel.js";
import {fit} from "../../src/components/engine/fit.js";
import {synthTable} from "./synthTable.js";

/** What a tiny training run leaves: its history and its weights as plain arrays. */
export interface TinyRun {
  backend: string;
  history: {trainLoss: number; validLoss: number}[];
  weights: Record<string, number[]>;
  numTensorsAfter: number;
}

/** Trains the same tiny model as the Node side of the test, with the same seeds, on fit's path (auto unless asked). */
export async function trainTiny(
  backend: BackendName,
  wasmPath?: string,
  path: "auto" | "kernel" | "host" | "ops" | "fused" = "auto"
): Promise<TinyRun> {
  const used = await pickBackend(backend, {wasmPath});
  const {table} = synthTable({users: 150, movies: 80, ratings: 6000, seed: 2});
  const model = buildModel({users: table.userIds.length, movies: table.movieIds.length, factors: 6, seed: 5});
  const history = await fit(model, table, {epochs: 2, bs: 64, lrMax: 2e-2, seed: 9, path});
  const weights = Object.fromEntries(
    await Promise.all(TABLES.map(async (k) => [k, Array.from(await model.weights[k].data())]))
  );
  model.dispose();
  return {
    backend: used,
    history: history.map(({trainLoss, validLoss}) => ({trainLoss, validLoss})),
    weights,
    numTensorsAfter: tf.memory().numTensors
  };
}

(globalThis as {trainTiny?: typeof trainTiny}).trainTiny = trainTiny;
