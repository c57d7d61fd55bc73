import {splitByFlags} from "../split.js";
import type {Split} from "../split.js";

/**
 * A time-aware split: each user's latest ⌊validPct·n⌋ of their n ratings (by timestamp, in seconds; ties by row
 * order) validate, the rest train, so nothing is predicted from ratings made after it. `user` holds each row's user
 * index (0…users-1). Rows are listed in increasing order. Throws a TypeError when the columns' lengths differ.
 */
export function splitByTime(
  user: ArrayLike<number>,
  timestamp: ArrayLike<number>,
  users: number,
  {validPct = 0.2}: {validPct?: number} = {}
): Split {
  const n = user.length;
  if (timestamp.length !== n) throw new TypeError(`splitByTime: ${timestamp.length} timestamps for ${n} rows`);
  if (!(validPct >= 0 && validPct < 1)) throw new TypeError(`splitByTime: validPct must be in [0, 1), got ${validPct}`);
  const rowsOf: number[][] = Array.from({length: users}, () => []);
  for (let r = 0; r < n; ++r) rowsOf[user[r]].push(r);
  const isValid = new Uint8Array(n);
  for (const rows of rowsOf) {
    const held = Math.floor(validPct * rows.length);
    if (!held) continue;
    rows.sort((a, b) => timestamp[a] - timestamp[b] || a - b);
    for (const r of rows.slice(rows.length - held)) isValid[r] = 1;
  }
  return splitByFlags(isValid);
}
