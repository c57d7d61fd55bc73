import {indexRatings} from "./indexRatings.js";
import type {IndexedRatings} from "./indexRatings.js";
import {moveClashingUser} from "./moveClashingUser.js";
import {parseMyRatings} from "./myRatingsFile.js";
import type {Movie} from "./parseMoviesDat.js";
import type {RatingColumns} from "./parseRatings.js";

/** A dataset parsed and indexed: the movies in file order, and the ratings (mine appended) by dense index. */
export interface IndexedDataset {
  movies: Movie[];
  /** The ratings by dense index; `report.movedUser` is the id a release's own user 99999 was given, if it had one. */
  ratings: IndexedRatings;
  /** Rows of the ratings file and of `my_ratings.dat`, before dropping unknown movies and duplicates. */
  rows: {ratings: number; myRatings: number};
}

/**
 * The one way from parsed files to indexed ratings, for the build's loaders (src/data/readDataset.ts) and the
 * browser's import (importMovieLens.ts) alike: a release's own user 99999 is renumbered (moveClashingUser), my ratings
 * (`my_ratings.dat`'s bytes, or none) are parsed and appended as user 99999, as the original's `pd.concat` did, and
 * every rating is indexed against the movies (indexRatings: unknown movies and earlier duplicates dropped, counted in
 * its report). `ratings` is changed in place by the renumbering.
 */
export function indexDataset(
  movies: Movie[],
  ratings: RatingColumns,
  myRatings: {bytes: Uint8Array; file: string} | null
): IndexedDataset {
  const movedUser = moveClashingUser(ratings);
  const mine = myRatings ? parseMyRatings(myRatings.bytes, myRatings.file) : null;
  const indexed = indexRatings(
    Int32Array.from(movies, (m) => m.id),
    mine ? [ratings, mine] : [ratings]
  );
  if (movedUser !== null) indexed.report.movedUser = movedUser;
  return {movies, ratings: indexed, rows: {ratings: ratings.userId.length, myRatings: mine?.userId.length ?? 0}};
}
