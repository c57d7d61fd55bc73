import {readFileSync, mkdtempSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {strToU8, zipSync} from "fflate";
import {beforeAll, describe, expect, it} from "vitest";
import {BROWSER_DATASET, datasetArtifacts} from "../src/components/datasetArtifacts.js";
import type {DatasetArtefacts} from "../src/components/datasetArtifacts.js";
import {baseName, importMovieLens, isZip} from "../src/components/importMovieLens.js";
import type {ImportProgress} from "../src/components/importMovieLens.js";
import {decodeRatingsFile} from "../src/components/ratingsFile.js";
import {resolveDataset} from "../src/data/dataset.js";
import {readDataset} from "../src/data/readDataset.js";
import {writeSynthetic} from "../src/data/writeSynthetic.js";

const FIXTURE_MOVIES = readFileSync("test/fixtures/movies.dat");

let dir: string;
let movies: Uint8Array;
let ratings: Uint8Array;
let myRatings: Uint8Array;
let zip: Uint8Array;
let expected: DatasetArtefacts;

/** The error an import rejects with, or null. */
const failure = (promise: Promise<unknown>) => promise.then(() => null, (e: Error) => e);

beforeAll(async () => {
  // ~7.6 MB of ratings that deflate to ~2.4 MB: several 1 MB zip slices, so the stream crosses chunk boundaries.
  dir = mkdtempSync(join(tmpdir(), "importMovieLens-test-"));
  await writeSynthetic(dir, {seed: 5, users: 2000, movies: 800, ratings: 300_000, noise: 0.5});
  [movies, ratings, myRatings] = ["movies.dat", "ratings.dat", "my_ratings.dat"].map((f) => new Uint8Array(readFileSync(join(dir, f))));
  // The real archive's layout: one folder, with files the workbook does not need beside the ones it does.
  zip = zipSync({"ml-10M100K": {"allbut.pl": strToU8("#!/usr/bin/perl\n"), "movies.dat": movies, "ratings.dat": ratings, "my_ratings.dat": myRatings, "tags.dat": strToU8("15::4973::excellent!::1215184630\n")}});
  const loaded = await readDataset(await resolveDataset({env: {MOVIELENS_DIR: dir}}));
  expected = datasetArtifacts(loaded.movies, loaded.ratings, loaded.rows, BROWSER_DATASET);
});

describe("importMovieLens(zip, options)", () => {
  it("imports ml-10m.zip into the same artefacts as datasetArtifacts on the unzipped folder", async () => {
    const artefacts = await importMovieLens(zip);
    expect(Buffer.from(artefacts.ratingsFile).equals(Buffer.from(expected.ratingsFile))).toBe(true);
    expect(artefacts.movies).toEqual(expected.movies);
    expect(artefacts.summary).toEqual(expected.summary);
    expect(artefacts.histogram).toEqual(expected.histogram);
    expect(artefacts.summary.dataset).toEqual(BROWSER_DATASET);
    expect(artefacts.summary.counts.myRatings).toBeGreaterThan(0);
    expect(decodeRatingsFile(artefacts.ratingsFile.buffer as ArrayBuffer).header.meta).toEqual({dataset: BROWSER_DATASET.name, kind: "movielens"});
  });

  it("reports progress in bytes, chunk by chunk, through unzip, ratings, movies and index", async () => {
    const events: ImportProgress[] = [];
    await importMovieLens(zip, {onProgress: (p) => events.push(p)});
    const rated = events.filter((e) => e.stage === "ratings");
    expect(rated.length).toBeGreaterThanOrEqual(2);
    expect(rated.every((e, i) => e.total === ratings.length && (i === 0 || e.done > rated[i - 1].done))).toBe(true);
    expect(rated.at(-1)!.done).toBe(ratings.length);
    expect(events.filter((e) => e.stage === "unzip").every((e) => e.total === zip.length && e.done <= zip.length)).toBe(true);
    expect(events.at(-1)).toEqual({stage: "index", done: 1, total: 1});
    expect(events.map((e) => e.stage).filter((s, i, a) => s !== a[i - 1])).toEqual(["movies", "ratings", "index"]);
  });

  it("reports unzip progress in zip bytes while it skips entries it does not need", async () => {
    const big = zipSync({"tags.dat": [new Uint8Array(3 << 20), {level: 0}], "movies.dat": movies, "ratings.dat": ratings});
    const events: ImportProgress[] = [];
    await importMovieLens(big, {onProgress: (p) => events.push(p)});
    expect(events.map((e) => e.stage).filter((s, i, a) => s !== a[i - 1])).toEqual(["unzip", "movies", "ratings", "index"]);
    expect(events.filter((e) => e.stage === "unzip").every((e) => e.total === big.length && e.done <= big.length)).toBe(true);
  });

  it("reads entries stored without compression", async () => {
    const stored = zipSync({"movies.dat": [movies, {level: 0}], "ratings.dat": [ratings, {level: 0}], "my_ratings.dat": [myRatings, {level: 0}]});
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
    const error = await failure(importMovieLens(zipSync({"ml-10M100K": {"movies.dat": movies, "tags.dat": strToU8("1::1::x::1\n")}})));
    expect(error?.message).toMatch(/^The zip lacks ratings\.dat; it has: ml-10M100K\/movies\.dat, ml-10M100K\/tags\.dat\. Drop ml-10m\.zip/);
    const both = await failure(importMovieLens([{name: "archive.zip", bytes: zipSync({"README.txt": strToU8("hi")})}]));
    expect(both?.message).toMatch(/^archive\.zip lacks movies\.dat and ratings\.dat; it has: README\.txt\./);
  });

  it("rejects what is not a zip, and a truncated zip, before parsing anything", async () => {
    const events: ImportProgress[] = [];
    const notZip = await failure(importMovieLens(strToU8("1::1::5::1\n"), {onProgress: (p) => events.push(p)}));
    expect(notZip?.message).toMatch(/^The zip is not a zip archive \(it starts with bytes 31 3a 3a 31\)/);
    const truncated = await failure(importMovieLens(zip.subarray(0, zip.length >> 1), {onProgress: (p) => events.push(p)}));
    expect(truncated?.message).toMatch(/^The zip is damaged or truncated .*Download ml-10m\.zip again\.$/);
    expect(events).toEqual([]);
  });

  it("passes on the parser's file:line error for a malformed line, deep in a streamed ratings.dat", async () => {
    const lines = new TextDecoder().decode(ratings).split("\n");
    const bad = 250_000; // ~6 MB in: several inflated chunks after the start
    lines[bad - 1] = "1::32::4.25::1";
    const broken = zipSync({"ml-10M100K": {"movies.dat": movies, "ratings.dat": strToU8(lines.join("\n"))}});
    const error = await failure(importMovieLens(broken));
    expect(error?.name).toBe("DatError");
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
    const files = [{name: "ml-10M100K/movies.dat", bytes: movies}, {name: "ml-10M100K/ratings.dat", bytes: ratings}, {name: "my_ratings.dat", bytes: myRatings}, {name: "README.html", bytes: strToU8("<p>")}];
    const artefacts = await importMovieLens(files, {onProgress: (p) => events.push(p)});
    expect(Buffer.from(artefacts.ratingsFile).equals(Buffer.from(expected.ratingsFile))).toBe(true);
    expect(artefacts.movies).toEqual(expected.movies);
    expect(artefacts.summary).toEqual(expected.summary);
    expect(artefacts.histogram).toEqual(expected.histogram);
    expect(events.filter((e) => e.stage === "ratings").map((e) => e.done)).toEqual([1 << 22, ratings.length]);
  });

  it("imports a dropped zip, ignoring a stray file beside it", async () => {
    expect((await importMovieLens([{name: "ml-10m.zip", bytes: zip}])).summary).toEqual(expected.summary);
    expect((await importMovieLens([{name: ".DS_Store", bytes: strToU8("x")}, {name: "ml-10m.zip", bytes: zip}])).summary).toEqual(expected.summary);
  });

  it("names the missing file, and refuses a zip dropped with .dat files", async () => {
    const missing = await failure(importMovieLens([{name: "movies.dat", bytes: FIXTURE_MOVIES}, {name: "tags.dat", bytes: strToU8("")}]));
    expect(missing?.message).toMatch(/^What you dropped lacks ratings\.dat; it is: movies\.dat, tags\.dat\./);
    const mixed = await failure(importMovieLens([{name: "ml-10m.zip", bytes: zip}, {name: "ratings.dat", bytes: ratings}]));
    expect(mixed?.message).toMatch(/^Drop ml-10m\.zip on its own/);
    const two = await failure(importMovieLens([{name: "a.zip", bytes: zip}, {name: "b.zip", bytes: zip}]));
    expect(two?.message).toMatch(/^Drop ml-10m\.zip on its own/);
  });

  it("passes on the parser's file:line error", async () => {
    const error = await failure(importMovieLens([{name: "movies.dat", bytes: FIXTURE_MOVIES}, {name: "ratings.dat", bytes: strToU8("1::1::4::1\n1::2::4::1\n1::32::4.25::1\n")}]));
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

describe("isZip(bytes)", () => {
  it("recognizes a zip's first bytes", () => {
    expect(isZip(zipSync({"a.txt": strToU8("a")}))).toBe(true);
    expect(isZip(zipSync({}))).toBe(true);
    expect(isZip(strToU8("1::1::5::1\n"))).toBe(false);
    expect(isZip(new Uint8Array(0))).toBe(false);
  });
});
