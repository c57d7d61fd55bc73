/// <reference types="@webgpu/types" />
import * as tf from "@tensorflow/tfjs";
import {TABLES} from "./buildModel.js";
import type {CollabModel, TableName} from "./buildModel.js";
import type {EpochBatches} from "./batches.js";
import type {OptimizerStep, RatingRows} from "./hostStep.js";
import {fusedKernels} from "./fusedKernels.js";
import type {FusedShape} from "./fusedKernels.js";

/** The lazy-Adam step on TF.js's WebGPU backend, as `fit` drives it: one epoch's batches at a time. */
export interface FusedStep {
  /**
   * Prepares an epoch on the CPU and uploads it in one go: each batch's rows, and for each side (users, movies) its
   * distinct ids with the batch positions that touch them. `hypers[b - first]` holds batch b's lr, mom and debiasing
   * step, for the batches first … batches.count - 1.
   */
  epoch(batches: EpochBatches, first: number, hypers: readonly OptimizerStep[]): void;
  /** Queues batch b of the epoch: four dispatches, nothing uploaded. */
  step(b: number): void;
  /**
   * The mean squared errors of batches [from, to) of the epoch, read back from the GPU. A batch whose loss is not
   * finite, and every batch queued after it in this run, changed nothing.
   */
  losses(from: number, to: number): Promise<Float32Array>;
  /**
   * The model's exact mean squared error over the given rows (fit's validation set), one kernel over the ratings
   * already on the GPU, summed in float64 on the CPU; NaN for no rows. The rows go up once per list.
   */
  meanSquaredError(rows: Uint32Array): Promise<number>;
  /** Frees the run's GPU buffers (the model's tables stay). */
  dispose(): void;
}

/** The parts of TF.js's WebGPUBackend (tfjs-backend-webgpu 4.22, backend_webgpu.ts) the step relies on. */
interface WebGpu {
  device: GPUDevice;
  tensorMap: {get(dataId: object): {values: unknown; resource?: unknown}};
  /** Commands TF.js has recorded but not yet submitted, or null. */
  commandEncoder: GPUCommandEncoder | null;
  uploadToGPU(dataId: object): void;
  endComputePassEncoder(): void;
  submitQueue(): void;
}

/** The uniform block of one step sits at a 256-byte offset (WebGPU's minUniformBufferOffsetAlignment). */
const STEP_BYTES = 256;
/** A buffer's size, rounded up to 4 bytes and at least 4 (WebGPU refuses empty buffers and unaligned copies). */
const bytes = (n: number) => Math.max(4, Math.ceil(n / 4) * 4);

/** The GPU buffer of a tensor on the webgpu backend, uploaded if its values were still on the CPU. */
function gpuBuffer(backend: WebGpu, t: tf.Tensor): GPUBuffer {
  backend.uploadToGPU(t.dataId);
  const resource = backend.tensorMap.get(t.dataId).resource;
  if (!(resource instanceof GPUBuffer)) throw new Error("fusedStep: a model table is not held in a GPU buffer");
  return resource;
}

/**
 * One side's distinct ids per batch, in the layout the Adam kernel reads (u32): for each batch, its n entries
 * (id, start) and a sentinel (0, bs), then the bs batch positions grouped by entry in batch order; `offsets[b]` is
 * where batch b's block starts and `counts[b]` its n.
 */
function sideBlocks(
  ids: ArrayLike<number>,
  order: Uint32Array,
  first: number,
  count: number,
  bs: number,
  slot: Int32Array
) {
  const offsets = new Uint32Array(count),
    counts = new Uint32Array(count);
  // At most bs entries, a sentinel and bs positions a batch.
  const all = new Uint32Array(Math.max(1, (count - first) * (3 * bs + 2)));
  let size = 0;
  const entryOf = new Int32Array(bs),
    distinct = new Uint32Array(bs),
    fill = new Uint32Array(bs + 1);
  for (let b = first; b < count; ++b) {
    let n = 0;
    for (let i = 0; i < bs; ++i) {
      const id = ids[order[b * bs + i]];
      let s = slot[id];
      if (s < 0) {
        s = slot[id] = n;
        distinct[n] = id;
        fill[++n] = 0;
      }
      entryOf[i] = s;
      ++fill[s + 1];
    }
    const block = all.subarray(size, size + 2 * (n + 1) + bs);
    fill[0] = 0;
    for (let j = 0; j < n; ++j) {
      fill[j + 1] += fill[j];
      block[2 * j] = distinct[j];
      block[2 * j + 1] = fill[j];
      slot[distinct[j]] = -1;
    }
    block[2 * n + 1] = bs;
    for (let i = 0; i < bs; ++i) block[2 * (n + 1) + fill[entryOf[i]]++] = i;
    offsets[b] = size;
    counts[b] = n;
    size += block.length;
  }
  return {all: all.subarray(0, Math.max(1, size)), offsets, counts};
}

/**
 * The sparse (lazy-Adam) training step on TF.js's WebGPU backend, written as WGSL compute kernels that update the
 * model's own GPU buffers in place; resolves to null when the backend in use is not webgpu.
 *
 * The GPU counterpart of `hostStep` (cpu, wasm), with the same numbers up to float32 rounding: EmbeddingDotBias with
 * fastai's sigmoid_range, MSE, closed-form gradients summed per distinct row, and fastai's Adam with decoupled weight
 * decay (`p ← p·(1 − lr·wd) − lr/(1 − β1ᵗ) · m / (√v / √(1 − β2ᵗ) + eps)`), applied lazily: only the rows a batch
 * touches move, as in TF's LazyAdamOptimizer (tensorflow/addons) and Kingma & Ba's Adam with a global step t.
 * A step is four dispatches (fusedKernels: forward, loss, Adam on users, Adam on movies) and copies no table.
 * Per run the ratings columns are uploaded once (8 bytes a rating); per epoch, its batches (about 28 bytes a rating);
 * per step, nothing. Losses stay on the GPU until `losses` reads them back. Shapes: users × factors, movies × factors,
 * users, movies float32 tables; ids below 2³² for users and 2²⁴ for movies; ratings as rating2 (stars × 2, ≤ 255).
 */
export async function fusedStep(
  model: CollabModel,
  data: RatingRows,
  {bs, sqrMom, eps}: {bs: number; sqrMom: number; eps: number}
): Promise<FusedStep | null> {
  if (tf.getBackend() !== "webgpu") return null;
  const backend = tf.backend() as unknown as WebGpu;
  const {device} = backend;
  const F = model.factors,
    W = F + 1;
  if (model.movies >= 2 ** 24) throw new TypeError(`fusedStep: at most 2²⁴ movies, got ${model.movies}`);
  const [lo, hi] = model.yRange;
  const shape: FusedShape = {factors: F, bs, lo, hi, sqrMom, eps};
  const kernels = await fusedKernels(device, shape);
  const n = data.rating2.length;

  const made: GPUBuffer[] = [];
  const buffer = (size: number, usage: number) => {
    const b = device.createBuffer({size: bytes(size), usage});
    made.push(b);
    return b;
  };
  const {STORAGE, COPY_DST, COPY_SRC, UNIFORM, MAP_READ} = GPUBufferUsage;
  // The ratings columns, once per run: user, then movie << 8 | rating2.
  const packed = new Uint32Array(2 * n);
  for (let i = 0; i < n; ++i) {
    packed[2 * i] = data.user[i];
    packed[2 * i + 1] = (data.movie[i] << 8) | data.rating2[i];
  }
  const ratings = buffer(packed.byteLength, STORAGE | COPY_DST);
  device.queue.writeBuffer(ratings, 0, packed);
  // Scratch: per batch position, (F gradients + 1 bias gradient) for the user side and the movie side, its squared
  // error, then the "diverged" flag that stops every later update in this run.
  const scratch = buffer(4 * (2 * bs * W + bs + 1), STORAGE | COPY_DST);
  device.queue.writeBuffer(scratch, 0, new Float32Array(2 * bs * W + bs + 1));
  let stepsCap = 0;
  const sideCap = [0, 0];
  let order: GPUBuffer, steps: GPUBuffer, losses: GPUBuffer, staging: GPUBuffer;
  const sides: GPUBuffer[] = [];
  let groups: {forward: GPUBindGroup; loss: GPUBindGroup; adam: GPUBindGroup[]} | null = null;
  let counts: Uint32Array[] = [];

  const tables = (group: "weights" | "gradAvg" | "sqrAvg", k: TableName) => gpuBuffer(backend, model[group][k]);
  const freshValues = () => {
    // webgpu keeps a copy of what it last read back on the CPU; once the GPU buffers move on, that copy is stale.
    for (const group of ["weights", "gradAvg", "sqrAvg"] as const)
      for (const k of TABLES) backend.tensorMap.get(model[group][k].dataId).values = null;
  };
  // TF.js records its commands in an encoder it submits later: submit them first, so that ours run after them.
  const flushTf = () => {
    if (backend.commandEncoder) {
      backend.endComputePassEncoder();
      backend.submitQueue();
    }
  };

  // The validation's rows and what its kernel needs (a uniform block it ignores: the layouts share binding 0).
  let valid: {rows: Uint32Array; out: GPUBuffer; staging: GPUBuffer; group: GPUBindGroup} | null = null;
  const noStep = buffer(STEP_BYTES, UNIFORM);
  /** Copies `count` floats from a buffer at byte `offset` into a mappable one, and reads them. */
  const readBack = async (from: GPUBuffer, offset: number, count: number, into: GPUBuffer) => {
    const encoder = device.createCommandEncoder();
    encoder.copyBufferToBuffer(from, offset, into, 0, 4 * count);
    device.queue.submit([encoder.finish()]);
    await into.mapAsync(GPUMapMode.READ, 0, bytes(4 * count));
    const values = new Float32Array(into.getMappedRange(0, bytes(4 * count)).slice(0, 4 * count));
    into.unmap();
    return values;
  };
  return {
    epoch(batches, first, hypers) {
      const S = batches.count;
      if (S * STEP_BYTES > stepsCap) {
        stepsCap = S * STEP_BYTES;
        order = buffer(4 * S * bs, STORAGE | COPY_DST);
        steps = buffer(stepsCap, UNIFORM | COPY_DST);
        losses = buffer(4 * S, STORAGE | COPY_SRC);
        staging = buffer(4 * S, MAP_READ | COPY_DST);
        groups = null;
      }
      const blocks = [data.user, data.movie].map((ids, side) =>
        sideBlocks(ids, batches.order, first, S, bs, new Int32Array(side ? model.movies : model.users).fill(-1))
      );
      blocks.forEach((block, side) => {
        if (block.all.byteLength > sideCap[side]) {
          sideCap[side] = block.all.byteLength;
          sides[side] = buffer(block.all.byteLength, STORAGE | COPY_DST);
          groups = null;
        }
      });
      counts = blocks.map((block) => block.counts);
      const uniform = new ArrayBuffer(S * STEP_BYTES);
      for (let b = first; b < S; ++b) {
        const h = hypers[b - first];
        const u = new Uint32Array(uniform, b * STEP_BYTES, 8),
          f = new Float32Array(uniform, b * STEP_BYTES + 32, 4);
        u.set([
          blocks[0].counts[b],
          blocks[1].counts[b],
          blocks[0].offsets[b],
          blocks[1].offsets[b],
          b * bs,
          b,
          0x7fc00000
        ]);
        f.set([1 - h.lr * h.wd, h.mom, h.lr / (1 - h.mom ** h.step), 1 / Math.sqrt(1 - sqrMom ** h.step)]);
      }
      device.queue.writeBuffer(order, 0, batches.order as Uint32Array<ArrayBuffer>, 0, S * bs);
      device.queue.writeBuffer(steps, 0, uniform);
      blocks.forEach((block, side) => device.queue.writeBuffer(sides[side], 0, block.all));
      if (!groups) {
        const side = (s: 0 | 1) => {
          const [f, b] = s ? (["movieFactors", "movieBias"] as const) : (["userFactors", "userBias"] as const);
          return [
            tables("weights", f),
            tables("gradAvg", f),
            tables("sqrAvg", f),
            tables("weights", b),
            tables("gradAvg", b),
            tables("sqrAvg", b),
            scratch,
            sides[s]
          ];
        };
        groups = {
          forward: kernels.bind(
            "forward",
            [
              tables("weights", "userFactors"),
              tables("weights", "movieFactors"),
              tables("weights", "userBias"),
              tables("weights", "movieBias"),
              ratings,
              order,
              scratch
            ],
            steps
          ),
          loss: kernels.bind("loss", [scratch, losses], steps),
          adam: [kernels.bind("adamUsers", side(0), steps), kernels.bind("adamMovies", side(1), steps)]
        };
      }
    },
    step(b) {
      if (!groups) throw new Error("fusedStep: step before epoch");
      flushTf();
      freshValues();
      const encoder = device.createCommandEncoder();
      const pass = encoder.beginComputePass();
      const offset = [b * STEP_BYTES];
      kernels.dispatch(pass, "forward", groups.forward, offset, bs);
      kernels.dispatch(pass, "loss", groups.loss, offset, 64);
      kernels.dispatch(pass, "adamUsers", groups.adam[0], offset, counts[0][b]);
      kernels.dispatch(pass, "adamMovies", groups.adam[1], offset, counts[1][b]);
      pass.end();
      device.queue.submit([encoder.finish()]);
    },
    losses(from, to) {
      flushTf();
      return readBack(losses, 4 * from, to - from, staging);
    },
    async meanSquaredError(rows) {
      if (rows.length === 0) return NaN;
      if (valid?.rows !== rows) {
        const list = buffer(rows.byteLength, STORAGE | COPY_DST),
          out = buffer(rows.byteLength, STORAGE | COPY_SRC);
        device.queue.writeBuffer(list, 0, rows as Uint32Array<ArrayBuffer>);
        const weights = TABLES.map((k) => tables("weights", k));
        valid = {
          rows,
          out,
          staging: buffer(rows.byteLength, MAP_READ | COPY_DST),
          group: kernels.bind("squaredErrors", [...weights, ratings, list, out], noStep)
        };
      }
      flushTf();
      const encoder = device.createCommandEncoder();
      const pass = encoder.beginComputePass();
      kernels.dispatch(pass, "squaredErrors", valid.group, [0], rows.length);
      pass.end();
      device.queue.submit([encoder.finish()]);
      const squared = await readBack(valid.out, 0, rows.length, valid.staging);
      let sum = 0;
      for (let i = 0; i < squared.length; ++i) sum += squared[i];
      return sum / rows.length;
    },
    dispose() {
      freshValues();
      for (const b of made) b.destroy();
      made.length = 0;
    }
  };
}
