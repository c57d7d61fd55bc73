import {latestFlags} from "./latestFlags.js";
import {splitByFlags} from "./Split.js";
import type {Split} from "./Split.js";

/**
 * A time-aware split: each user's latest ⌊validPct·n⌋ of their n ratings (by timestamp, in seconds; ties by row
 * order) validate, the rest train, so nothing is predicted from ratings made after it. `user` holds each row's user
 * index (0…users-1). Rows are listed in increasing order. Throws a TypeError when the columns' lengths differ.
 */
export function splitByTime(
  user: ArrayLike<number>,
  timestamp: ArrayLike<number>,
  users: number,
  options: {validPct?: number} = {}
): Split {
  return splitByFlags(latestFlags(user, timestamp, users, options));
}
