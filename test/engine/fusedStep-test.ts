// Dawn first: TF.js's webgpu backend registers itself only if navigator.gpu exists when it loads.
import {nodeWebGpu} from "../../scripts/lib/nodeWebGpu.js";
import * as tf from "@tensorflow/tfjs";
import {describe, expect, it} from "vitest";
import {epochBatches} from "../../src/components/engine/batches.js";
import {TABLES, buildModel} from "../../src/components/engine/buildModel.js";
import type {CollabModel} from "../../src/components/engine/buildModel.js";
import {encodeCheckpoint, restoreModel} from "../../src/components/engine/checkpoint.js";
import {ADAM, FUSED_READBACK, fit} from "../../src/components/engine/fit.js";
import {fusedStep} from "../../src/components/engine/fusedStep.js";
import {meanSquaredError} from "../../src/components/engine/meanSquaredError.js";
import {splitRows} from "../../src/components/split/splitRows.js";
import {synthTable} from "../support/synthTable.js";
import {useBackend} from "../support/tf.js";
import {webgpuExpected} from "../support/webgpuExpected.js";

// Without an adapter, each WebGPU test fails with the reason where one is expected (CI, Debian's Chromium),
// else skips saying why.
const webgpu = webgpuExpected("fusedStep-test", await nodeWebGpu());

const {table} = synthTable({users: 200, movies: 100, ratings: 8000, seed: 1});
const newModel = (seed = 1) =>
  buildModel({users: table.userIds.length, movies: table.movieIds.length, factors: 8, seed});
const tables = async (model: CollabModel) => {
  const out: Record<string, Float32Array> = {};
  for (const group of ["weights", "gradAvg", "sqrAvg"] as const)
    for (const k of TABLES) out[`${group}.${k}`] = Float32Array.from(await model[group][k].data());
  return out;
};
const maxDiff = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let d = 0;
  for (let i = 0; i < a.length; ++i) d = Math.max(d, Math.abs(a[i] - b[i]));
  return d;
};
// 100 steps an epoch: 6400 training rows in batches of 64.
const options = {epochs: 3, bs: 64, lrMax: 1e-2, wd: 0.1, seed: 3};
/** float32 on the GPU against float64 sums on the host: after 300 steps weights differ by ~1e-6; we allow 1e-5. */
const TOLERANCE = 1e-5;

describe("fusedStep(model, data, {bs, sqrMom, eps})", () => {
  it('resolves to null off the webgpu backend, and fit\'s path "fused" says why', async () => {
    await useBackend("cpu");
    const model = newModel();
    expect(await fusedStep(model, table, {bs: 64, ...ADAM})).toBeNull();
    await expect(fit(model, table, {...options, path: "fused"})).rejects.toThrow(
      /path "fused" needs the webgpu backend and sparse mode/
    );
    model.dispose();
  });

  it(`gives hostStep's numbers, within ${TOLERANCE} on every table, after 300 steps`, async (ctx) => {
    webgpu(ctx);
    await useBackend("cpu");
    const host = newModel();
    const hostLosses: number[] = [];
    const hostHistory = await fit(host, table, {...options, path: "host", onBatch: (p) => hostLosses.push(p.loss)});
    const expected = await tables(host);
    host.dispose();
    await tf.setBackend("webgpu");
    const model = newModel();
    const losses: number[] = [];
    const history = await fit(model, table, {...options, path: "fused", onBatch: (p) => losses.push(p.loss)});
    const got = await tables(model);
    for (const k of Object.keys(expected)) expect(maxDiff(got[k], expected[k]), k).toBeLessThan(TOLERANCE);
    expect(losses.length).toBe(300);
    expect(maxDiff(losses, hostLosses)).toBeLessThan(TOLERANCE);
    history.forEach((row, i) => expect(row.validLoss).toBeCloseTo(hostHistory[i].validLoss, 5));
    model.dispose();
  });

  it(
    'is the path "auto" takes on webgpu in sparse mode, updating the model\'s ' + "own tensors in place, leaking none",
    async (ctx) => {
      webgpu(ctx);
      await tf.setBackend("webgpu");
      const model = newModel();
      const before = {...model.weights};
      const buffers = () =>
        TABLES.map(
          (k) =>
            (tf.backend() as unknown as {tensorMap: {get(id: object): {resource: unknown}}}).tensorMap.get(
              model.weights[k].dataId
            ).resource
        );
      const counts: number[] = [],
        seen: unknown[][] = [];
      const numTensors = tf.memory().numTensors;
      await fit(model, table, {...options, onEpoch: () => (counts.push(tf.memory().numTensors), seen.push(buffers()))});
      expect(counts).toEqual([numTensors, numTensors, numTensors]);
      for (const k of TABLES) expect(model.weights[k]).toBe(before[k]);
      for (const b of seen[0]) expect(b).toBeInstanceOf(GPUBuffer);
      expect(seen[1]).toEqual(seen[0]);
      expect(seen[2]).toEqual(seen[0]);
      seen[0].forEach((b, i) => expect(b).toBe(seen[2][i]));
      model.dispose();
    }
  );

  it(
    "runs a step as four dispatches, uploading nothing (the epoch's batches go up before, in one go), " +
      "and the validation MSE as one",
    async (ctx) => {
      webgpu(ctx);
      await tf.setBackend("webgpu");
      const model = newModel();
      const step = (await fusedStep(model, table, {bs: 64, ...ADAM}))!;
      const {train, valid} = splitRows(table.rating2.length, {seed: 3});
      const batches = epochBatches(train, {bs: 64, seed: 3});
      step.epoch(
        batches,
        0,
        Array.from({length: batches.count}, (_, i) => ({
          lr: 1e-3,
          mom: 0.9,
          ...ADAM,
          wd: 0.1,
          step: i + 1,
          lo: 0.5,
          hi: 5.5
        }))
      );
      const device = (tf.backend() as unknown as {device: GPUDevice}).device;
      let uploads = 0,
        dispatches = 0;
      const {writeBuffer} = device.queue,
        {createCommandEncoder} = device;
      device.queue.writeBuffer = (...args: Parameters<GPUQueue["writeBuffer"]>) => (
        ++uploads,
        writeBuffer.apply(device.queue, args)
      );
      device.createCommandEncoder = (...args) => {
        const encoder = createCommandEncoder.apply(device, args),
          {beginComputePass} = encoder;
        encoder.beginComputePass = (...a) => {
          const pass = beginComputePass.apply(encoder, a),
            {dispatchWorkgroups} = pass;
          pass.dispatchWorkgroups = (...d) => (++dispatches, dispatchWorkgroups.apply(pass, d));
          return pass;
        };
        return encoder;
      };
      try {
        for (let b = 0; b < 10; ++b) step.step(b);
      } finally {
        device.queue.writeBuffer = writeBuffer;
        device.createCommandEncoder = createCommandEncoder;
      }
      expect(uploads).toBe(0);
      expect(dispatches).toBe(40);
      const losses = await step.losses(0, 10);
      expect(losses.length).toBe(10);
      for (const loss of losses) expect(loss).toBeGreaterThan(0);
      expect(await step.meanSquaredError(valid)).toBeCloseTo(
        await meanSquaredError(model, table, valid, {ops: true}),
        5
      );
      expect(await step.meanSquaredError(new Uint32Array(0))).toBeNaN();
      step.dispose();
      model.dispose();
    }
  );

  it("stops when its signal aborts, and resumes exactly where it stopped", async (ctx) => {
    webgpu(ctx);
    await tf.setBackend("webgpu");
    const straight = newModel(),
      stopped = newModel();
    await fit(straight, table, {...options, path: "fused"});
    const controller = new AbortController();
    const run = fit(stopped, table, {
      ...options,
      path: "fused",
      yieldMs: 0,
      signal: controller.signal,
      onBatch: (p) => p.step === 70 && controller.abort()
    });
    await expect(run).rejects.toThrow(/abort/i);
    const at = stopped.training!.step;
    expect(at).toBeGreaterThanOrEqual(70);
    expect(at).toBeLessThan(70 + FUSED_READBACK);
    const history = await fit(stopped, table, {...options, path: "fused"});
    expect(await tables(stopped)).toEqual(await tables(straight));
    expect(history.map((r) => r.validLoss)).toEqual(straight.training!.history.map((r) => r.validLoss));
    straight.dispose();
    stopped.dispose();
  });

  it("resumes from a checkpoint taken between epochs, reading the weights as they stand", async (ctx) => {
    webgpu(ctx);
    await tf.setBackend("webgpu");
    const straight = newModel(),
      paused = newModel();
    await fit(straight, table, {...options, path: "fused"});
    await fit(paused, table, {...options, path: "fused", untilEpoch: 1});
    // Encoding reads the tables back, and TF.js keeps what it read on the CPU: the next steps must not leave it stale.
    const restored = restoreModel(await encodeCheckpoint(paused, table), table);
    await fit(paused, table, {...options, path: "fused"});
    await fit(restored, table, {...options, path: "fused"});
    const expected = await tables(straight);
    expect(await tables(paused)).toEqual(expected);
    expect(await tables(restored)).toEqual(expected);
    straight.dispose();
    paused.dispose();
    restored.dispose();
  });

  it(
    "stops with a clear error when the loss becomes NaN, the diverging step uncounted, " + "leaking no tensors",
    async (ctx) => {
      webgpu(ctx);
      await tf.setBackend("webgpu");
      const model = newModel();
      const before = tf.memory().numTensors;
      const error = await fit(model, table, {...options, lrMax: 1e4, path: "fused"}).catch((e: Error) => e);
      expect(String(error)).toMatch(
        new RegExp(
          String.raw`^Error: Training diverged at epoch \d+, batch \d+: loss is NaN\. ` +
            String.raw`Try a lower learning rate \(lr_max 10000 now\)\.$`
        )
      );
      const [, epoch, batch] = /epoch (\d+), batch (\d+)/.exec(String(error))!.map(Number);
      expect(model.training!.step).toBe(epoch * 100 + batch);
      expect(model.adamStep).toBe(model.training!.step);
      expect(tf.memory().numTensors).toBe(before);
      model.dispose();
    }
  );
});
