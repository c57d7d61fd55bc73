import {RECIPE_DEFAULTS} from "../trainDefaults.js";

/**
 * The per-row flags of the time-aware split: 1 for each user's latest ⌊validPct·n⌋ of their n ratings (by timestamp,
 * in seconds; ties by row order), 0 for the rest. `user` holds each row's user index (0…users-1). The build keeps them
 * as the ratings file's `latest` column (movielens/ratingsFile.ts), since its rows carry no timestamps; splitByTime
 * and runSplit turn them into a split. Throws a TypeError when the columns' lengths differ.
 */
export function latestFlags(
  user: ArrayLike<number>,
  timestamp: ArrayLike<number>,
  users: number,
  {validPct = RECIPE_DEFAULTS.validPct}: {validPct?: number} = {}
): Uint8Array {
  const n = user.length;
  if (timestamp.length !== n) throw new TypeError(`latestFlags: ${timestamp.length} timestamps for ${n} rows`);
  if (!(validPct >= 0 && validPct < 1)) throw new TypeError(`latestFlags: validPct must be in [0, 1), got ${validPct}`);
  const rowsOf: number[][] = Array.from({length: users}, () => []);
  for (let r = 0; r < n; ++r) rowsOf[user[r]].push(r);
  const isValid = new Uint8Array(n);
  for (const rows of rowsOf) {
    const held = Math.floor(validPct * rows.length);
    if (!held) continue;
    rows.sort((a, b) => timestamp[a] - timestamp[b] || a - b);
    for (const r of rows.slice(rows.length - held)) isValid[r] = 1;
  }
  return isValid;
}
