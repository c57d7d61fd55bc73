import type {RatingColumns} from "./parseRatings.js";

/** Ratings keyed by dense indexes, ready for embedding tables: `movie` indexes the movies in `movies.dat` order. */
export interface IndexedRatings {
  user: Uint32Array;
  movie: Uint32Array;
  rating2: Uint8Array;
  timestamp: Int32Array;
  /** userIds[userIndex] is the user's MovieLens id. */
  userIds: Int32Array;
  /** movieIds[movieIndex] is the movie's MovieLens id. */
  movieIds: Int32Array;
  report: IndexReport;
}

/** What indexing dropped, so a loader can say so instead of silently losing data. */
export interface IndexReport {
  /** Ratings dropped because their movie is not in movies.dat. */
  unknownMovieRatings: number;
  /** Distinct movie ids that are rated but not in movies.dat. */
  unknownMovies: number;
  /** Earlier ratings dropped because the same user rated the same movie again later. */
  duplicates: number;
  /**
   * Set by the readers, not by indexRatings: the id the release's own user 99999 was given
   * (moveClashingUser), when it had one.
   */
  movedUser?: number;
}

/** A lookup from id to index: a dense array for MovieLens-sized ids, a Map beyond. */
function idLookup(ids: ArrayLike<number>): (id: number) => number {
  let max = 0;
  for (let i = 0; i < ids.length; ++i) if (ids[i] > max) max = ids[i];
  if (max < 1 << 24) {
    const index = new Int32Array(max + 1).fill(-1);
    for (let i = 0; i < ids.length; ++i) index[ids[i]] = i;
    return (id) => (id <= max ? index[id] : -1);
  }
  const index = new Map<number, number>();
  for (let i = 0; i < ids.length; ++i) index.set(ids[i], i);
  return (id) => index.get(id) ?? -1;
}

/**
 * Concatenates rating parts (ratings.dat, then my_ratings.dat, as the original's `pd.concat`), maps ids to dense
 * indexes, drops ratings of unknown movies, and keeps only the last rating of each (user, movie) pair.
 */
export function indexRatings(movieIds: ArrayLike<number>, parts: RatingColumns[]): IndexedRatings {
  const total = parts.reduce((n, p) => n + p.userId.length, 0);
  const movieIndex = idLookup(movieIds);
  const user = new Uint32Array(total);
  const movie = new Uint32Array(total);
  const keep = new Uint8Array(total);
  const userIds: number[] = [];
  const userIndex = new Map<number, number>();
  const unknown = new Set<number>();
  let unknownMovieRatings = 0;
  let k = 0;
  for (const part of parts) {
    for (let i = 0; i < part.userId.length; ++i, ++k) {
      const m = movieIndex(part.movieId[i]);
      if (m < 0) {
        ++unknownMovieRatings;
        unknown.add(part.movieId[i]);
        continue;
      }
      const id = part.userId[i];
      let u = userIndex.get(id);
      if (u === undefined) userIndex.set(id, (u = userIds.push(id) - 1));
      user[k] = u;
      movie[k] = m;
      keep[k] = 1;
    }
  }
  const duplicates = dropDuplicates(user, movie, keep, userIds.length, movieIds.length);
  const n = total - unknownMovieRatings - duplicates;
  const out = {
    user: new Uint32Array(n),
    movie: new Uint32Array(n),
    rating2: new Uint8Array(n),
    timestamp: new Int32Array(n)
  };
  let j = 0;
  k = 0;
  for (const part of parts) {
    for (let i = 0; i < part.userId.length; ++i, ++k) {
      if (!keep[k]) continue;
      out.user[j] = user[k];
      out.movie[j] = movie[k];
      out.rating2[j] = part.rating2[i];
      out.timestamp[j++] = part.timestamp[i];
    }
  }
  return {
    ...out,
    userIds: Int32Array.from(userIds),
    movieIds: Int32Array.from(movieIds),
    report: {unknownMovieRatings, unknownMovies: unknown.size, duplicates}
  };
}

/** Clears `keep` for every rating that the same user re-rated later; linear time, by a stable counting sort on user. */
function dropDuplicates(
  user: Uint32Array,
  movie: Uint32Array,
  keep: Uint8Array,
  users: number,
  movies: number
): number {
  const start = new Uint32Array(users + 1);
  for (let k = 0; k < keep.length; ++k) if (keep[k]) ++start[user[k] + 1];
  for (let u = 0; u < users; ++u) start[u + 1] += start[u];
  const order = new Uint32Array(start[users]);
  const next = start.slice(0, users);
  for (let k = 0; k < keep.length; ++k) if (keep[k]) order[next[user[k]]++] = k;
  const owner = new Int32Array(movies).fill(-1);
  const row = new Uint32Array(movies);
  let duplicates = 0;
  for (let u = 0; u < users; ++u) {
    for (let p = start[u]; p < start[u + 1]; ++p) {
      const k = order[p];
      const m = movie[k];
      if (owner[m] === u) {
        keep[row[m]] = 0;
        ++duplicates;
      }
      owner[m] = u;
      row[m] = k;
    }
  }
  return duplicates;
}
