// The popularity knob: a recommendation's score is its predicted rating plus `weight` stars per doubling of the
// movie's number of ratings, score = predicted + weight · log2(1 + ratings). A positive weight favours well-known
// movies, a negative one favours the less known; 0 ranks by predicted rating alone, as the notebook did. MovieLens let
// its users blend popularity into predicted ratings in the same way (Harper et al., "Putting Users in Control of their
// Recommendations", RecSys 2015).

/** The knob's stops, in stars per doubling of a movie's ratings. */
export const POPULARITY_WEIGHTS = [-0.3, -0.2, -0.1, 0, 0.1, 0.2, 0.3, 0.5, 0.75, 1] as const;

/**
 * The weight at which a run's ranking report blends popularity into the model's scores ("model + popularity"), fixed
 * beforehand, never tuned on the held-out ratings: on the default synthetic set it gains most of what popularity adds
 * to NDCG@10 while keeping several times the catalogue coverage of weight 1 (`npm run bench:ranking`).
 */
export const RANKING_BLEND = 0.3;

/**
 * Blends popularity into predicted ratings: out[m] = predicted[m] + weight · log2(1 + counts[m]) (stars; counts are
 * ratings per movie, in the same movie-index order).
 * Throws a TypeError when the lengths differ or weight is not finite.
 */
export function blendPopularity(
  predicted: ArrayLike<number>,
  counts: ArrayLike<number>,
  weight: number,
  out = new Float32Array(predicted.length)
): Float32Array {
  if (predicted.length !== counts.length)
    throw new TypeError(`blendPopularity: ${predicted.length} predictions for ${counts.length} counts`);
  if (!Number.isFinite(weight)) throw new TypeError(`blendPopularity: weight must be a finite number, got ${weight}`);
  for (let m = 0; m < predicted.length; ++m) out[m] = predicted[m] + weight * Math.log2(1 + counts[m]);
  return out;
}
