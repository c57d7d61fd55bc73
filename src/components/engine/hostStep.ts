// Host memory for the training step: live Float32Array views of a model's tensors where the backend keeps them on the
// CPU (cpu, wasm), and the step that updates them in place.
import * as tf from "@tensorflow/tfjs";
import {TABLES} from "./buildModel.js";
import type {CollabModel, Tables} from "./buildModel.js";
import type {TrainHyper} from "./trainProtocol.js";

/** The columns a training step reads: dense user and movie indexes and the rating times two (as in RatingsTable). */
export interface RatingRows {
  user: Uint32Array | Int32Array;
  movie: Uint16Array | Uint32Array | Int32Array;
  rating2: Uint8Array;
}

/**
 * The model's tables as plain Float32Arrays that the step may update in place (host memory of the cpu or wasm backend).
 */
export interface HostTables {
  weights: Tables<Float32Array>;
  gradAvg: Tables<Float32Array>;
  sqrAvg: Tables<Float32Array>;
}

/**
 * One step of fastai's Adam with decoupled weight decay: `lr` and `mom` (β1) are the one-cycle schedule's values at
 * this step (schedule.ts), `sqrMom` (β2) and `eps` are fixed (fit.ts, ADAM), `wd` is the weight decay the reader set
 * (TrainHyper), and `step` is Adam's debiasing counter after this step (1 for the first).
 */
export type OptimizerStep = Pick<TrainHyper, "wd"> & {
  lr: number;
  mom: number;
  sqrMom: number;
  eps: number;
  step: number;
};

interface CpuBackend {
  data: {get(dataId: object): {values: unknown}};
}
interface WasmBackend {
  dataIdMap: {get(dataId: object): {memoryOffset: number}};
  wasm: {HEAPF32: Float32Array};
}

/**
 * A live Float32Array over a tensor's storage, when the backend keeps it in host memory (cpu: its JS array; wasm: a
 * view of the wasm heap), so a step can update it in place; null on GPU backends. Take a fresh view after anything
 * that may grow the wasm heap.
 */
export function hostArray(t: tf.Tensor): Float32Array | null {
  if (t.dtype !== "float32") return null;
  const name = tf.getBackend();
  if (name === "cpu") {
    const values = (tf.backend() as unknown as CpuBackend).data.get(t.dataId).values;
    return values instanceof Float32Array && values.length === t.size ? values : null;
  }
  if (name === "wasm") {
    const backend = tf.backend() as unknown as WasmBackend;
    return new Float32Array(backend.wasm.HEAPF32.buffer, backend.dataIdMap.get(t.dataId).memoryOffset, t.size);
  }
  return null;
}

/** Live host views of all of a model's tables, or null when the backend keeps them off the CPU. */
export function hostTables(model: CollabModel): HostTables | null {
  const views = {} as Record<"weights" | "gradAvg" | "sqrAvg", Tables<Float32Array>>;
  for (const group of ["weights", "gradAvg", "sqrAvg"] as const) {
    views[group] = {} as Tables<Float32Array>;
    for (const k of TABLES) {
      const a = hostArray(model[group][k]);
      if (!a) return null;
      views[group][k] = a;
    }
  }
  return views;
}

/** Scratch memory for steps on one model shape, reused from step to step so a step allocates nothing. */
export interface StepWorkspace {
  factors: number;
  userSlot: Int32Array;
  movieSlot: Int32Array;
  touchedUsers: Int32Array;
  touchedMovies: Int32Array;
  rowUser: Int32Array;
  rowMovie: Int32Array;
  dz: Float64Array;
  gradUser: Float64Array;
  gradMovie: Float64Array;
  gradUserBias: Float64Array;
  gradMovieBias: Float64Array;
}

/** Allocates the scratch memory for batches of at most bs rows. */
export function stepWorkspace(users: number, movies: number, factors: number, bs: number): StepWorkspace {
  return {
    factors,
    userSlot: new Int32Array(users).fill(-1),
    movieSlot: new Int32Array(movies).fill(-1),
    touchedUsers: new Int32Array(bs),
    touchedMovies: new Int32Array(bs),
    rowUser: new Int32Array(bs),
    rowMovie: new Int32Array(bs),
    dz: new Float64Array(bs),
    gradUser: new Float64Array(bs * factors),
    gradMovie: new Float64Array(bs * factors),
    gradUserBias: new Float64Array(bs),
    gradMovieBias: new Float64Array(bs)
  };
}

/**
 * Adam with decoupled weight decay on the rows `ids[0 … n)` of a table with `width` columns, the j-th taking its
 * gradient from g[j·width …]. Written as one flat loop with constants in locals: this is the hot loop of training.
 */
function adamRows(
  p: Float32Array,
  m: Float32Array,
  v: Float32Array,
  width: number,
  ids: Int32Array,
  n: number,
  g: Float64Array,
  h: OptimizerStep
): void {
  const decay = 1 - h.lr * h.wd,
    mom = h.mom,
    mom1 = 1 - h.mom,
    sqrMom = h.sqrMom,
    sqrMom1 = 1 - h.sqrMom,
    eps = h.eps;
  const stepSize = h.lr / (1 - h.mom ** h.step),
    invDebias2 = 1 / Math.sqrt(1 - h.sqrMom ** h.step);
  for (let j = 0; j < n; ++j) {
    const off = ids[j] * width,
      goff = j * width;
    for (let k = 0; k < width; ++k) {
      const i = off + k,
        gk = g[goff + k];
      const mk = mom * m[i] + mom1 * gk;
      const vk = sqrMom * v[i] + sqrMom1 * gk * gk;
      m[i] = mk;
      v[i] = vk;
      p[i] = p[i] * decay - (stepSize * mk) / (Math.sqrt(vk) * invDebias2 + eps);
    }
  }
}

/**
 * Adam on every row of a table, as PyTorch does with dense gradients: untouched rows (slot -1) get a zero gradient,
 * so they decay and coast on momentum.
 */
function adamDense(
  p: Float32Array,
  m: Float32Array,
  v: Float32Array,
  width: number,
  slot: Int32Array,
  g: Float64Array,
  h: OptimizerStep
): void {
  const decay = 1 - h.lr * h.wd,
    mom = h.mom,
    sqrMom = h.sqrMom,
    eps = h.eps,
    mom1 = 1 - h.mom,
    sqrMom1 = 1 - h.sqrMom;
  const stepSize = h.lr / (1 - h.mom ** h.step),
    invDebias2 = 1 / Math.sqrt(1 - h.sqrMom ** h.step);
  for (let r = 0; r < slot.length; ++r) {
    const s = slot[r],
      off = r * width;
    for (let k = 0; k < width; ++k) {
      const i = off + k,
        gk = s < 0 ? 0 : g[s * width + k];
      const mk = mom * m[i] + mom1 * gk;
      const vk = sqrMom * v[i] + sqrMom1 * gk * gk;
      m[i] = mk;
      v[i] = vk;
      p[i] = p[i] * decay - (stepSize * mk) / (Math.sqrt(vk) * invDebias2 + eps);
    }
  }
}

/**
 * One training step on host memory: the forward pass and closed-form gradients for the batch's rows only, then Adam.
 * "sparse" updates only the rows the batch touches (lazy Adam), at a cost that scales with the batch; "dense" updates
 * every row as PyTorch does with dense embedding gradients. `h.lo` and `h.hi` are the model's yRange (the sigmoid's
 * output range). Returns the batch's mean squared error; when that is not finite,
 * it returns it without changing anything.
 */
export function hostStep(
  t: HostTables,
  data: RatingRows,
  rows: Uint32Array,
  h: OptimizerStep & {lo: number; hi: number},
  ws: StepWorkspace,
  mode: "sparse" | "dense" = "sparse"
): number {
  const F = ws.factors;
  const B = rows.length;
  const {userFactors: U, movieFactors: M, userBias: bu, movieBias: bm} = t.weights;
  const {user, movie, rating2} = data;
  const {
    userSlot,
    movieSlot,
    touchedUsers,
    touchedMovies,
    rowUser,
    rowMovie,
    dz,
    gradUser,
    gradMovie,
    gradUserBias,
    gradMovieBias
  } = ws;
  const range = h.hi - h.lo;
  const scale = (2 * range) / B;
  let loss = 0;
  for (let i = 0; i < B; ++i) {
    const r = rows[i];
    const u = user[r],
      mv = movie[r];
    const uo = u * F,
      mo = mv * F;
    let x = bu[u] + bm[mv];
    for (let k = 0; k < F; ++k) x += U[uo + k] * M[mo + k];
    const s = 1 / (1 + Math.exp(-x));
    const err = s * range + h.lo - rating2[r] * 0.5;
    loss += err * err;
    dz[i] = scale * err * s * (1 - s);
    rowUser[i] = u;
    rowMovie[i] = mv;
  }
  loss /= B;
  if (!Number.isFinite(loss)) return loss;

  // Sum the gradients of duplicate rows into one slot per distinct user and movie, before any weight changes.
  let nu = 0,
    nm = 0;
  for (let i = 0; i < B; ++i) {
    const u = rowUser[i],
      mv = rowMovie[i];
    let su = userSlot[u];
    if (su < 0) {
      su = userSlot[u] = nu;
      touchedUsers[nu++] = u;
      gradUser.fill(0, su * F, su * F + F);
      gradUserBias[su] = 0;
    }
    let sm = movieSlot[mv];
    if (sm < 0) {
      sm = movieSlot[mv] = nm;
      touchedMovies[nm++] = mv;
      gradMovie.fill(0, sm * F, sm * F + F);
      gradMovieBias[sm] = 0;
    }
    const d = dz[i],
      uo = u * F,
      mo = mv * F,
      go = su * F,
      gm = sm * F;
    for (let k = 0; k < F; ++k) {
      gradUser[go + k] += d * M[mo + k];
      gradMovie[gm + k] += d * U[uo + k];
    }
    gradUserBias[su] += d;
    gradMovieBias[sm] += d;
  }

  const {weights: w, gradAvg: m, sqrAvg: v} = t;
  if (mode === "sparse") {
    adamRows(w.userFactors, m.userFactors, v.userFactors, F, touchedUsers, nu, gradUser, h);
    adamRows(w.userBias, m.userBias, v.userBias, 1, touchedUsers, nu, gradUserBias, h);
    adamRows(w.movieFactors, m.movieFactors, v.movieFactors, F, touchedMovies, nm, gradMovie, h);
    adamRows(w.movieBias, m.movieBias, v.movieBias, 1, touchedMovies, nm, gradMovieBias, h);
  } else {
    adamDense(w.userFactors, m.userFactors, v.userFactors, F, userSlot, gradUser, h);
    adamDense(w.userBias, m.userBias, v.userBias, 1, userSlot, gradUserBias, h);
    adamDense(w.movieFactors, m.movieFactors, v.movieFactors, F, movieSlot, gradMovie, h);
    adamDense(w.movieBias, m.movieBias, v.movieBias, 1, movieSlot, gradMovieBias, h);
  }
  for (let j = 0; j < nu; ++j) userSlot[touchedUsers[j]] = -1;
  for (let j = 0; j < nm; ++j) movieSlot[touchedMovies[j]] = -1;
  return loss;
}

/** The sum of squared errors of the model on the given rows, computed on host memory. */
export function hostSquaredError(
  weights: Tables<Float32Array>,
  factors: number,
  lo: number,
  hi: number,
  data: RatingRows,
  rows: Uint32Array
): number {
  const {userFactors: U, movieFactors: M, userBias: bu, movieBias: bm} = weights;
  const {user, movie, rating2} = data;
  const F = factors,
    range = hi - lo;
  let sum = 0;
  for (let i = 0; i < rows.length; ++i) {
    const r = rows[i];
    const u = user[r],
      mv = movie[r];
    const uo = u * F,
      mo = mv * F;
    let x = bu[u] + bm[mv];
    for (let k = 0; k < F; ++k) x += U[uo + k] * M[mo + k];
    const err = range / (1 + Math.exp(-x)) + lo - rating2[r] * 0.5;
    sum += err * err;
  }
  return sum;
}
