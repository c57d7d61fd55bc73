import * as tf from "@tensorflow/tfjs";
import {describe, expect, it} from "vitest";
import {TABLES, buildModel} from "../../src/components/engine/buildModel.js";
import type {CollabModel} from "../../src/components/engine/buildModel.js";
import {fit} from "../../src/components/engine/fit.js";
import {uniqueSlots} from "../../src/components/engine/opsStep.js";
import {synthTable} from "../support/synthTable.js";
import {useBackend} from "../support/tf.js";

const {table} = synthTable({users: 150, movies: 80, ratings: 6000, seed: 2});

/** Trains a fresh model for 2 epochs (150 steps) on a backend and path, and returns its weights and Adam state. */
async function train(backend: "cpu" | "wasm", path: "host" | "ops", mode: "sparse" | "dense") {
  await useBackend(backend);
  const model: CollabModel = buildModel({
    users: table.userIds.length,
    movies: table.movieIds.length,
    factors: 6,
    seed: 5
  });
  try {
    const history = await fit(model, table, {epochs: 2, bs: 64, lrMax: 2e-2, seed: 9, mode, path});
    return {
      history,
      ...Object.fromEntries(
        TABLES.flatMap((k) => [
          [k, model.weights[k].dataSync().slice()],
          [`${k}.gradAvg`, model.gradAvg[k].dataSync().slice()],
          [`${k}.sqrAvg`, model.sqrAvg[k].dataSync().slice()]
        ])
      )
    };
  } finally {
    model.dispose();
  }
}

function expectClose(a: Record<string, unknown>, b: Record<string, unknown>, tolerance: number) {
  for (const key of Object.keys(a)) {
    if (key === "history") continue;
    const x = a[key] as Float32Array,
      y = b[key] as Float32Array;
    let worst = 0,
      scale = 0;
    for (let i = 0; i < x.length; ++i) {
      worst = Math.max(worst, Math.abs(x[i] - y[i]));
      scale = Math.max(scale, Math.abs(x[i]));
    }
    expect(worst, key).toBeLessThanOrEqual(tolerance * Math.max(scale, 1e-6));
  }
}

describe("opsStep(model, data, rows, hyper, mode)", () => {
  for (const mode of ["sparse", "dense"] as const) {
    it(
      `gives the same numbers as the host kernels on cpu and wasm after 150 ${mode} steps (the ops path, ` +
        `for GPU backends, checked on cpu)`,
      async () => {
        const hostCpu = await train("cpu", "host", mode);
        const hostWasm = await train("wasm", "host", mode);
        const opsCpu = await train("cpu", "ops", mode);
        expectClose(hostCpu, hostWasm, 0);
        expectClose(hostCpu, opsCpu, 1e-3);
        hostCpu.history.forEach((row, i) => {
          expect(opsCpu.history[i].validLoss).toBeCloseTo(row.validLoss, 5);
          expect(opsCpu.history[i].trainLoss).toBeCloseTo(row.trainLoss, 5);
        });
        expect(tf.memory().numTensors).toBe(0);
      }
    );
  }
});

describe("uniqueSlots(ids)", () => {
  it("lists distinct ids in order of first appearance, and where each entry's id is", () => {
    const {unique, slot} = uniqueSlots([7, 3, 7, 9, 3]);
    expect([...unique]).toEqual([7, 3, 9]);
    expect([...slot]).toEqual([0, 1, 0, 2, 1]);
  });
});
