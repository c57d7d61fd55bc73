import {execFile} from "node:child_process";
import {appendFileSync, copyFileSync, mkdtempSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {promisify} from "node:util";
import {beforeAll, describe, expect, it} from "vitest";
import {
  browserDataset,
  datasetArtifacts,
  histogramSummary,
  movieRows
} from "../../src/components/movielens/datasetArtifacts.js";
import type {DatasetArtifacts} from "../../src/components/movielens/datasetArtifacts.js";
import {indexRatings} from "../../src/components/movielens/indexRatings.js";
import {parseMoviesDat} from "../../src/components/movielens/parseMoviesDat.js";
import {parseRatings} from "../../src/components/movielens/parseRatings.js";
import {decodeRatingsFile} from "../../src/components/movielens/ratingsFile.js";
import {describeDataset, resolveDataset} from "../../src/data/dataset.js";
import {readDataset} from "../../src/data/readDataset.js";
import {writeSynthetic} from "../../src/data/writeSynthetic.js";

const run = promisify(execFile);
const LOADERS = ["ratings.bin.ts", "movies.json.ts", "summary.json.ts", "histogram.json.ts"] as const;

/** Runs a build-time loader in its own process, as Framework does, on the dataset in dir. */
async function load(loader: string, dir: string): Promise<Buffer> {
  const {stdout} = await run("node", ["--import", "tsx", `src/data/${loader}`], {
    env: {...process.env, MOVIELENS_DIR: dir},
    encoding: "buffer",
    maxBuffer: 1 << 26
  });
  return stdout;
}

/** The four loaders' outputs, and datasetArtifacts on the same folder read the way the loaders read it. */
async function both(
  dir: string
): Promise<{loaders: Record<(typeof LOADERS)[number], Buffer>; artifacts: DatasetArtifacts}> {
  const outputs = await Promise.all(LOADERS.map((l) => load(l, dir)));
  const dataset = await resolveDataset({env: {MOVIELENS_DIR: dir}});
  const loaded = await readDataset(dataset);
  return {
    loaders: Object.fromEntries(LOADERS.map((l, i) => [l, outputs[i]])) as Record<(typeof LOADERS)[number], Buffer>,
    artifacts: datasetArtifacts(loaded.movies, loaded.ratings, loaded.rows, describeDataset(dataset, loaded))
  };
}

function expectSameAsLoaders({loaders, artifacts}: Awaited<ReturnType<typeof both>>): void {
  expect(Buffer.from(artifacts.ratingsFile).equals(loaders["ratings.bin.ts"])).toBe(true);
  expect(JSON.stringify(artifacts.movies)).toBe(String(loaders["movies.json.ts"]));
  expect(JSON.stringify(artifacts.summary)).toBe(String(loaders["summary.json.ts"]));
  expect(JSON.stringify(artifacts.histogram)).toBe(String(loaders["histogram.json.ts"]));
}

describe("datasetArtifacts(movies, ratings, rows, dataset)", () => {
  let synthetic: string;
  beforeAll(async () => {
    // A small synthetic set, plus a re-rating (a duplicate) and a rating of a movie not in movies.dat,
    // so the report is not all zeros.
    synthetic = mkdtempSync(join(tmpdir(), "datasetArtifacts-test-"));
    await writeSynthetic(synthetic, {seed: 3, users: 40, movies: 30, ratings: 900, noise: 0.5});
    appendFileSync(join(synthetic, "ratings.dat"), "1::1::2.5::1700000000\n1::999999::4::1700000001\n");
  });

  it("equals the four build-time loaders' outputs, byte for byte, on a synthetic folder", async () => {
    const result = await both(synthetic);
    expectSameAsLoaders(result);
    expect(result.artifacts.summary.report.duplicates).toBeGreaterThanOrEqual(1);
    expect(result.artifacts.summary.report.unknownMovies).toBe(1);
    expect(result.artifacts.summary.dataset).toMatchObject({
      kind: "synthetic",
      name: "Synthetic MovieLens-shaped data (900 ratings, seed 3)"
    });
  });

  it("equals the loaders on the real-format fixtures with my ratings appended", async () => {
    const dir = mkdtempSync(join(tmpdir(), "datasetArtifacts-test-"));
    copyFileSync("test/fixtures/movies.dat", join(dir, "movies.dat"));
    copyFileSync("test/fixtures/ratings.dat", join(dir, "ratings.dat"));
    writeFileSync(join(dir, "my_ratings.dat"), "99999::32::5::1700000000\n99999::50::4.5::1700000001\n");
    const result = await both(dir);
    expectSameAsLoaders(result);
    expect(result.artifacts.summary.counts).toEqual({users: 2, movies: 5, ratedMovies: 4, ratings: 4, myRatings: 2});
    // No MovieLens release: named by its counts, the rows of ratings.dat (my ratings not counted),
    // in summary.json and ratings.bin.
    expect(result.artifacts.summary.dataset).toEqual({
      kind: "movielens",
      origin: "MOVIELENS_DIR",
      name: "MovieLens-format data, 5 movies, 5 ratings",
      banner: `MovieLens-format data, 5 movies, 5 ratings, from ${dir}/.`,
      synthetic: null,
      format: "dat"
    });
    expect(decodeRatingsFile(result.artifacts.ratingsFile.buffer as ArrayBuffer).header.meta).toEqual({
      dataset: "MovieLens-format data, 5 movies, 5 ratings",
      kind: "movielens"
    });
    expect(result.artifacts.summary.myRatings).toEqual([
      {movieId: 32, rating: 5, timestamp: 1700000000},
      {movieId: 50, rating: 4.5, timestamp: 1700000001}
    ]);
  });

  it("names the dataset in the ratings file's header and describes a browser import", () => {
    const movies = parseMoviesDat(new TextEncoder().encode("1::A (2000)::Drama\n2::B (2001)::\n"));
    const ratings = indexRatings([1, 2], [parseRatings(new TextEncoder().encode("7::1::4::10\n8::1::5::11\n"))]);
    const {ratingsFile, summary} = datasetArtifacts(
      movies,
      ratings,
      {ratings: 2, myRatings: 0},
      browserDataset("MovieLens 1M")
    );
    const table = decodeRatingsFile(ratingsFile.buffer as ArrayBuffer);
    expect(table.header.meta).toEqual({dataset: "MovieLens 1M (from your computer)", kind: "movielens"});
    expect(summary.dataset).toEqual({
      kind: "movielens",
      origin: "browser",
      name: "MovieLens 1M (from your computer)",
      banner: "MovieLens 1M, loaded from your computer and kept in this browser.",
      synthetic: null
    });
    expect(summary.sparsity).toBe(1 - 2 / 4);
    expect(summary.lastRatings.map((r) => r.title)).toEqual(["A", "A"]);
  });
});

describe("movieRows(movies, ratings)", () => {
  it("gives each movie its count and mean rounded to 3 decimals, null when unrated", () => {
    const movies = parseMoviesDat(new TextEncoder().encode("1::A (2000)::Drama\n2::B (2001)::\n"));
    const ratings = indexRatings(
      [1, 2],
      [parseRatings(new TextEncoder().encode("7::1::4::10\n8::1::3.5::11\n9::1::3.5::12\n"))]
    );
    expect(movieRows(movies, ratings)).toEqual([
      {id: 1, title: "A", year: 2000, genres: ["Drama"], ratings: 3, mean: 3.667},
      {id: 2, title: "B", year: 2001, genres: [], ratings: 0, mean: null}
    ]);
  });
});

describe("histogramSummary(rating2)", () => {
  it("counts half stars and averages them", () => {
    const h = histogramSummary(Uint8Array.of(1, 10, 10, 7));
    expect(h.total).toBe(4);
    expect(h.mean).toBe((0.5 + 5 + 5 + 3.5) / 4);
    expect(h.bins.map((b) => b.count)).toEqual([1, 0, 0, 0, 0, 0, 1, 0, 0, 2]);
  });
  it("has no mean without ratings (a published workbook): null, not NaN", () => {
    const h = histogramSummary(new Uint8Array(0));
    expect(h.total).toBe(0);
    expect(h.mean).toBeNull();
  });
});
