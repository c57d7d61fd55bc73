import {createRandom} from "../random.js";
import {TRAIN_DEFAULTS} from "../trainDefaults.js";

/**
 * Implicit ALS (iALS): a ranking model learned from which movies each person rated, not from the stars. Every
 * (user, movie) pair is a target, 1 where the user rated the movie and 0 elsewhere; the zeros weigh `unobservedWeight`
 * each (Hu, Koren & Volinsky 2008, "Collaborative Filtering for Implicit Feedback Datasets"). The loss and its
 * frequency-scaled regularisation follow Rendle, Krichene, Zhang & Koren 2021, "Revisiting the Performance of iALS on
 * Item Recommendation Benchmarks":
 *
 *   Σ_{rated (u,i)} (w_u·h_i − 1)² + α₀ Σ_{all (u,i)} (w_u·h_i)²
 *     + λ Σ_u (|I_u| + α₀|I|)^ν ‖w_u‖² + λ Σ_i (|U_i| + α₀|U|)^ν ‖h_i‖²
 *
 * Each epoch solves every user's vector with the movies' fixed, then every movie's with the users' fixed. The zeros
 * cost one d × d Gramian per half epoch; each row's d × d system is solved by a few conjugate-gradient steps started
 * from its last value (Takács, Pilászy & Tikk 2011, "Applications of the Conjugate Gradient Method for Implicit
 * Feedback Collaborative Filtering"), so a rating costs O(d) a step instead of O(d²).
 */
export interface IalsOptions {
  /** Factors per user and per movie (d); default 64. */
  factors?: number;
  /** Passes over users then movies; default 8. */
  epochs?: number;
  /** α₀, the weight of each unrated pair's zero target; default 0.3. */
  unobservedWeight?: number;
  /** λ, the regularisation, scaled by each row's count as above; default 0.01. */
  regularization?: number;
  /** ν, the exponent of that scaling; default 1. */
  regularizationExponent?: number;
  /** Conjugate-gradient steps per row and half epoch; default 3. */
  cgSteps?: number;
  /** Seeds the initial factors (normal, standard deviation 0.1 / √d); default 42. */
  seed?: number;
  /** Called after each epoch with its number (from 1) and the seconds it took. */
  onEpoch?: (epoch: number, seconds: number) => void;
}

/** A fitted iALS model: users × factors and movies × factors, row-major, in the rating table's index order. */
export interface IalsModel {
  factors: number;
  userFactors: Float32Array;
  movieFactors: Float32Array;
  /** The options it was fitted with, defaults filled in. */
  options: Required<Omit<IalsOptions, "onEpoch">>;
}

/**
 * What a run keeps of its iALS model: the movies' side, enough to fold any person in (foldInIals) and rank for them.
 * The users' vectors are not kept: a person's own is refitted from their ratings whenever they change.
 */
export type IalsRanker = Pick<IalsModel, "factors" | "movieFactors" | "options">;

/** The rating rows iALS reads: who rated what, by the table's user and movie indexes. */
export interface IalsRows {
  user: ArrayLike<number>;
  movie: ArrayLike<number>;
}

export const IALS_DEFAULTS: Required<Omit<IalsOptions, "onEpoch">> = {
  factors: 64,
  epochs: 8,
  unobservedWeight: 0.3,
  regularization: 0.01,
  regularizationExponent: 1,
  cgSteps: 3,
  seed: TRAIN_DEFAULTS.seed
};

/**
 * iALS's options for a run with `ratings` training ratings, sized to the time budgets of a fit in one thread (≤ 10 s
 * on ml-latest-small's shape, ≤ 60 s on ML-10M's): up to 250,000 (ML-100K, ml-latest-small), IALS_DEFAULTS, under a
 * second; up to 2.5 million, 32 factors and 6 epochs (the default synthetic set, 1M: 6 s); beyond (ML-10M, ML-32M),
 * 32 factors, 5 epochs and 2 conjugate-gradient steps (ML-10M's shape: 44 s in Node). Each epoch costs about
 * (cgSteps + 1) × 4 × factors multiply-adds per rating. On the default synthetic set, 32 factors and 6 epochs reach
 * NDCG@10 0.309 against the defaults' 0.310, in a third of the time (`npm run bench:ranking`).
 */
export function ialsOptionsFor(ratings: number): Required<Omit<IalsOptions, "onEpoch">> {
  if (ratings <= 250_000) return {...IALS_DEFAULTS};
  if (ratings <= 2_500_000) return {...IALS_DEFAULTS, factors: 32, epochs: 6};
  return {...IALS_DEFAULTS, factors: 32, epochs: 5, cgSteps: 2};
}

/**
 * Fits iALS on the rows `train` indexes (every row when omitted) of a table of `users` × `movies`. A user or movie
 * with no training row keeps a zero vector, and scores 0.
 */
export function fitIals(
  rows: IalsRows,
  users: number,
  movies: number,
  train?: ArrayLike<number>,
  options: IalsOptions = {}
): IalsModel {
  const {onEpoch, ...given} = options;
  const o = {...IALS_DEFAULTS, ...given};
  const d = o.factors;
  const byUser = compressedRows(rows.user, rows.movie, users, train);
  const byMovie = compressedRows(rows.movie, rows.user, movies, train);
  const {userFactors, movieFactors} = ialsStart(users, movies, o);
  const solver = new RowSolver(d, o.cgSteps);
  for (let epoch = 1; epoch <= o.epochs; ++epoch) {
    const t0 = performance.now();
    solver.solveAll(userFactors, movieFactors, byUser, movies, o);
    solver.solveAll(movieFactors, userFactors, byMovie, users, o);
    onEpoch?.(epoch, (performance.now() - t0) / 1000);
  }
  return {factors: d, userFactors, movieFactors, options: o};
}

/** iALS's starting factors: normal, standard deviation 0.1 / √d, seeded; users first, then movies. */
export function ialsStart(
  users: number,
  movies: number,
  {factors: d, seed}: Pick<Required<IalsOptions>, "factors" | "seed">
): {userFactors: Float32Array; movieFactors: Float32Array} {
  const random = createRandom(seed);
  const scale = 0.1 / Math.sqrt(d);
  const userFactors = new Float32Array(users * d).map(() => random.normal() * scale);
  const movieFactors = new Float32Array(movies * d).map(() => random.normal() * scale);
  return {userFactors, movieFactors};
}

/** Every movie's iALS score for a user (w_u·h_i), into `out` when given. Higher ranks first. */
export function ialsScores(
  model: IalsModel,
  user: number,
  out = new Float32Array(model.movieFactors.length / model.factors)
) {
  const d = model.factors;
  const w = model.userFactors.subarray(user * d, user * d + d);
  const h = model.movieFactors;
  for (let i = 0, n = out.length; i < n; ++i) {
    let s = 0;
    for (let f = 0, o = i * d; f < d; ++f) s += w[f] * h[o + f];
    out[i] = s;
  }
  return out;
}

/**
 * λ (n + α₀ N)^ν: the regularisation of a row with n ratings, solved against N rows of the other side (Rendle et al.
 * 2021's frequency scaling). Fitting and fold-in share it, so a fold-in is the solve fitting would have made.
 */
export function rowRegularization(
  {regularization, unobservedWeight, regularizationExponent}: Required<Omit<IalsOptions, "onEpoch">>,
  rated: number,
  others: number
): number {
  return regularization * Math.pow(rated + unobservedWeight * others, regularizationExponent);
}

/** Each row's list of columns, as offsets into one array (compressed sparse rows), over the rows `train` indexes. */
export function compressedRows(
  row: ArrayLike<number>,
  column: ArrayLike<number>,
  rows: number,
  train?: ArrayLike<number>
): {start: Int32Array; columns: Int32Array} {
  const n = train ? train.length : row.length;
  const at = (k: number) => (train ? train[k] : k);
  const start = new Int32Array(rows + 1);
  for (let k = 0; k < n; ++k) ++start[row[at(k)] + 1];
  for (let r = 0; r < rows; ++r) start[r + 1] += start[r];
  const fill = start.slice(0, rows);
  const columns = new Int32Array(n);
  for (let k = 0; k < n; ++k) {
    const i = at(k);
    columns[fill[row[i]]++] = column[i];
  }
  return {start, columns};
}

/** VᵀV for `rows` × d row-major V, in float64. */
export function gramian(v: Float32Array, rows: number, d: number): Float64Array {
  const g = new Float64Array(d * d);
  for (let r = 0; r < rows; ++r) {
    const o = r * d;
    for (let p = 0; p < d; ++p) {
      const vp = v[o + p];
      if (vp === 0) continue;
      for (let q = p; q < d; ++q) g[p * d + q] += vp * v[o + q];
    }
  }
  for (let p = 0; p < d; ++p) for (let q = 0; q < p; ++q) g[p * d + q] = g[q * d + p];
  return g;
}

/** Solves one side's rows by conjugate gradient, with scratch vectors reused across rows. */
class RowSolver {
  private readonly r: Float64Array;
  private readonly p: Float64Array;
  private readonly ap: Float64Array;
  private readonly x: Float64Array;
  constructor(
    private readonly d: number,
    private readonly steps: number
  ) {
    this.r = new Float64Array(d);
    this.p = new Float64Array(d);
    this.ap = new Float64Array(d);
    this.x = new Float64Array(d);
  }

  /**
   * Updates every row of `target` (count × d) given the other side's fixed `other` (otherCount × d): row t solves
   * (α₀ G + Σ_j o_j o_jᵀ + λ_t I) x = Σ_j o_j over its columns j, G = otherᵀ other.
   */
  solveAll(
    target: Float32Array,
    other32: Float32Array,
    {start, columns}: {start: Int32Array; columns: Int32Array},
    otherCount: number,
    o: Required<Omit<IalsOptions, "onEpoch">>
  ): void {
    const {d, r, p, ap, x} = this;
    const gram = gramian(other32, otherCount, d);
    const other = Float64Array.from(other32);
    const a0 = o.unobservedWeight;
    const rows = start.length - 1;
    // A·v for row t's system, into `out`.
    const apply = (v: Float64Array, out: Float64Array, from: number, to: number, reg: number) => {
      for (let i = 0; i < d; ++i) {
        let s = 0;
        for (let j = 0, gi = i * d; j < d; ++j) s += gram[gi + j] * v[j];
        out[i] = a0 * s + reg * v[i];
      }
      // Four partial sums break the dot product's dependency chain (d is a multiple of 4, or the tail loop runs).
      const d4 = d - (d % 4);
      for (let k = from; k < to; ++k) {
        const oo = columns[k] * d;
        let s0 = 0,
          s1 = 0,
          s2 = 0,
          s3 = 0,
          i = 0;
        for (; i < d4; i += 4) {
          s0 += other[oo + i] * v[i];
          s1 += other[oo + i + 1] * v[i + 1];
          s2 += other[oo + i + 2] * v[i + 2];
          s3 += other[oo + i + 3] * v[i + 3];
        }
        for (; i < d; ++i) s0 += other[oo + i] * v[i];
        const dot = s0 + s1 + s2 + s3;
        for (i = 0; i < d; ++i) out[i] += dot * other[oo + i];
      }
    };
    for (let t = 0; t < rows; ++t) {
      const from = start[t],
        to = start[t + 1];
      const base = t * d;
      if (from === to) {
        target.fill(0, base, base + d);
        continue;
      }
      const reg = rowRegularization(o, to - from, otherCount);
      for (let i = 0; i < d; ++i) x[i] = target[base + i];
      // r = b − A x, with b = Σ_j o_j.
      apply(x, ap, from, to, reg);
      for (let i = 0; i < d; ++i) r[i] = -ap[i];
      for (let k = from; k < to; ++k) {
        const oo = columns[k] * d;
        for (let i = 0; i < d; ++i) r[i] += other[oo + i];
      }
      let rs = 0;
      for (let i = 0; i < d; ++i) {
        p[i] = r[i];
        rs += r[i] * r[i];
      }
      for (let step = 0; step < this.steps && rs > 1e-20; ++step) {
        apply(p, ap, from, to, reg);
        let pap = 0;
        for (let i = 0; i < d; ++i) pap += p[i] * ap[i];
        const alpha = rs / pap;
        let next = 0;
        for (let i = 0; i < d; ++i) {
          x[i] += alpha * p[i];
          r[i] -= alpha * ap[i];
          next += r[i] * r[i];
        }
        const beta = next / rs;
        for (let i = 0; i < d; ++i) p[i] = r[i] + beta * p[i];
        rs = next;
      }
      for (let i = 0; i < d; ++i) target[base + i] = x[i];
    }
  }
}
