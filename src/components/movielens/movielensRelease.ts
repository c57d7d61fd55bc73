// Which MovieLens release a dataset is, so the pages name it by what it is rather than by what the workbook expects.
// The releases the workbook reads share the `::`-separated movies.dat and ratings.dat, and are told apart by their
// counts, as GroupLens's READMEs give them:
// - MovieLens 10M (https://files.grouplens.org/datasets/movielens/ml-10m-README.html): "10000054 ratings … applied to
//   10681 movies"; its "71567 users" is the highest user id, and ratings.dat has 69,878 distinct users.
// - MovieLens 1M (https://files.grouplens.org/datasets/movielens/ml-1m-README.txt): "1,000,209 anonymous ratings of
//   approximately 3,900 movies made by 6,040 MovieLens users"; its movies.dat lists 3,883 movies.
import {MY_USER_ID} from "./myRatingsFile.js";

/** What identifies a release: rows of ratings.dat (my_ratings.dat not counted), movies in movies.dat, users who rated. */
export interface ReleaseCounts {
  ratings: number;
  movies: number;
  users: number;
}

/** A MovieLens release the workbook reads: its name, the zip GroupLens serves, and its counts. */
export interface MovieLensRelease extends ReleaseCounts {
  name: string;
  zip: string;
}

/** The `::`-separated releases, largest first. */
export const MOVIELENS_RELEASES: readonly MovieLensRelease[] = [
  {name: "MovieLens 10M", zip: "ml-10m.zip", ratings: 10_000_054, movies: 10_681, users: 69_878},
  {name: "MovieLens 1M", zip: "ml-1m.zip", ratings: 1_000_209, movies: 3_883, users: 6_040}
];

/** The release zips to ask a visitor for, in words: "ml-10m.zip or ml-1m.zip". */
export const RELEASE_ZIPS = MOVIELENS_RELEASES.map((r) => r.zip).join(" or ");

/** The release whose counts these are exactly, or null. */
export function movielensRelease(counts: ReleaseCounts): MovieLensRelease | null {
  return MOVIELENS_RELEASES.find((r) => r.ratings === counts.ratings && r.movies === counts.movies && r.users === counts.users) ?? null;
}

/** A MovieLens-format dataset's name: its release's ("MovieLens 1M"), else "MovieLens-format data, N movies, M ratings". */
export function movielensName(counts: ReleaseCounts): string {
  const release = movielensRelease(counts);
  if (release) return release.name;
  const count = (n: number, noun: string) => `${n.toLocaleString("en-US")} ${noun}${n === 1 ? "" : "s"}`;
  return `MovieLens-format data, ${count(counts.movies, "movie")}, ${count(counts.ratings, "rating")}`;
}

/** A parsed dataset's release counts; user 99999 is me, whose ratings were appended, so not one of its users. */
export function releaseCounts({ratings, movies, userIds}: {ratings: number; movies: number; userIds: ArrayLike<number>}): ReleaseCounts {
  let me = 0;
  for (let i = 0; i < userIds.length; ++i) if (userIds[i] === MY_USER_ID) me = 1;
  return {ratings, movies, users: userIds.length - me};
}

/** The same counts, read from a dataset summary (summary.json, or one stored in the browser). */
export function summaryReleaseCounts({counts, rows}: {counts: {users: number; movies: number; myRatings: number}; rows: {ratings: number}}): ReleaseCounts {
  // counts.myRatings counts user 99999's ratings, so it is positive exactly when 99999 is among counts.users.
  return {ratings: rows.ratings, movies: counts.movies, users: counts.users - (counts.myRatings > 0 ? 1 : 0)};
}

/** What else a list of file names looks like: another MovieLens release, in words, or null. */
export function otherRelease(names: readonly string[]): string | null {
  const parts = names.map((n) => n.toLowerCase().split(/[\\/]/));
  const has = (file: string) => parts.some((p) => p.at(-1) === file);
  const folder = parts.map((p) => p.at(-2)).find((f) => f !== undefined && /^ml-/.test(f));
  if (has("ratings.csv") || has("movies.csv")) {
    const known: Record<string, string> = {"ml-latest-small": "MovieLens Latest Small", "ml-latest": "MovieLens Latest", "ml-20m": "MovieLens 20M", "ml-25m": "MovieLens 25M", "ml-32m": "MovieLens 32M"};
    const which = folder && known[folder] ? `${known[folder]} (${folder})` : "one of MovieLens's CSV releases (ml-latest-small, ML-20M, 25M, 32M or ml-latest)";
    return `${which}, with comma-separated ratings.csv and movies.csv`;
  }
  if (has("u.data") || has("u.item")) return "MovieLens 100K (ml-100k), with tab-separated u.data and |-separated u.item";
  return null;
}
