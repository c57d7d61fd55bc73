// Predicted ratings from a trained model's plain arrays (EmbeddingDotBias's forward pass), with no TF.js: the page's
// predictions, the fold-in's, and the training worker's (engine/predict.ts) all come from here.
import type {ModelWeights} from "./modelWeights.js";

function factorCount(table: Float32Array, rows: number, name: string): number {
  const factors = table.length / rows;
  if (!(rows > 0 && Number.isInteger(factors) && factors > 0))
    throw new TypeError(`${name} has ${table.length} values, not a multiple of its ${rows} rows`);
  return factors;
}

/** fastai's sigmoid_range: a logit mapped into (lo, hi) stars, as EmbeddingDotBias's last step. */
export function sigmoidRange(x: number, lo: number, hi: number): number {
  return lo + (hi - lo) / (1 + Math.exp(-x));
}

/**
 * Predicts a rating of every movie for the user with this factor vector and bias: sigmoid(u·m + bu + bm) scaled to
 * yRange, as EmbeddingDotBias does; `movieFactors` is movies × factors, row-major. Returns one rating per movie, in
 * movie-index order; a TypeError when the shapes disagree. Sums in double precision.
 */
export function predictFor(
  movieFactors: Float32Array,
  movieBias: Float32Array,
  user: ArrayLike<number>,
  userBias: number,
  {yRange}: {yRange: readonly [number, number]}
): Float32Array {
  const movies = movieBias.length,
    k = factorCount(movieFactors, movies, "movieFactors");
  if (user.length !== k) throw new TypeError(`predictFor: the user vector has ${user.length} factors, the movies ${k}`);
  const [lo, hi] = yRange;
  const u = Float64Array.from(user);
  const out = new Float32Array(movies);
  for (let m = 0, at = 0; m < movies; ++m) {
    let x = userBias + movieBias[m];
    for (let j = 0; j < k; ++j) x += u[j] * movieFactors[at++];
    out[m] = sigmoidRange(x, lo, hi);
  }
  return out;
}

/**
 * Predicts the rating of every movie, in movie-index order, for the user at `userIndex` in the weights;
 * a RangeError for an index outside them.
 */
export function predictAll(
  weights: Pick<ModelWeights, "userFactors" | "movieFactors" | "userBias" | "movieBias">,
  userIndex: number,
  options: {yRange: readonly [number, number]}
): Float32Array {
  const {userFactors, movieFactors, userBias, movieBias} = weights;
  const users = userBias.length,
    k = factorCount(userFactors, users, "userFactors");
  if (!(Number.isInteger(userIndex) && userIndex >= 0 && userIndex < users))
    throw new RangeError(`predictAll: user index ${userIndex} is outside 0…${users - 1}`);
  return predictFor(
    movieFactors,
    movieBias,
    userFactors.subarray(userIndex * k, userIndex * k + k),
    userBias[userIndex],
    options
  );
}

/** The predicted rating of one (user index, movie index) pair, from the weights' own rows (stars, in yRange). */
export function predictPair(
  weights: Pick<ModelWeights, "userFactors" | "movieFactors" | "userBias" | "movieBias" | "yRange">,
  user: number,
  movie: number
): number {
  const k = weights.movieFactors.length / weights.movieBias.length;
  let x = weights.userBias[user] + weights.movieBias[movie];
  for (let j = 0; j < k; ++j) x += weights.userFactors[user * k + j] * weights.movieFactors[movie * k + j];
  return sigmoidRange(x, ...weights.yRange);
}
