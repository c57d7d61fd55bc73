import {openMyRatings} from "../browser/myRatingsStorage.js";
import type {MyRatingsStore} from "../browser/myRatingsStorage.js";
import type {WorkbookData} from "../browser/workbookData.js";
import {histogramFacts} from "../movielens/ratingStats.js";
import type {StorageProblem} from "../browser/pageStorage.js";
import {starsFor} from "../ui/ratingQueue.js";
import {StorageNote} from "../ui/StorageNote.js";

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

/** The stars I can give on the page's release: whole stars only on MovieLens 100K and 1M, else half stars. */
export function ratingStars({histogram}: Partial<Pick<WorkbookData, "histogram">>): readonly number[] {
  return starsFor(histogramFacts(histogram?.bins ?? [])?.wholeShare);
}

/**
 * The page's StorageNote on my ratings (`mine`) and, where the page keeps models, on the models' store (`models`, its
 * problem): drawn again at every change of my ratings, since a full storage refuses the next write, until the page's
 * cell ends (`invalidation`).
 */
export function MyStorageNote(
  mine: Pick<MyRatingsStore, "watch" | "problem">,
  {models = null, invalidation}: {models?: StorageProblem | null; invalidation: Promise<unknown>}
): HTMLElement {
  const slot = document.createElement("div");
  slot.className = "storage-note-slot";
  void invalidation.then(mine.watch(() => slot.replaceChildren(StorageNote({ratings: mine.problem(), models}))));
  return slot;
}
