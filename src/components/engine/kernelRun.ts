// Training compiled to WebAssembly SIMD (hostKernel.wat): the same math as hostStep's lazy Adam, 4 floats per
// instruction, on the kernel's own memory, where each user's and movie's factors, bias and their Adam averages lie side
// by side (one run of cache lines per row, where TF.js keeps them in nine tables), the ratings are 8-byte records
// shuffled in place each epoch (so a batch reads its ratings in a row, not gathered), and a chunk of steps runs in one
// call. The model's tensors get the kernel's tables back whenever fit asks (store): after each epoch and when a run
// ends, so checkpoints and the pages see TF.js tensors as before.
import * as tf from "@tensorflow/tfjs";
import {sfc32State} from "../random.js";
import {epochSeed} from "./batches.js";
import type {CollabModel} from "./buildModel.js";
import {HOST_KERNEL_WASM} from "./hostKernelWasm.js";
import {hostTables} from "./hostStep.js";
import type {OptimizerStep, RatingRows} from "./hostStep.js";

interface KernelExports {
  steps(ctx: number, first: number, count: number): number;
  sse(ctx: number, rows: number, n: number): number;
  shuffle(at: number, n: number, a: number, b: number, c: number, d: number): void;
}

/** The compiled kernel, or null where WebAssembly SIMD is missing (module compiled once per realm). */
let compiled: Promise<WebAssembly.Module | null> | null = null;
function kernelModule(): Promise<WebAssembly.Module | null> {
  compiled ??= (async () => {
    const bytes = Uint8Array.from(atob(HOST_KERNEL_WASM), (c) => c.charCodeAt(0));
    if (typeof WebAssembly !== "object" || !WebAssembly.validate(bytes)) return null;
    return WebAssembly.compile(bytes);
  })();
  return compiled;
}

/** One training run's rows and model in the kernel's memory, and the steps that train it. */
export interface KernelRun {
  /** Sets the epoch's order to the training rows shuffled as epochBatches(train, {bs, seed, epoch}).order is. */
  shuffle(seed: number, epoch: number): void;
  /** Sets the epoch's order to `rows` of the data (at most as many as the training rows). */
  order(rows: Uint32Array): void;
  /**
   * Lazy-Adam steps on batches first, first + 1, … of the epoch's order (batch b is its rows b·bs … b·bs + bs), one
   * per entry of `hypers`, as hostStep(…, "sparse") takes them: each batch's mean squared error. A batch whose loss is
   * not finite changes nothing and is the last one taken: its loss ends the array.
   */
  steps(first: number, hypers: readonly (OptimizerStep & {lo: number; hi: number})[]): Float64Array;
  /** The sum of squared errors of the model on `rows` of the data (stars²): the validation rows unless told. */
  squaredError(rows?: Uint32Array): number;
  /** Writes the kernel's tables into the model's tensors (weights and Adam averages). */
  store(): void;
  /** Frees the kernel's memory (its tables are lost: store first). */
  dispose(): void;
}

/** Steps per call of the kernel at most (the hyper and loss buffers' length). */
export const MAX_CHUNK = 1024;
/** Rows copied into the kernel's memory per sse call, for rows other than the validation rows. */
const SSE_CHUNK = 4096;
/** The context's bytes (hostKernel.wat lists its fields). */
const CTX_BYTES = 128;

const align = (bytes: number, to: number) => Math.ceil(bytes / to) * to;

/**
 * The WebAssembly SIMD training run for `model` on `data` (training rows `train`, validation rows `valid`) in
 * batches of `bs`, or null where it can't run: a backend other than wasm, or no WebAssembly SIMD (fit then uses
 * hostStep, in plain JS). The kernel's memory holds the model (loaded from its tensors now), the data's columns and
 * the epoch's order: call store to give the model its tables back, and dispose.
 */
export async function kernelRun(
  model: CollabModel,
  data: RatingRows,
  {bs, train, valid}: {bs: number; train: Uint32Array; valid: Uint32Array}
): Promise<KernelRun | null> {
  if (tf.getBackend() !== "wasm" || !hostTables(model)) return null;
  const module = await kernelModule();
  if (!module) return null;
  const F = model.factors,
    {users, movies} = model;
  // A row: F factors, bias, bias's two moments, then the factors' first moments at A and second moments at A + 4F;
  // whole cache lines.
  const A = 4 * F + 12;
  const S = align(A + 8 * F, 64);
  const sizes = {
    ctx: CTX_BYTES,
    U: users * S,
    M: movies * S,
    train: train.length * 8,
    epoch: train.length * 8,
    valid: valid.length * 8,
    rows: SSE_CHUNK * 8,
    uslot: users * 4,
    mslot: movies * 4,
    tu: bs * 4,
    tm: bs * 4,
    gu: bs * F * 4,
    gm: bs * F * 4,
    gbu: bs * 4,
    gbm: bs * 4,
    hyper: MAX_CHUNK * 32,
    losses: MAX_CHUNK * 8
  };
  let total = 0;
  const at = {} as Record<keyof typeof sizes, number>;
  for (const [name, bytes] of Object.entries(sizes) as [keyof typeof sizes, number][]) {
    at[name] = total;
    total += align(bytes, 64);
  }
  const pages = Math.ceil(total / 65536);
  if (pages > 65536) return null; // over WebAssembly's 4 GB: the plain-JS step has no such limit
  const memory = new WebAssembly.Memory({initial: pages});
  const k = (await WebAssembly.instantiate(module, {env: {memory, exp: Math.exp}})).exports as unknown as KernelExports;
  const buffer = memory.buffer;
  const i32 = new Int32Array(buffer),
    f32 = new Float32Array(buffer),
    f64 = new Float64Array(buffer);

  const ctx = at.ctx >> 2;
  i32.set([F, S, A, bs, at.U, at.M, 0, 0, at.epoch, at.uslot, at.mslot, at.tu, at.tm], ctx);
  i32.set([at.gu, at.gm, at.gbu, at.gbm, at.hyper, at.losses], ctx + 13);
  const [lo, hi] = model.yRange;
  f64[(at.ctx + 80) >> 3] = lo;
  f64[(at.ctx + 88) >> 3] = hi - lo;
  i32.fill(-1, at.uslot >> 2, (at.uslot >> 2) + users);
  i32.fill(-1, at.mslot >> 2, (at.mslot >> 2) + movies);
  /** Writes `rows` of the data as records (user, movie << 4 | rating × 2) at byte `to`. */
  const records = (rows: Uint32Array, to: number) => {
    const {user, movie, rating2} = data;
    for (let i = 0, j = to >> 2; i < rows.length; ++i, j += 2) {
      const r = rows[i];
      i32[j] = user[r];
      i32[j + 1] = (movie[r] << 4) | rating2[r];
    }
  };
  records(train, at.train);
  records(valid, at.valid);

  /** Copies between the model's nine tables and the kernel's rows (`toKernel` says which way). */
  const copy = (toKernel: boolean) => {
    const t = hostTables(model)!;
    const sides = [
      [at.U, users, t.weights.userFactors, t.gradAvg.userFactors, t.sqrAvg.userFactors, "userBias"],
      [at.M, movies, t.weights.movieFactors, t.gradAvg.movieFactors, t.sqrAvg.movieFactors, "movieBias"]
    ] as const;
    for (const [base, count, w, m, v, bias] of sides) {
      const tables = [w, m, v];
      const biases = [t.weights[bias], t.gradAvg[bias], t.sqrAvg[bias]];
      for (let r = 0; r < count; ++r) {
        const row = (base + r * S) >> 2;
        for (let j = 0; j < 3; ++j) {
          const kernelAt = row + (j === 0 ? 0 : A / 4 + (j - 1) * F),
            tableAt = r * F;
          const table = tables[j];
          if (toKernel) for (let f = 0; f < F; ++f) f32[kernelAt + f] = table[tableAt + f];
          else for (let f = 0; f < F; ++f) table[tableAt + f] = f32[kernelAt + f];
          const biasAt = row + F + j;
          if (toKernel) f32[biasAt] = biases[j][r];
          else biases[j][r] = f32[biasAt];
        }
      }
    }
  };
  copy(true);

  let freed = false;
  const live = () => {
    if (freed) throw new Error("kernelRun: used after dispose");
  };
  return {
    shuffle(seed, epoch) {
      live();
      i32.copyWithin(at.epoch >> 2, at.train >> 2, (at.train >> 2) + 2 * train.length);
      k.shuffle(at.epoch, train.length, ...sfc32State(epochSeed(seed, epoch)));
    },
    order(rows) {
      live();
      if (rows.length > train.length)
        throw new RangeError(`kernelRun: an order of ${rows.length} rows is longer than the ${train.length} it holds`);
      records(rows, at.epoch);
    },
    steps(first, hypers) {
      live();
      const count = hypers.length;
      if (count > MAX_CHUNK) throw new RangeError(`kernelRun: ${count} steps in one call; at most ${MAX_CHUNK}`);
      if ((first + count) * bs > train.length)
        throw new RangeError(`kernelRun: batches ${first}…${first + count - 1} run past the epoch's rows`);
      const hyper = at.hyper >> 2;
      hypers.forEach((h, i) => {
        if (h.lo !== lo || h.hi !== hi) throw new RangeError("kernelRun: a step's yRange is not the model's");
        f32.set(
          [
            1 - h.lr * h.wd,
            h.mom,
            1 - h.mom,
            h.sqrMom,
            1 - h.sqrMom,
            h.lr / (1 - h.mom ** h.step),
            1 / Math.sqrt(1 - h.sqrMom ** h.step),
            h.eps
          ],
          hyper + 8 * i
        );
      });
      const done = k.steps(at.ctx, first, count);
      const taken = Math.min(done + 1, count);
      const losses = new Float64Array(taken);
      for (let i = 0; i < taken; ++i) losses[i] = f64[(at.losses >> 3) + i] / bs;
      return losses;
    },
    squaredError(rows) {
      live();
      if (!rows) {
        // In chunks, as for other rows, so that the sum is the same sum.
        let sum = 0;
        for (let start = 0; start < valid.length; start += SSE_CHUNK)
          sum += k.sse(at.ctx, at.valid + start * 8, Math.min(SSE_CHUNK, valid.length - start));
        return sum;
      }
      let sum = 0;
      for (let start = 0; start < rows.length; start += SSE_CHUNK) {
        const chunk = rows.subarray(start, start + SSE_CHUNK);
        records(chunk, at.rows);
        sum += k.sse(at.ctx, at.rows, chunk.length);
      }
      return sum;
    },
    store() {
      live();
      copy(false);
    },
    dispose() {
      freed = true;
    }
  };
}
