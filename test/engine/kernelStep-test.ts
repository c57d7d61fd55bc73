import * as tf from "@tensorflow/tfjs";
import {describe, expect, it} from "vitest";
import {TABLES, buildModel} from "../../src/components/engine/buildModel.js";
import type {CollabModel} from "../../src/components/engine/buildModel.js";
import {fit} from "../../src/components/engine/fit.js";
import {hostSquaredError, hostStep, hostTables, stepWorkspace} from "../../src/components/engine/hostStep.js";
import type {OptimizerStep} from "../../src/components/engine/hostStep.js";
import {kernelStep} from "../../src/components/engine/kernelStep.js";
import type {KernelStep} from "../../src/components/engine/kernelStep.js";
import {synthTable} from "../support/synthTable.js";
import {useBackend} from "../support/tf.js";

const {table} = synthTable({users: 150, movies: 80, ratings: 6000, seed: 2});
const users = table.userIds.length,
  movies = table.movieIds.length;
const hyper = (step: number): OptimizerStep & {lo: number; hi: number} => ({
  lr: 2e-2,
  mom: 0.9,
  sqrMom: 0.99,
  eps: 1e-5,
  wd: 0.1,
  step,
  lo: 0.5,
  hi: 5.5
});
const snapshot = (model: CollabModel): Record<string, Float32Array> =>
  Object.fromEntries(
    TABLES.flatMap((k) => [
      [k, model.weights[k].dataSync().slice() as Float32Array],
      [`${k}.gradAvg`, model.gradAvg[k].dataSync().slice() as Float32Array],
      [`${k}.sqrAvg`, model.sqrAvg[k].dataSync().slice() as Float32Array]
    ])
  );

/** The largest difference between two snapshots' arrays, relative to the largest magnitude in each. */
function worstRelative(a: Record<string, Float32Array>, b: Record<string, Float32Array>): number {
  let worst = 0;
  for (const key of Object.keys(a)) {
    let diff = 0,
      scale = 1e-6;
    for (let i = 0; i < a[key].length; ++i) {
      diff = Math.max(diff, Math.abs(a[key][i] - b[key][i]));
      scale = Math.max(scale, Math.abs(a[key][i]));
    }
    worst = Math.max(worst, diff / scale);
  }
  return worst;
}

/** Batch `s` of `bs` rows, spread over the table: the same rows for both steps compared. */
const batchRows = (s: number, bs: number) =>
  Uint32Array.from({length: bs}, (_, i) => (s * 977 + i * 131) % table.rating2.length);

/** Runs `fn` on a fresh wasm model with a kernel for batches of `bs`, then frees both. */
async function withKernel(
  factors: number,
  bs: number,
  fn: (model: CollabModel, kernel: KernelStep) => void
): Promise<void> {
  await useBackend("wasm");
  const model = buildModel({users, movies, factors, seed: 5});
  const kernel = (await kernelStep(model, bs))!;
  try {
    fn(model, kernel);
  } finally {
    kernel.dispose();
    model.dispose();
  }
}

/** Runs `steps` batches of `bs` rows through the kernel and through plain-JS hostStep, on two identical wasm models. */
async function bothSteps(factors: number, steps: number, bs = 64) {
  await useBackend("wasm");
  const viaKernel = buildModel({users, movies, factors, seed: 5});
  const viaJs = buildModel({users, movies, factors, seed: 5});
  const kernel = (await kernelStep(viaKernel, bs))!;
  expect(kernel).not.toBeNull();
  const ws = stepWorkspace(users, movies, factors, bs);
  const kernelLosses: number[] = [],
    jsLosses: number[] = [];
  for (let s = 0; s < steps; ++s) {
    const rows = batchRows(s, bs);
    kernelLosses.push(kernel.step(table, rows, hyper(s + 1)));
    jsLosses.push(hostStep(hostTables(viaJs)!, table, rows, hyper(s + 1), ws, "sparse"));
  }
  return {viaKernel, viaJs, kernel, kernelLosses, jsLosses};
}

describe("kernelStep(model, bs)", () => {
  for (const factors of [8, 7, 1]) {
    it(
      `takes the same lazy-Adam steps as hostStep, up to float32 rounding (${factors} ` +
        `factor${factors === 1 ? "" : "s"}${factors % 4 ? ", not a multiple of SIMD's 4 lanes" : ""})`,
      async () => {
        const {viaKernel, viaJs, kernel, kernelLosses, jsLosses} = await bothSteps(factors, 60);
        try {
          kernelLosses.forEach((loss, i) => expect(loss).toBeCloseTo(jsLosses[i], 4));
          expect(worstRelative(snapshot(viaKernel), snapshot(viaJs))).toBeLessThan(1e-3);
          // The step changed the model: the comparison is not of two untouched tables.
          expect(kernelLosses.at(-1)!).toBeLessThan(kernelLosses[0]);
          const rows = Uint32Array.from({length: table.rating2.length}, (_, i) => i);
          const sse = kernel.squaredError(table, rows);
          expect(sse / rows.length).toBeCloseTo(
            hostSquaredError(hostTables(viaJs)!.weights, factors, 0.5, 5.5, table, rows) / rows.length,
            4
          );
        } finally {
          kernel.dispose();
          viaKernel.dispose();
          viaJs.dispose();
        }
      }
    );
  }

  it(
    "changes nothing and returns the loss when a batch's loss is not finite, " +
      "and frees its slots for the next batch",
    async () => {
      await withKernel(8, 32, (model, kernel) => {
        const rows = Uint32Array.from({length: 32}, (_, i) => i);
        hostTables(model)!.weights.userBias[table.user[3]] = NaN;
        const before = snapshot(model);
        expect(kernel.step(table, rows, hyper(1))).toBeNaN();
        const after = snapshot(model);
        for (const key of Object.keys(before)) expect(after[key], key).toEqual(before[key]);
        // With the bad value gone, the same rows train: every user and movie in them got a fresh slot.
        hostTables(model)!.weights.userBias[table.user[3]] = 0;
        expect(Number.isFinite(kernel.step(table, rows, hyper(1)))).toBe(true);
        const moved = snapshot(model);
        for (const r of rows) expect(moved.userBias[table.user[r]]).not.toBe(0);
      });
    }
  );

  it("keeps working after the wasm heap grows under it", async () => {
    await useBackend("wasm");
    const {viaKernel, viaJs, kernel} = await bothSteps(8, 5);
    const big = tf.zeros([64 * 1024 * 1024]); // 256 MB: the heap grows, and the old buffer is detached
    try {
      const ws = stepWorkspace(users, movies, 8, 64);
      for (let s = 5; s < 20; ++s) {
        const rows = batchRows(s, 64);
        expect(kernel.step(table, rows, hyper(s + 1))).toBeCloseTo(
          hostStep(hostTables(viaJs)!, table, rows, hyper(s + 1), ws, "sparse"),
          4
        );
      }
      expect(worstRelative(snapshot(viaKernel), snapshot(viaJs))).toBeLessThan(1e-3);
    } finally {
      big.dispose();
      kernel.dispose();
      kernel.dispose(); // a second dispose is harmless
      viaKernel.dispose();
      viaJs.dispose();
    }
  });

  it("refuses a batch larger than it was made for", async () => {
    await withKernel(4, 16, (_, kernel) => {
      expect(() => kernel.step(table, new Uint32Array(17), hyper(1))).toThrow(/batch of 17 rows is larger than the 16/);
    });
  });

  it(
    "is null on the cpu backend, where fit trains with hostStep, " + "and fit's path \"kernel\" says why it can't run",
    async () => {
      await useBackend("cpu");
      const model = buildModel({users, movies, factors: 4, seed: 5});
      try {
        expect(await kernelStep(model, 64)).toBeNull();
        await expect(fit(model, table, {epochs: 1, bs: 64, path: "kernel"})).rejects.toThrow(
          /path "kernel" needs the wasm backend with WebAssembly SIMD, and sparse mode/
        );
      } finally {
        model.dispose();
      }
    }
  );

  it("is what fit runs on wasm by default: a run matches the plain-JS host path's losses", async () => {
    await useBackend("wasm");
    const run = async (path: "auto" | "host") => {
      const model = buildModel({users, movies, factors: 6, seed: 5});
      try {
        const history = await fit(model, table, {epochs: 2, bs: 64, lrMax: 2e-2, seed: 9, path});
        return {history, numTensors: tf.memory().numTensors};
      } finally {
        model.dispose();
      }
    };
    const auto = await run("auto"),
      host = await run("host");
    auto.history.forEach((row, i) => {
      expect(row.trainLoss).toBeCloseTo(host.history[i].trainLoss, 3);
      expect(row.validLoss).toBeCloseTo(host.history[i].validLoss, 3);
    });
    await expect(
      fit(buildModel({users, movies, factors: 6, seed: 5}), table, {epochs: 1, bs: 64, mode: "dense", path: "kernel"})
    ).rejects.toThrow(/sparse mode/);
  });
});
