import {MY_USER_ID} from "../movielens/myRatingsFile.js";
import type {Movie} from "../movielens/parseMoviesDat.js";
import type {RatingColumns} from "../movielens/parseRatings.js";
import {createRandom} from "../random.js";
import {ratingVariance, roundToGrid} from "./ratingGrid.js";
import {GENRES, LATENT_DIMS, LATENT_SD, latentScore, makeCatalog} from "./synthCatalog.js";
import type {Catalog} from "./synthCatalog.js";
import {makeDemoRatings} from "./synthDemo.js";
import {allocateActivity, sampleMovies} from "./synthSample.js";
import type {Appeal} from "./synthSample.js";

export {GENRES};

/** The shape of a synthetic dataset; every option has a default (SITE_SYNTH). */
export interface SynthOptions {
  seed?: number;
  users?: number;
  movies?: number;
  ratings?: number;
  /** The standard deviation of the normal noise added to each latent score before rounding to stars. */
  noise?: number;
  /** How users' genre taste is planted: one of TASTE_PRESETS (default "clear"). */
  taste?: TastePreset;
}

/**
 * The seed every preset below generates its set with: the data's own seed, which only happens to equal the training
 * default's (TRAIN_DEFAULTS.seed); changing either leaves the other.
 */
const SYNTH_SEED = 42;

/** The site's default: MovieLens 1M's shape, quick to build and to train in a browser. */
export const SITE_SYNTH: Required<SynthOptions> = {
  seed: SYNTH_SEED,
  users: 6040,
  movies: 3700,
  ratings: 1_000_000,
  noise: 0.75,
  taste: "clear"
};

/** MovieLens 10M's exact shape: 69,878 users, 10,677 movies and 10,000,054 ratings. */
export const ML10M_SHAPE: Required<SynthOptions> = {
  seed: SYNTH_SEED,
  users: 69878,
  movies: 10677,
  ratings: 10_000_054,
  noise: 0.75,
  taste: "clear"
};

/**
 * MovieLens 32M's shape (https://files.grouplens.org/datasets/movielens/ml-32m-README.html): 200,948 users, 87,585
 * movies, 32,000,204 ratings; for the scale benchmark, written as CSV.
 */
export const ML32M_SHAPE: Required<SynthOptions> = {
  seed: SYNTH_SEED,
  users: 200_948,
  movies: 87_585,
  ratings: 32_000_204,
  noise: 0.75,
  taste: "clear"
};

/**
 * A generated movie: a Movie (as parseMoviesDat reads it back) that always has a year. `title` has no year, so its
 * `movies.dat` line is `${id}::${title} (${year})::${genres.join("|")}`.
 */
export type SynthMovie = Movie & {year: number};

/** What `SYNTHETIC.json` says about a synthetic dataset, including the best MSE any model could reach on it. */
export interface SynthMeta {
  format: "movielens-synthetic";
  /** 2 since genre taste became clear and decides which movies a user rates (TASTE_PRESETS). */
  version: 2;
  options: Required<SynthOptions>;
  /** The mean observed rating. */
  globalMean: number;
  noiseSd: number;
  /** The mean, over all ratings, of the rating's variance given its latent score: the Bayes-optimal MSE. */
  noiseFloorMse: number;
  /**
   * The valid MSE of an oracle that knows the movies (see oracleMse) on the workbook's default split (seed 42, 20%
   * of ratings.dat then my_ratings.dat): about the best a trained model can reach. Written by writeSynthetic.
   */
  oracleMse?: number;
  /** The taste that `my_ratings.dat` was generated with. */
  demoTaste: {likes: string[]; dislikes: string[]};
}

/** The standard deviation of users' biases. */
export const USER_BIAS_SD = 0.4;

/**
 * How users' genre taste is planted, in stars for a movie of that genre alone (a movie's genre vector has unit length,
 * so a movie with n genres gets the sum of their tastes / √n): every genre N(0, sd), then one to three loved genres at
 * strong…strong + spread and one to three disliked at the negatives; and `exposure`, how much taste decides which
 * movies a user rates (a movie is picked with weight popularity · exp(exposure · taste), so ratings are missing not at
 * random, as in real data: Marlin & Zemel 2009).
 * - "clear" (the default): taste explains about as much of a rating's variance as the movie's bias (0.46 vs 0.23
 *   stars² on SITE_SYNTH), so a factor model learns the genres and the demo user's top 20 shows their taste.
 * - "mild": version 1's generator (0.11 stars²; a taste too weak and too spread over 19 genres for the default recipe
 *   to learn, so recommendations followed movie bias); kept, bit for bit, for the engine tests calibrated on it.
 */
export const TASTE_PRESETS = {
  clear: {sd: 0.3, strong: 1.0, spread: 0.8, exposure: 2},
  mild: {sd: 0.1, strong: 0.4, spread: 0.6, exposure: 0}
} as const;

/** A name of TASTE_PRESETS. */
export type TastePreset = keyof typeof TASTE_PRESETS;

/**
 * The appeal of movie m to user u that sampleMovies weighs picks by: exposure · the user's taste for m's genres;
 * `max(u)` bounds it over every possible genre set (the best sum of k tastes / √k, k ≤ 5).
 */
export function tasteAppeal(catalog: Catalog, taste: Float32Array, exposure: number): Appeal {
  const G = GENRES.length;
  const sorted = new Float64Array(G);
  return {
    score(u, m) {
      let t = 0;
      for (let g = catalog.genreStart[m]; g < catalog.genreStart[m + 1]; ++g) t += taste[u * G + catalog.genreIndex[g]];
      return exposure * t * catalog.genreNorm[m];
    },
    max(u) {
      sorted.set(taste.subarray(u * G, u * G + G));
      sorted.sort().reverse();
      let best = -Infinity,
        sum = 0;
      for (let k = 1; k <= 5; ++k) best = Math.max(best, (sum += sorted[k - 1]) / Math.sqrt(k));
      return exposure * best;
    }
  };
}

/** The planted truth behind the ratings, kept in memory only, so tests and benchmarks can check a model against it. */
export interface SynthTruth {
  /** The movies' planted parameters, their biases centered as the ratings weigh them. */
  catalog: Catalog;
  /** The catalog index of each rating's movie. */
  movieIndex: Int32Array;
  /** The latent score of each rating, before noise and rounding. */
  mu: Float32Array;
  /** The rows of the i-th user (in id order) are `userStart[i] … userStart[i + 1]`. */
  userStart: Int32Array;
  /** Per user: 1 if they rate in half stars, 0 if in whole stars. */
  halfStars: Uint8Array;
  /** Row-major users × GENRES: each user's taste for each genre. */
  taste: Float32Array;
}

/** A synthetic, MovieLens-shaped dataset. */
export interface SyntheticDataset {
  movies: SynthMovie[];
  ratings: RatingColumns;
  myRatings: RatingColumns;
  meta: SynthMeta;
  truth?: SynthTruth;
}

const FIRST_TIMESTAMP = 789652009; // 1995-01-09, the first rating in ML-10M
const LAST_TIMESTAMP = 1231131736; // 2009-01-05, the last
const HALF_STARS_FROM = 1045008000; // 2003-02-12, when MovieLens introduced half stars
const MIN_RATINGS = 20; // MovieLens keeps only users with at least 20 ratings

function resolveOptions(options: SynthOptions): Required<SynthOptions> {
  const o = {...SITE_SYNTH, ...options};
  for (const key of ["seed", "users", "movies", "ratings"] as const) {
    if (!Number.isSafeInteger(o[key])) throw new TypeError(`synthesize: ${key} must be an integer, got ${o[key]}`);
  }
  if (!(Number.isFinite(o.noise) && o.noise >= 0))
    throw new TypeError(`synthesize: noise must be a number ≥ 0, got ${o.noise}`);
  if (o.users < 1) throw new TypeError(`synthesize: users must be at least 1, got ${o.users}`);
  if (o.movies < MIN_RATINGS)
    throw new TypeError(
      `synthesize: movies must be at least ${MIN_RATINGS}, since every user rates ${MIN_RATINGS} ` +
        `distinct movies; got ${o.movies}`
    );
  if (o.ratings < MIN_RATINGS * o.users) {
    throw new TypeError(
      `synthesize: ${o.ratings} ratings for ${o.users} users is fewer than ${MIN_RATINGS} per user; ` +
        `MovieLens keeps only users with at least ${MIN_RATINGS} ratings`
    );
  }
  if (!Object.hasOwn(TASTE_PRESETS, o.taste))
    throw new TypeError(`synthesize: taste must be one of ${Object.keys(TASTE_PRESETS).join(", ")}; got ${o.taste}`);
  if (o.ratings > o.users * o.movies)
    throw new TypeError(
      `synthesize: ${o.ratings} ratings do not fit ${o.users} users × ${o.movies} movies without duplicates`
    );
  return {seed: o.seed, users: o.users, movies: o.movies, ratings: o.ratings, noise: o.noise, taste: o.taste};
}

/**
 * Generates a MovieLens-shaped dataset with planted structure, identical for identical options (default SITE_SYNTH).
 */
export function synthesize(options: SynthOptions = {}): SyntheticDataset {
  const o = resolveOptions(options);
  const TASTE = TASTE_PRESETS[o.taste];
  // Separate streams, so the catalog does not change when only the number of ratings does.
  const catalog = makeCatalog(o.movies, createRandom(o.seed ^ 0x6d6f7669));
  const random = createRandom(o.seed ^ 0x75736572);
  const G = GENRES.length;

  // Users: ids with small gaps (ML-10M's 69,878 users reach id 71,567), never the id reserved for my ratings.
  const userIds = new Int32Array(o.users);
  for (let i = 0, id = 0; i < o.users; ++i) {
    id += random() < 0.016 ? 2 + random.int(2) : 1;
    if (id === MY_USER_ID) ++id;
    userIds[i] = id;
  }
  const halfStars = new Uint8Array(o.users);
  const userBias = new Float64Array(o.users);
  const taste = new Float32Array(o.users * G);
  const userLatent = new Float64Array(o.users * LATENT_DIMS);
  for (let u = 0; u < o.users; ++u) {
    halfStars[u] = random() < 0.4 ? 1 : 0;
    userBias[u] = random.normal(0, USER_BIAS_SD);
    for (let g = 0; g < G; ++g) taste[u * G + g] = random.normal(0, TASTE.sd);
    // A few loved and a few disliked genres, which is what makes genre-aware recommendations work.
    for (let k = 1 + random.int(3); k > 0; --k) taste[u * G + random.int(G)] = TASTE.strong + TASTE.spread * random();
    for (let k = 1 + random.int(3); k > 0; --k) taste[u * G + random.int(G)] = -TASTE.strong - TASTE.spread * random();
    for (let k = 0; k < LATENT_DIMS; ++k) userLatent[u * LATENT_DIMS + k] = random.normal(0, LATENT_SD);
  }

  // Which movies each user rates: heavy-tailed activity, movies drawn by popularity and by the user's genre taste
  // (people choose what they expect to like), sorted by id as in ratings.dat.
  const userStart = allocateActivity(o.users, o.ratings, o.movies, MIN_RATINGS, random);
  const appeal = TASTE.exposure ? tasteAppeal(catalog, taste, TASTE.exposure) : undefined;
  const movieIndex = sampleMovies(userStart, catalog.popularity, random, appeal);
  // Popular movies are better on average, and users pick genres they like; center the biases as the ratings weigh
  // them, taste included, so the mean stays near BASE_MEAN.
  let biasSum = 0;
  for (let u = 0; u < o.users; ++u) {
    for (let row = userStart[u]; row < userStart[u + 1]; ++row)
      biasSum += catalog.bias[movieIndex[row]] + (appeal ? appeal.score(u, movieIndex[row]) / TASTE.exposure : 0);
  }
  for (let m = 0; m < o.movies; ++m) catalog.bias[m] -= biasSum / o.ratings;

  const ratings: RatingColumns = {
    userId: new Int32Array(o.ratings),
    movieId: new Int32Array(o.ratings),
    rating2: new Uint8Array(o.ratings),
    timestamp: new Int32Array(o.ratings)
  };
  const mu = new Float32Array(o.ratings);
  let sum = 0,
    floor = 0;
  for (let u = 0; u < o.users; ++u) {
    const step = halfStars[u] ? 0.5 : 1;
    // Each user is active in a window: half of them in one sitting, the rest over months or years.
    const from = halfStars[u] ? HALF_STARS_FROM : FIRST_TIMESTAMP;
    const span = Math.min(
      LAST_TIMESTAMP - from,
      random() < 0.5 ? random.exponential(3 * 3600) : random.exponential(300 * 86400)
    );
    const start = from + random() * (LAST_TIMESTAMP - from - span);
    for (let row = userStart[u]; row < userStart[u + 1]; ++row) {
      const m = movieIndex[row];
      const score = latentScore(catalog, m, userBias[u], taste, u * G, userLatent, u * LATENT_DIMS);
      const rating = roundToGrid(score + random.normal(0, o.noise), step);
      mu[row] = score;
      sum += rating;
      floor += ratingVariance(score, step, o.noise);
      ratings.userId[row] = userIds[u];
      ratings.movieId[row] = catalog.ids[m];
      ratings.rating2[row] = rating * 2;
      ratings.timestamp[row] = Math.floor(start + random() * span);
    }
  }

  const demo = makeDemoRatings(catalog, o.noise, createRandom(o.seed ^ 0x64656d6f));
  const movies = Array.from(catalog.ids, (id, m): SynthMovie => ({
    id,
    title: catalog.titles[m],
    year: catalog.years[m],
    genres: Array.from(catalog.genreIndex.subarray(catalog.genreStart[m], catalog.genreStart[m + 1]), (g) => GENRES[g])
  }));
  return {
    movies,
    ratings,
    myRatings: demo.ratings,
    meta: {
      format: "movielens-synthetic",
      version: 2,
      options: o,
      globalMean: sum / o.ratings,
      noiseSd: o.noise,
      noiseFloorMse: floor / o.ratings,
      demoTaste: demo.taste
    },
    truth: {catalog, movieIndex, mu, userStart, halfStars, taste}
  };
}
