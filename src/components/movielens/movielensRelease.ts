// Which MovieLens release a dataset is, so the pages name it by what it is rather than by what the workbook expects.
// Releases are told apart by their counts, as GroupLens's READMEs give them
// (https://grouplens.org/datasets/movielens/):
// - MovieLens 100K (ml-100k-README.txt): "100,000 ratings (1-5) from 943 users on 1682 movies".
// - MovieLens 1M (ml-1m-README.txt): "1,000,209 anonymous ratings of approximately 3,900 movies made by 6,040 MovieLens
//   users"; its movies.dat lists 3,883 movies.
// - MovieLens 10M (ml-10m-README.html): "10000054 ratings … applied to 10681 movies"; its "71567 users" is the highest
//   user id, and ratings.dat has 69,878 distinct users.
// - MovieLens 20M (ml-20m-README.html): "20000263 ratings … across 27278 movies … by 138493 users".
// - MovieLens 25M (ml-25m-README.html): "25000095 ratings … across 62423 movies … by 162541 users".
// - MovieLens 32M (ml-32m-README.html): "32000204 ratings … across 87585 movies … by 200948 users".
// ml-latest-small (and ml-latest) is regenerated now and then, so its counts vary: it is named by its folder.
import {MY_USER_ID} from "./myRatingsFile.js";
import type {MovielensFormat} from "./movielensFormat.js";

/**
 * What identifies a release: rows of ratings.dat (my_ratings.dat not counted), movies in movies.dat, users who rated.
 */
export interface ReleaseCounts {
  ratings: number;
  movies: number;
  users: number;
}

/**
 * A MovieLens release the workbook reads: its name, the zip GroupLens serves,
 * the folder it unzips to, its format and its counts.
 */
export interface MovieLensRelease extends ReleaseCounts {
  name: string;
  zip: string;
  folder: string;
  format: MovielensFormat["id"];
}

/** A release named by its folder, whose counts change from one snapshot to the next. */
export type SnapshotRelease = Omit<MovieLensRelease, keyof ReleaseCounts>;

/** The releases with fixed counts, largest first. */
export const MOVIELENS_RELEASES: readonly MovieLensRelease[] = [
  {
    name: "MovieLens 32M",
    zip: "ml-32m.zip",
    folder: "ml-32m",
    format: "csv",
    ratings: 32_000_204,
    movies: 87_585,
    users: 200_948
  },
  {
    name: "MovieLens 25M",
    zip: "ml-25m.zip",
    folder: "ml-25m",
    format: "csv",
    ratings: 25_000_095,
    movies: 62_423,
    users: 162_541
  },
  {
    name: "MovieLens 20M",
    zip: "ml-20m.zip",
    folder: "ml-20m",
    format: "csv",
    ratings: 20_000_263,
    movies: 27_278,
    users: 138_493
  },
  {
    name: "MovieLens 10M",
    zip: "ml-10m.zip",
    folder: "ml-10M100K",
    format: "dat",
    ratings: 10_000_054,
    movies: 10_681,
    users: 69_878
  },
  {
    name: "MovieLens 1M",
    zip: "ml-1m.zip",
    folder: "ml-1m",
    format: "dat",
    ratings: 1_000_209,
    movies: 3_883,
    users: 6_040
  },
  {
    name: "MovieLens 100K",
    zip: "ml-100k.zip",
    folder: "ml-100k",
    format: "100k",
    ratings: 100_000,
    movies: 1_682,
    users: 943
  }
];

/** The releases GroupLens regenerates, named by their folder (or zip) since their counts vary. */
export const SNAPSHOT_RELEASES: readonly SnapshotRelease[] = [
  {name: "MovieLens Latest Small", zip: "ml-latest-small.zip", folder: "ml-latest-small", format: "csv"},
  {name: "MovieLens Latest", zip: "ml-latest.zip", folder: "ml-latest", format: "csv"}
];

/**
 * The release zips to ask a visitor for, smallest first, in words: "ml-100k.zip, ml-latest-small.zip, … or ml-32m.zip".
 */
export const RELEASE_ZIPS = ((zips: string[]) => `${zips.slice(0, -1).join(", ")} or ${zips.at(-1)}`)(
  [...MOVIELENS_RELEASES].reverse().flatMap((r, i) => (i === 0 ? [r.zip, SNAPSHOT_RELEASES[0].zip] : [r.zip]))
);

/** The release whose counts these are exactly, or null. */
export function movielensRelease(counts: ReleaseCounts): MovieLensRelease | null {
  return (
    MOVIELENS_RELEASES.find(
      (r) => r.ratings === counts.ratings && r.movies === counts.movies && r.users === counts.users
    ) ?? null
  );
}

/** The release GroupLens serves as `<key>.zip` ("ml-100k", "ml-latest-small", "ml-32m"), or null. */
export function releaseByKey(key: string): MovieLensRelease | SnapshotRelease | null {
  const zip = `${key.toLowerCase()}.zip`;
  return MOVIELENS_RELEASES.find((r) => r.zip === zip) ?? SNAPSHOT_RELEASES.find((r) => r.zip === zip) ?? null;
}

/** The keys `npm run data:fetch -- --release` and MOVIELENS_RELEASE take, smallest first: "ml-100k", …, "ml-32m". */
export const RELEASE_KEYS: readonly string[] = RELEASE_ZIPS.split(/, | or /).map((zip) => zip.replace(/\.zip$/, ""));

/** The snapshot release a folder or zip name is ("ml-latest-small", "ML-Latest-Small.zip"), or null. */
export function snapshotRelease(folder: string | null | undefined): SnapshotRelease | null {
  const name = folder
    ?.split(/[\\/]/)
    .pop()
    ?.toLowerCase()
    .replace(/\.zip$/, "");
  return SNAPSHOT_RELEASES.find((r) => r.folder === name) ?? null;
}

/**
 * A MovieLens-format dataset's name: its release's by its counts ("MovieLens 1M"), else a snapshot release's by
 * `folder` (the dataset's folder or zip name: "MovieLens Latest Small"),
 * else "MovieLens-format data, N movies, M ratings".
 */
export function movielensName(counts: ReleaseCounts, folder?: string | null): string {
  const release = movielensRelease(counts) ?? snapshotRelease(folder);
  if (release) return release.name;
  const count = (n: number, noun: string) => `${n.toLocaleString("en-US")} ${noun}${n === 1 ? "" : "s"}`;
  return `MovieLens-format data, ${count(counts.movies, "movie")}, ${count(counts.ratings, "rating")}`;
}

/** A parsed dataset's release counts; user 99999 is me, whose ratings were appended, so not one of its users. */
export function releaseCounts({
  ratings,
  movies,
  userIds
}: {
  ratings: number;
  movies: number;
  userIds: ArrayLike<number>;
}): ReleaseCounts {
  let me = 0;
  for (let i = 0; i < userIds.length; ++i) if (userIds[i] === MY_USER_ID) me = 1;
  return {ratings, movies, users: userIds.length - me};
}

/** The same counts, read from a dataset summary (summary.json, or one stored in the browser). */
export function summaryReleaseCounts({
  counts,
  rows
}: {
  counts: {users: number; movies: number; myRatings: number};
  rows: {ratings: number};
}): ReleaseCounts {
  // counts.myRatings counts user 99999's ratings, so it is positive exactly when 99999 is among counts.users.
  return {ratings: rows.ratings, movies: counts.movies, users: counts.users - (counts.myRatings > 0 ? 1 : 0)};
}

/** What else a list of file names looks like: another MovieLens release, in words, or null. */
export function otherRelease(names: readonly string[]): string | null {
  const parts = names.map((n) => n.toLowerCase().split(/[\\/]/));
  const has = (file: string) => parts.some((p) => p.at(-1) === file);
  const folder = parts.map((p) => p.at(-2)).find((f) => f !== undefined && /^ml-/.test(f));
  if (has("ratings.csv") || has("movies.csv")) {
    const known: Record<string, string> = {
      "ml-latest-small": "MovieLens Latest Small",
      "ml-latest": "MovieLens Latest",
      "ml-20m": "MovieLens 20M",
      "ml-25m": "MovieLens 25M",
      "ml-32m": "MovieLens 32M"
    };
    const which =
      folder && known[folder]
        ? `${known[folder]} (${folder})`
        : "one of MovieLens's CSV releases (ml-latest-small, ML-20M, 25M, 32M or ml-latest)";
    return `${which}, with comma-separated ratings.csv and movies.csv`;
  }
  if (has("u.data") || has("u.item"))
    return "MovieLens 100K (ml-100k), with tab-separated u.data and |-separated u.item";
  return null;
}
