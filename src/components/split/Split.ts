// The split of a table's rows into training and validation rows, and the operations on splits given by flags. The
// random split is splitRows.ts, the time split splitByTime.ts (from latestFlags.ts), and the split a run asks for
// runSplit.ts.

/** Row indexes of the training and validation sets. */
export interface Split {
  train: Uint32Array;
  valid: Uint32Array;
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
