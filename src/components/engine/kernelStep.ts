// The training step compiled to WebAssembly SIMD (hostKernel.wat), run on the wasm backend's heap where the model's
// tables already live: the same math as hostStep's lazy Adam, 4 floats per instruction.
import * as tf from "@tensorflow/tfjs";
import {TABLES} from "./buildModel.js";
import type {CollabModel} from "./buildModel.js";
import {HOST_KERNEL_WASM} from "./hostKernelWasm.js";
import type {OptimizerStep, RatingRows} from "./hostStep.js";

/**
 * What the wasm backend exposes of its Emscripten module (tfjs-backend-wasm 4.x): the heap,
 * its allocator, and where each tensor sits.
 */
interface WasmBackend {
  dataIdMap: {get(dataId: object): {memoryOffset: number}};
  wasm: {asm?: {memory?: WebAssembly.Memory}; _malloc(bytes: number): number; _free(pointer: number): void};
}

interface KernelExports {
  grad(
    F: number,
    B: number,
    ru: number,
    rm: number,
    rr: number,
    tab: number,
    uslot: number,
    mslot: number,
    tu: number,
    tm: number,
    gu: number,
    gm: number,
    gbu: number,
    gbm: number,
    lo: number,
    range: number,
    scale: number,
    counts: number
  ): number;
  adam(
    W: number,
    n: number,
    ids: number,
    p: number,
    m: number,
    v: number,
    g: number,
    decay: number,
    mom: number,
    mom1: number,
    sqrMom: number,
    sqrMom1: number,
    stepSize: number,
    invDebias2: number,
    eps: number
  ): void;
  sse(F: number, n: number, ru: number, rm: number, rr: number, tab: number, lo: number, range: number): number;
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

/** A batch of training rows in the kernel's form, and the step that trains on it. */
export interface KernelStep {
  /**
   * One lazy-Adam step on `rows` of `data` (indexes into its columns), as hostStep(…, "sparse") does: the batch's mean
   * squared error; when that is not finite, it returns it without changing anything. At most `bs` rows.
   */
  step(data: RatingRows, rows: Uint32Array, h: OptimizerStep & {lo: number; hi: number}): number;
  /** The sum of squared errors of the model on `rows` of `data` (stars²), as hostSquaredError. */
  squaredError(data: RatingRows, rows: Uint32Array): number;
  /** Frees the kernel's scratch memory on the heap. */
  dispose(): void;
}

/** Rows copied into the heap per call of the kernel's sse. */
const SSE_CHUNK = 4096;

/**
 * The WebAssembly SIMD training step for `model` and batches of at most `bs` rows, or null where it can't run: a
 * backend other than wasm, a wasm heap shared between threads (the threaded build), or no WebAssembly SIMD (fit then
 * uses hostStep, in plain JS). Its scratch memory (slots for every user and movie, gradients for a batch) is allocated
 * on the backend's heap: call dispose.
 */
export async function kernelStep(model: CollabModel, bs: number): Promise<KernelStep | null> {
  if (tf.getBackend() !== "wasm") return null;
  const backend = tf.backend() as unknown as WasmBackend;
  const memory = backend.wasm.asm?.memory;
  if (!(memory instanceof WebAssembly.Memory) || typeof backend.wasm._malloc !== "function") return null;
  if (typeof SharedArrayBuffer !== "undefined" && memory.buffer instanceof SharedArrayBuffer) return null;
  const module = await kernelModule();
  if (!module) return null;
  const instance = await WebAssembly.instantiate(module, {env: {memory, exp: Math.exp}});
  const k = instance.exports as unknown as KernelExports;

  const F = model.factors,
    {users, movies} = model;
  const rowsCap = Math.max(bs, SSE_CHUNK);
  const layout = {
    tab: 12 * 4,
    uslot: users * 4,
    mslot: movies * 4,
    tu: bs * 4,
    tm: bs * 4,
    gu: bs * F * 4,
    gm: bs * F * 4,
    gbu: bs * 4,
    gbm: bs * 4,
    ru: rowsCap * 4,
    rm: rowsCap * 4,
    rr: rowsCap * 4,
    counts: 16
  };
  let total = 0;
  const at = {} as Record<keyof typeof layout, number>;
  for (const [name, bytes] of Object.entries(layout) as [keyof typeof layout, number][]) {
    at[name] = total;
    total += Math.ceil(bytes / 16) * 16;
  }
  const base = backend.wasm._malloc(total);
  if (!base) throw new RangeError(`kernelStep: the wasm heap has no room for ${total} bytes of scratch memory`);
  for (const name of Object.keys(at) as (keyof typeof layout)[]) at[name] += base;
  // Views of the heap, taken again whenever it has grown (a grown wasm memory detaches the old buffer).
  let buffer: ArrayBuffer | null = null,
    i32 = new Int32Array(0),
    f32 = new Float32Array(0);
  const views = () => {
    if (memory.buffer !== buffer) {
      buffer = memory.buffer;
      i32 = new Int32Array(buffer);
      f32 = new Float32Array(buffer);
    }
  };
  views();
  i32.fill(-1, at.uslot >> 2, (at.uslot >> 2) + users);
  i32.fill(-1, at.mslot >> 2, (at.mslot >> 2) + movies);
  // The tables' addresses, read at every call: TF.js never moves a live tensor, but a loaded checkpoint replaces them.
  const tables = () => {
    let j = at.tab >> 2;
    for (const group of [model.weights, model.gradAvg, model.sqrAvg])
      for (const name of TABLES) i32[j++] = backend.dataIdMap.get(group[name].dataId).memoryOffset;
  };
  const copyRows = (data: RatingRows, rows: Uint32Array, start: number, n: number) => {
    const {user, movie, rating2} = data;
    const ru = at.ru >> 2,
      rm = at.rm >> 2,
      rr = at.rr >> 2;
    for (let i = 0; i < n; ++i) {
      const r = rows[start + i];
      i32[ru + i] = user[r];
      i32[rm + i] = movie[r];
      f32[rr + i] = rating2[r] * 0.5;
    }
  };
  let freed = false;
  return {
    step(data, rows, h) {
      const B = rows.length;
      if (B > bs) throw new RangeError(`kernelStep: a batch of ${B} rows is larger than the ${bs} it was made for`);
      views();
      tables();
      copyRows(data, rows, 0, B);
      const range = h.hi - h.lo;
      const loss =
        k.grad(
          F,
          B,
          at.ru,
          at.rm,
          at.rr,
          at.tab,
          at.uslot,
          at.mslot,
          at.tu,
          at.tm,
          at.gu,
          at.gm,
          at.gbu,
          at.gbm,
          h.lo,
          range,
          (2 * range) / B,
          at.counts
        ) / B;
      const nu = i32[at.counts >> 2],
        nm = i32[(at.counts >> 2) + 1];
      if (Number.isFinite(loss)) {
        const c = [
          1 - h.lr * h.wd,
          h.mom,
          1 - h.mom,
          h.sqrMom,
          1 - h.sqrMom,
          h.lr / (1 - h.mom ** h.step),
          1 / Math.sqrt(1 - h.sqrMom ** h.step),
          h.eps
        ] as const;
        const p = (j: number) => i32[(at.tab >> 2) + j];
        k.adam(F, nu, at.tu, p(0), p(4), p(8), at.gu, ...c);
        k.adam(1, nu, at.tu, p(2), p(6), p(10), at.gbu, ...c);
        k.adam(F, nm, at.tm, p(1), p(5), p(9), at.gm, ...c);
        k.adam(1, nm, at.tm, p(3), p(7), p(11), at.gbm, ...c);
      }
      const uslot = at.uslot >> 2,
        mslot = at.mslot >> 2,
        tu = at.tu >> 2,
        tm = at.tm >> 2;
      for (let j = 0; j < nu; ++j) i32[uslot + i32[tu + j]] = -1;
      for (let j = 0; j < nm; ++j) i32[mslot + i32[tm + j]] = -1;
      return loss;
    },
    squaredError(data, rows) {
      views();
      tables();
      const [lo, hi] = model.yRange;
      let sum = 0;
      for (let start = 0; start < rows.length; start += SSE_CHUNK) {
        const n = Math.min(SSE_CHUNK, rows.length - start);
        copyRows(data, rows, start, n);
        sum += k.sse(F, n, at.ru, at.rm, at.rr, at.tab, lo, hi - lo);
      }
      return sum;
    },
    dispose() {
      if (!freed) backend.wasm._free(base);
      freed = true;
    }
  };
}
