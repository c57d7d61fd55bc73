import {describe, expect, it} from "vitest";
import {checkpointDataset, checkpointMatch} from "../../src/components/model/checkpointMatch.js";
import type {RatingsTable} from "../../src/components/movielens/ratingsFile.js";
import {withMyRatings} from "../../src/components/movielens/withMyRatings.js";
import {synthTable} from "../support/synthTable.js";

const base = synthTable({users: 60, movies: 40, ratings: 1500, seed: 4}).table;
const mine = [
  {movieId: base.movieIds[0], rating: 4, timestamp: 1},
  {movieId: base.movieIds[1], rating: 2.5, timestamp: 2}
];
const trained = withMyRatings(base, mine).table;

/** A checkpoint's header and id maps, as encodeCheckpoint writes them for `table`. */
function checkpointOf(table: RatingsTable, context = {}) {
  const header = {
    model: {
      users: table.userIds.length,
      movies: table.movieIds.length,
      factors: 4,
      yRange: [0.5, 5.5] as [number, number]
    },
    dataset: checkpointDataset(table, context)
  };
  return {
    header,
    arrays: new Map<string, Float32Array | Int32Array>([
      ["userIds", table.userIds],
      ["movieIds", table.movieIds]
    ])
  };
}

describe("checkpointMatch(header, arrays, table, context)", () => {
  it("resumes on the same data with no notes", () => {
    const {header, arrays} = checkpointOf(trained);
    expect(checkpointMatch(header, arrays, trained)).toEqual({notes: []});
  });

  it(
    "resumes after I rated one more movie, and says how my ratings changed (the notebook's " +
      "learn.load, then more training)",
    () => {
      const {header, arrays} = checkpointOf(trained);
      const now = withMyRatings(base, [...mine, {movieId: base.movieIds[2], rating: 5, timestamp: 3}]).table;
      const {notes} = checkpointMatch(header, arrays, now);
      expect(notes[0]).toBe(
        "Resuming on my ratings as they are now: 1 added since this checkpoint was " +
          "trained on 2 ratings of mine (now 3)."
      );
      expect(notes.join(" ")).not.toMatch(/fnv1a|fingerprint|Other users/);
    }
  );

  it("counts changed and removed ratings of mine", () => {
    const {header, arrays} = checkpointOf(trained);
    const now = withMyRatings(base, [{...mine[0], rating: 1}]).table;
    expect(checkpointMatch(header, arrays, now).notes[0]).toMatch(/1 changed, 1 removed .* \(now 1\)/);
  });

  it("resumes when other users' ratings changed, and says so", () => {
    const {header, arrays} = checkpointOf(trained);
    const edited = {...trained, rating2: trained.rating2.map((r, i) => (i === 0 ? (r === 10 ? 9 : r + 1) : r))};
    expect(checkpointMatch(header, arrays, edited).notes.join(" ")).toMatch(/Other users' ratings differ/);
  });

  it("refuses other movies in words, naming both datasets, without fingerprints", () => {
    const {header, arrays} = checkpointOf(trained, {name: "MovieLens 10M"});
    const other = synthTable({users: 60, movies: 45, ratings: 1500, seed: 4}).table;
    const error = (() => {
      try {
        checkpointMatch(header, arrays, withMyRatings(other, []).table, {name: "Synthetic data"});
      } catch (e) {
        return (e as Error).message;
      }
    })();
    expect(error).toMatch(
      new RegExp(
        String.raw`^This checkpoint was trained on MovieLens 10M: ` +
          String.raw`it knows 40 movies and the loaded Synthetic data has 45.*nothing was loaded\.$`
      )
    );
    expect(error).not.toMatch(/fnv1a|fingerprint/);
  });

  it("refuses another catalogue even when the movie ids agree", () => {
    const {header, arrays} = checkpointOf(trained, {catalogue: "movies-fnv1a32:00000001:40"});
    expect(() => checkpointMatch(header, arrays, trained, {catalogue: "movies-fnv1a32:00000002:40"})).toThrow(
      /its 40 movies are not the movies of the loaded dataset, even where their ids agree/
    );
  });

  it("refuses other users, and says when the checkpoint has no row for me", () => {
    const {header, arrays} = checkpointOf(base);
    expect(() => checkpointMatch(header, arrays, trained)).toThrow(
      /trained without any ratings of mine \(user 99999\)/
    );
    const fewer = synthTable({users: 50, movies: 40, ratings: 1500, seed: 4}).table;
    expect(() => checkpointMatch(header, arrays, fewer)).toThrow(
      /it knows 60 users and the loaded dataset has 50; 10 of its users are not in the loaded dataset/
    );
  });
});
