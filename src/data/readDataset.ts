import {open, readFile} from "node:fs/promises";
import {basename} from "node:path";
import {MOVIELENS_FORMATS} from "../components/movielens/movielensFormat.js";
import {indexDataset} from "../components/movielens/indexDataset.js";
import {MY_USER_ID} from "../components/movielens/myRatingsFile.js";
import {RatingsParser} from "../components/movielens/parseRatings.js";
import type {RatingColumns, RatingsFormat} from "../components/movielens/parseRatings.js";
import {codeStamp} from "./codeStamp.js";
import {datasetStamp} from "./dataset.js";
import type {Dataset} from "./dataset.js";
import {PARSED_CACHE, parsedCacheKey, readParsed, writeParsed} from "./parsedCache.js";
import type {LoadedDataset} from "./parsedCache.js";

/**
 * Streams a ratings file (ratings.dat, or another `format`: u.data's, ratings.csv's) through the parser in chunks,
 * so memory holds columns, not text.
 */
export async function readRatings(path: string, format?: RatingsFormat): Promise<RatingColumns> {
  const file = await open(path);
  try {
    const {size} = await file.stat();
    const parser = new RatingsParser(basename(path), size, {format});
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

/**
 * Reads, parses and indexes a dataset in any release's format (dataset.format); my ratings are appended as user 99999,
 * as the original's `pd.concat` did, and a release's own user 99999 is renumbered (moveClashingUser). The result is
 * kept in `cacheDir` (null: not at all), so the next loader of the same files reads it instead of parsing.
 */
export async function readDataset(
  dataset: Dataset,
  log: (message: string) => void = () => {},
  {cacheDir = PARSED_CACHE}: {cacheDir?: string | null} = {}
): Promise<LoadedDataset> {
  if (!cacheDir) return parseDataset(dataset, log);
  const key = parsedCacheKey(datasetStamp(dataset), codeStamp());
  const t0 = performance.now();
  const cached = await readParsed(cacheDir, key);
  if (cached) {
    log(
      `read ${cached.movies.length} movies and ${cached.ratings.user.length} ratings, parsed by an earlier loader, ` +
        `in ${((performance.now() - t0) / 1000).toFixed(1)} s`
    );
    for (const warning of cached.warnings) log(warning);
    return cached;
  }
  const loaded = await parseDataset(dataset, log);
  await writeParsed(cacheDir, key, loaded).catch((error: Error) =>
    log(`note: could not keep the parsed dataset for the other loaders: ${error.message}`)
  );
  return loaded;
}

async function parseDataset(dataset: Dataset, log: (message: string) => void): Promise<LoadedDataset> {
  const t0 = performance.now();
  const warnings: string[] = [];
  const warn = (message: string) => {
    warnings.push(message);
    log(message);
  };
  const format = MOVIELENS_FORMATS.find((f) => f.id === dataset.format)!;
  const genres = dataset.genresPath ? await readFile(dataset.genresPath) : null;
  const movies = format.parseMovies(await readFile(dataset.moviesPath), basename(dataset.moviesPath), genres);
  const ratings = await readRatings(dataset.ratingsPath, format.ratingsFormat);
  const t1 = performance.now();
  const myRatings = dataset.myRatingsPath
    ? {bytes: await readFile(dataset.myRatingsPath), file: basename(dataset.myRatingsPath)}
    : null;
  const indexed = indexDataset(movies, ratings, myRatings);
  const t2 = performance.now();
  const {movedUser} = indexed.ratings.report;
  if (movedUser !== undefined)
    warn(
      `note: ${basename(dataset.ratingsPath)} has its own user ${MY_USER_ID}; it is user ${movedUser} here, ` +
        `since ${MY_USER_ID} is me (my_ratings.dat)`
    );
  const {unknownMovieRatings, unknownMovies, duplicates} = indexed.ratings.report;
  log(
    `parsed ${movies.length} movies and ${indexed.rows.ratings + indexed.rows.myRatings} ratings in ` +
      `${((t1 - t0) / 1000).toFixed(1)} s; indexed in ${((t2 - t1) / 1000).toFixed(1)} s`
  );
  if (unknownMovieRatings)
    warn(
      `warning: dropped ${unknownMovieRatings} ratings of ${unknownMovies} movies that are not in ` +
        basename(dataset.moviesPath)
    );
  if (duplicates) warn(`warning: dropped ${duplicates} earlier ratings of (user, movie) pairs rated again later`);
  return {...indexed, warnings};
}
