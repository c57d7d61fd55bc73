import {execFile} from "node:child_process";
import {copyFileSync, mkdtempSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {promisify} from "node:util";
import {describe, expect, it} from "vitest";
import {decodeRatingsFile} from "../src/components/movielens/ratingsFile.js";

const run = promisify(execFile);

/** A dataset folder made of the real-format fixtures, plus my ratings. */
function fixtureDir(ratings?: string): string {
  const dir = mkdtempSync(join(tmpdir(), "loaders-test-"));
  copyFileSync("test/fixtures/movies.dat", join(dir, "movies.dat"));
  if (ratings === undefined) copyFileSync("test/fixtures/ratings.dat", join(dir, "ratings.dat"));
  else writeFileSync(join(dir, "ratings.dat"), ratings);
  writeFileSync(join(dir, "my_ratings.dat"), "99999::32::5::1700000000\n99999::50::4.5::1700000001\n");
  return dir;
}

async function load(loader: string, dir: string): Promise<Buffer> {
  const {stdout} = await run("node", ["--import", "tsx", `src/data/${loader}`], {
    env: {...process.env, MOVIELENS_DIR: dir},
    encoding: "buffer",
    maxBuffer: 1 << 26
  });
  return stdout;
}

// test/fixtures/ratings.dat rates movies 124, 186 and 233, which test/fixtures/movies.dat lacks: they are dropped.
describe("data loaders", () => {
  it("ratings.bin: dense columns with my ratings appended as user 99999", async () => {
    const out = await load("ratings.bin.ts", fixtureDir());
    const table = decodeRatingsFile(out.buffer.slice(out.byteOffset, out.byteOffset + out.length) as ArrayBuffer);
    expect(Array.from(table.userIds)).toEqual([2, 99999]);
    expect(Array.from(table.movieIds)).toEqual([1, 2, 32, 50, 8606]);
    expect(Array.from(table.user)).toEqual([0, 0, 1, 1]);
    expect(Array.from(table.movie)).toEqual([0, 1, 2, 3]);
    expect(Array.from(table.rating2, (r) => r / 2)).toEqual([3.5, 0.5, 5, 4.5]);
  });
  it("movies.json: id, title, year, genres, number of ratings and mean rating", async () => {
    const movies = JSON.parse(String(await load("movies.json.ts", fixtureDir())));
    expect(movies[0]).toEqual({
      id: 1,
      title: "Paper Lanterns",
      year: 1996,
      genres: ["Animation", "Comedy", "Fantasy"],
      ratings: 1,
      mean: 3.5
    });
    expect(movies[4]).toEqual({id: 8606, title: "Hold My Lantern", year: 1958, genres: [], ratings: 0, mean: null});
  });
  it("histogram.json: the count at each half star and the mean", async () => {
    const histogram = JSON.parse(String(await load("histogram.json.ts", fixtureDir())));
    expect(histogram.total).toBe(4);
    expect(histogram.mean).toBeCloseTo((3.5 + 0.5 + 5 + 4.5) / 4, 10);
    expect(histogram.bins.map((b: {count: number}) => b.count)).toEqual([1, 0, 0, 0, 0, 0, 1, 0, 1, 1]);
  });
  it("summary.json: counts, sparsity, what was dropped, and the last ratings", async () => {
    const summary = JSON.parse(String(await load("summary.json.ts", fixtureDir())));
    expect(summary.counts).toEqual({users: 2, movies: 5, ratedMovies: 4, ratings: 4, myRatings: 2});
    expect(summary.report).toEqual({unknownMovieRatings: 3, unknownMovies: 3, duplicates: 0});
    expect(summary.sparsity).toBeCloseTo(1 - 4 / 10, 10);
    expect(summary.lastRatings.at(-1)).toEqual({
      userId: 99999,
      movieId: 50,
      title: "Quiet Harbour, The",
      rating: 4.5,
      timestamp: 1700000001
    });
    expect(summary.dataset).toMatchObject({kind: "movielens", origin: "MOVIELENS_DIR", format: "dat"});
  });
  it(
    "summary.json: reads a my_ratings.dat saved with a UTF-8 byte-order mark, " + "as the Rate page's import does",
    async () => {
      const dir = fixtureDir();
      writeFileSync(
        join(dir, "my_ratings.dat"),
        Buffer.concat([
          Buffer.from([0xef, 0xbb, 0xbf]),
          Buffer.from("99999::32::5::1700000000\r\n99999::50::4.5::1700000001\r\n")
        ])
      );
      const summary = JSON.parse(String(await load("summary.json.ts", dir)));
      expect(summary.myRatings).toEqual([
        {movieId: 32, rating: 5, timestamp: 1700000000},
        {movieId: 50, rating: 4.5, timestamp: 1700000001}
      ]);
    }
  );
  it("exits non-zero with file:line, the reason and the text on a malformed line", async () => {
    const dir = fixtureDir("1::1::4::1\n1::2::4::1\n1::32::4.25::1\n");
    const error = await load("ratings.bin.ts", dir).then(
      () => null,
      (e: {code: number; stderr: Buffer}) => e
    );
    expect(error?.code).toBe(1);
    expect(String(error?.stderr)).toContain("ratings.dat:3: rating 4.25 is not a multiple of 0.5\n  > 1::32::4.25::1");
  });
});
