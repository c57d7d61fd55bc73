import {mkdirSync, mkdtempSync, utimesSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {SITE_SYNTH} from "../src/components/synth/synthesize.js";
import {datasetStamp, describeDataset, resolveDataset} from "../src/data/dataset.js";

function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "dataset-test-"));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, ".."), {recursive: true});
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

const DAT = {"movies.dat": "1::A (2000)::Drama\n", "ratings.dat": "1::1::4::1\n"};
const meta = (options: object) => JSON.stringify({format: "movielens-synthetic", version: 1, options, noiseFloorMse: 0.54, oracleMse: 0.59});

describe("resolveDataset({env, root})", () => {
  it("uses MOVIELENS_DIR first", async () => {
    const root = folder({"data/ml-10M100K/movies.dat": "", "data/ml-10M100K/ratings.dat": ""});
    const elsewhere = folder(DAT);
    const dataset = await resolveDataset({env: {MOVIELENS_DIR: elsewhere}, root});
    expect(dataset).toMatchObject({kind: "movielens", origin: "MOVIELENS_DIR", dir: elsewhere, where: elsewhere, name: "MovieLens-format data", myRatingsPath: null, synthetic: null});
    expect(dataset.ratingsPath).toBe(join(elsewhere, "ratings.dat"));
  });
  it("fails clearly when MOVIELENS_DIR lacks a file, rather than falling back silently", async () => {
    const dir = folder({"movies.dat": DAT["movies.dat"]});
    await expect(resolveDataset({env: {MOVIELENS_DIR: dir}, root: dir})).rejects.toThrowError(`MOVIELENS_DIR=${dir} has no ratings.dat`);
  });
  it("uses data/ml-10M100K/ next, and finds my_ratings.dat beside it", async () => {
    const root = folder({"data/ml-10M100K/movies.dat": "", "data/ml-10M100K/ratings.dat": "", "data/ml-10M100K/my_ratings.dat": ""});
    const dataset = await resolveDataset({env: {}, root});
    expect(dataset).toMatchObject({kind: "movielens", origin: "data/ml-10M100K", dir: join(root, "data/ml-10M100K")});
    expect(dataset.myRatingsPath).toBe(join(root, "data/ml-10M100K/my_ratings.dat"));
    expect(dataset.banner).toBe("MovieLens-format data, from data/ml-10M100K/.");
  });
  it("falls back to the built-in synthetic dataset, and says so with the command for the real one", async () => {
    const root = folder({"data/synthetic/movies.dat": "", "data/synthetic/ratings.dat": "", "data/synthetic/SYNTHETIC.json": meta(SITE_SYNTH)});
    const dataset = await resolveDataset({env: {}, root});
    expect(dataset).toMatchObject({kind: "synthetic", origin: "built-in", dir: join(root, "data/synthetic")});
    expect(dataset.banner).toMatch(/^Synthetic MovieLens-shaped data \(1,000,000 ratings, seed 42\), from data\/synthetic\/\. Run `npm run data:fetch` for MovieLens 10M\.$/);
  });
  it("calls a MOVIELENS_DIR that holds generated data synthetic", async () => {
    const dir = folder({...DAT, "SYNTHETIC.json": meta({...SITE_SYNTH, ratings: 20, seed: 3})});
    expect(await resolveDataset({env: {MOVIELENS_DIR: dir}, root: dir})).toMatchObject({kind: "synthetic", origin: "MOVIELENS_DIR"});
  });
  it("takes MY_RATINGS, and rejects one that does not exist", async () => {
    const dir = folder({...DAT, "mine.dat": "99999::1::5::1\n"});
    expect((await resolveDataset({env: {MOVIELENS_DIR: dir, MY_RATINGS: join(dir, "mine.dat")}, root: dir})).myRatingsPath).toBe(join(dir, "mine.dat"));
    await expect(resolveDataset({env: {MOVIELENS_DIR: dir, MY_RATINGS: join(dir, "nope.dat")}, root: dir})).rejects.toThrowError(/MY_RATINGS=.*nope\.dat does not exist/);
  });
});

describe("describeDataset(dataset, loaded)", () => {
  const loaded = (ratings: number, movies: number, userIds: number[]) => ({movies: Array(movies).fill(null), ratings: {userIds: Int32Array.from(userIds)}, rows: {ratings}});
  const users = (n: number, me = false) => [...Array.from({length: n}, (_, i) => i + 1), ...(me ? [99999] : [])];

  it("names real MovieLens by its counts: its release, or the counts themselves", async () => {
    const root = folder({"data/ml-10M100K/movies.dat": "", "data/ml-10M100K/ratings.dat": ""});
    const dataset = await resolveDataset({env: {}, root});
    expect(describeDataset(dataset, loaded(10_000_054, 10_681, users(69_878, true)))).toEqual({kind: "movielens", origin: "data/ml-10M100K", name: "MovieLens 10M", banner: "MovieLens 10M, from data/ml-10M100K/.", synthetic: null});
    expect(describeDataset(dataset, loaded(1_000_209, 3_883, users(6_040)))).toMatchObject({name: "MovieLens 1M", banner: "MovieLens 1M, from data/ml-10M100K/."});
    expect(describeDataset(dataset, loaded(1_000_209, 3_883, users(6_039)))).toMatchObject({name: "MovieLens-format data, 3,883 movies, 1,000,209 ratings"});
  });

  it("leaves the synthetic dataset its own name", async () => {
    const root = folder({"data/synthetic/movies.dat": "", "data/synthetic/ratings.dat": "", "data/synthetic/SYNTHETIC.json": meta(SITE_SYNTH)});
    const dataset = await resolveDataset({env: {}, root});
    expect(describeDataset(dataset, loaded(1_000_209, 3_883, users(6_040)))).toMatchObject({kind: "synthetic", name: dataset.name, banner: dataset.banner});
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
