import {MY_USER_ID} from "../movielens/myRatingsFile.js";
import type {RatingColumns} from "../movielens/parseRatings.js";
import type {Random} from "../random.js";
import {roundToGrid} from "./ratingGrid.js";
import {GENRES, LATENT_DIMS, latentScore} from "./synthCatalog.js";
import type {Catalog} from "./synthCatalog.js";

/** The taste `my_ratings.dat` is generated with: clear enough that recommendations for it are easy to judge by eye. */
export const DEMO_TASTE = {likes: ["Sci-Fi", "Animation"], dislikes: ["Romance", "Horror"]};

const MY_RATINGS_FROM = 1231200000; // 2009-01-06, the day after the last rating in ML-10M

// How many movies of each kind the demo user rates, and the range their ratings are held to.
const GROUPS = [
  {size: 15, min: 4, max: 5}, // liked genres, none disliked
  {size: 10, min: 0.5, max: 2}, // disliked genres, none liked
  {size: 15, min: 0.5, max: 5} // neither: whatever the model says
];

/**
 * Rates about 40 popular movies as user 99999 with DEMO_TASTE, through the same latent model as everyone else (no
 * bias, no free latent factors), in half stars, in one sitting in 2009.
 */
export function makeDemoRatings(
  catalog: Catalog,
  noise: number,
  random: Random
): {ratings: RatingColumns; taste: typeof DEMO_TASTE} {
  const taste = new Float64Array(GENRES.length);
  for (const genre of DEMO_TASTE.likes) taste[GENRES.indexOf(genre)] = 1.5;
  for (const genre of DEMO_TASTE.dislikes) taste[GENRES.indexOf(genre)] = -1.5;
  const latent = new Float64Array(LATENT_DIMS);

  // Candidates are the most popular movies of each kind, three per slot, so the picks vary but stay well known.
  const candidates: number[][] = GROUPS.map(() => []);
  for (const m of catalog.byPopularity) {
    let liked = false,
      disliked = false;
    for (let g = catalog.genreStart[m]; g < catalog.genreStart[m + 1]; ++g) {
      liked ||= taste[catalog.genreIndex[g]] > 0;
      disliked ||= taste[catalog.genreIndex[g]] < 0;
    }
    const kind = liked === disliked ? (liked ? -1 : 2) : liked ? 0 : 1;
    if (kind >= 0 && candidates[kind].length < 3 * GROUPS[kind].size) candidates[kind].push(m);
  }

  const rated = new Map<number, number>(); // movie index → rating
  GROUPS.forEach(({size, min, max}, kind) => {
    const pool = candidates[kind];
    for (let i = 0; i < Math.min(size, pool.length); ++i) {
      const j = i + random.int(pool.length - i);
      [pool[i], pool[j]] = [pool[j], pool[i]];
      const score = latentScore(catalog, pool[i], 0, taste, 0, latent, 0);
      const rating = roundToGrid(score + random.normal(0, noise), 0.5);
      rated.set(pool[i], Math.min(max, Math.max(min, rating)));
    }
  });

  const movies = [...rated.keys()].sort((a, b) => a - b);
  const n = movies.length;
  const ratings: RatingColumns = {
    userId: new Int32Array(n).fill(MY_USER_ID),
    movieId: Int32Array.from(movies, (m) => catalog.ids[m]),
    rating2: Uint8Array.from(movies, (m) => rated.get(m)! * 2),
    timestamp: new Int32Array(n)
  };
  for (let i = 0, t = MY_RATINGS_FROM + random.int(6 * 3600); i < n; ++i)
    ratings.timestamp[i] = t += 15 + random.int(90);
  return {ratings, taste: {likes: [...DEMO_TASTE.likes], dislikes: [...DEMO_TASTE.dislikes]}};
}
