import {readFileSync, mkdtempSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {strToU8, zipSync} from "fflate";
import {beforeAll, describe, expect, it} from "vitest";
import {browserDataset, datasetArtifacts} from "../../src/components/movielens/datasetArtifacts.js";
import type {DatasetArtifacts} from "../../src/components/movielens/datasetArtifacts.js";
import {baseName, importMovieLens} from "../../src/components/movielens/importMovieLens.js";
import type {ImportProgress} from "../../src/components/movielens/importMovieLens.js";
import {decodeRatingsFile} from "../../src/components/movielens/ratingsFile.js";
import {resolveDataset} from "../../src/data/dataset.js";
import {readDataset} from "../../src/data/readDataset.js";
import {writeSynthetic} from "../../src/data/writeSynthetic.js";
import {patchZipEntry} from "../support/patchZipEntry.js";
import {U_GENRE} from "../support/uGenre.js";

const FIXTURE_MOVIES = readFileSync("test/fixtures/movies.dat");
const fixture = (path: string) => new Uint8Array(readFileSync(`test/fixtures/${path}`));
const DROP =
  "Drop ml-100k.zip, ml-latest-small.zip, ml-1m.zip, ml-10m.zip, ml-20m.zip, " +
  "ml-25m.zip or ml-32m.zip as downloaded from grouplens.org, or the files inside it (movies.dat and ratings.dat, " +
  "movies.csv and ratings.csv, or ML-100K's u.item and u.data).";

let dir: string;
let movies: Uint8Array;
let ratings: Uint8Array;
let myRatings: Uint8Array;
let zip: Uint8Array;
let expected: DatasetArtifacts;

/** The error an import rejects with, or null. */
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (e: Error) => e
  );

// What a visitor's own data is called: the test set is no MovieLens release, so it is named by its counts.
const NAMED = browserDataset("MovieLens-format data, 800 movies, 300,000 ratings", "", "dat");

beforeAll(async () => {
  // ~7.6 MB of ratings that deflate to ~2.4 MB: several 1 MB zip slices, so the stream crosses chunk boundaries.
  dir = mkdtempSync(join(tmpdir(), "importMovieLens-test-"));
  await writeSynthetic(dir, {seed: 5, users: 2000, movies: 800, ratings: 300_000, noise: 0.5});
  [movies, ratings, myRatings] = ["movies.dat", "ratings.dat", "my_ratings.dat"].map(
    (f) => new Uint8Array(readFileSync(join(dir, f)))
  );
  // The real archive's layout: one folder, with files the workbook does not need beside the ones it does.
  zip = zipSync({
    "ml-10M100K": {
      "allbut.pl": strToU8("#!/usr/bin/perl\n"),
      "movies.dat": movies,
      "ratings.dat": ratings,
      "my_ratings.dat": myRatings,
      "tags.dat": strToU8("15::4973::excellent!::1215184630\n")
    }
  });
  const loaded = await readDataset(await resolveDataset({env: {MOVIELENS_DIR: dir}}));
  expected = datasetArtifacts(loaded.movies, loaded.ratings, loaded.rows, NAMED);
});

describe("importMovieLens(zip, options)", () => {
  it("imports ml-10m.zip into the same artifacts as datasetArtifacts on the unzipped folder", async () => {
    const artifacts = await importMovieLens(zip);
    expect(Buffer.from(artifacts.ratingsFile).equals(Buffer.from(expected.ratingsFile))).toBe(true);
    expect(artifacts.movies).toEqual(expected.movies);
    expect(artifacts.summary).toEqual(expected.summary);
    expect(artifacts.histogram).toEqual(expected.histogram);
    expect(artifacts.summary.dataset).toEqual(NAMED);
    expect(artifacts.summary.dataset.name).toBe(
      "MovieLens-format data, 800 movies, 300,000 ratings (from your computer)"
    );
    expect(artifacts.summary.counts.myRatings).toBeGreaterThan(0);
    expect(decodeRatingsFile(artifacts.ratingsFile.buffer as ArrayBuffer).header.meta).toEqual({
      dataset: NAMED.name,
      kind: "movielens"
    });
  });

  it("reports progress in bytes, chunk by chunk, through unzip, ratings, movies and index", async () => {
    const events: ImportProgress[] = [];
    await importMovieLens(zip, {onProgress: (p) => events.push(p)});
    const rated = events.filter((e) => e.stage === "ratings");
    expect(rated.length).toBeGreaterThanOrEqual(2);
    expect(rated.every((e, i) => e.total === ratings.length && (i === 0 || e.done > rated[i - 1].done))).toBe(true);
    expect(rated.at(-1)!.done).toBe(ratings.length);
    expect(events.filter((e) => e.stage === "unzip").every((e) => e.total === zip.length && e.done <= zip.length)).toBe(
      true
    );
    expect(events.at(-1)).toEqual({stage: "index", done: 1, total: 1});
    expect(events.map((e) => e.stage).filter((s, i, a) => s !== a[i - 1])).toEqual(["movies", "ratings", "index"]);
  });

  it("reports unzip progress in zip bytes while it skips entries it does not need", async () => {
    const big = zipSync({
      "tags.dat": [new Uint8Array(3 << 20), {level: 0}],
      "movies.dat": movies,
      "ratings.dat": ratings
    });
    const events: ImportProgress[] = [];
    await importMovieLens(big, {onProgress: (p) => events.push(p)});
    expect(events.map((e) => e.stage).filter((s, i, a) => s !== a[i - 1])).toEqual([
      "unzip",
      "movies",
      "ratings",
      "index"
    ]);
    expect(events.filter((e) => e.stage === "unzip").every((e) => e.total === big.length && e.done <= big.length)).toBe(
      true
    );
  });

  it("reads entries stored without compression", async () => {
    const stored = zipSync({
      "movies.dat": [movies, {level: 0}],
      "ratings.dat": [ratings, {level: 0}],
      "my_ratings.dat": [myRatings, {level: 0}]
    });
    expect((await importMovieLens(stored)).summary).toEqual(expected.summary);
  });

  it("appends options.myRatings instead of the zip's my_ratings.dat, or none when it is null", async () => {
    const none = await importMovieLens(zip, {myRatings: null});
    expect(none.summary.rows.myRatings).toBe(0);
    expect(none.summary.myRatings).toEqual([]);
    const mine = await importMovieLens(zip, {myRatings: strToU8("99999::1::5::1700000000\n")});
    expect(mine.summary.myRatings).toEqual([{movieId: 1, rating: 5, timestamp: 1700000000}]);
  });

  it("names what a zip lacks and lists what it has", async () => {
    const error = await failure(
      importMovieLens(zipSync({"ml-10M100K": {"movies.dat": movies, "tags.dat": strToU8("1::1::x::1\n")}}))
    );
    expect(error?.message).toBe(
      `The zip lacks ratings.dat; it has: ml-10M100K/movies.dat, ml-10M100K/tags.dat. ${DROP}`
    );
    const both = await failure(importMovieLens([{name: "archive.zip", bytes: zipSync({"README.txt": strToU8("hi")})}]));
    expect(both?.message).toMatch(/^archive\.zip lacks movies\.dat and ratings\.dat; it has: README\.txt\./);
  });

  it("rejects what is not a zip, and a truncated zip, before parsing anything", async () => {
    const events: ImportProgress[] = [];
    const notZip = await failure(importMovieLens(strToU8("1::1::5::1\n"), {onProgress: (p) => events.push(p)}));
    expect(notZip?.message).toMatch(/^The zip is not a zip archive \(it starts with bytes 31 3a 3a 31\)/);
    const truncated = await failure(
      importMovieLens(zip.subarray(0, zip.length >> 1), {onProgress: (p) => events.push(p)})
    );
    expect(truncated?.message).toMatch(/^The zip is damaged or truncated \(.*\)\. Download it again\.$/);
    expect(events).toEqual([]);
  });

  it(
    "refuses a Deflate64 entry (7-Zip's) by its method and the fix, " + "not as damaged, before inflating anything",
    async () => {
      const events: ImportProgress[] = [];
      const deflate64 = patchZipEntry(
        zipSync({"ml-1m": {"movies.dat": movies, "ratings.dat": ratings}}),
        "ml-1m/ratings.dat",
        {method: 9}
      );
      const error = await failure(
        importMovieLens([{name: "my.zip", bytes: deflate64}], {onProgress: (p) => events.push(p)})
      );
      expect(error?.message).toBe(
        "ml-1m/ratings.dat in my.zip is compressed with Deflate64 (method 9), which this import cannot read. " +
          "Re-zip the folder with standard Deflate (in 7-Zip, choose “Deflate”), " +
          "or drop the movies.dat and ratings.dat themselves."
      );
      expect(events).toEqual([]);
    }
  );

  it("names each common method, several entries at once, and an unknown method by its number", async () => {
    const small = zipSync({"movies.dat": movies, "ratings.dat": strToU8("1::1::4::1\n")});
    const method = async (m: number) =>
      (await failure(importMovieLens(patchZipEntry(small, "ratings.dat", {method: m}))))?.message;
    const names = {12: "BZip2", 14: "LZMA", 93: "Zstandard", 95: "XZ", 98: "PPMd"};
    for (const [m, name] of Object.entries(names))
      expect(await method(Number(m))).toMatch(
        new RegExp(
          `^ratings\\.dat in the zip is compressed with ${name} \\(method ${m}\\), which this import cannot read\\.`
        )
      );
    expect(await method(77)).toMatch(/^ratings\.dat in the zip is compressed with compression method 77, which/);
    const both = patchZipEntry(patchZipEntry(small, "ratings.dat", {method: 9}), "movies.dat", {method: 9});
    expect((await failure(importMovieLens(both)))?.message).toMatch(
      /^movies\.dat and ratings\.dat in the zip are compressed with Deflate64 \(method 9\), which/
    );
    const mixed = patchZipEntry(patchZipEntry(small, "ratings.dat", {method: 9}), "movies.dat", {method: 12});
    expect((await failure(importMovieLens(mixed)))?.message).toMatch(
      new RegExp(
        String.raw`^movies\.dat and ratings\.dat in the zip are compressed with ` +
          String.raw`BZip2 \(method 12\) and Deflate64 \(method 9\) respectively, which`
      )
    );
    // An entry the import does not read may use any method.
    const tags = patchZipEntry(
      zipSync({"tags.dat": strToU8("x"), "movies.dat": movies, "ratings.dat": ratings}),
      "tags.dat",
      {method: 9}
    );
    expect((await importMovieLens(tags, {myRatings: null})).summary.counts.ratings).toBe(300_000);
  });

  it("refuses an encrypted entry (flag bit 0, or AES's method 99) as encrypted, with the fix", async () => {
    const small = zipSync({"movies.dat": movies, "ratings.dat": strToU8("1::1::4::1\n")});
    const flagged = await failure(
      importMovieLens([{name: "secret.zip", bytes: patchZipEntry(small, "movies.dat", {flags: 1})}])
    );
    expect(flagged?.message).toBe(
      "movies.dat in secret.zip is encrypted: unzip secret.zip with its password and drop the .dat files themselves."
    );
    const aes = await failure(
      importMovieLens(
        patchZipEntry(patchZipEntry(small, "ratings.dat", {method: 99, flags: 1}), "movies.dat", {method: 99, flags: 1})
      )
    );
    expect(aes?.message).toBe(
      "movies.dat and ratings.dat in the zip are encrypted: unzip the zip with its password " +
        "and drop the .dat files themselves."
    );
  });

  it(
    "imports an ml-latest-small zip, named by its folder, and an ML-100K zip with u.genre, " + "as the loaders would",
    async () => {
      const csv = zipSync({
        "ml-latest-small": {
          "links.csv": strToU8("movieId,imdbId,tmdbId\n"),
          "movies.csv": fixture("ml-latest-small/movies.csv"),
          "ratings.csv": fixture("ml-latest-small/ratings.csv"),
          "README.txt": strToU8("")
        }
      });
      const small = await importMovieLens([{name: "ml-latest-small.zip", bytes: csv}]);
      expect(small.summary.dataset.name).toBe("MovieLens Latest Small (from your computer)");
      expect(small.summary.dataset.format).toBe("csv");
      expect(small.summary.counts).toEqual({users: 3, movies: 7, ratedMovies: 7, ratings: 7, myRatings: 0});
      expect(small.movies.find((m) => m.id === 149340)).toMatchObject({
        title: '"Grand Stages" Dogs',
        year: 1998,
        ratings: 1,
        mean: 3.5
      });
      const ml100k = zipSync({
        "ml-100k": {
          "u.data": fixture("ml-100k/u.data"),
          "u.item": fixture("ml-100k/u.item"),
          "u.genre": U_GENRE,
          "u.user": strToU8("")
        }
      });
      const hundred = await importMovieLens(ml100k, {myRatings: strToU8("99999::1363::4.5::1700000000\n")});
      expect(hundred.summary.dataset.name).toBe("MovieLens-format data, 9 movies, 6 ratings (from your computer)");
      expect(hundred.summary.dataset.format).toBe("100k");
      expect(hundred.movies.find((m) => m.id === 1363)).toMatchObject({
        title: "Célibataires, Les",
        year: 1995,
        genres: ["Drama"],
        ratings: 1,
        mean: 4.5
      });
      expect(hundred.summary.myRatings).toEqual([{movieId: 1363, rating: 4.5, timestamp: 1700000000}]);
    }
  );

  it("renumbers a release's own user 99999, keeps 99999 for me, and says so in the banner", async () => {
    const csv = zipSync({
      "ml-32m": {
        "movies.csv": fixture("ml-latest-small/movies.csv"),
        "ratings.csv": strToU8("userId,movieId,rating,timestamp\n1,1,4.0,1\n99999,4,2.5,2\n")
      }
    });
    const artifacts = await importMovieLens(csv, {myRatings: strToU8("99999::1::5::3\n")});
    expect(artifacts.summary.dataset.banner).toBe(
      "MovieLens-format data, 7 movies, 2 ratings, loaded from your computer and kept in this browser. " +
        "Its own user 99999 is user 100000 here, since 99999 is you (my_ratings.dat)."
    );
    expect(artifacts.summary.lastRatings.map((r) => [r.userId, r.movieId])).toEqual([
      [1, 1],
      [100000, 4],
      [99999, 1]
    ]);
    expect(artifacts.summary.myRatings).toEqual([{movieId: 1, rating: 5, timestamp: 3}]);
  });

  it(
    "says which release a zip looks like when it lacks a file, " + "and passes on a CSV reader's file:line error",
    async () => {
      const ml25m = zipSync({"ml-25m": {"movies.csv": strToU8(""), "genome-scores.csv": strToU8("")}});
      expect((await failure(importMovieLens(ml25m)))?.message).toBe(
        `The zip looks like MovieLens 25M (ml-25m), with comma-separated ratings.csv and movies.csv, ` +
          `but lacks ratings.csv; it has: ml-25m/movies.csv, ml-25m/genome-scores.csv. ${DROP}`
      );
      const ml100k = zipSync({"ml-100k": {"u.data": strToU8("196\t242\t3\t887000949\n"), "u.user": strToU8("")}});
      expect((await failure(importMovieLens(ml100k)))?.message).toMatch(
        new RegExp(
          String.raw`^The zip looks like MovieLens 100K \(ml-100k\), ` +
            String.raw`with tab-separated u\.data and \|-separated u\.item, but lacks u\.item;`
        )
      );
      const bad = zipSync({
        "movies.csv": fixture("ml-latest-small/movies.csv"),
        "ratings.csv": strToU8("userId,movieId,rating,timestamp\n1,1,4.0,1\n1,3,4.25,2\n")
      });
      expect((await failure(importMovieLens(bad)))?.message).toBe(
        "ratings.csv:3: rating 4.25 is not a multiple of 0.5\n  > 1,3,4.25,2"
      );
    }
  );

  it("says so when the zip holds another zip rather than the files", async () => {
    const nested = zipSync({"ml-10m.zip": [zip, {level: 0}], "notes.txt": strToU8("")});
    expect((await failure(importMovieLens([{name: "Archive.zip", bytes: nested}])))?.message).toBe(
      "Archive.zip holds another zip (ml-10m.zip) and no movies.dat or ratings.dat: unzip it, " +
        "and drop the zip that was inside."
    );
  });

  it("names a 7z, RAR or tar.gz archive that is not a zip", async () => {
    const sevenZip = Uint8Array.of(0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c, 0, 4);
    expect((await failure(importMovieLens(sevenZip)))?.message).toBe(
      "The zip is a 7z archive, which this import cannot read (it reads .zip files). " +
        "Extract it and drop the movies.dat and ratings.dat inside, or zip them with standard Deflate."
    );
  });

  it("passes on the parser's file:line error for a malformed line, deep in a streamed ratings.dat", async () => {
    const lines = new TextDecoder().decode(ratings).split("\n");
    const bad = 250_000; // ~6 MB in: several inflated chunks after the start
    lines[bad - 1] = "1::32::4.25::1";
    const broken = zipSync({"ml-10M100K": {"movies.dat": movies, "ratings.dat": strToU8(lines.join("\n"))}});
    const error = await failure(importMovieLens(broken));
    expect(error?.name).toBe("FormatError");
    expect(error?.message).toBe(`ratings.dat:${bad}: rating 4.25 is not a multiple of 0.5\n  > 1::32::4.25::1`);
  });

  it("passes on movies.dat's file:line error, before inflating the ratings that follow it", async () => {
    const events: ImportProgress[] = [];
    const bad = zipSync({"movies.dat": strToU8("1::Heat (1995)::Action\nx::Bad::Drama\n"), "ratings.dat": ratings});
    const error = await failure(importMovieLens(bad, {onProgress: (p) => events.push(p)}));
    expect(error?.message).toBe('movies.dat:2: movie id is not a number: "x"\n  > x::Bad::Drama');
    expect(events.filter((e) => e.stage === "ratings")).toEqual([]);
  });
});

describe("importMovieLens(files, options)", () => {
  it("imports the bare .dat files, matched by basename in any folder", async () => {
    const events: ImportProgress[] = [];
    const files = [
      {name: "ml-10M100K/movies.dat", bytes: movies},
      {name: "ml-10M100K/ratings.dat", bytes: ratings},
      {name: "my_ratings.dat", bytes: myRatings},
      {name: "README.html", bytes: strToU8("<p>")}
    ];
    const artifacts = await importMovieLens(files, {onProgress: (p) => events.push(p)});
    expect(Buffer.from(artifacts.ratingsFile).equals(Buffer.from(expected.ratingsFile))).toBe(true);
    expect(artifacts.movies).toEqual(expected.movies);
    expect(artifacts.summary).toEqual(expected.summary);
    expect(artifacts.histogram).toEqual(expected.histogram);
    expect(events.filter((e) => e.stage === "ratings").map((e) => e.done)).toEqual([1 << 22, ratings.length]);
  });

  it("imports a dropped zip, ignoring a stray file beside it", async () => {
    expect((await importMovieLens([{name: "ml-10m.zip", bytes: zip}])).summary).toEqual(expected.summary);
    expect(
      (
        await importMovieLens([
          {name: ".DS_Store", bytes: strToU8("x")},
          {name: "ml-10m.zip", bytes: zip}
        ])
      ).summary
    ).toEqual(expected.summary);
  });

  it("names the missing file, and refuses a zip dropped with .dat files", async () => {
    const missing = await failure(
      importMovieLens([
        {name: "movies.dat", bytes: FIXTURE_MOVIES},
        {name: "tags.dat", bytes: strToU8("")}
      ])
    );
    expect(missing?.message).toMatch(/^What you dropped lacks ratings\.dat; you dropped: movies\.dat, tags\.dat\./);
    const mixed = await failure(
      importMovieLens([
        {name: "ml-10m.zip", bytes: zip},
        {name: "ratings.dat", bytes: ratings}
      ])
    );
    expect(mixed?.message).toBe(
      "Drop one zip on its own, or the .dat files without a zip (you dropped ml-10m.zip, ratings.dat)."
    );
    const two = await failure(
      importMovieLens([
        {name: "a.zip", bytes: zip},
        {name: "b.zip", bytes: zip}
      ])
    );
    expect(two?.message).toMatch(/^Drop one zip on its own/);
  });

  it("imports dropped CSV or ML-100K files, and says which release they look like when one is missing", async () => {
    const csv = await importMovieLens([
      {name: "ml-latest-small/ratings.csv", bytes: fixture("ml-latest-small/ratings.csv")},
      {name: "ml-latest-small/movies.csv", bytes: fixture("ml-latest-small/movies.csv")}
    ]);
    expect(csv.summary.dataset.name).toBe("MovieLens Latest Small (from your computer)");
    const hundred = await importMovieLens([
      {name: "u.data", bytes: fixture("ml-100k/u.data")},
      {name: "u.item", bytes: fixture("ml-100k/u.item")}
    ]);
    expect(hundred.summary.counts.ratings).toBe(6);
    const missing = await failure(
      importMovieLens([
        {name: "ratings.csv", bytes: strToU8("userId,movieId,rating,timestamp\n")},
        {name: "links.csv", bytes: strToU8("")}
      ])
    );
    expect(missing?.message).toBe(
      `What you dropped looks like one of MovieLens's CSV releases (ml-latest-small, ML-20M, 25M, 32M or ml-latest), ` +
        `with comma-separated ratings.csv and movies.csv, but lacks movies.csv; you dropped: ` +
        `ratings.csv, links.csv. ${DROP}`
    );
  });

  it(
    "names a dropped 7z, RAR or tar.gz archive as an archive it cannot read, " + "not as a folder without the files",
    async () => {
      const gz = await failure(importMovieLens([{name: "ml-10m.tar.gz", bytes: Uint8Array.of(0x1f, 0x8b, 8, 0)}]));
      expect(gz?.message).toBe(
        "ml-10m.tar.gz is a gzip archive, which this import cannot read (it reads .zip files). " +
          "Extract it and drop the movies.dat and ratings.dat inside, or zip them with standard Deflate."
      );
      const rar = await failure(importMovieLens([{name: "ml-1m.rar", bytes: strToU8("Rar!\x1a\x07\x00")}]));
      expect(rar?.message).toMatch(/^ml-1m\.rar is a RAR archive, which this import cannot read/);
    }
  );

  it("passes on the parser's file:line error", async () => {
    const error = await failure(
      importMovieLens([
        {name: "movies.dat", bytes: FIXTURE_MOVIES},
        {name: "ratings.dat", bytes: strToU8("1::1::4::1\n1::2::4::1\n1::32::4.25::1\n")}
      ])
    );
    expect(error?.message).toBe("ratings.dat:3: rating 4.25 is not a multiple of 0.5\n  > 1::32::4.25::1");
  });
});

describe("baseName(path)", () => {
  it("takes the last part of a / or \\ path, lower-cased", () => {
    expect(baseName("ml-10M100K/Ratings.dat")).toBe("ratings.dat");
    expect(baseName("C:\\data\\movies.dat")).toBe("movies.dat");
    expect(baseName("movies.dat")).toBe("movies.dat");
  });
});
