import type {Random} from "../random.js";
import {makeTitles} from "./titles.js";

/** MovieLens 10M's own genre list, in its alphabetical order. */
export const GENRES: readonly string[] = [
  "Action",
  "Adventure",
  "Animation",
  "Children",
  "Comedy",
  "Crime",
  "Documentary",
  "Drama",
  "Fantasy",
  "Film-Noir",
  "Horror",
  "IMAX",
  "Musical",
  "Mystery",
  "Romance",
  "Sci-Fi",
  "Thriller",
  "War",
  "Western"
];

// How many ML-10M movies carry each genre, so the synthetic catalog has Drama and Comedy everywhere and IMAX rarely.
const GENRE_MOVIES = [
  1473, 1025, 286, 528, 3703, 1118, 482, 5339, 543, 148, 1013, 29, 436, 509, 1685, 754, 1706, 511, 275
];
// Share of ML-10M movies with 1, 2, 3, 4 and 5 genres.
const GENRE_COUNTS = [0.4, 0.34, 0.19, 0.06, 0.01];

/** The latent score every rating starts from, before biases and taste. */
export const BASE_MEAN = 3.55;

/** Latent dimensions beyond genre taste, shared by users and movies. */
export const LATENT_DIMS = 3;

/** The standard deviation of every user's and movie's latent factors. */
export const LATENT_SD = 0.45;

/** The movies of a synthetic catalog, with the planted parameters that ratings are generated from. */
export interface Catalog {
  ids: Int32Array;
  titles: string[];
  years: Int32Array;
  /** The genres of movie m are `genreIndex[genreStart[m] … genreStart[m + 1])`, indices into GENRES. */
  genreStart: Int32Array;
  genreIndex: Uint8Array;
  /** 1 / √(number of genres): the genre indicator vector is scaled to unit length. */
  genreNorm: Float64Array;
  /** Zipf–Mandelbrot weight, proportional to how often the movie is picked to be rated. */
  popularity: Float64Array;
  /** Movie indices from most to least popular. */
  byPopularity: Int32Array;
  bias: Float64Array;
  /** Row-major movies × LATENT_DIMS. */
  latent: Float64Array;
}

/**
 * Makes `count` movies: ids with gaps, years skewed recent, realistic genres and titles,
 * power-law popularity and quality.
 */
export function makeCatalog(count: number, random: Random): Catalog {
  const ids = new Int32Array(count);
  const years = new Int32Array(count);
  // ML-10M's ids run to 65133 for 10677 movies: dense runs broken by jumps, about 6 ids per movie.
  for (let i = 0, id = 1; i < count; ++i)
    ids[i] = id += i === 0 ? 0 : random() < 0.55 ? 1 : 1 + Math.floor(random.exponential(12));
  for (let i = 0; i < count; ++i) {
    let year;
    do year = 2008 - Math.floor(random.exponential(18));
    while (year < 1915);
    years[i] = year;
  }

  const genreStart = new Int32Array(count + 1);
  const genreList: number[] = [];
  const genreNorm = new Float64Array(count);
  const chosen = new Uint8Array(GENRES.length);
  for (let i = 0; i < count; ++i) {
    let n = 1;
    for (let u = random(), c = 0; n < GENRE_COUNTS.length && u >= (c += GENRE_COUNTS[n - 1]);) ++n;
    chosen.fill(0);
    for (let k = 0; k < n; ++k) {
      let total = 0;
      for (let g = 0; g < GENRES.length; ++g) if (!chosen[g]) total += GENRE_MOVIES[g];
      let u = random() * total,
        pick = 0;
      for (let g = 0; g < GENRES.length; ++g) {
        if (chosen[g]) continue;
        pick = g;
        if ((u -= GENRE_MOVIES[g]) < 0) break;
      }
      chosen[pick] = 1;
    }
    for (let g = 0; g < GENRES.length; ++g) if (chosen[g]) genreList.push(g); // alphabetical, as MovieLens lists them
    genreStart[i + 1] = genreList.length;
    genreNorm[i] = 1 / Math.sqrt(n);
  }

  // Popularity follows Zipf–Mandelbrot with exponent 1: the offset keeps the very top from being rated by everyone.
  const byPopularity = Int32Array.from({length: count}, (_, i) => i);
  for (let i = count - 1; i > 0; --i) {
    const j = random.int(i + 1);
    [byPopularity[i], byPopularity[j]] = [byPopularity[j], byPopularity[i]];
  }
  const offset = Math.max(1, count / 1000);
  const popularity = new Float64Array(count);
  for (let r = 0; r < count; ++r) popularity[byPopularity[r]] = 1 / (r + 1 + offset);

  // Quality is partly tied to popularity, as in real data where the most watched films are also rated higher.
  let mean = 0,
    square = 0;
  for (let i = 0; i < count; ++i) mean += Math.log(popularity[i]) / count;
  for (let i = 0; i < count; ++i) square += (Math.log(popularity[i]) - mean) ** 2 / count;
  const sd = Math.sqrt(square) || 1;
  const bias = new Float64Array(count);
  for (let i = 0; i < count; ++i) bias[i] = random.normal(0, 0.45) + (0.12 * (Math.log(popularity[i]) - mean)) / sd;
  const latent = new Float64Array(count * LATENT_DIMS);
  for (let i = 0; i < latent.length; ++i) latent[i] = random.normal(0, LATENT_SD);

  return {
    ids,
    titles: makeTitles(random, years),
    years,
    genreStart,
    genreIndex: Uint8Array.from(genreList),
    genreNorm,
    popularity,
    byPopularity,
    bias,
    latent
  };
}

/**
 * The latent score of a user for movie m: base + user bias + movie bias + taste · unit genre vector + latent dot
 * product. The user's taste and latent vectors are read from flat arrays at the given offsets, so nothing is copied.
 */
export function latentScore(
  catalog: Catalog,
  m: number,
  userBias: number,
  taste: ArrayLike<number>,
  tasteAt: number,
  latent: ArrayLike<number>,
  latentAt: number
): number {
  let t = 0;
  for (let g = catalog.genreStart[m]; g < catalog.genreStart[m + 1]; ++g) t += taste[tasteAt + catalog.genreIndex[g]];
  let mu = BASE_MEAN + userBias + catalog.bias[m] + t * catalog.genreNorm[m];
  for (let k = 0; k < LATENT_DIMS; ++k) mu += latent[latentAt + k] * catalog.latent[m * LATENT_DIMS + k];
  return mu;
}
