import {aliasSampler} from "../random.js";
import type {Random} from "../random.js";

/**
 * Splits `total` ratings among `users` with heavy-tailed (log-normal) activity, each between `min` and `movies`;
 * returns row offsets: user u's rows are `start[u] … start[u + 1]`.
 */
export function allocateActivity(
  users: number,
  total: number,
  movies: number,
  min: number,
  random: Random
): Int32Array {
  const weights = Float64Array.from({length: users}, () => Math.exp(random.normal(0, 1.2)));
  // No one rates everything: ML-10M's busiest user rated 69% of the catalog. Dense toy shapes get more room.
  const cap = Math.min(movies, Math.max(Math.floor(0.7 * movies), Math.ceil((1.5 * total) / users))) - min;
  const extra = new Float64Array(users);
  const capped = new Uint8Array(users);
  // Water-filling: share the extra ratings by weight; whoever would pass the cap is held at it, and the rest re-shared.
  let remaining = total - min * users;
  for (let changed = true; changed;) {
    changed = false;
    let sum = 0;
    for (let u = 0; u < users; ++u) if (!capped[u]) sum += weights[u];
    const scale = sum > 0 ? remaining / sum : 0;
    for (let u = 0; u < users; ++u) {
      if (capped[u]) continue;
      extra[u] = weights[u] * scale;
      if (extra[u] >= cap) {
        extra[u] = cap;
        capped[u] = 1;
        remaining -= cap;
        changed = true;
      }
    }
  }
  // Rounding the running sum, not each share, makes the counts add up to exactly `total`.
  const start = new Int32Array(users + 1);
  let cumulative = 0;
  for (let u = 0; u < users; ++u) {
    cumulative += extra[u];
    start[u + 1] = Math.round(cumulative) + min * (u + 1);
  }
  start[users] = total;
  return start;
}

/** A user's appeal for a movie, added to the log of its pick weight, and an upper bound of it over every movie. */
export interface Appeal {
  score(user: number, movie: number): number;
  max(user: number): number;
}

/**
 * Picks the movies each user rates, weighted by popularity · exp(appeal) (default: popularity alone) and without
 * repeats, sorted by index within each user; then gives every movie nobody picked one rating, taken from a movie with
 * several, so the catalog is all rated.
 */
export function sampleMovies(start: Int32Array, popularity: Float64Array, random: Random, appeal?: Appeal): Int32Array {
  const users = start.length - 1;
  const total = start[users];
  const movies = popularity.length;
  const movie = new Int32Array(total);
  const draw = aliasSampler(popularity, random);
  const taken = new Int32Array(movies); // u + 1 for the last user who took each movie, so it never needs clearing
  const keys = new Float64Array(movies);
  const sorted = new Float64Array(movies);
  for (let u = 0; u < users; ++u) {
    const a = start[u],
      b = start[u + 1];
    if ((b - a) * 4 <= movies) {
      // Light users: draw and reject repeats; at most a quarter of the catalog is taken, so rejections stay rare.
      const top = appeal ? appeal.max(u) : 0;
      for (let row = a; row < b;) {
        const m = draw();
        if (taken[m] === u + 1) continue;
        if (appeal && random() >= Math.exp(appeal.score(u, m) - top)) continue;
        taken[m] = u + 1;
        movie[row++] = m;
      }
    } else {
      // Heavy users: the n smallest Exp(1) / weight are a weighted sample without replacement (Efraimidis–Spirakis).
      for (let m = 0; m < movies; ++m)
        keys[m] = random.exponential() / (popularity[m] * (appeal ? Math.exp(appeal.score(u, m)) : 1));
      sorted.set(keys);
      sorted.sort();
      const cut = sorted[b - a - 1];
      for (let m = 0, row = a; row < b; ++m) if (keys[m] <= cut) movie[row++] = m;
    }
    movie.subarray(a, b).sort();
  }

  if (total < movies) return movie;
  const count = new Int32Array(movies);
  for (let row = 0; row < total; ++row) ++count[movie[row]];
  for (let m = 0; m < movies; ++m) {
    // Some movie has two ratings or more while m has none, so this finds a row to move within a few tries.
    while (count[m] === 0) {
      const row = random.int(total);
      const old = movie[row];
      if (count[old] < 2) continue;
      let lo = 0,
        hi = users;
      while (hi - lo > 1) {
        const mid = (lo + hi) >> 1;
        if (start[mid] <= row) lo = mid;
        else hi = mid;
      }
      movie[row] = m; // nobody rated m, so this user has not either
      --count[old];
      ++count[m];
      movie.subarray(start[lo], start[lo + 1]).sort();
    }
  }
  return movie;
}
