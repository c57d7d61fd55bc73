import {describe, expect, it} from "vitest";
import {
  MOVIELENS_RELEASES,
  RELEASE_ZIPS,
  SNAPSHOT_RELEASES,
  movielensName,
  movielensRelease,
  otherRelease,
  releaseCounts,
  snapshotRelease,
  summaryReleaseCounts
} from "../../src/components/movielens/movielensRelease.js";

const ML10M = {ratings: 10_000_054, movies: 10_681, users: 69_878};
const ML1M = {ratings: 1_000_209, movies: 3_883, users: 6_040};
const ML100K = {ratings: 100_000, movies: 1_682, users: 943};
const ML20M = {ratings: 20_000_263, movies: 27_278, users: 138_493};
const ML25M = {ratings: 25_000_095, movies: 62_423, users: 162_541};
const ML32M = {ratings: 32_000_204, movies: 87_585, users: 200_948};

describe("MOVIELENS_RELEASES", () => {
  it("holds every release's counts, as GroupLens's READMEs give them, with its zip, folder and format", () => {
    expect(MOVIELENS_RELEASES).toEqual([
      {name: "MovieLens 32M", zip: "ml-32m.zip", folder: "ml-32m", format: "csv", ...ML32M},
      {name: "MovieLens 25M", zip: "ml-25m.zip", folder: "ml-25m", format: "csv", ...ML25M},
      {name: "MovieLens 20M", zip: "ml-20m.zip", folder: "ml-20m", format: "csv", ...ML20M},
      {name: "MovieLens 10M", zip: "ml-10m.zip", folder: "ml-10M100K", format: "dat", ...ML10M},
      {name: "MovieLens 1M", zip: "ml-1m.zip", folder: "ml-1m", format: "dat", ...ML1M},
      {name: "MovieLens 100K", zip: "ml-100k.zip", folder: "ml-100k", format: "100k", ...ML100K}
    ]);
    expect(SNAPSHOT_RELEASES.map((r) => r.folder)).toEqual(["ml-latest-small", "ml-latest"]);
    expect(RELEASE_ZIPS).toBe(
      "ml-100k.zip, ml-latest-small.zip, ml-1m.zip, ml-10m.zip, ml-20m.zip, ml-25m.zip or ml-32m.zip"
    );
  });
});

describe("movielensRelease(counts)", () => {
  it("finds the release with exactly these counts, and no other", () => {
    expect(movielensRelease(ML10M)?.name).toBe("MovieLens 10M");
    expect(movielensRelease(ML1M)?.name).toBe("MovieLens 1M");
    expect(movielensRelease({...ML1M, ratings: ML1M.ratings - 1})).toBeNull();
    // ML-10M's shape as the synthetic generator makes it
    expect(movielensRelease({...ML10M, movies: 10_677})).toBeNull();
    expect(movielensRelease({...ML10M, users: 71_567})).toBeNull();
    expect(movielensRelease(ML100K)?.name).toBe("MovieLens 100K");
    expect(movielensRelease(ML20M)?.name).toBe("MovieLens 20M");
    expect(movielensRelease(ML25M)?.name).toBe("MovieLens 25M");
    expect(movielensRelease(ML32M)?.name).toBe("MovieLens 32M");
    expect(movielensRelease({...ML32M, users: 200_949})).toBeNull();
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

  it("names a snapshot release (ml-latest-small) by its folder or zip, since its counts vary; counts win", () => {
    const small = {ratings: 100_836, movies: 9_742, users: 610};
    expect(movielensName(small, "ml-latest-small")).toBe("MovieLens Latest Small");
    expect(movielensName(small, "/home/me/data/ML-Latest-Small.zip")).toBe("MovieLens Latest Small");
    expect(movielensName(small, "ml-latest")).toBe("MovieLens Latest");
    expect(movielensName(small, "ml-32m")).toBe("MovieLens-format data, 9,742 movies, 100,836 ratings");
    expect(movielensName(small, null)).toBe("MovieLens-format data, 9,742 movies, 100,836 ratings");
    expect(movielensName(ML100K, "ml-latest-small")).toBe("MovieLens 100K");
  });
});

describe("snapshotRelease(folder)", () => {
  it("finds ml-latest-small and ml-latest by folder or zip name, and nothing else", () => {
    expect(snapshotRelease("data/ml-latest-small")?.name).toBe("MovieLens Latest Small");
    expect(snapshotRelease("ml-latest.zip")?.name).toBe("MovieLens Latest");
    expect(snapshotRelease("ml-latest-smaller")).toBeNull();
    expect(snapshotRelease(null)).toBeNull();
  });
});

describe("releaseCounts({ratings, movies, userIds})", () => {
  it("counts the users who rated, less me (user 99999)", () => {
    expect(releaseCounts({ratings: 5, movies: 3, userIds: Int32Array.of(1, 2, 99999)})).toEqual({
      ratings: 5,
      movies: 3,
      users: 2
    });
    expect(releaseCounts({ratings: 5, movies: 3, userIds: [1, 2]})).toEqual({ratings: 5, movies: 3, users: 2});
  });
});

describe("summaryReleaseCounts(summary)", () => {
  it("reads the counts from a summary, less me when my ratings are in it", () => {
    expect(
      summaryReleaseCounts({counts: {users: 6_041, movies: 3_883, myRatings: 40}, rows: {ratings: 1_000_209}})
    ).toEqual(ML1M);
    expect(
      summaryReleaseCounts({counts: {users: 6_040, movies: 3_883, myRatings: 0}, rows: {ratings: 1_000_209}})
    ).toEqual(ML1M);
  });
});

describe("otherRelease(names)", () => {
  it("names the CSV releases by their folder, or as a family without one", () => {
    expect(otherRelease(["ml-32m/ratings.csv", "ml-32m/movies.csv", "ml-32m/links.csv"])).toBe(
      "MovieLens 32M (ml-32m), with comma-separated ratings.csv and movies.csv"
    );
    expect(otherRelease(["ml-20m/ratings.csv"])).toMatch(/^MovieLens 20M \(ml-20m\)/);
    expect(otherRelease(["ml-latest/movies.csv"])).toMatch(/^MovieLens Latest \(ml-latest\)/);
    expect(otherRelease(["Ratings.CSV", "movies.csv"])).toMatch(
      /^one of MovieLens's CSV releases \(ml-latest-small, ML-20M, 25M, 32M or ml-latest\)/
    );
  });

  it("names ML-100K by its u.data and u.item, and nothing for anything else", () => {
    expect(otherRelease(["ml-100k/u.data", "ml-100k/u.item"])).toBe(
      "MovieLens 100K (ml-100k), with tab-separated u.data and |-separated u.item"
    );
    expect(otherRelease(["ml-10M100K/movies.dat", "ml-10M100K/tags.dat"])).toBeNull();
    expect(otherRelease([])).toBeNull();
  });
});
