import {mkdir, mkdtemp, readFile, readdir, rm, writeFile} from "node:fs/promises";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterEach, beforeEach, describe, expect, it} from "vitest";
import {oracleMse} from "../src/components/synth/oracleMse.js";
import {splitRows} from "../src/components/split/splitRows.js";
import {formatRatings} from "../src/components/synth/encodeRatings.js";
import {formatMovies, formatMoviesCsv} from "../src/components/synth/formatMovies.js";
import {synthesize} from "../src/components/synth/synthesize.js";
import {writeSynthetic} from "../src/data/writeSynthetic.js";

const SMALL = {seed: 7, users: 300, movies: 1000, ratings: 20_000};
const FILES = ["SYNTHETIC.json", "movies.dat", "my_ratings.dat", "ratings.dat"];

let root: string;
beforeEach(async () => void (root = await mkdtemp(join(tmpdir(), "writeSynthetic-"))));
afterEach(async () => rm(root, {recursive: true, force: true}));

describe("writeSynthetic(dir, options, log, {csv: true})", () => {
  it("writes movies.csv and ratings.csv as the CSV releases ship them, which the build reads back", async () => {
    const dir = join(root, "ml-32m-shape");
    await writeSynthetic(dir, SMALL, () => {}, {csv: true});
    expect((await readdir(dir)).sort()).toEqual(["SYNTHETIC.json", "movies.csv", "my_ratings.dat", "ratings.csv"]);
    const data = synthesize(SMALL);
    expect(await readFile(join(dir, "movies.csv"), "utf-8")).toBe(formatMoviesCsv(data.movies));
    const ratings = await readFile(join(dir, "ratings.csv"), "utf-8");
    expect(ratings.startsWith("userId,movieId,rating,timestamp\n")).toBe(true);
    expect(ratings.split("\n").length).toBe(SMALL.ratings + 2);
  });
});

describe("writeSynthetic(dir, options, log)", () => {
  it("writes the four files, exactly what synthesize formats, and leaves no temp folder", async () => {
    const dir = join(root, "synthetic");
    const messages: string[] = [];
    const meta = await writeSynthetic(dir, SMALL, (m) => messages.push(m));
    expect((await readdir(root)).sort()).toEqual(["synthetic"]);
    expect((await readdir(dir)).sort()).toEqual(FILES);
    const data = synthesize(SMALL);
    expect(await readFile(join(dir, "movies.dat"), "utf-8")).toBe(formatMovies(data.movies));
    expect(await readFile(join(dir, "ratings.dat"), "utf-8")).toBe(formatRatings(data.ratings));
    expect(await readFile(join(dir, "my_ratings.dat"), "utf-8")).toBe(formatRatings(data.myRatings));
    expect(JSON.parse(await readFile(join(dir, "SYNTHETIC.json"), "utf-8"))).toEqual(meta);
    // SYNTHETIC.json adds the oracle's MSE on the Train page's default split of ratings.dat then my_ratings.dat.
    const split = splitRows(data.ratings.rating2.length + data.myRatings.rating2.length, {seed: 42});
    expect(meta).toEqual({...data.meta, oracleMse: oracleMse(data, split)});
    expect(meta.oracleMse).toBeGreaterThan(meta.noiseFloorMse);
    expect(messages.join("\n")).toMatch(/wrote movies\.dat/);
  });
  it("writes titles as UTF-8", async () => {
    const dir = join(root, "synthetic");
    await writeSynthetic(dir, SMALL);
    const bytes = await readFile(join(dir, "movies.dat"));
    const text = new TextDecoder("utf-8", {fatal: true}).decode(bytes);
    expect(text).toMatch(/[^\x00-\x7f]/);
    expect(bytes.length).toBeGreaterThan(text.length); // accented letters take two bytes
  });
  it("streams ratings.dat in slices whose seams do not show", async () => {
    const options = {seed: 2, users: 2000, movies: 1500, ratings: 450_000};
    const dir = join(root, "big");
    await writeSynthetic(dir, options);
    const text = await readFile(join(dir, "ratings.dat"), "utf-8");
    expect(text).toBe(formatRatings(synthesize(options).ratings));
  });
  it("replaces an existing folder whole, and creates missing parents", async () => {
    const dir = join(root, "a", "b", "synthetic");
    await mkdir(dir, {recursive: true});
    await writeFile(join(dir, "stale.txt"), "old");
    await writeSynthetic(dir, {...SMALL, seed: 8});
    expect((await readdir(dir)).sort()).toEqual(FILES);
    expect((await readdir(join(root, "a", "b"))).sort()).toEqual(["synthetic"]);
    expect(JSON.parse(await readFile(join(dir, "SYNTHETIC.json"), "utf-8")).options.seed).toBe(8);
  });
  it("rejects impossible options, leaving an existing folder untouched", async () => {
    const dir = join(root, "synthetic");
    await mkdir(dir);
    await writeFile(join(dir, "keep.txt"), "kept");
    await expect(writeSynthetic(dir, {users: 100, movies: 50, ratings: 100})).rejects.toThrow(TypeError);
    expect(await readdir(root)).toEqual(["synthetic"]);
    expect(await readFile(join(dir, "keep.txt"), "utf-8")).toBe("kept");
  });
});
