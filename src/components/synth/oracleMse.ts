import {expectedRating} from "./ratingGrid.js";
import {solveCholesky} from "../solveCholesky.js";
import type {Split} from "../split/Split.js";
import {BASE_MEAN, GENRES, LATENT_DIMS, LATENT_SD} from "./synthCatalog.js";
import {USER_BIAS_SD} from "./synthesize.js";
import type {SyntheticDataset} from "./synthesize.js";

/**
 * The validation MSE of an oracle that knows every movie's planted parameters and the generator's priors, and learns
 * only each user's (bias, genre tastes, latent factors) from their training ratings, by Bayesian ridge regression; it
 * predicts the expected rounded rating. The noise floor assumes the users known too; no model that must also learn
 * the movies, from these training ratings, can expect to beat this oracle. It is what "as good as this data allows"
 * means on a synthetic set. `split` indexes the dataset's rating rows, which are grouped by user; rows past them (my
 * ratings, appended after the dataset's) are not scored, since no truth was planted for them.
 */
export function oracleMse({ratings, meta, truth}: SyntheticDataset, split: Split): number {
  if (!truth) throw new TypeError("oracleMse: the dataset has no planted truth (it was not generated in this process)");
  const {catalog, movieIndex, userStart, halfStars, taste} = truth;
  const G = GENRES.length,
    P = 1 + G + LATENT_DIMS;
  // The prior: Gaussian with the generator's variances; genre tastes are a mixture, so their empirical mean square.
  let tasteSquare = 0;
  for (let i = 0; i < taste.length; ++i) tasteSquare += taste[i] * taste[i];
  const prior = new Float64Array(P).fill(LATENT_SD ** 2);
  prior[0] = USER_BIAS_SD ** 2;
  prior.fill(tasteSquare / taste.length || 1, 1, 1 + G);
  const noise = meta.noiseFloorMse;

  const isValid = new Uint8Array(ratings.rating2.length);
  let scored = 0;
  for (const row of split.valid) {
    if (row >= isValid.length) continue;
    isValid[row] = 1;
    ++scored;
  }
  const A = new Float64Array(P * P),
    b = new Float64Array(P),
    x = new Float64Array(P),
    theta = new Float64Array(P);
  const features = (m: number) => {
    x.fill(0);
    x[0] = 1;
    for (let g = catalog.genreStart[m]; g < catalog.genreStart[m + 1]; ++g)
      x[1 + catalog.genreIndex[g]] = catalog.genreNorm[m];
    for (let k = 0; k < LATENT_DIMS; ++k) x[1 + G + k] = catalog.latent[m * LATENT_DIMS + k];
  };
  let squares = 0;
  for (let u = 0; u < userStart.length - 1; ++u) {
    A.fill(0);
    b.fill(0);
    for (let i = 0; i < P; ++i) A[i * P + i] = noise / prior[i];
    for (let row = userStart[u]; row < userStart[u + 1]; ++row) {
      if (isValid[row]) continue;
      const m = movieIndex[row];
      features(m);
      const y = ratings.rating2[row] / 2 - BASE_MEAN - catalog.bias[m];
      for (let i = 0; i < P; ++i) {
        if (x[i] === 0) continue;
        b[i] += x[i] * y;
        for (let j = 0; j <= i; ++j) A[i * P + j] += x[i] * x[j];
      }
    }
    solveCholesky(A, b, P, theta);
    const step = halfStars[u] ? 0.5 : 1;
    for (let row = userStart[u]; row < userStart[u + 1]; ++row) {
      if (!isValid[row]) continue;
      const m = movieIndex[row];
      features(m);
      let score = BASE_MEAN + catalog.bias[m];
      for (let i = 0; i < P; ++i) score += x[i] * theta[i];
      squares += (expectedRating(score, step, meta.noiseSd) - ratings.rating2[row] / 2) ** 2;
    }
  }
  return squares / scored;
}
