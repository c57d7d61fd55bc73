import {open, readFile} from "node:fs/promises";
import {basename} from "node:path";
import {indexRatings} from "../components/indexRatings.js";
import type {IndexedRatings} from "../components/indexRatings.js";
import {parseMovies} from "../components/parseMovies.js";
import type {Movie} from "../components/parseMovies.js";
import {MY_USER_ID, RatingsParser, parseMyRatings} from "../components/parseRatings.js";
import type {RatingColumns} from "../components/parseRatings.js";
import type {Dataset} from "./dataset.js";

/** A dataset parsed and indexed: the movies in file order, and the ratings (mine appended) by dense index. */
export interface LoadedDataset {
  movies: Movie[];
  ratings: IndexedRatings;
  /** Rows of `ratings.dat` and of `my_ratings.dat`, before dropping unknown movies and duplicates. */
  rows: {ratings: number; myRatings: number};
}

/** Streams a ratings file through the parser in chunks, so memory holds columns, not text. */
export async function readRatings(path: string): Promise<RatingColumns> {
  const file = await open(path);
  try {
    const {size} = await file.stat();
    const parser = new RatingsParser(basename(path), size);
    const buffer = new Uint8Array(1 << 24);
    for (;;) {
      const {bytesRead} = await file.read(buffer, 0, buffer.length);
      if (bytesRead === 0) break;
      parser.push(buffer.subarray(0, bytesRead));
    }
    return parser.finish();
  } finally {
    await file.close();
  }
}

/** Reads, parses and indexes a dataset; my ratings are appended as user 99999, as the original's `pd.concat` did. */
export async function readDataset(dataset: Dataset, log: (message: string) => void = () => {}): Promise<LoadedDataset> {
  const t0 = performance.now();
  const movies = parseMovies(await readFile(dataset.moviesPath), basename(dataset.moviesPath));
  const ratings = await readRatings(dataset.ratingsPath);
  if (ratings.userId.includes(MY_USER_ID)) log(`warning: ratings.dat already has user ${MY_USER_ID}; my ratings will be merged with them`);
  const mine = dataset.myRatingsPath ? parseMyRatings(await readFile(dataset.myRatingsPath), basename(dataset.myRatingsPath)) : null;
  const t1 = performance.now();
  const indexed = indexRatings(Int32Array.from(movies, (m) => m.id), mine ? [ratings, mine] : [ratings]);
  const t2 = performance.now();
  const {unknownMovieRatings, unknownMovies, duplicates} = indexed.report;
  log(`parsed ${movies.length} movies and ${ratings.userId.length + (mine?.userId.length ?? 0)} ratings in ${((t1 - t0) / 1000).toFixed(1)} s; indexed in ${((t2 - t1) / 1000).toFixed(1)} s`);
  if (unknownMovieRatings) log(`warning: dropped ${unknownMovieRatings} ratings of ${unknownMovies} movies that are not in movies.dat`);
  if (duplicates) log(`warning: dropped ${duplicates} earlier ratings of (user, movie) pairs rated again later`);
  return {movies, ratings: indexed, rows: {ratings: ratings.userId.length, myRatings: mine?.userId.length ?? 0}};
}
