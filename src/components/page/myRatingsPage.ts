import {openMyRatings} from "../browser/myRatingsStorage.js";
import type {MyRatingsStore} from "../browser/myRatingsStorage.js";
import type {WorkbookData} from "../browser/workbookData.js";

/**
 * My ratings (user 99999) on a page's dataset, in one call: opened on the dataset's catalogue, starting from the
 * build's my_ratings.dat when this browser holds none, and closed when the page's cell is (`invalidation`). The
 * dataset's movies let an earlier version's list be adopted by the catalogue that knows all of it (openMyRatings).
 */
export function myRatingsPage(
  {summary, movies}: Pick<WorkbookData, "summary" | "movies">,
  invalidation: Promise<unknown>
): MyRatingsStore {
  const mine = openMyRatings(summary.catalogue, {
    seed: summary.myRatings,
    knownMovieIds: new Set(movies.map((m) => m.id))
  });
  void invalidation.then(() => mine.close());
  return mine;
}
