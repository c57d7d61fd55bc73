import {MY_USER_ID} from "./myRatingsFile.js";
import type {MyRating} from "./myRatingsFile.js";
import type {RatingsTable} from "./ratingsFile.js";
import {latestFlags} from "../split/latestFlags.js";

/**
 * Replaces user 99999's ratings in a table with `mine` (the browser's ratings win over the build's my_ratings.dat),
 * adding user 99999 when the table lacks it. Ratings of movies the table does not know are skipped and counted. When
 * the table marks each user's latest ratings (`latest`), my latest 20% by timestamp are marked too (latestFlags).
 */
export function withMyRatings(table: RatingsTable, mine: readonly MyRating[]): {table: RatingsTable; skipped: number} {
  const movieIndex = new Map<number, number>();
  table.movieIds.forEach((id, i) => movieIndex.set(id, i));
  const known = mine.filter((r) => movieIndex.has(r.movieId));
  let me = table.userIds.indexOf(MY_USER_ID);
  const userIds = me < 0 ? Int32Array.from([...table.userIds, MY_USER_ID]) : table.userIds;
  if (me < 0) me = table.userIds.length;
  let kept = 0;
  for (let i = 0; i < table.user.length; ++i) if (table.user[i] !== me) ++kept;
  const n = kept + known.length;
  const user = new Uint32Array(n);
  const movie = new (table.movie instanceof Uint16Array ? Uint16Array : Uint32Array)(n);
  const rating2 = new Uint8Array(n);
  const latest = table.latest ? new Uint8Array(n) : undefined;
  let j = 0;
  for (let i = 0; i < table.user.length; ++i) {
    if (table.user[i] === me) continue;
    if (latest) latest[j] = table.latest![i];
    user[j] = table.user[i];
    movie[j] = table.movie[i];
    rating2[j++] = table.rating2[i];
  }
  if (latest)
    latest.set(
      latestFlags(
        new Uint32Array(known.length),
        known.map((r) => r.timestamp),
        1
      ),
      kept
    );
  for (const r of known) {
    user[j] = me;
    movie[j] = movieIndex.get(r.movieId)!;
    rating2[j++] = Math.round(r.rating * 2);
  }
  return {
    table: {user, movie, rating2, userIds, movieIds: table.movieIds, ...(latest ? {latest} : {})},
    skipped: mine.length - known.length
  };
}
