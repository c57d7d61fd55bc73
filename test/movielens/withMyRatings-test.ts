import {describe, expect, it} from "vitest";
import {MY_USER_ID} from "../../src/components/movielens/myRatingsFile.js";
import type {RatingsTable} from "../../src/components/movielens/ratingsFile.js";
import {withMyRatings} from "../../src/components/movielens/withMyRatings.js";

/** Users 7 and 99999 and movies 10, 20, 30; user 99999 (index 1) rated movie 20 at 2 stars in the build. */
function table(): RatingsTable {
  return {
    user: Uint32Array.of(0, 1, 0),
    movie: Uint16Array.of(0, 1, 2),
    rating2: Uint8Array.of(8, 4, 10),
    userIds: Int32Array.of(7, MY_USER_ID),
    movieIds: Int32Array.of(10, 20, 30)
  };
}

const rows = (t: RatingsTable) =>
  Array.from(t.user, (u, i) => [t.userIds[u], t.movieIds[t.movie[i]], t.rating2[i] / 2]);

describe("withMyRatings(table, mine)", () => {
  it("replaces the build's ratings of user 99999 with mine, after everyone else's, in the order given", () => {
    const t = table();
    const {table: merged, skipped} = withMyRatings(t, [
      {movieId: 30, rating: 4.5, timestamp: 1},
      {movieId: 10, rating: 1, timestamp: 2}
    ]);
    expect(rows(merged)).toEqual([
      [7, 10, 4],
      [7, 30, 5],
      [MY_USER_ID, 30, 4.5],
      [MY_USER_ID, 10, 1]
    ]);
    expect(skipped).toBe(0);
    expect(merged.userIds).toEqual(Int32Array.of(7, MY_USER_ID));
    expect(merged.movieIds).toBe(t.movieIds);
    expect(rows(t)).toEqual([
      [7, 10, 4],
      [MY_USER_ID, 20, 2],
      [7, 30, 5]
    ]);
    expect(merged.movie).toBeInstanceOf(Uint16Array);
  });

  it("adds user 99999 as the last user when the table has no ratings of mine", () => {
    const t: RatingsTable = {
      user: Uint32Array.of(0, 1),
      movie: Uint32Array.of(1, 0),
      rating2: Uint8Array.of(6, 7),
      userIds: Int32Array.of(3, 5),
      movieIds: Int32Array.of(10, 20)
    };
    const {table: merged} = withMyRatings(t, [{movieId: 20, rating: 2.5, timestamp: 9}]);
    expect(Array.from(merged.userIds)).toEqual([3, 5, MY_USER_ID]);
    expect(rows(merged)).toEqual([
      [3, 20, 3],
      [5, 10, 3.5],
      [MY_USER_ID, 20, 2.5]
    ]);
    expect(merged.movie).toBeInstanceOf(Uint32Array);
    // The input is left as it was.
    expect(Array.from(t.userIds)).toEqual([3, 5]);
  });

  it("with no ratings of mine, removes the build's and keeps user 99999's index", () => {
    const {table: merged, skipped} = withMyRatings(table(), []);
    expect(rows(merged)).toEqual([
      [7, 10, 4],
      [7, 30, 5]
    ]);
    expect(Array.from(merged.userIds)).toEqual([7, MY_USER_ID]);
    expect(skipped).toBe(0);
  });

  it("keeps the table's latest flags, and marks my latest 20% by timestamp", () => {
    const flagged = {...table(), latest: Uint8Array.of(1, 0, 0)};
    const mine = [10, 20, 30, 10, 20].map((movieId, i) => ({movieId, rating: 4, timestamp: [50, 10, 40, 20, 30][i]}));
    const {table: t} = withMyRatings(flagged, mine);
    expect(Array.from(t.latest!)).toEqual([1, 0, 1, 0, 0, 0, 0]); // user 7's two rows, then mine: the one at time 50
    expect(withMyRatings(table(), mine).table.latest).toBeUndefined();
  });
  it("skips and counts ratings of movies the table does not know", () => {
    const {table: merged, skipped} = withMyRatings(table(), [
      {movieId: 40, rating: 3, timestamp: 1},
      {movieId: 20, rating: 5, timestamp: 2},
      {movieId: 50, rating: 1, timestamp: 3}
    ]);
    expect(rows(merged)).toEqual([
      [7, 10, 4],
      [7, 30, 5],
      [MY_USER_ID, 20, 5]
    ]);
    expect(skipped).toBe(2);
  });
});
