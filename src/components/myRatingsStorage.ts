import type {MyRating} from "./withMyRatings.js";

/** The localStorage key of the ratings I gave in the browser. */
export const MY_RATINGS_KEY = "movielens-workbook:my-ratings";

/** Reads my in-browser ratings; null when I have not rated in the browser, so the build's my_ratings.dat applies. */
export function readMyRatings(storage: Pick<Storage, "getItem"> = localStorage): MyRating[] | null {
  const text = storage.getItem(MY_RATINGS_KEY);
  if (text === null) return null;
  try {
    const ratings = JSON.parse(text) as MyRating[];
    return Array.isArray(ratings) ? ratings : null;
  } catch {
    return null;
  }
}

/** Saves my in-browser ratings. */
export function writeMyRatings(ratings: readonly MyRating[], storage: Pick<Storage, "setItem"> = localStorage): void {
  storage.setItem(MY_RATINGS_KEY, JSON.stringify(ratings));
}
