import * as tf from "@tensorflow/tfjs";
import {describe, expect, it} from "vitest";
import {TABLES, buildModel} from "../../src/components/engine/buildModel.js";
import type {CollabModel} from "../../src/components/engine/buildModel.js";
import {fit} from "../../src/components/engine/fit.js";
import {hostSquaredError, hostStep, hostTables, stepWorkspace} from "../../src/components/engine/hostStep.js";
import type {OptimizerStep} from "../../src/components/engine/hostStep.js";
import {epochBatches} from "../../src/components/engine/batches.js";
import {MAX_CHUNK, kernelRun} from "../../src/components/engine/kernelRun.js";
import {synthTable} from "../support/synthTable.js";
import {useBackend} from "../support/tf.js";
import {nodeKernelThreads} from "../../scripts/lib/nodeKernelThreads.js";

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
/** Every row of the table, in order: the kernel's training and validation rows in these tests. */
const allRows = Uint32Array.from({length: table.rating2.length}, (_, i) => i);

/** A kernel run for `model` on the whole table in batches of `bs`. */
const runOf = async (model: CollabModel, bs: number) =>
  (await kernelRun(model, table, {bs, train: allRows, valid: allRows}))!;

/** Runs `steps` batches of `bs` rows through the kernel and through plain-JS hostStep, on two identical wasm models. */
async function bothSteps(factors: number, steps: number, bs = 64) {
  await useBackend("wasm");
  const viaKernel = buildModel({users, movies, factors, seed: 5});
  const viaJs = buildModel({users, movies, factors, seed: 5});
  const kernel = await runOf(viaKernel, bs);
  expect(kernel).not.toBeNull();
  const ws = stepWorkspace(users, movies, factors, bs);
  const batches = Array.from({length: steps}, (_, s) => batchRows(s, bs));
  const order = new Uint32Array(steps * bs);
  batches.forEach((rows, s) => order.set(rows, s * bs));
  kernel.order(order);
  const kernelLosses = [
    ...(await kernel.steps(
      0,
      batches.map((_, s) => hyper(s + 1))
    ))
  ];
  kernel.store();
  const jsLosses = batches.map((rows, s) => hostStep(hostTables(viaJs)!, table, rows, hyper(s + 1), ws, "sparse"));
  return {viaKernel, viaJs, kernel, kernelLosses, jsLosses};
}

describe("kernelRun(model, data, {bs, train, valid})", () => {
  for (const factors of [8, 7, 1]) {
    it(
      `takes the same lazy-Adam steps as hostStep, up to float32 rounding (${factors} ` +
        `factor${factors === 1 ? "" : "s"}${factors % 4 ? ", not a multiple of SIMD's 4 lanes" : ""})`,
      async () => {
        const {viaKernel, viaJs, kernel, kernelLosses, jsLosses} = await bothSteps(factors, 60);
        try {
          expect(kernelLosses).toHaveLength(60);
          kernelLosses.forEach((loss, i) => expect(loss).toBeCloseTo(jsLosses[i], 4));
          expect(worstRelative(snapshot(viaKernel), snapshot(viaJs))).toBeLessThan(1e-3);
          // The step changed the model: the comparison is not of two untouched tables.
          expect(kernelLosses.at(-1)!).toBeLessThan(kernelLosses[0]);
          const sse = kernel.squaredError(allRows);
          const js = hostSquaredError(hostTables(viaJs)!.weights, factors, 0.5, 5.5, table, allRows);
          expect(sse / allRows.length).toBeCloseTo(js / allRows.length, 4);
          // Its validation rows (here every row) give the same sum.
          expect(await kernel.validSquaredError()).toBe(sse);
        } finally {
          kernel.dispose();
          viaKernel.dispose();
          viaJs.dispose();
        }
      }
    );
  }

  it("shuffles an epoch's rows as epochBatches does, so its steps are the same steps", async () => {
    await useBackend("wasm");
    const a = buildModel({users, movies, factors: 5, seed: 5}),
      b = buildModel({users, movies, factors: 5, seed: 5});
    const train = allRows.subarray(0, 5000);
    const [ka, kb] = await Promise.all(
      [a, b].map(async (m) => (await kernelRun(m, table, {bs: 32, train, valid: allRows}))!)
    );
    try {
      await ka.shuffle(9, 2);
      kb.order(epochBatches(train, {bs: 32, seed: 9, epoch: 2}).order);
      const hypers = Array.from({length: 150}, (_, s) => hyper(s + 1));
      expect(await ka.steps(0, hypers)).toEqual(await kb.steps(0, hypers));
      ka.store();
      kb.store();
      expect(snapshot(a)).toEqual(snapshot(b));
      // Another epoch is another order.
      await kb.shuffle(9, 3);
      expect(await kb.steps(150, hypers.slice(0, 3))).not.toEqual(await ka.steps(150, hypers.slice(0, 3)));
    } finally {
      for (const x of [ka, kb]) x.dispose();
      a.dispose();
      b.dispose();
    }
  });

  it("stored and loaded again mid-run, carries on bit for bit as one run does (a resumed checkpoint)", async () => {
    await useBackend("wasm");
    const once = buildModel({users, movies, factors: 6, seed: 5}),
      twice = buildModel({users, movies, factors: 6, seed: 5});
    const hypers = Array.from({length: 40}, (_, s) => hyper(s + 1));
    const k1 = await runOf(once, 64);
    await k1.shuffle(4, 0);
    await k1.steps(0, hypers);
    k1.store();
    const first = await runOf(twice, 64);
    await first.shuffle(4, 0);
    await first.steps(0, hypers.slice(0, 15));
    first.store();
    first.dispose();
    const second = await runOf(twice, 64);
    await second.shuffle(4, 0);
    await second.steps(15, hypers.slice(15));
    second.store();
    try {
      expect(snapshot(twice)).toEqual(snapshot(once));
    } finally {
      for (const x of [k1, second]) x.dispose();
      once.dispose();
      twice.dispose();
    }
  });

  it(
    "changes nothing and ends the call when a batch's loss is not finite, " + "and frees its slots for the next batch",
    async () => {
      await useBackend("wasm");
      const model = buildModel({users, movies, factors: 8, seed: 5});
      const bad = table.user[3];
      hostTables(model)!.weights.userBias[bad] = NaN;
      const before = snapshot(model);
      const kernel = await runOf(model, 32);
      try {
        // Batch 0 holds the bad user; batch 1 shares users and movies with it, but not the bad one.
        const withBad = allRows.subarray(0, 32);
        const others = allRows.filter((r) => table.user[r] !== bad);
        const shared = others.filter((r) => withBad.some((w) => table.user[w] === table.user[r])).subarray(0, 16);
        expect(shared.length).toBeGreaterThan(0);
        const next = Uint32Array.from([
          ...shared,
          ...others.filter((r) => !shared.includes(r)).subarray(0, 32 - shared.length)
        ]);
        const order = new Uint32Array(96);
        order.set(withBad, 0);
        order.set(next, 32);
        order.set(next, 64);
        kernel.order(order);
        const losses = await kernel.steps(0, [hyper(1), hyper(2), hyper(3)]);
        expect(losses).toHaveLength(1);
        expect(losses[0]).toBeNaN();
        kernel.store();
        expect(snapshot(model)).toEqual(before);
        // The next call trains batch 1: every user and movie in it got a fresh slot, so each one moved.
        expect(Number.isFinite((await kernel.steps(1, [hyper(1)]))[0])).toBe(true);
        kernel.store();
        const moved = snapshot(model);
        for (const r of next) {
          expect(moved.userBias[table.user[r]]).not.toBe(before.userBias[table.user[r]]);
          expect(moved.movieBias[table.movie[r]]).not.toBe(before.movieBias[table.movie[r]]);
        }
      } finally {
        kernel.dispose();
        model.dispose();
      }
    }
  );

  it("refuses steps past the epoch's rows, more steps than a call holds, and use after dispose", async () => {
    await useBackend("wasm");
    const model = buildModel({users, movies, factors: 4, seed: 5});
    const train = allRows.subarray(0, 100);
    const kernel = (await kernelRun(model, table, {bs: 16, train, valid: train}))!;
    try {
      await expect(kernel.steps(6, [hyper(1)])).rejects.toThrow(/batches 6…6 run past the epoch's rows/);
      const tooMany = Array.from({length: MAX_CHUNK + 1}, () => hyper(1));
      await expect(kernel.steps(0, tooMany)).rejects.toThrow(/at most/);
      expect(() => kernel.order(new Uint32Array(101))).toThrow(/longer than the 100 it holds/);
      kernel.dispose();
      await expect(kernel.steps(0, [hyper(1)])).rejects.toThrow(/after dispose/);
    } finally {
      kernel.dispose(); // a second dispose is harmless
      model.dispose();
    }
  });

  it(
    "is null on the cpu backend, where fit trains with hostStep, " + "and fit's path \"kernel\" says why it can't run",
    async () => {
      await useBackend("cpu");
      const model = buildModel({users, movies, factors: 4, seed: 5});
      try {
        expect(await kernelRun(model, table, {bs: 64, train: allRows, valid: allRows})).toBeNull();
        await expect(fit(model, table, {epochs: 1, bs: 64, path: "kernel"})).rejects.toThrow(
          /path "kernel" needs the wasm backend with WebAssembly SIMD, and sparse mode/
        );
      } finally {
        model.dispose();
      }
    }
  );

  it(
    "on two threads (FPSGD blocks): the same seed gives the same model bit for bit, and the valid MSE is within " +
      "noise of one thread's",
    async () => {
      await useBackend("wasm");
      const {table: big} = synthTable({users: 600, movies: 300, ratings: 40_000, seed: 3});
      const train = async (threads: number) => {
        const model = buildModel({users: big.userIds.length, movies: big.movieIds.length, factors: 8, seed: 5});
        try {
          const history = await fit(model, big, {
            epochs: 3,
            bs: 64,
            lrMax: 1e-2,
            wd: 0.1,
            seed: 9,
            threads: nodeKernelThreads(threads)
          });
          return {history, weights: snapshot(model), training: model.training!};
        } finally {
          model.dispose();
        }
      };
      const one = await train(1),
        two = await train(2),
        again = await train(2);
      expect(again.weights).toEqual(two.weights);
      expect(again.history.map((r) => [r.trainLoss, r.validLoss])).toEqual(
        two.history.map((r) => [r.trainLoss, r.validLoss])
      );
      expect(two.training.threads).toBe(2);
      expect(one.training.threads).toBeUndefined();
      // Not the one-thread run (another order), but as good.
      expect(two.weights.userBias).not.toEqual(one.weights.userBias);
      expect(two.history.at(-1)!.validLoss).toBeCloseTo(one.history.at(-1)!.validLoss, 1);
      expect(Math.abs(two.history.at(-1)!.validLoss / one.history.at(-1)!.validLoss - 1)).toBeLessThan(0.02);
    }
  );

  it("a two-thread run paused after an epoch and resumed trains on as one run does, bit for bit", async () => {
    await useBackend("wasm");
    const options = {epochs: 2, bs: 64, lrMax: 1e-2, seed: 9, threads: nodeKernelThreads(2)};
    const once = buildModel({users, movies, factors: 6, seed: 5}),
      paused = buildModel({users, movies, factors: 6, seed: 5});
    try {
      const all = await fit(once, table, options);
      await fit(paused, table, {...options, untilEpoch: 1});
      expect(paused.training!.step).toBe(paused.training!.stepsPerEpoch);
      // Without threads, a run partway on two says so rather than train another way.
      await expect(fit(paused, table, {...options, threads: undefined})).rejects.toThrow(
        /partway through a run on 2 threads/
      );
      const resumed = await fit(paused, table, options);
      expect(resumed.map((r) => [r.trainLoss, r.validLoss])).toEqual(all.map((r) => [r.trainLoss, r.validLoss]));
      expect(snapshot(paused)).toEqual(snapshot(once));
    } finally {
      once.dispose();
      paused.dispose();
    }
  });

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
