// Why this movie? One prediction of EmbeddingDotBias taken apart: pred = lo + (hi − lo)·σ(bu + bm + u·m), and its
// factor term u·m shared out among the movies I rated.
import {solveCholesky} from "../solveCholesky.js";
import {foldInLambda} from "./foldIn.js";
import {sigmoidRange} from "./predictRatings.js";
import type {FoldInRating} from "./foldIn.js";

/**
 * What a model contributes to one explanation: the movies' tables (movies × factors, row-major) and its rating range.
 */
export interface ExplainModel {
  movieFactors: Float32Array;
  movieBias: Float32Array;
  factors: number;
  yRange: readonly [number, number];
}

/** One of my rated movies and its share of the factor term, in logit units. */
export interface Contribution {
  /** The rated movie's index in the model. */
  movie: number;
  /** My rating of it, in stars. */
  rating: number;
  /**
   * How far my rating sits above what the movie's bias alone gives, in logit units: the fold-in's working target
   * tⱼ = [mⱼ, 1]·[u, b] + eⱼ/gⱼ, my fitted logit less the movie's bias plus the residual eⱼ (stars) over the
   * sigmoid's slope gⱼ there. Positive: I liked it more than its bias says.
   */
  surprise: number;
  /**
   * How alike it and the explained movie are, seen through my ratings: sⱼ = gⱼ²·[mⱼ, 1]ᵀ(XᵀGX + λI)⁻¹[m, 0], G the
   * slopes squared. Positive: alike; negative: unlike.
   */
  similarity: number;
  /** Its share of the factor term: surprise × similarity; positive pushed the prediction up. */
  amount: number;
}

/**
 * One prediction in parts, every term in logit units except `predicted` (stars): userBias + movieBias + factorTerm =
 * logit, and predicted = lo + (hi − lo)·σ(logit) exactly. The factor term is shared out as Σ contributions' amount +
 * rest, also exactly (rest is defined as what the contributions leave).
 */
export interface PredictionParts {
  /** The explained movie's index in the model. */
  movie: number;
  userBias: number;
  movieBias: number;
  /** u·m: my factors against the movie's. */
  factorTerm: number;
  /** userBias + movieBias + factorTerm, the sigmoid's input. */
  logit: number;
  /** lo + (hi − lo)·σ(logit), in stars. */
  predicted: number;
  yRange: readonly [number, number];
  /** One per rated movie, in the order given. */
  contributions: Contribution[];
  /**
   * The factor term less the contributions: zero (up to rounding) when my factors are a fold-in's (foldInUser, with
   * the same λ), whose solution the attribution reads exactly; otherwise what factors learned another way (training's
   * path) hold beyond it.
   */
  rest: number;
}

/**
 * Explains the prediction of movie `movie` (an index) for the user with factors `user.factors` and bias `user.bias`:
 * its parts (my bias, the movie's bias, the factor term u·m, and the sigmoid mapping their sum to stars) and an
 * additive attribution of the factor term to my rated movies.
 *
 * The attribution reads my factors as the fold-in's solution (foldIn.ts, foldInUser): at its minimum, w = [u, b] is
 * the weighted ridge regression (XᵀGX + λI)⁻¹XᵀG t of its own working targets (iteratively reweighted least squares,
 * the Gauss–Newton fixed point), rows xⱼ = [mⱼ, 1], weights gⱼ² the sigmoid's squared slope at my fitted logit, and
 * targets tⱼ as in Contribution. So u·m = Σⱼ tⱼ·sⱼ exactly: each rated movie counts by how much more I liked it than
 * its bias says (tⱼ) times how alike the two movies are once my other ratings are accounted for (sⱼ), a kernel-ridge
 * weight. `rest` = u·m − Σⱼ tⱼ·sⱼ is zero for a fold-in. λ is the fold-in's own (foldInLambda) unless `lambda` is
 * given. Sums in double precision. Throws a RangeError for a movie index outside the model, as foldInUser does for a
 * rated one.
 */
export function explainPrediction(
  model: ExplainModel,
  user: {factors: ArrayLike<number>; bias: number},
  movie: number,
  ratings: readonly FoldInRating[],
  {lambda}: {lambda?: number} = {}
): PredictionParts {
  const {movieFactors, movieBias, factors: k, yRange} = model;
  const movies = movieBias.length,
    d = k + 1,
    n = ratings.length;
  if (!(Number.isSafeInteger(k) && k >= 1 && movieFactors.length === movies * k))
    throw new TypeError(
      `explainPrediction: movieFactors has ${movieFactors.length} values, not ${movies} movies × ${k} factors`
    );
  if (user.factors.length !== k)
    throw new TypeError(`explainPrediction: the user has ${user.factors.length} factors, the movies ${k}`);
  const inModel = (i: number) => Number.isInteger(i) && i >= 0 && i < movies;
  if (!inModel(movie)) throw new RangeError(`explainPrediction: movie index ${movie} is outside 0…${movies - 1}`);
  const rows = new Int32Array(n),
    r = new Float64Array(n);
  ratings.forEach(({movie: j, rating}, i) => {
    if (!inModel(j)) throw new RangeError(`explainPrediction: rated movie index ${j} is outside 0…${movies - 1}`);
    rows[i] = j;
    r[i] = rating;
  });
  const m = movieFactors.subarray(movie * k, movie * k + k);
  let factorTerm = 0;
  for (let j = 0; j < k; ++j) factorTerm += user.factors[j] * m[j];
  const userBias = user.bias,
    bias = movieBias[movie];
  const logit = userBias + bias + factorTerm;
  const [lo, hi] = yRange;

  const row = (i: number) => movieFactors.subarray(rows[i] * k, rows[i] * k + k);
  // The working targets and weights at my factors, and the weighted normal equations (XᵀGX + λI), lower triangle.
  const span = hi - lo;
  const target = new Float64Array(n),
    weight = new Float64Array(n);
  const a = new Float64Array(d * d);
  for (let i = 0; i < n; ++i) {
    const mj = row(i);
    let fitted = userBias;
    for (let p = 0; p < k; ++p) fitted += user.factors[p] * mj[p];
    const share = 1 / (1 + Math.exp(-(fitted + movieBias[rows[i]])));
    const g = span * share * (1 - share);
    weight[i] = g * g;
    target[i] = fitted + (g ? (r[i] - lo - span * share) / g : 0);
    for (let p = 0; p < d; ++p) {
      const xp = p < k ? mj[p] : 1;
      for (let q = 0; q <= p; ++q) a[p * d + q] += weight[i] * xp * (q < k ? mj[q] : 1);
    }
  }
  const penalty = lambda ?? foldInLambda(movieFactors, k, n);
  for (let p = 0; p < d; ++p) a[p * d + p] += penalty + 1e-9;
  const z = new Float64Array(d);
  solveCholesky(
    a,
    Float64Array.from({length: d}, (_, j) => (j < k ? m[j] : 0)),
    d,
    z
  );
  let explained = 0;
  const contributions = ratings.map(({movie: j, rating}, i): Contribution => {
    const mj = row(i);
    let similarity = z[k];
    for (let p = 0; p < k; ++p) similarity += mj[p] * z[p];
    similarity *= weight[i];
    const amount = target[i] * similarity;
    explained += amount;
    return {movie: j, rating, surprise: target[i], similarity, amount};
  });
  return {
    movie,
    userBias,
    movieBias: bias,
    factorTerm,
    logit,
    predicted: sigmoidRange(logit, lo, hi),
    yRange,
    contributions,
    rest: factorTerm - explained
  };
}

/**
 * The rated movies that pushed a prediction up most and down most: at most `n` of each, largest first (ties by index).
 */
export function strongestContributions(
  parts: Pick<PredictionParts, "contributions">,
  n = 3
): {up: Contribution[]; down: Contribution[]} {
  const by = (sign: 1 | -1) =>
    parts.contributions
      .filter((c) => sign * c.amount > 0)
      .sort((a, b) => sign * (b.amount - a.amount) || a.movie - b.movie)
      .slice(0, n);
  return {up: by(1), down: by(-1)};
}
