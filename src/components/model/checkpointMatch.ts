import type {CheckpointDataset, CheckpointHeader} from "./checkpointFormat.js";
import {datasetFingerprint} from "../movielens/datasetFingerprint.js";
import {MY_USER_ID} from "../movielens/myRatingsFile.js";
import type {RatingsTable} from "../movielens/ratingsFile.js";

/** The catalogue and name of the data being trained on, as the page knows them. */
export interface DatasetContext {
  catalogue?: string;
  name?: string;
}

const fmt = (n: number) => n.toLocaleString("en-US");
const plural = (n: number, one: string, many = `${one}s`) => `${fmt(n)} ${n === 1 ? one : many}`;

/** My ratings in a table, as movie id → rating × 2. */
export function myRatingsOf(table: RatingsTable): Map<number, number> {
  const me = table.userIds.indexOf(MY_USER_ID);
  const mine = new Map<number, number>();
  for (let i = 0; me >= 0 && i < table.user.length; ++i)
    if (table.user[i] === me) mine.set(table.movieIds[table.movie[i]], table.rating2[i]);
  return mine;
}

/** What a checkpoint records of its data: fingerprints, my ratings, and the page's catalogue and name. */
export function checkpointDataset(table: RatingsTable, context: DatasetContext = {}): CheckpointDataset {
  const me = table.userIds.indexOf(MY_USER_ID);
  return {
    fingerprint: datasetFingerprint(table),
    rows: table.rating2.length,
    othersFingerprint: datasetFingerprint(table, {exceptUser: me}),
    myRatings: [...myRatingsOf(table)],
    ...(context.catalogue ? {catalogue: context.catalogue} : {}),
    ...(context.name ? {name: context.name} : {})
  };
}

function sameIds(a: Int32Array | undefined, b: Int32Array): boolean {
  return !!a && a.length === b.length && a.every((x, i) => x === b[i]);
}

function missing(from: Int32Array, inside: Int32Array): number {
  const set = new Set(inside);
  return from.reduce((n, id) => n + (set.has(id) ? 0 : 1), 0);
}

/**
 * Checks that a checkpoint can resume on `table`: the same movies (ids, and the catalogue when both know it) and the
 * same users, in the same order, so every row of its tables still means the same user or movie. My ratings, and the
 * other users' ratings, may have changed since (the original notebook did `learn.load`, then trained on its augmented
 * ratings): the returned notes say how, in words. Throws an Error that says what differs when it cannot resume.
 */
export function checkpointMatch(
  header: Pick<CheckpointHeader, "model"> & {dataset: CheckpointDataset},
  arrays: Map<string, Float32Array | Int32Array>,
  table: RatingsTable,
  context: DatasetContext = {}
): {notes: string[]} {
  const then = header.dataset;
  const userIds = arrays.get("userIds") as Int32Array | undefined;
  const movieIds = arrays.get("movieIds") as Int32Array | undefined;
  const trainedOn = then.name ? `on ${then.name}` : "on another dataset";
  const loaded = context.name ? `the loaded ${context.name}` : "the loaded dataset";
  const refuse = (what: string) =>
    new Error(
      `This checkpoint was trained ${trainedOn}: ${what}. ` +
        `Train a new model on this dataset instead; nothing was loaded.`
    );
  if (then.catalogue && context.catalogue && then.catalogue !== context.catalogue) {
    throw refuse(
      `its ${plural(header.model.movies, "movie")} are not the movies of ${loaded}, even where their ids agree`
    );
  }
  if (!sameIds(movieIds, table.movieIds)) {
    const gone = movieIds ? missing(movieIds, table.movieIds) : header.model.movies;
    const which = gone
      ? `; ${fmt(gone)} of its movies ${gone === 1 ? "is" : "are"} not in ${loaded}`
      : ", listed in another order";
    throw refuse(
      `it knows ${plural(header.model.movies, "movie")} and ${loaded} has ${fmt(table.movieIds.length)}${which}`
    );
  }
  if (!sameIds(userIds, table.userIds)) {
    const hadMe = !!userIds && userIds.includes(MY_USER_ID);
    const hasMe = table.userIds.includes(MY_USER_ID);
    if (userIds && !hadMe && hasMe && userIds.length + 1 === table.userIds.length) {
      throw refuse(`it was trained without any ratings of mine (user ${MY_USER_ID}), so it has no row for me`);
    }
    const gone = userIds ? missing(userIds, table.userIds) : header.model.users;
    const which = gone
      ? `; ${fmt(gone)} of its users ${gone === 1 ? "is" : "are"} not in ${loaded}`
      : ", listed in another order";
    throw refuse(
      `it knows ${plural(header.model.users, "user")} and ${loaded} has ${fmt(table.userIds.length)}${which}`
    );
  }
  const notes: string[] = [];
  if (then.fingerprint === datasetFingerprint(table)) return {notes};
  const me = table.userIds.indexOf(MY_USER_ID);
  if (then.myRatings) {
    const before = new Map(then.myRatings);
    const now = myRatingsOf(table);
    let added = 0,
      changed = 0,
      removed = 0;
    for (const [movie, r] of now) {
      if (!before.has(movie)) ++added;
      else if (before.get(movie) !== r) ++changed;
    }
    for (const movie of before.keys()) if (!now.has(movie)) ++removed;
    if (added + changed + removed) {
      const parts = [
        added && `${fmt(added)} added`,
        changed && `${fmt(changed)} changed`,
        removed && `${fmt(removed)} removed`
      ].filter(Boolean);
      notes.push(
        `Resuming on my ratings as they are now: ${parts.join(", ")} since this checkpoint was trained on ` +
          `${plural(before.size, "rating")} of mine (now ${fmt(now.size)}).`
      );
    }
  } else {
    notes.push(
      "Resuming on the ratings as they are now; this checkpoint (from an earlier version) does not record " +
        "which of mine it was trained on."
    );
  }
  if (then.othersFingerprint && then.othersFingerprint !== datasetFingerprint(table, {exceptUser: me})) {
    notes.push(
      `Other users' ratings differ from those it was trained on (${fmt(then.rows)} ratings then, ` +
        `${fmt(table.rating2.length)} now).`
    );
  }
  if (notes.length)
    notes.push(
      "The 80/20 split is drawn again over the changed ratings, so valid_loss may include ratings the checkpoint " +
        "trained on, as it did in the original notebook."
    );
  return {notes};
}
