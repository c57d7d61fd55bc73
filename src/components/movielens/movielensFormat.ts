// The three file formats MovieLens has shipped, and which one a set of files is. Every reader feeds the same indexing
// (indexRatings) and artefacts (datasetArtifacts), so past this table nothing needs to know the format.
import {DAT_RATINGS} from "./parseRatings.js";
import type {RatingsFormat} from "./parseRatings.js";
import {parseMoviesDat} from "./parseMoviesDat.js";
import type {Movie} from "./parseMoviesDat.js";
import {RATINGS_CSV} from "./parseRatingsCsv.js";
import {parseMoviesCsv} from "./parseMoviesCsv.js";
import {U_DATA} from "./parseUData.js";
import {parseUGenre} from "./parseUGenre.js";
import {ML100K_GENRES, parseUItem} from "./parseUItem.js";

/** A MovieLens file format: its movies and ratings files, an optional file of genre names, and how to read them. */
export interface MovielensFormat {
  id: "dat" | "100k" | "csv";
  /** In words, for messages: "“::”-separated movies.dat and ratings.dat". */
  description: string;
  movies: string;
  ratings: string;
  /** ML-100K's u.genre, which names u.item's genre flags; null for the others. */
  genres: string | null;
  ratingsFormat: RatingsFormat;
  /**
   * A line of the movies file and of the ratings file, field by field,
   * as the release's README describes them (for the Load data page).
   */
  movieLine: string;
  ratingLine: string;
  /** How the files are written, in words: separators, header, encoding. */
  layout: string;
  /** Parses the movies file; `genres` is the genres file's bytes, when the format has one and it is present. */
  parseMovies(bytes: Uint8Array, file: string, genres?: Uint8Array | null): Movie[];
}

/**
 * The formats: ML-1M and ML-10M's .dat files, ML-100K's u.data and u.item,
 * and the CSV releases' (ml-latest-small, 20M, 25M, 32M).
 */
export const MOVIELENS_FORMATS: readonly MovielensFormat[] = [
  {
    id: "dat",
    description: "“::”-separated movies.dat and ratings.dat",
    movies: "movies.dat",
    ratings: "ratings.dat",
    genres: null,
    ratingsFormat: DAT_RATINGS,
    movieLine: "MovieID::Title (Year)::Genre|Genre",
    ratingLine: "UserID::MovieID::Rating::Timestamp",
    layout: "two text files with fields separated by “::”, genres by “|”, and no header",
    parseMovies: (bytes, file) => parseMoviesDat(bytes, file)
  },
  {
    id: "100k",
    description: "ML-100K's tab-separated u.data and |-separated u.item",
    movies: "u.item",
    ratings: "u.data",
    genres: "u.genre",
    ratingsFormat: U_DATA,
    movieLine: "movie id | movie title (year) | release date | video release date | IMDb URL | 19 genre flags (0 or 1)",
    ratingLine: "user id ⇥ item id ⇥ rating ⇥ timestamp",
    layout: "a tab-separated u.data and a “|”-separated u.item in Latin-1, whose genres are 19 flags named by u.genre",
    parseMovies: (bytes, file, genres) => parseUItem(bytes, file, genres ? parseUGenre(genres) : ML100K_GENRES)
  },
  {
    id: "csv",
    description: "comma-separated movies.csv and ratings.csv",
    movies: "movies.csv",
    ratings: "ratings.csv",
    genres: null,
    ratingsFormat: RATINGS_CSV,
    movieLine: "movieId,title,genres",
    ratingLine: "userId,movieId,rating,timestamp",
    layout: "two CSV files with a header row, titles in quotes when they hold a comma, genres separated by “|”",
    parseMovies: (bytes, file) => parseMoviesCsv(bytes, file)
  }
];

/** Every file name a format reads (lower case), and my_ratings.dat, which any of them may come with. */
export const MOVIELENS_FILES: readonly string[] = [
  ...MOVIELENS_FORMATS.flatMap((f) => [f.movies, f.ratings, ...(f.genres ? [f.genres] : [])]),
  "my_ratings.dat"
];

/**
 * The format a list of file names (paths are fine; matched by lower-cased base name) is in: the first whose movies and
 * ratings files are both there, else the first with either, else null.
 */
export function movielensFormat(names: readonly string[]): MovielensFormat | null {
  const bases = new Set(names.map((n) => n.split(/[\\/]/).pop()!.toLowerCase()));
  return (
    MOVIELENS_FORMATS.find((f) => bases.has(f.movies) && bases.has(f.ratings)) ??
    MOVIELENS_FORMATS.find((f) => bases.has(f.movies) || bases.has(f.ratings)) ??
    null
  );
}
