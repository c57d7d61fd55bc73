import {mkdirSync, mkdtempSync, utimesSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {SITE_SYNTH} from "../src/components/synth/synthesize.js";
import {datasetStamp, describeDataset, releaseHome, resolveDataset} from "../src/data/dataset.js";

function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "dataset-test-"));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, ".."), {recursive: true});
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

const DAT = {"movies.dat": "1::A (2000)::Drama\n", "ratings.dat": "1::1::4::1\n"};
const meta = (options: object) =>
  JSON.stringify({format: "movielens-synthetic", version: 1, options, noiseFloorMse: 0.54, oracleMse: 0.59});

describe("resolveDataset({env, root})", () => {
  it("uses MOVIELENS_DIR first", async () => {
    const root = folder({"data/ml-10M100K/movies.dat": "", "data/ml-10M100K/ratings.dat": ""});
    const elsewhere = folder(DAT);
    const dataset = await resolveDataset({env: {MOVIELENS_DIR: elsewhere}, root});
    expect(dataset).toMatchObject({
      kind: "movielens",
      origin: "MOVIELENS_DIR",
      dir: elsewhere,
      where: elsewhere,
      name: "MovieLens-format data",
      myRatingsPath: null,
      synthetic: null
    });
    expect(dataset.ratingsPath).toBe(join(elsewhere, "ratings.dat"));
  });
  it("fails clearly when MOVIELENS_DIR lacks a file, rather than falling back silently", async () => {
    const dir = folder({"movies.dat": DAT["movies.dat"]});
    await expect(resolveDataset({env: {MOVIELENS_DIR: dir}, root: dir})).rejects.toThrowError(
      `MOVIELENS_DIR=${dir} has no ratings.dat`
    );
  });
  it("uses data/ml-10M100K/ next, and finds my_ratings.dat beside it", async () => {
    const root = folder({
      "data/ml-10M100K/movies.dat": "",
      "data/ml-10M100K/ratings.dat": "",
      "data/ml-10M100K/my_ratings.dat": ""
    });
    const dataset = await resolveDataset({env: {}, root});
    expect(dataset).toMatchObject({kind: "movielens", origin: "data/ml-10M100K", dir: join(root, "data/ml-10M100K")});
    expect(dataset.myRatingsPath).toBe(join(root, "data/ml-10M100K/my_ratings.dat"));
    expect(dataset.banner).toBe("MovieLens-format data, from data/ml-10M100K/.");
  });
  it("falls back to the built-in synthetic dataset, and says so with the command for the real one", async () => {
    const root = folder({
      "data/synthetic/movies.dat": "",
      "data/synthetic/ratings.dat": "",
      "data/synthetic/SYNTHETIC.json": meta(SITE_SYNTH)
    });
    const dataset = await resolveDataset({env: {}, root});
    expect(dataset).toMatchObject({kind: "synthetic", origin: "built-in", dir: join(root, "data/synthetic")});
    expect(dataset.banner).toBe(
      "Synthetic MovieLens-shaped data (1,000,000 ratings, seed 42), from data/synthetic/. " +
        "Run `npm run data:fetch` for MovieLens 10M."
    );
  });
  it(
    "on a published site (WORKBOOK_PUBLISH=1), tells a visitor the synthetic movies are invented and where real " +
      "data is, with no command",
    async () => {
      const root = folder({
        "data/synthetic/movies.dat": "",
        "data/synthetic/ratings.dat": "",
        "data/synthetic/SYNTHETIC.json": meta(SITE_SYNTH)
      });
      const dataset = await resolveDataset({env: {WORKBOOK_PUBLISH: "1"}, root});
      expect(dataset).toMatchObject({kind: "synthetic", published: true});
      expect(dataset.banner).toBe(
        "The movies and ratings here are invented: a synthetic dataset shaped like MovieLens, so that every step " +
          "works before you bring real data. To use real ratings, download a release from " +
          "[GroupLens](https://grouplens.org/datasets/movielens/) and load it from your computer below."
      );
      const described = describeDataset(dataset, {
        movies: [],
        ratings: {userIds: new Int32Array(0)},
        rows: {ratings: 0}
      });
      expect(described.published).toBe(true);
      expect((await resolveDataset({env: {}, root})).published).toBe(false);
    }
  );
  it("calls a MOVIELENS_DIR that holds generated data synthetic", async () => {
    const dir = folder({...DAT, "SYNTHETIC.json": meta({...SITE_SYNTH, ratings: 20, seed: 3})});
    expect(await resolveDataset({env: {MOVIELENS_DIR: dir}, root: dir})).toMatchObject({
      kind: "synthetic",
      origin: "MOVIELENS_DIR"
    });
  });
  it("takes MY_RATINGS, and rejects one that does not exist", async () => {
    const dir = folder({...DAT, "mine.dat": "99999::1::5::1\n"});
    expect(
      (await resolveDataset({env: {MOVIELENS_DIR: dir, MY_RATINGS: join(dir, "mine.dat")}, root: dir})).myRatingsPath
    ).toBe(join(dir, "mine.dat"));
    await expect(
      resolveDataset({env: {MOVIELENS_DIR: dir, MY_RATINGS: join(dir, "nope.dat")}, root: dir})
    ).rejects.toThrowError(/MY_RATINGS=.*nope\.dat does not exist/);
  });
});

describe("resolveDataset({env, root}) for every release", () => {
  it(
    "takes MOVIELENS_RELEASE, a release's key, as data/<its folder>, " + "and says how to fetch a missing one",
    async () => {
      const root = folder({
        "data/ml-1m/movies.dat": "",
        "data/ml-1m/ratings.dat": "",
        "data/ml-10M100K/movies.dat": "",
        "data/ml-10M100K/ratings.dat": ""
      });
      expect(await resolveDataset({env: {MOVIELENS_RELEASE: "ml-1m"}, root})).toMatchObject({
        origin: "data/ml-1m",
        dir: join(root, "data/ml-1m"),
        format: "dat"
      });
      await expect(resolveDataset({env: {MOVIELENS_RELEASE: "ml-32m"}, root})).rejects.toThrowError(
        "MOVIELENS_RELEASE=ml-32m: data/ml-32m/ has no movies.dat or ratings.dat. " +
          "Run `npm run data:fetch -- --release ml-32m`, or unset it."
      );
      await expect(resolveDataset({env: {MOVIELENS_RELEASE: "ml-5m"}, root})).rejects.toThrowError(
        'Unknown MovieLens release "ml-5m": expected one of ml-100k, ml-latest-small, ml-1m, ' +
          "ml-10m, ml-20m, ml-25m, ml-32m."
      );
      expect(releaseHome("ml-10m")).toBe("data/ml-10M100K");
      expect(releaseHome("ml-latest-small")).toBe("data/ml-latest-small");
    }
  );
  it("finds the CSV and ML-100K files in a folder, u.genre too", async () => {
    const csv = folder({
      "ml-latest-small/movies.csv": "",
      "ml-latest-small/ratings.csv": "",
      "ml-latest-small/links.csv": ""
    });
    const dataset = await resolveDataset({env: {MOVIELENS_DIR: join(csv, "ml-latest-small")}, root: csv});
    expect(dataset).toMatchObject({
      format: "csv",
      moviesPath: join(csv, "ml-latest-small/movies.csv"),
      ratingsPath: join(csv, "ml-latest-small/ratings.csv"),
      genresPath: null
    });
    const hundred = folder({"u.item": "", "u.data": "", "u.genre": ""});
    expect(await resolveDataset({env: {MOVIELENS_DIR: hundred}, root: hundred})).toMatchObject({
      format: "100k",
      moviesPath: join(hundred, "u.item"),
      ratingsPath: join(hundred, "u.data"),
      genresPath: join(hundred, "u.genre")
    });
    const half = folder({"ratings.csv": ""});
    await expect(resolveDataset({env: {MOVIELENS_DIR: half}, root: half})).rejects.toThrowError(
      `MOVIELENS_DIR=${half} has no movies.csv.`
    );
  });
});

describe("describeDataset(dataset, loaded)", () => {
  const loaded = (ratings: number, movies: number, userIds: number[]) => ({
    movies: Array(movies).fill(null),
    ratings: {userIds: Int32Array.from(userIds)},
    rows: {ratings}
  });
  const users = (n: number, me = false) => [...Array.from({length: n}, (_, i) => i + 1), ...(me ? [99999] : [])];

  it("names real MovieLens by its counts: its release, or the counts themselves", async () => {
    const root = folder({"data/ml-10M100K/movies.dat": "", "data/ml-10M100K/ratings.dat": ""});
    const dataset = await resolveDataset({env: {}, root});
    expect(describeDataset(dataset, loaded(10_000_054, 10_681, users(69_878, true)))).toEqual({
      kind: "movielens",
      origin: "data/ml-10M100K",
      name: "MovieLens 10M",
      banner: "MovieLens 10M, from data/ml-10M100K/.",
      synthetic: null,
      format: "dat"
    });
    expect(describeDataset(dataset, loaded(1_000_209, 3_883, users(6_040)))).toMatchObject({
      name: "MovieLens 1M",
      banner: "MovieLens 1M, from data/ml-10M100K/."
    });
    expect(describeDataset(dataset, loaded(1_000_209, 3_883, users(6_039)))).toMatchObject({
      name: "MovieLens-format data, 3,883 movies, 1,000,209 ratings"
    });
  });

  it("names a snapshot release by its folder, and says when the release's user 99999 was renumbered", async () => {
    const root = folder({"data/ml-latest-small/movies.csv": "", "data/ml-latest-small/ratings.csv": ""});
    const dataset = await resolveDataset({env: {MOVIELENS_RELEASE: "ml-latest-small"}, root});
    const info = describeDataset(dataset, {
      ...loaded(100_836, 9_742, users(610)),
      ratings: {userIds: Int32Array.from(users(610)), report: {movedUser: 611}}
    });
    expect(info).toMatchObject({
      name: "MovieLens Latest Small",
      banner:
        "MovieLens Latest Small, from data/ml-latest-small/. Its own user 99999 is user 611 here, " +
        "since 99999 is you (my_ratings.dat)."
    });
  });

  it("leaves the synthetic dataset its own name", async () => {
    const root = folder({
      "data/synthetic/movies.dat": "",
      "data/synthetic/ratings.dat": "",
      "data/synthetic/SYNTHETIC.json": meta(SITE_SYNTH)
    });
    const dataset = await resolveDataset({env: {}, root});
    expect(describeDataset(dataset, loaded(1_000_209, 3_883, users(6_040)))).toMatchObject({
      kind: "synthetic",
      name: dataset.name,
      banner: dataset.banner
    });
  });
});

describe("datasetStamp(dataset)", () => {
  it("changes when a file changes", async () => {
    const dir = folder(DAT);
    const dataset = await resolveDataset({env: {MOVIELENS_DIR: dir}, root: dir});
    const before = datasetStamp(dataset);
    expect(datasetStamp(dataset)).toBe(before);
    utimesSync(dataset.ratingsPath, new Date(2001, 1, 1), new Date(2001, 1, 1));
    expect(datasetStamp(dataset)).not.toBe(before);
  });
});
