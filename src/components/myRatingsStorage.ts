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

/** The localStorage key of the rating queue's position: the movie id on screen, as the original's last_rated.txt. */
export const QUEUE_POSITION_KEY = "movielens-workbook:queue-position";

/** Reads the rating queue's position (a movie id), or null. */
export function readQueuePosition(storage: Pick<Storage, "getItem"> = localStorage): number | null {
  const text = storage.getItem(QUEUE_POSITION_KEY);
  return text === null || !/^\d+$/.test(text) ? null : +text;
}

/** Saves the rating queue's position. */
export function writeQueuePosition(position: number | null, storage: Pick<Storage, "setItem" | "removeItem"> = localStorage): void {
  if (position === null) storage.removeItem(QUEUE_POSITION_KEY);
  else storage.setItem(QUEUE_POSITION_KEY, String(position));
}

/** Forgets my in-browser ratings and the queue position, so the build's my_ratings.dat applies again. */
export function forgetMyRatings(storage: Pick<Storage, "removeItem"> = localStorage): void {
  storage.removeItem(MY_RATINGS_KEY);
  storage.removeItem(QUEUE_POSITION_KEY);
}
