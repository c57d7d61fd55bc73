import {cpSync, mkdtempSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {resolveDataset} from "../src/data/dataset.js";
import {readDataset, readRatings} from "../src/data/readDataset.js";
import {RATINGS_CSV} from "../src/components/movielens/parseRatingsCsv.js";
import {U_GENRE} from "./support/uGenre.js";

function copy(fixture: string, extra: Record<string, string> = {}): string {
  const dir = join(mkdtempSync(join(tmpdir(), "readDataset-test-")), fixture);
  cpSync(`test/fixtures/${fixture}`, dir, {recursive: true});
  for (const [name, text] of Object.entries(extra)) writeFileSync(join(dir, name), text);
  return dir;
}

describe("readDataset(dataset, log, {cacheDir})", () => {
  it("reads an ML-100K folder: u.item with u.genre's names, u.data, my_ratings.dat appended as 99999", async () => {
    const dir = copy("ml-100k", {
      "u.genre": new TextDecoder().decode(U_GENRE),
      "my_ratings.dat": "99999::1363::4.5::1700000000\n"
    });
    const loaded = await readDataset(await resolveDataset({env: {MOVIELENS_DIR: dir}}), () => {}, {cacheDir: null});
    expect(loaded.movies.map((m) => m.id)).toEqual([4, 55, 246, 270, 309, 350, 381, 1306, 1363]);
    expect(loaded.movies[8]).toEqual({id: 1363, title: "Célibataires, Les", year: 1995, genres: ["Drama"]});
    expect(loaded.rows).toEqual({ratings: 6, myRatings: 1});
    expect([...loaded.ratings.userIds]).toEqual([31, 8, 57, 12, 40, 99999]);
  });
  it("reads a CSV folder, renumbering the release's own user 99999 and saying so", async () => {
    const dir = copy("ml-latest-small", {"my_ratings.dat": "99999::1::5::1700000000\n"});
    writeFileSync(join(dir, "ratings.csv"), "userId,movieId,rating,timestamp\n1,1,4.0,1\n99999,4,2.5,2\n");
    const log: string[] = [];
    const loaded = await readDataset(await resolveDataset({env: {MOVIELENS_DIR: dir}}), (m) => log.push(m), {
      cacheDir: null
    });
    expect([...loaded.ratings.userIds]).toEqual([1, 100000, 99999]);
    expect(loaded.ratings.report.movedUser).toBe(100000);
    expect(loaded.warnings).toEqual([
      "note: ratings.csv has its own user 99999; it is user 100000 here, since 99999 is me (my_ratings.dat)"
    ]);
    expect(loaded.movies.find((m) => m.id === 12)?.title).toBe("Long Parliament, The");
  });
  it("names the file and line of a malformed row", async () => {
    const dir = copy("ml-latest-small");
    writeFileSync(join(dir, "movies.csv"), 'movieId,title,genres\n1,"Heat (1995),Action\n');
    await expect(
      readDataset(await resolveDataset({env: {MOVIELENS_DIR: dir}}), () => {}, {cacheDir: null})
    ).rejects.toThrowError("movies.csv:2: field 2 opens a quote that is not closed on this line");
  });
});

describe("readRatings(path, format)", () => {
  it("streams ratings.csv by its format", async () => {
    const ratings = await readRatings("test/fixtures/ml-latest-small/ratings.csv", RATINGS_CSV);
    expect(ratings.userId.length).toBe(7);
    expect(ratings.rating2[2]).toBe(5);
  });
});
