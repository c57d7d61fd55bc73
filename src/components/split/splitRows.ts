import {createRandom} from "../random.js";
import {RECIPE_DEFAULTS, TRAIN_DEFAULTS} from "../trainDefaults.js";
import type {Split} from "./Split.js";

/**
 * A seeded random split of rows 0…n-1, as fastai's RandomSplitter: the first ⌊validPct·n⌋ of a permutation validate.
 */
export function splitRows(
  n: number,
  {validPct = RECIPE_DEFAULTS.validPct, seed = TRAIN_DEFAULTS.seed}: {validPct?: number; seed?: number} = {}
): Split {
  if (!(Number.isSafeInteger(n) && n >= 0))
    throw new TypeError(`splitRows: n must be a non-negative integer, got ${n}`);
  if (!(validPct >= 0 && validPct < 1)) throw new TypeError(`splitRows: validPct must be in [0, 1), got ${validPct}`);
  const perm = new Uint32Array(n);
  for (let i = 0; i < n; ++i) perm[i] = i;
  const random = createRandom(seed);
  for (let i = n - 1; i > 0; --i) {
    const j = random.int(i + 1);
    const t = perm[i];
    perm[i] = perm[j];
    perm[j] = t;
  }
  const cut = Math.floor(validPct * n);
  return {valid: perm.subarray(0, cut), train: perm.subarray(cut)};
}
