import * as tf from "@tensorflow/tfjs";
import {beforeAll, describe, expect, it} from "vitest";
import {TABLES, buildModel} from "../../src/components/engine/buildModel.js";
import type {CollabModel} from "../../src/components/engine/buildModel.js";
import {OPS_READBACK, fit} from "../../src/components/engine/fit.js";
import type {BatchProgress} from "../../src/components/engine/fit.js";
import {oracleMse} from "../../src/components/synth/oracleMse.js";
import {splitRows} from "../../src/components/split/splitRows.js";
import {synthTable} from "../support/synthTable.js";
import {useBackend} from "../support/tf.js";

const {table} = synthTable({users: 200, movies: 100, ratings: 8000, seed: 1});
const newModel = (seed = 1) =>
  buildModel({users: table.userIds.length, movies: table.movieIds.length, factors: 8, seed});
const weights = (model: CollabModel) => Object.fromEntries(TABLES.map((k) => [k, model.weights[k].dataSync().slice()]));
const options = {epochs: 2, bs: 64, lrMax: 1e-2, seed: 3};

beforeAll(() => useBackend("cpu"));

describe("fit(model, data, {epochs, lrMax, wd, bs, seed, mode, onBatch, onEpoch, signal})", () => {
  it("reports every batch and one row per epoch, with the exact validation MSE", async () => {
    const model = newModel();
    const batches: BatchProgress[] = [];
    const rows: unknown[] = [];
    const history = await fit(model, table, {
      ...options,
      onBatch: (p) => batches.push(p),
      onEpoch: (r) => rows.push(r)
    });
    const steps = Math.floor(6400 / 64);
    expect(batches.length).toBe(2 * steps);
    expect(batches[0]).toMatchObject({epoch: 0, batch: 0, batches: steps, step: 1, totalSteps: 2 * steps});
    expect(batches[0].lr).toBeCloseTo(1e-2 / 25, 12);
    expect(batches.at(-1)).toMatchObject({epoch: 1, batch: steps - 1, step: 2 * steps});
    expect(history).toEqual(rows);
    expect(history.map((r) => r.epoch)).toEqual([0, 1]);
    expect(history[0].trainLoss).toBeCloseTo(batches.slice(0, steps).reduce((s, b) => s + b.loss, 0) / steps, 10);
    // The validation MSE recomputed by hand from the weights.
    const {valid} = splitRows(table.rating2.length, {seed: 3});
    const w = weights(model);
    let se = 0;
    for (const r of valid) {
      const u = table.user[r],
        m = table.movie[r];
      let x = w.userBias[u] + w.movieBias[m];
      for (let k = 0; k < 8; ++k) x += w.userFactors[u * 8 + k] * w.movieFactors[m * 8 + k];
      se += (5 / (1 + Math.exp(-x)) + 0.5 - table.rating2[r] / 2) ** 2;
    }
    expect(history[1].validLoss).toBeCloseTo(se / valid.length, 9);
    expect(history[1].validLoss).toBeLessThan(history[0].validLoss);
    expect(history[0].seconds).toBeGreaterThan(0);
    model.dispose();
  });

  for (const path of ["host", "ops"] as const) {
    it(`keeps tf.memory().numTensors stable across epochs (${path} path)`, async () => {
      const model = newModel();
      const counts: number[] = [];
      const before = tf.memory().numTensors;
      // A quarter of the table: a few batches an epoch are enough to leak, and the ops path is slow on cpu.
      const quarter = {
        user: table.user.subarray(0, 2000),
        movie: table.movie.subarray(0, 2000),
        rating2: table.rating2.subarray(0, 2000)
      };
      await fit(model, quarter, {
        ...options,
        epochs: 3,
        bs: path === "ops" ? 256 : 64,
        path,
        onEpoch: () => counts.push(tf.memory().numTensors)
      });
      expect(counts).toEqual([before, before, before]);
      model.dispose();
    });
  }

  it("reports every batch's own loss on the ops path too, though it reads losses back in groups", async () => {
    const host = newModel(),
      ops = newModel();
    const hostLosses: number[] = [],
      opsBatches: BatchProgress[] = [];
    await fit(host, table, {...options, path: "host", onBatch: (p) => hostLosses.push(p.loss)});
    await fit(ops, table, {...options, path: "ops", onBatch: (p) => opsBatches.push(p)});
    expect(opsBatches.map((p) => p.step)).toEqual(hostLosses.map((_, i) => i + 1));
    opsBatches.forEach((p, i) => expect(p.loss).toBeCloseTo(hostLosses[i], 4));
    expect(opsBatches.length).toBeGreaterThan(OPS_READBACK);
    host.dispose();
    ops.dispose();
  });

  it("stops with a clear error when the loss becomes NaN on the ops path, leaking no tensors", async () => {
    const model = newModel();
    const before = tf.memory().numTensors;
    await expect(fit(model, table, {...options, lrMax: 1e4, path: "ops"})).rejects.toThrow(
      /^Training diverged at epoch \d+, batch \d+: loss is NaN\./
    );
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });

  it("stops when its signal aborts on the ops path, and resumes exactly where it stopped", async () => {
    const straight = newModel(),
      stopped = newModel();
    await fit(straight, table, {...options, path: "ops"});
    const controller = new AbortController();
    const run = fit(stopped, table, {
      ...options,
      path: "ops",
      signal: controller.signal,
      onBatch: (p) => p.step === 70 && controller.abort()
    });
    await expect(run).rejects.toThrow(/abort/i);
    // The group read back with step 70 ran a few steps past it; it stops at the end of that group, all of it recorded.
    const at = stopped.training!.step;
    expect(at).toBeGreaterThanOrEqual(70);
    expect(at).toBeLessThan(70 + OPS_READBACK);
    const history = await fit(stopped, table, {...options, path: "ops"});
    const w = weights(stopped),
      v = weights(straight);
    for (const k of TABLES) w[k].forEach((x, i) => expect(x).toBeCloseTo(v[k][i], 5));
    expect(history[1].trainLoss).toBeCloseTo(straight.training!.history[1].trainLoss, 5);
    straight.dispose();
    stopped.dispose();
  });

  it("stops with a clear error when the loss becomes NaN", async () => {
    const model = newModel();
    await expect(fit(model, table, {...options, lrMax: 1e4})).rejects.toThrow(
      /^Training diverged at epoch \d+, batch \d+: loss is NaN\. Try a lower learning rate \(lr_max 10000 now\)\.$/
    );
    model.dispose();
  });

  it("stops when its signal aborts, and resumes exactly where it stopped", async () => {
    const straight = newModel(),
      stopped = newModel();
    await fit(straight, table, options);
    const controller = new AbortController();
    const run = fit(stopped, table, {
      ...options,
      signal: controller.signal,
      onBatch: (p) => p.step === 130 && controller.abort()
    });
    await expect(run).rejects.toThrow(/abort/i);
    expect(stopped.training?.step).toBe(130);
    expect(stopped.training?.history.length).toBe(1);
    const history = await fit(stopped, table, options);
    expect(weights(stopped)).toEqual(weights(straight));
    expect(history.map((r) => r.validLoss)).toEqual(straight.training!.history.map((r) => r.validLoss));
    expect(history[1].trainLoss).toBeCloseTo(straight.training!.history[1].trainLoss, 12);
    straight.dispose();
    stopped.dispose();
  });

  it("on the wasm kernel, reports no step past an abort that a progress callback queued as a microtask", async () => {
    // timeSteps (auto's trial) aborts from a microtask its onBatch queues: the kernel's next chunk of steps must not
    // run before that microtask, or the trial times a group too many.
    await useBackend("wasm");
    const model = newModel();
    const controller = new AbortController();
    let reported = 0,
      atAbort = -1;
    try {
      await expect(
        fit(model, table, {
          ...options,
          path: "kernel",
          signal: controller.signal,
          onBatch: () => {
            if (reported++ === 0)
              queueMicrotask(() => {
                atAbort = reported;
                controller.abort();
              });
          }
        })
      ).rejects.toThrow(/abort/i);
      expect(atAbort).toBeGreaterThan(0);
      expect(reported).toBe(atAbort);
      expect(model.training!.step).toBe(reported);
    } finally {
      model.dispose();
      await useBackend("cpu");
    }
  });

  it("pauses after untilEpoch, keeping the schedule planned for all epochs", async () => {
    const straight = newModel(),
      paused = newModel();
    await fit(straight, table, options);
    expect((await fit(paused, table, {...options, untilEpoch: 1})).length).toBe(1);
    await fit(paused, table, options);
    expect(weights(paused)).toEqual(weights(straight));
    straight.dispose();
    paused.dispose();
  });

  it("refuses to resume a run with other options, unless told to restart", async () => {
    const model = newModel();
    await fit(model, table, {...options, untilEpoch: 1});
    await expect(fit(model, table, {...options, lrMax: 1})).rejects.toThrow(/partway through a run/);
    expect((await fit(model, table, {...options, epochs: 1, restart: true})).length).toBe(1);
    model.dispose();
  });

  it("yields to the event loop while it trains", async () => {
    const model = newModel();
    let ticks = 0;
    const timer = setInterval(() => ++ticks, 0);
    await fit(model, table, {...options, epochs: 4, yieldMs: 0});
    clearInterval(timer);
    expect(ticks).toBeGreaterThan(0);
    model.dispose();
  });

  it("trains in dense mode too, where every row moves at every step", async () => {
    const model = newModel();
    const history = await fit(model, table, {...options, mode: "dense"});
    expect(history[1].validLoss).toBeLessThan(history[0].validLoss);
    model.dispose();
  });

  it("learns the planted structure of a synthetic set with known noise", async () => {
    // The bench measures this on the ML-10M-shaped set; here, a quick version on 120k ratings, with version 1's mild
    // taste that these bounds were calibrated on. On the clear taste, 19 genre tastes matter, and 3 epochs end 1.22×
    // the oracle and 1.44× the noise floor (measured); the test below holds the clear taste to its own bounds.
    const {table: t, meta, data} = synthTable({users: 1000, movies: 400, ratings: 120_000, seed: 4, taste: "mild"});
    let sum = 0,
      sq = 0;
    for (const r of t.rating2) {
      sum += r / 2;
      sq += (r / 2) ** 2;
    }
    const variance = sq / t.rating2.length - (sum / t.rating2.length) ** 2; // the MSE of the best constant prediction
    const model = buildModel({users: t.userIds.length, movies: t.movieIds.length, factors: 20});
    const defaults = await fit(model, t, {epochs: 3});
    expect(defaults[2].validLoss).toBeLessThan(0.85 * variance);
    const tuned = await fit(model, t, {epochs: 3, lrMax: 1e-2, wd: 0.1, restart: true});
    expect(tuned[2].validLoss).toBeLessThan(1.25 * meta.noiseFloorMse);
    expect(tuned[2].validLoss).toBeGreaterThan(meta.noiseFloorMse);
    // The oracle knows the movies and learns only the users: the recipe, which learns both, ends within 15% of it.
    const oracle = oracleMse(data, splitRows(t.rating2.length, {seed: 42}));
    expect(tuned[2].validLoss).toBeLessThan(1.15 * oracle);
    model.dispose();
  });

  it("learns the clear taste's planted structure too, within 30% of the oracle", async () => {
    // 19 genre tastes matter on the clear taste (version 2's default), so 3 epochs end further from the oracle than on
    // the mild taste above: 1.22× when this test was written.
    const {table: t, data} = synthTable({users: 1000, movies: 400, ratings: 120_000, seed: 4});
    const model = buildModel({users: t.userIds.length, movies: t.movieIds.length, factors: 20});
    const tuned = await fit(model, t, {epochs: 3, lrMax: 1e-2, wd: 0.1});
    expect(tuned[2].validLoss).toBeLessThan(1.3 * oracleMse(data, splitRows(t.rating2.length, {seed: 42})));
    model.dispose();
  });

  it("rejects bad options with a TypeError", async () => {
    const model = newModel();
    await expect(fit(model, table, {epochs: 0})).rejects.toThrow(TypeError);
    await expect(fit(model, table, {mode: "lazy" as "sparse"})).rejects.toThrow(TypeError);
    await expect(fit(model, table, {bs: 100_000})).rejects.toThrow(/no full batch/);
    model.dispose();
  });
});
