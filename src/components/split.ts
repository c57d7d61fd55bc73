import {createRandom} from "./random.js";

/** Row indexes of the training and validation sets. */
export interface Split {
  train: Uint32Array;
  valid: Uint32Array;
}

/**
 * A seeded random split of rows 0…n-1, as fastai's RandomSplitter: the first ⌊validPct·n⌋ of a permutation validate.
 */
export function splitRows(n: number, {validPct = 0.2, seed = 42}: {validPct?: number; seed?: number} = {}): Split {
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

/**
 * Fills `into` with the rows flagged (valid) and not (train) in `isValid`,
 * each in increasing order; the lists must have room.
 */
function fillByFlags(isValid: ArrayLike<number>, into: Split): Split {
  for (let r = 0, t = 0, v = 0; r < isValid.length; ++r)
    if (isValid[r]) into.valid[v++] = r;
    else into.train[t++] = r;
  return into;
}

/**
 * The split whose validation rows are those flagged 1 in `isValid` (one flag per row), both lists in increasing order.
 */
export function splitByFlags(isValid: ArrayLike<number>): Split {
  let valid = 0;
  for (let r = 0; r < isValid.length; ++r) if (isValid[r]) ++valid;
  return fillByFlags(isValid, {train: new Uint32Array(isValid.length - valid), valid: new Uint32Array(valid)});
}

/**
 * Puts both lists of a split in increasing row order, in place, and returns it: for passes that only count or sum
 * over the rows (a run's ranking), which then read a table in order rather than at random. The split must partition
 * rows 0…n-1, as splitRows and splitByFlags do; then it takes O(n) with one flag per row. A RangeError when a
 * validation row repeats or lies past n.
 */
export function sortSplit(split: Split): Split {
  const n = split.train.length + split.valid.length;
  const isValid = new Uint8Array(n);
  for (const r of split.valid) {
    if (!(r < n) || isValid[r])
      throw new RangeError(`sortSplit: validation row ${r} repeats or lies past the ${n} rows of the split`);
    isValid[r] = 1;
  }
  return fillByFlags(isValid, split);
}
