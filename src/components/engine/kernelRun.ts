// Training compiled to WebAssembly SIMD (hostKernel.wat): the same math as hostStep's lazy Adam, 4 floats per
// instruction, on the kernel's own memory, where each user's and movie's factors, bias and their Adam averages lie side
// by side (one run of cache lines per row, where TF.js keeps them in nine tables), the ratings are 8-byte records
// shuffled in place each epoch (so a batch reads its ratings in a row, not gathered), and a chunk of steps runs in one
// call. The model's tensors get the kernel's tables back whenever fit asks (store): after each epoch and when a run
// ends, so checkpoints and the pages see TF.js tensors as before.
//
// On several threads (a page that is cross-origin isolated, or Node), the kernel's memory is shared and the ratings
// are cut into threads × threads blocks by user and by movie (user % T, movie % T), as in LIBMF's FPSGD (Zhuang, Chin,
// Juan and Lin, "A Fast Parallel SGD for Matrix Factorization in Shared Memory Systems", RecSys 2013): an epoch is T
// sub-epochs, and in sub-epoch s thread t trains block (t, (t + s) % T), so no two threads ever touch the same row.
// Each block's batches are its own records, shuffled each epoch with a seed of its own, and the steps are numbered in
// one order (sub-epoch, then thread, then batch) for the schedule and the losses: the same seed and thread count give
// the same model, bit for bit, whichever thread finishes first.
import * as tf from "@tensorflow/tfjs";
import {sfc32State} from "../random.js";
import {epochSeed} from "./batches.js";
import type {CollabModel} from "./buildModel.js";
import {HOST_KERNEL_WASM, HOST_KERNEL_WASM_SHARED} from "./hostKernelWasm.js";
import {hostTables} from "./hostStep.js";
import type {OptimizerStep, RatingRows} from "./hostStep.js";

interface KernelExports {
  steps(ctx: number, first: number, count: number): number;
  sse(ctx: number, rows: number, n: number): number;
  shuffle(at: number, n: number, a: number, b: number, c: number, d: number): void;
}

/** The compiled kernels (on their own memory, and on a shared one), or null where WebAssembly SIMD is missing. */
const compiled = new Map<boolean, Promise<WebAssembly.Module | null>>();
function kernelModule(shared: boolean): Promise<WebAssembly.Module | null> {
  let module = compiled.get(shared);
  if (!module) {
    module = (async () => {
      const bytes = Uint8Array.from(atob(shared ? HOST_KERNEL_WASM_SHARED : HOST_KERNEL_WASM), (c) => c.charCodeAt(0));
      if (typeof WebAssembly !== "object" || !WebAssembly.validate(bytes)) return null;
      return WebAssembly.compile(bytes);
    })();
    compiled.set(shared, module);
  }
  return module;
}

/** A thread the kernel runs on, as the caller made it (a Web Worker in a browser, a worker thread in Node). */
export interface KernelThread {
  post(message: unknown): void;
  /** Calls `listener` with each message the thread posts, and with {error} when the thread fails. */
  listen(listener: (message: unknown) => void): void;
  terminate(): void;
}

/** Several threads for the kernel: how many in all (the calling one included), and how to start one on `source`. */
export interface KernelThreads {
  count: number;
  spawn(source: string): KernelThread;
}

/**
 * What a kernel thread runs (plain JS, for a Web Worker made from a Blob or a Node worker thread with eval): it
 * instantiates the kernel on the memory it is sent, then runs the steps it is asked for and says how many it took.
 */
export const KERNEL_THREAD_SOURCE = `
const port = typeof require === "function" ? require("node:worker_threads").parentPort : self;
let kernel = null;
const handle = async (message) => {
  try {
    if (message.module) {
      const instance = await WebAssembly.instantiate(message.module, {env: {memory: message.memory, exp: Math.exp}});
      kernel = instance.exports;
      port.postMessage({ready: true});
    } else {
      for (const args of message.shuffle ?? []) kernel.shuffle(...args);
      let sum = 0;
      for (const args of message.sse ?? []) sum += kernel.sse(...args);
      port.postMessage({done: message.steps ? kernel.steps(...message.steps) : sum});
    }
  } catch (error) {
    port.postMessage({error: String(error)});
  }
};
if (port.on) port.on("message", handle);
else port.onmessage = (event) => handle(event.data);
`;

/** One training run's rows and model in the kernel's memory, and the steps that train it. */
export interface KernelRun {
  /** The threads it trains on. */
  readonly threads: number;
  /** Steps in an epoch: every block's full batches (one block, all the training rows, on one thread). */
  readonly stepsPerEpoch: number;
  /**
   * Sets the epoch's order: each block's records shuffled (on one thread, as epochBatches(train, …).order is), each
   * thread shuffling its own blocks.
   */
  shuffle(seed: number, epoch: number): Promise<void>;
  /** Sets the epoch's order to `rows` of the data (one thread only; at most as many as the training rows). */
  order(rows: Uint32Array): void;
  /**
   * How many steps the next call of `steps` takes from step `first` of the epoch: up to `most` on one thread; on
   * several, the whole sub-epoch that starts there (a run stops and resumes only between sub-epochs).
   */
  stepsFrom(first: number, most: number): number;
  /**
   * Lazy-Adam steps first, first + 1, … of the epoch, one per entry of `hypers` (as stepsFrom says), as
   * hostStep(…, "sparse") takes them: each batch's mean squared error, in step order. A batch whose loss is not
   * finite changes nothing and is the last one taken: its loss ends the array (on several threads, the other threads'
   * blocks of that sub-epoch have trained).
   */
  steps(first: number, hypers: readonly (OptimizerStep & {lo: number; hi: number})[]): Promise<Float64Array>;
  /** The sum of squared errors of the model on `rows` of the data (stars²), on the calling thread. */
  squaredError(rows: Uint32Array): number;
  /**
   * The sum of squared errors of the model on the validation rows (stars²), each thread summing a part of them in
   * chunks of SSE_CHUNK, the parts added in thread order: on one thread, the same sum as squaredError(valid).
   */
  validSquaredError(): Promise<number>;
  /** Writes the kernel's tables into the model's tensors (weights and Adam averages), where steps changed them. */
  store(): void;
  /** Frees the kernel's memory and ends its threads (its tables are lost: store first). */
  dispose(): void;
}

/** Steps per call of the kernel at most on one thread (the hyper and loss buffers' length). */
export const MAX_CHUNK = 1024;
/** Rows copied into the kernel's memory per sse call, for rows other than the validation rows. */
const SSE_CHUNK = 4096;
/** A thread's context's bytes (hostKernel.wat lists its fields). */
const CTX_BYTES = 128;

const align = (bytes: number, to: number) => Math.ceil(bytes / to) * to;

/** The seed of block `block`'s shuffle in an epoch whose shuffle is seeded `epochSeed` (block 0: that seed). */
const blockSeed = (seed: number, block: number) => (seed + Math.imul(block, 0x632be5ab)) | 0;

/**
 * The WebAssembly SIMD training run for `model` on `data` (training rows `train`, validation rows `valid`) in
 * batches of `bs`, on one thread or on `threads`, or null where it can't run: a backend other than wasm, no
 * WebAssembly SIMD (fit then uses hostStep, in plain JS), or more memory than WebAssembly's 4 GB. The kernel's memory
 * holds the model (loaded from its tensors now), the ratings as records and the epoch's order: call store to give the
 * model its tables back, and dispose.
 */
export async function kernelRun(
  model: CollabModel,
  data: RatingRows,
  {bs, train, valid, threads}: {bs: number; train: Uint32Array; valid: Uint32Array; threads?: KernelThreads}
): Promise<KernelRun | null> {
  if (tf.getBackend() !== "wasm" || !hostTables(model)) return null;
  const T = Math.max(1, Math.floor(threads?.count ?? 1));
  const shared = T > 1;
  if (shared && typeof SharedArrayBuffer === "undefined")
    throw new TypeError("kernelRun: threads need a shared memory");
  const module = await kernelModule(shared);
  if (!module) return null;
  const F = model.factors,
    {users, movies} = model;

  // The blocks: training rows by (user % T, movie % T), each in the training rows' order, block-major.
  const {user, movie, rating2} = data;
  const blockOf = (r: number) => (user[r] % T) * T + (movie[r] % T);
  const blockSize = new Array<number>(T * T).fill(0);
  for (let i = 0; i < train.length; ++i) blockSize[blockOf(train[i])]++;
  const blockStart = blockSize.map((_, b) => blockSize.slice(0, b).reduce((x, y) => x + y, 0));
  const blockSteps = blockSize.map((n) => Math.floor(n / bs));
  /** Block (t, (t + s) % T): thread t's in sub-epoch s. */
  const blockAt = (s: number, t: number) => t * T + ((t + s) % T);
  const subSteps = Array.from({length: T}, (_, s) =>
    Array.from({length: T}, (_, t) => blockSteps[blockAt(s, t)]).reduce((x, y) => x + y, 0)
  );
  const stepsPerEpoch = subSteps.reduce((x, y) => x + y, 0);
  const most = shared ? Math.max(...blockSteps) : MAX_CHUNK;

  // A row: F factors, bias, bias's two moments, then the factors' first moments at A and second moments at A + 4F;
  // whole cache lines.
  const A = 4 * F + 12;
  const S = align(A + 8 * F, 64);
  const sizes = {
    U: users * S,
    M: movies * S,
    train: train.length * 8,
    epoch: train.length * 8,
    valid: valid.length * 8,
    rows: SSE_CHUNK * 8
  };
  /** Each thread's own: its context, gradient slots and buffers. */
  const own = {
    ctx: CTX_BYTES,
    uslot: users * 4,
    mslot: movies * 4,
    tu: bs * 4,
    tm: bs * 4,
    gu: bs * F * 4,
    gm: bs * F * 4,
    gbu: bs * 4,
    gbm: bs * 4,
    hyper: most * 32,
    losses: most * 8
  };
  let total = 0;
  const place = <K extends string>(parts: Record<K, number>) => {
    const at = {} as Record<K, number>;
    for (const [name, bytes] of Object.entries(parts) as [K, number][]) {
      at[name] = total;
      total += align(bytes, 64);
    }
    return at;
  };
  const at = place(sizes);
  const mine = Array.from({length: T}, () => place(own));
  const pages = Math.ceil(total / 65536);
  if (pages > 65536) return null; // over WebAssembly's 4 GB: the plain-JS step has no such limit
  const memory = new WebAssembly.Memory(shared ? {initial: pages, maximum: pages, shared} : {initial: pages});
  const k = (await WebAssembly.instantiate(module, {env: {memory, exp: Math.exp}})).exports as unknown as KernelExports;
  const buffer = memory.buffer;
  const i32 = new Int32Array(buffer),
    f32 = new Float32Array(buffer),
    f64 = new Float64Array(buffer);

  const [lo, hi] = model.yRange;
  for (const t of mine) {
    const ctx = t.ctx >> 2;
    i32.set([F, S, A, bs, at.U, at.M, 0, 0, at.epoch, t.uslot, t.mslot, t.tu, t.tm], ctx);
    i32.set([t.gu, t.gm, t.gbu, t.gbm, t.hyper, t.losses], ctx + 13);
    f64[(t.ctx + 80) >> 3] = lo;
    f64[(t.ctx + 88) >> 3] = hi - lo;
    i32.fill(-1, t.uslot >> 2, (t.uslot >> 2) + users);
    i32.fill(-1, t.mslot >> 2, (t.mslot >> 2) + movies);
  }
  /** Writes row `r` of the data as a record (user, movie << 4 | rating × 2) at int32 index `j`. */
  const record = (r: number, j: number) => {
    i32[j] = user[r];
    i32[j + 1] = (movie[r] << 4) | rating2[r];
  };
  const records = (rows: Uint32Array, to: number) => {
    for (let i = 0, j = to >> 2; i < rows.length; ++i, j += 2) record(rows[i], j);
  };
  const next = blockStart.slice();
  for (let i = 0; i < train.length; ++i) record(train[i], (at.train >> 2) + 2 * next[blockOf(train[i])]++);
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

  // The other threads: each instantiates the kernel on the shared memory, then runs what it is sent.
  const helpers: {thread: KernelThread; pending: ((m: {done?: number; error?: string}) => void)[]}[] = [];
  const ask = (h: (typeof helpers)[number], message: unknown) =>
    new Promise<number>((resolve, reject) => {
      h.pending.push((m) =>
        m.error !== undefined ? reject(new Error(`a kernel thread failed: ${m.error}`)) : resolve(m.done ?? 0)
      );
      h.thread.post(message);
    });
  try {
    for (let t = 1; t < T; ++t) {
      const thread = threads!.spawn(KERNEL_THREAD_SOURCE);
      const h = {thread, pending: [] as ((m: {done?: number; error?: string}) => void)[]};
      thread.listen((m) => h.pending.shift()?.(m as {done?: number; error?: string}));
      helpers.push(h);
      await ask(h, {module, memory});
    }
  } catch (error) {
    for (const h of helpers) h.thread.terminate();
    throw error;
  }

  let freed = false;
  // Steps taken since the model's tensors last got the tables: store copies only then.
  let changed = false;
  const live = () => {
    if (freed) throw new Error("kernelRun: used after dispose");
  };
  /** Writes `hypers` into thread `t`'s buffer. */
  const writeHypers = (t: number, hypers: readonly (OptimizerStep & {lo: number; hi: number})[]) => {
    const hyper = mine[t].hyper >> 2;
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
  };
  /** Thread `t`'s losses of `count` steps when it took `done` (the last one not finite when done < count). */
  const lossesOf = (t: number, done: number, count: number) =>
    Array.from({length: Math.min(done + 1, count)}, (_, i) => f64[(mine[t].losses >> 3) + i] / bs);
  /** The sub-epoch that starts at step `first` of the epoch. */
  const subEpochAt = (first: number) => {
    for (let s = 0, start = 0; s < T; start += subSteps[s++]) if (start === first) return s;
    throw new RangeError(`kernelRun: step ${first} does not start a sub-epoch of ${T} threads`);
  };
  return {
    threads: T,
    stepsPerEpoch,
    async shuffle(seed, epoch) {
      live();
      i32.copyWithin(at.epoch >> 2, at.train >> 2, (at.train >> 2) + 2 * train.length);
      // Thread t's blocks are (t, 0 … T - 1): the ones it trains.
      const shuffles = Array.from({length: T}, (_, t) =>
        Array.from({length: T}, (_, b) => {
          const block = t * T + b;
          return [
            at.epoch + blockStart[block] * 8,
            blockSize[block],
            ...sfc32State(blockSeed(epochSeed(seed, epoch), block))
          ];
        })
      );
      const others = helpers.map((h, i) => ask(h, {shuffle: shuffles[i + 1]}));
      for (const args of shuffles[0]) k.shuffle(...(args as Parameters<KernelExports["shuffle"]>));
      await Promise.all(others);
    },
    order(rows) {
      live();
      if (shared) throw new TypeError("kernelRun: an order of rows is for one thread");
      if (rows.length > train.length)
        throw new RangeError(`kernelRun: an order of ${rows.length} rows is longer than the ${train.length} it holds`);
      records(rows, at.epoch);
    },
    stepsFrom(first, most) {
      return shared ? subSteps[subEpochAt(first)] : Math.min(most, MAX_CHUNK, stepsPerEpoch - first);
    },
    async steps(first, hypers) {
      live();
      changed = true;
      const count = hypers.length;
      if (!shared) {
        if (count > MAX_CHUNK) throw new RangeError(`kernelRun: ${count} steps in one call; at most ${MAX_CHUNK}`);
        if ((first + count) * bs > train.length)
          throw new RangeError(`kernelRun: batches ${first}…${first + count - 1} run past the epoch's rows`);
        writeHypers(0, hypers);
        const ctx = mine[0].ctx;
        i32[(ctx + 32) >> 2] = at.epoch + first * bs * 8;
        return Float64Array.from(lossesOf(0, k.steps(ctx, 0, count), count));
      }
      const s = subEpochAt(first);
      if (count !== subSteps[s])
        throw new RangeError(`kernelRun: sub-epoch ${s} has ${subSteps[s]} steps, not ${count}`);
      const counts = Array.from({length: T}, (_, t) => blockSteps[blockAt(s, t)]);
      let offset = 0;
      counts.forEach((n, t) => {
        writeHypers(t, hypers.slice(offset, offset + n));
        i32[(mine[t].ctx + 32) >> 2] = at.epoch + blockStart[blockAt(s, t)] * 8;
        offset += n;
      });
      const others = helpers.map((h, i) => ask(h, {steps: [mine[i + 1].ctx, 0, counts[i + 1]]}));
      const done = [k.steps(mine[0].ctx, 0, counts[0]), ...(await Promise.all(others))];
      const losses: number[] = [];
      for (let t = 0; t < T; ++t) {
        losses.push(...lossesOf(t, done[t], counts[t]));
        if (done[t] < counts[t]) break;
      }
      return Float64Array.from(losses);
    },
    async validSquaredError() {
      live();
      const chunks = Math.ceil(valid.length / SSE_CHUNK);
      const parts = Array.from({length: T}, (_, t) => {
        const args: [number, number, number][] = [];
        for (let c = Math.floor((chunks * t) / T); c < Math.floor((chunks * (t + 1)) / T); ++c) {
          const start = c * SSE_CHUNK;
          args.push([mine[t].ctx, at.valid + start * 8, Math.min(SSE_CHUNK, valid.length - start)]);
        }
        return args;
      });
      const others = helpers.map((h, i) => ask(h, {sse: parts[i + 1]}));
      let sum = 0;
      for (const args of parts[0]) sum += k.sse(...args);
      for (const part of await Promise.all(others)) sum += part;
      return sum;
    },
    squaredError(rows) {
      live();
      const ctx = mine[0].ctx;
      let sum = 0;
      for (let start = 0; start < rows.length; start += SSE_CHUNK) {
        const chunk = rows.subarray(start, start + SSE_CHUNK);
        records(chunk, at.rows);
        sum += k.sse(ctx, at.rows, chunk.length);
      }
      return sum;
    },
    store() {
      live();
      if (changed) copy(false);
      changed = false;
    },
    dispose() {
      if (!freed) for (const h of helpers) h.thread.terminate();
      freed = true;
    }
  };
}
