// A rating is a latent score plus normal noise, rounded to a star grid and clipped to it. The grid is whole stars
// (1–5, step 1) or half stars (0.5–5, step 0.5); the cell of grid value k is [k − step/2, k + step/2), and the end
// cells reach to ±∞. These helpers give the exact moments of that rounded rating, so the best any model could do —
// knowing the latent score exactly — is known.

/** The standard normal CDF, with a relative error below 1.2e-7 even far in the tails (Numerical Recipes' erfc). */
export function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.5 * x);
  const erfc =
    t *
    Math.exp(
      -x * x -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t *
                      (-0.18628806 +
                        t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))))
    );
  return z >= 0 ? 1 - 0.5 * erfc : 0.5 * erfc;
}

/** Rounds a latent score to the grid of the given step (0.5 or 1) and clips it to [step, 5]. */
export function roundToGrid(x: number, step: number): number {
  const k = Math.floor(x / step + 0.5) * step;
  return k < step ? step : k > 5 ? 5 : k;
}

// Scratch results of gridMoments, so the hot loop over millions of ratings allocates nothing.
let first = 0;
let second = 0;

function gridMoments(mu: number, step: number, sd: number): void {
  first = second = 0;
  let below = 0; // P(rating ≤ the previous grid value)
  for (let k = step; k < 5; k += step) {
    const z = (k + step / 2 - mu) / sd;
    const cdf = sd > 0 ? (z < -9 ? 0 : z > 9 ? 1 : normalCdf(z)) : z > 0 ? 1 : 0;
    const p = cdf - below;
    first += p * k;
    second += p * k * k;
    below = cdf;
  }
  first += (1 - below) * 5;
  second += (1 - below) * 25;
}

/**
 * The mean of the rounded, clipped rating given latent score `mu`, grid `step` and noise sd:
 * the Bayes-optimal prediction.
 */
export function expectedRating(mu: number, step: number, noise: number): number {
  gridMoments(mu, step, noise);
  return first;
}

/**
 * The variance of the rounded, clipped rating given latent score `mu`:
 * the least squared error any predictor can expect.
 */
export function ratingVariance(mu: number, step: number, noise: number): number {
  gridMoments(mu, step, noise);
  return Math.max(0, second - first * first);
}
