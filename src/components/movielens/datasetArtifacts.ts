import {catalogueId} from "./catalogueId.js";
import type {IndexReport, IndexedRatings} from "./indexRatings.js";
import type {Movie} from "./parseMoviesDat.js";
import {MY_USER_ID} from "./myRatingsFile.js";
import {encodeRatingsFile} from "./ratingsFile.js";
import {movieStats, ratingHistogram} from "./ratingStats.js";
import type {HistogramBin} from "./ratingStats.js";
import type {MovielensFormat} from "./movielensFormat.js";
import type {SynthMeta} from "../synth/synthesize.js";

/** How the pages describe a dataset: what it is, where it came from, and the line for the top of every page. */
export interface DatasetInfo {
  kind: "movielens" | "synthetic" | "none";
  /** How it was found: by the build (`MOVIELENS_DIR`, `data/ml-10M100K`, `built-in`) or loaded in the browser. */
  origin: string;
  name: string;
  banner: string;
  synthetic: SynthMeta | null;
  /** Which of MOVIELENS_FORMATS its files were in; absent for data stored before it was recorded, and for none. */
  format?: MovielensFormat["id"];
  /**
   * True in a build for a public site (`npm run build:publish`): its words then speak to a visitor, who has no
   * command line, and never name an npm command.
   */
  published?: boolean;
}

/** One row of movies.json: the Movie, how many ratings it has, and their mean (null when it has none, 3 decimals). */
export interface MovieRow extends Movie {
  ratings: number;
  mean: number | null;
}

/**
 * A movie and how many ratings it has (and their mean, where known): what the rating queue and the recommendations
 * need of a MovieRow.
 */
export type RatedMovie = Pick<MovieRow, keyof Movie | "ratings"> & Partial<Pick<MovieRow, "mean">>;

/** One rating as the summary lists it (`ratings.tail()` and my ratings). */
export interface SummaryRating {
  userId: number;
  movieId: number;
  title: string;
  rating: number;
  timestamp: number;
}

/**
 * What the pages say about the dataset (summary.json): counts, sparsity, what indexing dropped, and the last ratings.
 */
export interface DatasetSummary {
  dataset: DatasetInfo;
  /** The identity of the movie list (catalogueId): my ratings in the browser are kept per catalogue. */
  catalogue: string;
  counts: {users: number; movies: number; ratedMovies: number; ratings: number; myRatings: number};
  rows: {ratings: number; myRatings: number};
  report: IndexReport;
  sparsity: number;
  lastRatings: SummaryRating[];
  myRatings: {movieId: number; rating: number; timestamp: number}[];
}

/**
 * The rating histogram (histogram.json): the count at each half star, the total and the mean (null without ratings).
 */
export interface HistogramSummary {
  bins: HistogramBin[];
  total: number;
  mean: number | null;
}

/** Everything the pages read about a dataset, whether the build wrote it or the browser imported it. */
export interface DatasetArtifacts {
  /** The bytes of ratings.bin (encodeRatingsFile, meta `{dataset, kind}`). */
  ratingsFile: Uint8Array;
  movies: MovieRow[];
  summary: DatasetSummary;
  histogram: HistogramSummary;
}

/**
 * The description of MovieLens data a visitor loaded from their own disk, by its name (movielensName: "MovieLens 1M");
 * `note` is a sentence the banner adds (movedUserNote, when the release's own user 99999 was renumbered).
 */
export function browserDataset(name: string, note = "", format?: MovielensFormat["id"]): DatasetInfo {
  return {
    kind: "movielens",
    origin: "browser",
    name: `${name} (from your computer)`,
    banner: `${name}, loaded from your computer and kept in this browser.${note ? ` ${note}` : ""}`,
    synthetic: null,
    ...(format ? {format} : {})
  };
}

// summary.json lists this many of the last ratings, as the notebook's `ratings.tail(10)`.
const LAST = 10;

/**
 * Derives the four artifacts the pages use (ratings.bin, movies.json, summary.json, histogram.json)
 * from a parsed, indexed dataset.
 */
export function datasetArtifacts(
  movies: Movie[],
  ratings: IndexedRatings,
  rows: {ratings: number; myRatings: number},
  dataset: DatasetInfo
): DatasetArtifacts {
  return {
    ratingsFile: encodeRatingsFile(ratings, {dataset: dataset.name, kind: dataset.kind}),
    movies: movieRows(movies, ratings),
    summary: datasetSummary(movies, ratings, rows, dataset),
    histogram: histogramSummary(ratings.rating2)
  };
}

/** One row per movie, in movies.dat order (the model's movie index), with its count and mean rating (mine included). */
export function movieRows(movies: Movie[], ratings: IndexedRatings): MovieRow[] {
  const {count, mean} = movieStats(ratings.movie, ratings.rating2, movies.length);
  return movies.map((m, i) => ({...m, ratings: count[i], mean: count[i] ? +mean[i].toFixed(3) : null}));
}

/** The summary: counts, sparsity (the share of the user × movie matrix left empty), the last ratings and mine. */
export function datasetSummary(
  movies: Movie[],
  ratings: IndexedRatings,
  rows: {ratings: number; myRatings: number},
  dataset: DatasetInfo
): DatasetSummary {
  const {user, movie, rating2, timestamp, userIds, movieIds} = ratings;
  const n = rating2.length;
  const rated = new Uint8Array(movies.length);
  for (let i = 0; i < n; ++i) rated[movie[i]] = 1;
  const ratedMovies = rated.reduce((a, b) => a + b, 0);
  const myIndex = userIds.indexOf(MY_USER_ID);
  // The last rows, as `ratings.tail()` showed them: my ratings come last because they were appended.
  const last = Array.from({length: Math.min(LAST, n)}, (_, k) => n - Math.min(LAST, n) + k).map((i) => ({
    userId: userIds[user[i]],
    movieId: movieIds[movie[i]],
    title: movies[movie[i]].title,
    rating: rating2[i] / 2,
    timestamp: timestamp[i]
  }));
  const myRatings = [];
  for (let i = 0; myIndex >= 0 && i < n; ++i) {
    if (user[i] === myIndex)
      myRatings.push({movieId: movieIds[movie[i]], rating: rating2[i] / 2, timestamp: timestamp[i]});
  }
  return {
    dataset: {
      kind: dataset.kind,
      origin: dataset.origin,
      ...(dataset.published ? {published: true} : {}),
      name: dataset.name,
      banner: dataset.banner,
      synthetic: dataset.synthetic,
      ...(dataset.format ? {format: dataset.format} : {})
    },
    catalogue: catalogueId(movies),
    counts: {users: userIds.length, movies: movies.length, ratedMovies, ratings: n, myRatings: myRatings.length},
    rows,
    report: ratings.report,
    sparsity: 1 - n / (userIds.length * movies.length),
    lastRatings: last,
    myRatings
  };
}

/** The count of each of the ten half-star values, their total and the mean rating. */
export function histogramSummary(rating2: Uint8Array): HistogramSummary {
  const bins = ratingHistogram(rating2);
  const total = bins.reduce((n, b) => n + b.count, 0);
  const mean = total ? bins.reduce((s, b) => s + b.rating * b.count, 0) / total : null;
  return {bins, total, mean};
}
