import {solveCholesky} from "../solveCholesky.js";

/** A rating to fold in: the movie's index in the model and the rating, 0.5–5. */
export interface FoldInRating {
  movie: number;
  rating: number;
}

/** How to fold a user in: the model's rating range, the L2 penalty and the number of refining steps. */
export interface FoldInOptions {
  yRange: readonly [number, number];
  /** The L2 penalty on the user's factors and bias, added to the sum (not the mean) of squared errors in stars. */
  lambda: number;
  /** Gauss–Newton steps on the true squared error after the logit-space start (default 10; 0 keeps the start). */
  iterations?: number;
}

/** A user's factor vector and bias, solved with the movie factors held fixed. */
export interface FoldedUser {
  factors: Float32Array;
  bias: number;
}

// Targets are clipped to p ∈ [P_MIN, 1 − P_MIN] of the range before the logit: a 0.5-star rating sits exactly at the
// bottom of yRange [0.5, 5.5], where the logit is −∞. 0.05 of the range is a quarter star.
const P_MIN = 0.05;
// Keeps the normal equations positive definite when lambda is 0 and there are fewer ratings than unknowns.
const JITTER = 1e-9;

/**
 * Suggests the fold-in penalty for `count` ratings: perRating (default 0.1) × count × the mean squared norm of a
 * movie's factor vector. Training's weight decay does not carry over as a number: fastai decays weights decoupled from
 * Adam's normalised steps, which is no L2 penalty on the loss. It shows in the movie factors' scale instead, and
 * scaling by it keeps the solution the same if the factors are rescaled. On five models trained on synthetic sets
 * (wd 0.01–1, 20 and 50 factors), this penalty's held-out MSE was within 0.01 of the best of a grid, and below the
 * trained user vectors' own on four of them (0.006 above on the fifth; see the foldIn tests).
 */
export function foldInLambda(
  movieFactors: Float32Array,
  factors: number,
  count: number,
  {perRating = 0.1}: {perRating?: number} = {}
): number {
  const movies = movieFactors.length / factors;
  if (!(Number.isInteger(movies) && movies > 0))
    throw new TypeError(
      `foldInLambda: movieFactors has ${movieFactors.length} values, not a multiple of ${factors} factors`
    );
  let sum = 0;
  for (let i = 0; i < movieFactors.length; ++i) sum += movieFactors[i] * movieFactors[i];
  return (perRating * count * sum) / movies;
}

/**
 * Solves for a user's factor vector and bias with the movie factors held fixed: minimises
 * Σ (r − lo − (hi − lo)·sigmoid(u·m + b + bm))² + lambda·(|u|² + b²), the model's own loss plus an L2 penalty.
 * It starts from the exact ridge solution in logit space (targets logit((r − lo)/(hi − lo)), clipped; the penalty
 * divided by the sigmoid's squared slope at 0, so both objectives agree near the middle of the range), then refines
 * with damped Gauss–Newton steps on the squared error in stars. Each step is one Cholesky solve of (factors + 1)².
 */
export function foldInUser(
  movieFactors: Float32Array,
  movieBias: Float32Array,
  factors: number,
  ratings: readonly FoldInRating[],
  options: FoldInOptions
): FoldedUser {
  const {yRange, lambda, iterations = 10} = options;
  const [lo, hi] = yRange,
    span = hi - lo;
  const k = factors,
    d = k + 1,
    movies = movieBias.length;
  if (!(Number.isSafeInteger(k) && k >= 1 && movieFactors.length === movies * k))
    throw new TypeError(
      `foldInUser: movieFactors has ${movieFactors.length} values, not ${movies} movies × ${k} factors`
    );
  if (!(span > 0)) throw new TypeError(`foldInUser: yRange must be [lo, hi] with lo < hi, got [${yRange}]`);
  if (!(lambda >= 0 && Number.isFinite(lambda)))
    throw new TypeError(`foldInUser: lambda must be a number ≥ 0, got ${lambda}`);
  if (!(Number.isSafeInteger(iterations) && iterations >= 0))
    throw new TypeError(`foldInUser: iterations must be an integer ≥ 0, got ${iterations}`);
  const n = ratings.length;
  const rows = new Int32Array(n),
    r = new Float64Array(n);
  for (let i = 0; i < n; ++i) {
    const {movie, rating} = ratings[i];
    if (!(Number.isInteger(movie) && movie >= 0 && movie < movies))
      throw new RangeError(`foldInUser: movie index ${movie} is outside 0…${movies - 1}`);
    if (!Number.isFinite(rating))
      throw new RangeError(`foldInUser: rating ${rating} of movie ${movie} is not a number`);
    rows[i] = movie;
    r[i] = rating;
  }

  const w = new Float64Array(d); // [u, b]
  const a = new Float64Array(d * d),
    rhs = new Float64Array(d),
    x = new Float64Array(n);
  const row = (i: number) => movieFactors.subarray(rows[i] * k, rows[i] * k + k);

  // 1. The ridge solution in logit space, with every rating weighted by the slope of span·sigmoid at 0.
  logitRidge(row, movieBias, rows, r, k, {yRange, lambda}, a, rhs);
  solveCholesky(a, rhs, d, w);

  // 2. Gauss–Newton on the true loss: linearise the sigmoid at the current logits, solve, and halve the step until
  // the loss goes down (the linearisation overshoots where the sigmoid is flat).
  const loss = (v: Float64Array) => {
    let s = 0,
      penalty = 0;
    for (let i = 0; i < n; ++i) {
      const m = row(i);
      let z = v[k] + movieBias[rows[i]];
      for (let j = 0; j < k; ++j) z += v[j] * m[j];
      x[i] = z;
      s += (r[i] - lo - span / (1 + Math.exp(-z))) ** 2;
    }
    for (let j = 0; j < d; ++j) penalty += v[j] * v[j];
    return s + lambda * penalty;
  };
  let current = loss(w);
  const step = new Float64Array(d),
    trial = new Float64Array(d),
    residual = new Float64Array(n),
    weight = new Float64Array(n);
  for (let t = 0; t < iterations && n > 0; ++t) {
    // J = g·[m, 1] with g = span·p(1 − p); solve (JᵀJ + λI) δ = Jᵀ(r − f) − λw.
    for (let i = 0; i < n; ++i) {
      const p = 1 / (1 + Math.exp(-x[i])),
        g = span * p * (1 - p);
      weight[i] = g * g;
      residual[i] = g ? (r[i] - lo - span * p) / g : 0;
    }
    normalEquations(row, weight, residual, n, k, lambda, a, rhs);
    for (let j = 0; j < d; ++j) rhs[j] -= lambda * w[j];
    solveCholesky(a, rhs, d, step);
    let improved = false;
    for (let scale = 1; scale > 1e-3; scale /= 2) {
      for (let j = 0; j < d; ++j) trial[j] = w[j] + scale * step[j];
      const next = loss(trial);
      if (next < current) {
        w.set(trial);
        improved = current - next > 1e-12 * current;
        current = next;
        break;
      }
    }
    if (!improved) break; // otherwise x holds w's logits: the accepted trial was the last loss evaluated
  }
  return {factors: Float32Array.from(w.subarray(0, k)), bias: w[k]};
}

/**
 * The fold-in's start (foldInUser's step 1) as a linear system over w = [u, b]: ridge regression in logit space, with
 * targets tᵢ = logit((rᵢ − lo)/(hi − lo)) − bm (the share clipped to [0.05, 0.95]), rows [mᵢ, 1] and the penalty
 * lambda/(span/4)², the sigmoid's slope at 0 squared. Fills `a` (lower triangle, (k + 1)²) and `rhs` (k + 1), and
 * returns the targets tᵢ, one per rating, in the order of `rows`.
 */
export function logitRidge(
  row: (i: number) => Float32Array,
  movieBias: Float32Array,
  rows: Int32Array,
  r: Float64Array,
  k: number,
  {yRange, lambda}: {yRange: readonly [number, number]; lambda: number},
  a: Float64Array,
  rhs: Float64Array
): Float64Array {
  const [lo, hi] = yRange,
    span = hi - lo,
    n = rows.length;
  const target = new Float64Array(n);
  for (let i = 0; i < n; ++i) {
    const p = Math.min(1 - P_MIN, Math.max(P_MIN, (r[i] - lo) / span));
    target[i] = Math.log(p / (1 - p)) - movieBias[rows[i]];
  }
  normalEquations(row, new Float64Array(n).fill(1), target, n, k, lambda / (span / 4) ** 2, a, rhs);
  return target;
}

/** Fills `a` with Σ weightᵢ·[mᵢ, 1]ᵀ[mᵢ, 1] + penalty·I (lower triangle) and `rhs` with Σ weightᵢ·yᵢ·[mᵢ, 1]. */
function normalEquations(
  row: (i: number) => Float32Array,
  weight: Float64Array,
  y: Float64Array,
  n: number,
  k: number,
  penalty: number,
  a: Float64Array,
  rhs: Float64Array
): void {
  const d = k + 1;
  a.fill(0);
  rhs.fill(0);
  for (let i = 0; i < n; ++i) {
    const m = row(i),
      c = weight[i],
      cy = c * y[i];
    for (let p = 0; p < k; ++p) {
      const cm = c * m[p],
        at = p * d;
      for (let q = 0; q <= p; ++q) a[at + q] += cm * m[q];
      rhs[p] += cy * m[p];
    }
    const at = k * d;
    for (let q = 0; q < k; ++q) a[at + q] += c * m[q];
    a[at + k] += c;
    rhs[k] += cy;
  }
  for (let p = 0; p < d; ++p) a[p * d + p] += penalty + JITTER;
}
