import {describe, expect, it} from "vitest";
import {MOVIELENS_RELEASES, RELEASE_ZIPS, movielensName, movielensRelease, otherRelease, releaseCounts, summaryReleaseCounts} from "../../src/components/movielens/movielensRelease.js";

const ML10M = {ratings: 10_000_054, movies: 10_681, users: 69_878};
const ML1M = {ratings: 1_000_209, movies: 3_883, users: 6_040};

describe("MOVIELENS_RELEASES", () => {
  it("holds the .dat releases' counts, as GroupLens's READMEs give them", () => {
    expect(MOVIELENS_RELEASES).toEqual([{name: "MovieLens 10M", zip: "ml-10m.zip", ...ML10M}, {name: "MovieLens 1M", zip: "ml-1m.zip", ...ML1M}]);
    expect(RELEASE_ZIPS).toBe("ml-10m.zip or ml-1m.zip");
  });
});

describe("movielensRelease(counts)", () => {
  it("finds the release with exactly these counts, and no other", () => {
    expect(movielensRelease(ML10M)?.name).toBe("MovieLens 10M");
    expect(movielensRelease(ML1M)?.name).toBe("MovieLens 1M");
    expect(movielensRelease({...ML1M, ratings: ML1M.ratings - 1})).toBeNull();
    expect(movielensRelease({...ML10M, movies: 10_677})).toBeNull(); // ML-10M's shape as the synthetic generator makes it
    expect(movielensRelease({...ML10M, users: 71_567})).toBeNull();
  });
});

describe("movielensName(counts)", () => {
  it("names a release by its name, anything else by its counts in en-US numbers", () => {
    expect(movielensName(ML10M)).toBe("MovieLens 10M");
    expect(movielensName(ML1M)).toBe("MovieLens 1M");
    expect(movielensName({...ML1M, users: 6_041})).toBe("MovieLens-format data, 3,883 movies, 1,000,209 ratings");
    expect(movielensName({ratings: 1, movies: 1, users: 1})).toBe("MovieLens-format data, 1 movie, 1 rating");
    expect(movielensName({ratings: 0, movies: 0, users: 0})).toBe("MovieLens-format data, 0 movies, 0 ratings");
  });
});

describe("releaseCounts({ratings, movies, userIds})", () => {
  it("counts the users who rated, less me (user 99999)", () => {
    expect(releaseCounts({ratings: 5, movies: 3, userIds: Int32Array.of(1, 2, 99999)})).toEqual({ratings: 5, movies: 3, users: 2});
    expect(releaseCounts({ratings: 5, movies: 3, userIds: [1, 2]})).toEqual({ratings: 5, movies: 3, users: 2});
  });
});

describe("summaryReleaseCounts(summary)", () => {
  it("reads the counts from a summary, less me when my ratings are in it", () => {
    expect(summaryReleaseCounts({counts: {users: 6_041, movies: 3_883, myRatings: 40}, rows: {ratings: 1_000_209}})).toEqual(ML1M);
    expect(summaryReleaseCounts({counts: {users: 6_040, movies: 3_883, myRatings: 0}, rows: {ratings: 1_000_209}})).toEqual(ML1M);
  });
});

describe("otherRelease(names)", () => {
  it("names the CSV releases by their folder, or as a family without one", () => {
    expect(otherRelease(["ml-32m/ratings.csv", "ml-32m/movies.csv", "ml-32m/links.csv"])).toBe("MovieLens 32M (ml-32m), with comma-separated ratings.csv and movies.csv");
    expect(otherRelease(["ml-20m/ratings.csv"])).toMatch(/^MovieLens 20M \(ml-20m\)/);
    expect(otherRelease(["ml-latest/movies.csv"])).toMatch(/^MovieLens Latest \(ml-latest\)/);
    expect(otherRelease(["Ratings.CSV", "movies.csv"])).toMatch(/^one of MovieLens's CSV releases \(ml-latest-small, ML-20M, 25M, 32M or ml-latest\)/);
  });

  it("names ML-100K by its u.data and u.item, and nothing for anything else", () => {
    expect(otherRelease(["ml-100k/u.data", "ml-100k/u.item"])).toBe("MovieLens 100K (ml-100k), with tab-separated u.data and |-separated u.item");
    expect(otherRelease(["ml-10M100K/movies.dat", "ml-10M100K/tags.dat"])).toBeNull();
    expect(otherRelease([])).toBeNull();
  });
});
